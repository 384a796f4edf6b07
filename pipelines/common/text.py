"""Turn the markup the sources use (HTML, HN HTML, markdown) into plain text, and decode bytes.

Every description in the warehouse goes through `html_to_text` or `markdown_to_text`, so there
is one definition of "plain text" across sources.
"""

from __future__ import annotations

import ctypes
import re

from cmarkgfm import _cmark
from cmarkgfm.cmark import Options
from selectolax.lexbor import LexborHTMLParser

# cmarkgfm's own wrappers (2025.10.22) never free the parsed document nor the rendered string,
# about 47 KB per document: RemoteWLB's 18,574 files leaked ~0.9 GB. The wrapper below makes the
# same calls and frees both; ctypes reaches cmark_node_free, which the cffi module does not
# expose, in the very library cffi loaded.
_CMARK = ctypes.CDLL(_cmark.__file__)
_CMARK.cmark_node_free.argtypes = [ctypes.c_void_p]
_LIBC = ctypes.CDLL(None)
_LIBC.free.argtypes = [ctypes.c_void_p]
_GFM_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_GITHUB_PRE_LANG
# Registered and looked up once: the extensions are static, and this runs per posting.
_cmark.lib.cmark_gfm_core_extensions_ensure_registered()
_GFM_EXTENSIONS = tuple(
    _cmark.lib.cmark_find_syntax_extension(name)
    for name in (b"table", b"autolink", b"tagfilter", b"strikethrough", b"tasklist"))

# Block-level tags get a line break after them, so paragraphs and list items stay apart. Doing
# this on the markup with one regex is several times faster than editing the parsed tree.
_BLOCK_TAG = re.compile(
    r"<(/?)(p|div|br|h[1-6]|tr|ul|ol|li|table|section|article|header|footer|blockquote|pre|hr"
    r"|dt|dd)\b[^>]*>",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_LINE_EDGES = re.compile(r" ?\n ?")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Emphasis markers that the markdown was too malformed to use ("** Location:** __").
_EMPHASIS_DEBRIS = re.compile(r"\*{2,}|(?<!\w)_{2,}|_{2,}(?!\w)")
# A list item whose first child is a block (<li><p>..) leaves its bullet on a line of its own.
_LONE_BULLET = re.compile(r"^- ?\n+(?=\S)", re.MULTILINE)


def html_to_text(html: str | None) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, blocks on their own lines.

    Lexbor is an HTML5 parser, so unclosed tags and other "soup" parse the way a browser would.
    """
    if not html:
        return ""
    tree = LexborHTMLParser(_BLOCK_TAG.sub(_break_after, html))
    if "<s" in html or "<n" in html or "<t" in html:
        for node in tree.css("script,style,noscript,template"):
            node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    return normalise_whitespace(root.text(separator=""))


def _break_after(tag: re.Match[str]) -> str:
    is_item = tag.group(2).lower() == "li" and not tag.group(1)
    return tag.group(0) + ("\n- " if is_item else "\n")


def markdown_to_text(markdown: str | None) -> str:
    """Plain text of a markdown document: rendered by cmark-gfm, then stripped as HTML.

    Raw HTML inside the markdown is let through the renderer (the "unsafe" option) so that its
    text survives; the result is stripped to text, never rendered.
    """
    if not markdown:
        return ""
    return normalise_whitespace(_EMPHASIS_DEBRIS.sub("", html_to_text(_gfm_to_html(markdown))))


def _gfm_to_html(markdown: str) -> str:
    """GitHub-flavoured markdown to HTML, as `cmarkgfm.github_flavored_markdown_to_html` with
    raw HTML let through, freeing what cmark allocates."""
    lib, ffi = _cmark.lib, _cmark.ffi
    parser = lib.cmark_parser_new(_GFM_OPTIONS)
    root = ffi.NULL
    try:
        for extension in _GFM_EXTENSIONS:
            lib.cmark_parser_attach_syntax_extension(parser, extension)
        encoded = markdown.encode("utf-8")
        lib.cmark_parser_feed(parser, encoded, len(encoded))
        root = lib.cmark_parser_finish(parser)
        rendered = lib.cmark_render_html(root, _GFM_OPTIONS,
                                         lib.cmark_parser_get_syntax_extensions(parser))
        try:
            return ffi.string(rendered).decode("utf-8")
        finally:
            _LIBC.free(int(ffi.cast("uintptr_t", rendered)))
    finally:
        if root != ffi.NULL:
            _CMARK.cmark_node_free(int(ffi.cast("uintptr_t", root)))
        lib.cmark_parser_free(parser)


def normalise_whitespace(text: str) -> str:
    """Collapse runs of spaces within lines and runs of blank lines; strip each line."""
    text = _LINE_EDGES.sub("\n", _SPACES.sub(" ", text))
    return _BLANK_RUNS.sub("\n\n", _LONE_BULLET.sub("- ", text)).strip()


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode source bytes as UTF-8; on failure fall back to cp1252 and say so.

    Returns the text and, when a fallback was needed, a reason string for the quarantine log
    (the record is kept, repaired, and listed there, so odd encodings are visible, not silent).
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        reason = f"non-UTF-8 bytes at offset {err.start}; decoded as cp1252"
        return data.decode("cp1252", errors="replace"), reason
