"""Pure helpers: text cleaning, encodings, dates, countries, remote flags."""

from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from pipelines.common.geo import country_of, remote_flag
from pipelines.common.text import _gfm_to_html, decode_bytes, html_to_text, markdown_to_text
from pipelines.ingestion.batch import clean, to_date


def test_html_soup_with_unclosed_tags_keeps_all_text_and_decodes_entities():
    html = ("<div><p>Build &amp; ship<ul><li>Python<li>Rust &lt;3</ul>"
            "<p>Pay: $150k&nbsp;&mdash; $200k")
    assert html_to_text(html) == "Build & ship\n\n- Python\n- Rust <3\n\nPay: $150k — $200k"


def test_html_scripts_and_styles_are_dropped():
    assert html_to_text("<style>p{}</style><p>Hi</p><script>alert(1)</script>") == "Hi"


def test_hn_comment_header_stays_on_its_own_line():
    # HN text starts with bare text, then paragraphs as unclosed <p>.
    text = html_to_text("Acme | Engineer | REMOTE<p>We are &quot;hiring&quot;<p>x@acme.com")
    assert text.split("\n") == ["Acme | Engineer | REMOTE", "We are \"hiring\"", "x@acme.com"]


def test_markdown_is_stripped_to_text_including_inline_html():
    md = ("# [Title](https://x.test)\n\n**Bold** and <b>html</b> [link](https://y.test)"
          "\n\n- one\n- two")
    assert markdown_to_text(md) == "Title\n\nBold and html link\n\n- one\n\n- two"


@pytest.mark.parametrize("value", [None, ""])
def test_empty_markup_gives_empty_text(value):
    assert html_to_text(value) == "" and markdown_to_text(value) == ""


def test_decode_bytes_reports_fallback_for_non_utf8():
    text, repair = decode_bytes("Zürich café".encode("cp1252"))
    assert text == "Zürich café"
    assert repair is not None and "non-UTF-8" in repair


def test_decode_bytes_strips_bom_and_reports_nothing_for_utf8():
    assert decode_bytes("\ufeffhello".encode()) == ("hello", None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-08-22T13:33:29.422+00:00", "2025-08-22"),
        ("2026-01-22T09:42:31.393288", "2026-01-22"),
        ("2025-02-26 06:10:55", "2025-02-26"),
        ("2026-08-01", "2026-08-01"),
        (1767377545, "2026-01-02"),
        ("a day ago", None),
        ("", None),
        (None, None),
    ],
)
def test_to_date(value, expected):
    assert to_date(value) == expected


@pytest.mark.parametrize(("value", "expected"), [(" x ", "x"), ("None", None), ("null", None),
                                                 ("", None), (None, None), (0, "0")])
def test_clean(value, expected):
    assert clean(value) == expected


@pytest.mark.parametrize(
    ("location", "country"),
    [
        ("San Francisco, CA | New York City, NY", "US"),
        ("London, UK", "GB"),
        ("Toronto, ON", "CA"),
        ("Bilbao, Spain", "ES"),
        ("İstanbul", "TR"),
        ("Zürich", "CH"),
        ("Seoul, South Korea", "KR"),
        ("Remote (US)", "US"),
        ("New Mexico", "US"),
        ("Paris, France; London", "FR"),
        ("Remote - EMEA", None),
        ("work in the office", None),
        (None, None),
    ],
)
def test_country_of(location, country):
    assert country_of(location) == country


def test_remote_flag():
    assert remote_flag("NYC or REMOTE (US)") is True
    assert remote_flag("Onsite only, no remote") is False
    assert remote_flag("San Francisco, CA") is None
    assert remote_flag(None, "") is None


GFM = """# [Senior Engineer](https://example.com/apply)
### Acme

| Stack | Years |
|---|---|
| Python | 5+ |

~~old~~ new, see https://acme.example/jobs and <b>raw html</b>

- [x] done
- [ ] todo
"""


def test_markdown_renders_as_cmarkgfm_does():
    assert _gfm_to_html(GFM) == cmarkgfm.github_flavored_markdown_to_html(
        GFM, Options.CMARK_OPT_UNSAFE)


def _resident_mib() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


def test_markdown_conversion_does_not_leak():
    # cmarkgfm's wrapper leaked the parsed tree and the HTML (~47 KB per posting here).
    document = GFM * 40
    markdown_to_text(document)
    before = _resident_mib()
    for _ in range(3000):
        markdown_to_text(document)
    assert _resident_mib() - before < 25
