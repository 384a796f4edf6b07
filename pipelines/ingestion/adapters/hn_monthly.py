"""Hacker News "Who is hiring?" 2013-2018 (`hn_whoishiring_2013_2018/<YYYY-MM>.json.gz`): a list
per month of `{url, user, full_html, location, address, country, lat, lon, remote, h1b, intern,
freshness}`, where everything but url/user/full_html was derived by that project's parser.

Quirks: the comment time is not kept, so the thread month stands for the posting date;
2016-07, 2017-08 and 2017-09 are missing; the derived `remote` flag is only trusted when True
(its parser says False for posts that never mention remote work, so those fall back to ours).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.common.geo import country_of, remote_flag
from pipelines.common.text import html_to_text
from pipelines.ingestion.adapters.common import hn_header, hn_item_id, rel
from pipelines.ingestion.batch import Batch, Posting, clean, json_dumps
from pipelines.ingestion.readers import load_json

SOURCE = "hn_whoishiring_2013_2018"


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    for path in sorted(folder.glob("????-??.json*")):
        name = rel(folder, path)
        month = path.name[:7]
        doc = load_json(path, batch, name)
        if doc is None:
            continue
        if not isinstance(doc, list):
            batch.reject(name, "unexpected schema: not a list of comments", str(doc)[:500])
            continue
        for item in doc:
            posting = _posting(item, name, f"{month}-01")
            if posting is None:
                batch.reject(name, "not a posting: no item id or empty text", json_dumps(item))
                continue
            batch.add_posting(posting, item)
            batch.add_sighting(posting.source_id, posting.posted_at, "thread_month", name)
        batch.add_file(path, name, len(doc))
    return batch


def _posting(item: Any, name: str, month_start: str) -> Posting | None:
    if not isinstance(item, dict):
        return None
    item_id = hn_item_id(item.get("url"))
    text = html_to_text(item.get("full_html"))
    if not item_id or not text:
        return None
    title, company = hn_header(text)
    location = clean(item.get("location")) or title
    derived = clean(item.get("country"))
    return Posting(
        source_id=item_id,
        title=title,
        company=company,
        location_text=location,
        country=country_of(derived) if derived and len(derived) > 2 else derived
        or country_of(location),
        remote=True if item.get("remote") is True else remote_flag(title),
        posted_at=month_start,
        url=clean(item.get("url")),
        description=text,
        description_raw=item.get("full_html"),
        description_format="hn_html",
        match_key=f"hn:{item_id}",
        snapshot_date=month_start,
        file=name,
        extra=json_dumps({k: item.get(k) for k in ("user", "address", "h1b", "intern",
                                                   "freshness", "lat", "lon")}),
    )
