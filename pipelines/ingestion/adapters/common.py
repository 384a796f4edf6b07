"""Small pieces the adapters share."""

from __future__ import annotations

import re
from pathlib import Path

_HN_ITEM = re.compile(r"[?&]id=(\d+)")
_FIRST_LINE = re.compile(r"^\s*([^\n]{1,300})")


def rel(folder: Path, path: Path) -> str:
    """A file's path as the warehouse records it: relative to the snapshot root."""
    return f"{folder.name}/{path.relative_to(folder).as_posix()}"


def hn_item_id(url: str | None) -> str | None:
    match = _HN_ITEM.search(url or "")
    return match.group(1) if match else None


def hn_header(text: str) -> tuple[str, str | None]:
    """Title and company of an HN "Who is hiring?" comment, read from its first line.

    The thread's convention is a header line "Company | Role | Location | ..."; the whole header
    serves as the title (it names the role), and its first segment as the company.
    """
    match = _FIRST_LINE.match(text)
    header = match.group(1).strip() if match else ""
    company = header.split("|")[0].strip() if "|" in header else None
    return header[:300], (company[:120] if company else None)


def hn_url(item_id: str) -> str:
    return f"https://news.ycombinator.com/item?id={item_id}"
