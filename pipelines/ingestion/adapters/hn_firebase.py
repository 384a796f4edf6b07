"""Hacker News "Who is hiring?" runs of 2026 (`hn_whoishiring/<date>.raw.json.gz`): top-level
comments in the Firebase item shape (`id, by, time, text`), wrapped in a run document.

Quirks: comment text is HN's HTML (paragraphs as bare `<p>`, entities, links); a comment has no
title, so the header line ("Company | Role | Location") serves as title; deleted or empty
comments are quarantined as not being postings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.common.geo import country_of, remote_flag
from pipelines.common.text import html_to_text
from pipelines.ingestion.adapters.common import hn_header, hn_url, rel
from pipelines.ingestion.batch import Batch, Posting, json_dumps, to_date
from pipelines.ingestion.readers import load_json

SOURCE = "hn_whoishiring"


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    for path in sorted(folder.glob("*.json*")):
        name = rel(folder, path)
        doc = load_json(path, batch, name)
        if doc is None:
            continue
        jobs = doc.get("jobs") if isinstance(doc, dict) else None
        if not isinstance(jobs, list):
            batch.reject(name, "unexpected schema: no 'jobs' list", str(doc)[:500])
            continue
        run_date = to_date(doc.get("date")) or to_date(path.name[:10])
        thread = (doc.get("sources") or {}).get("who_is_hiring_thread_title")
        for item in jobs:
            posting = comment_posting(item, name, run_date, thread)
            if posting is None:
                batch.reject(name, "not a posting: deleted, dead or empty comment",
                             json_dumps(item), record_key=str((item or {}).get("id")))
                continue
            batch.add_posting(posting, item)
            batch.add_sighting(posting.source_id, run_date, "snapshot", name)
        batch.add_file(path, name, len(jobs))
    return batch


def comment_posting(item: Any, name: str, run_date: str | None, thread: str | None
                    ) -> Posting | None:
    if not isinstance(item, dict) or item.get("id") is None:
        return None
    if item.get("deleted") or item.get("dead") or not item.get("text"):
        return None
    text = html_to_text(item["text"])
    if not text:
        return None
    title, company = hn_header(text)
    item_id = str(item["id"])
    return Posting(
        source_id=item_id,
        title=title,
        company=company,
        location_text=title,
        country=country_of(title),
        remote=remote_flag(title),
        posted_at=to_date(item.get("time")),
        url=hn_url(item_id),
        description=text,
        description_raw=item["text"],
        description_format="hn_html",
        match_key=f"hn:{item_id}",
        snapshot_date=run_date,
        file=name,
        extra=json_dumps({"by": item.get("by"), "thread": thread}),
    )
