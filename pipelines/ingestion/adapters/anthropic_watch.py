"""Anthropic job watch: an index (`jobs.json`), 15 earlier index versions (`history/`) and the
Greenhouse `content` HTML of each job (`descriptions.tar.gz`, members `<greenhouse id>.html`).

Quirks: the first three history versions key jobs by a title slug, later ones by the numeric
Greenhouse id, so the id is always taken from the job URL; the pay range sits in
`<div class="pay-range">` blocks, each after a `<div class="title">` naming the tier.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from pipelines.common.geo import country_of, remote_flag
from pipelines.common.text import decode_bytes, html_to_text, normalise_whitespace
from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, Posting, clean, json_dumps
from pipelines.ingestion.readers import iter_tar_gz, load_json

SOURCE = "anthropic_job_watch"
_GH_ID = re.compile(r"/jobs/(\d+)")
_CAPTURE = re.compile(r"^(\d{4}-\d{2}-\d{2})T")
# The tracker's own repository commit that holds jobs.json (see MANIFEST provenance).
INDEX_CAPTURE_DATE = "2026-01-31"


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    entries: dict[str, dict[str, Any]] = {}
    versions = sorted((folder / "history").glob("*.json")) + [folder / "jobs.json"]
    for path in versions:
        name = rel(folder, path)
        doc = load_json(path, batch, name)
        if not isinstance(doc, list):
            if doc is not None:
                batch.reject(name, "unexpected schema: index is not a list", str(doc)[:500])
            continue
        capture = _CAPTURE.match(path.name)
        captured = capture.group(1) if capture else INDEX_CAPTURE_DATE
        for entry in doc:
            job_id = _job_id(entry)
            if job_id is None:
                batch.reject(name, "index entry without a Greenhouse id", json_dumps(entry))
                continue
            entries[job_id] = {**entry, "_file": name}  # later versions overwrite earlier
            batch.add_sighting(job_id, captured, "snapshot", name)
            batch.add_sighting(job_id, entry.get("first_seen"), "reported_first_seen", name)
            batch.add_sighting(job_id, entry.get("last_seen"), "reported_last_seen", name)
        batch.add_file(path, name, len(doc))

    descriptions: dict[str, str] = {}
    tar_path = folder / "descriptions.tar.gz"
    tar_name = rel(folder, tar_path)
    for member, data in iter_tar_gz(tar_path, batch, tar_name):
        job_id = Path(member).name.removesuffix(".html")
        text, repair = decode_bytes(data)
        if repair:
            batch.reject(f"{tar_name}:{member}", f"encoding: {repair}", record_key=job_id,
                         action="repaired")
        descriptions[job_id] = text
    batch.add_file(tar_path, tar_name, len(descriptions))

    for job_id in sorted(entries.keys() | descriptions.keys()):
        entry = entries.get(job_id)
        html = descriptions.get(job_id)
        if entry is None:
            batch.reject(f"{tar_name}:{job_id}.html", "description with no index entry (no title)",
                         (html or "")[:500], record_key=job_id)
            continue
        posting = _posting(job_id, entry, html, tar_name)
        if posting is None:
            batch.reject(entry["_file"], "index entry without a title", json_dumps(entry))
            continue
        batch.add_posting(posting, {"index": entry, "content": html})
    return batch


def _job_id(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return None
    match = _GH_ID.search(str(entry.get("url") or ""))
    if match:
        return match.group(1)
    raw = str(entry.get("id") or "")
    return raw if raw.isdigit() else None


def pay_range_text(html: str) -> str | None:
    """The pay-range blocks as text, each prefixed by its tier title: "Annual Salary: $a — $b"."""
    tree = LexborHTMLParser(html)
    parts = []
    for block in tree.css("div.pay-range"):
        title = block.prev
        while title is not None and title.tag == "-text":
            title = title.prev
        label = title.text(strip=True) if title is not None and "title" in (
            title.attributes.get("class") or "") else ""
        value = normalise_whitespace(block.text(separator=" "))
        parts.append(f"{label} {value}".strip())
    return " | ".join(parts) or None


def _posting(job_id: str, entry: dict[str, Any], html: str | None, tar_name: str) -> Posting | None:
    title = clean(entry.get("title"))
    if not title:
        return None
    location = clean(entry.get("location"))
    return Posting(
        source_id=job_id,
        title=title,
        company="Anthropic",
        team=clean(entry.get("team")),
        location_text=location,
        country=country_of(location),
        remote=remote_flag(location),
        posted_at=None,
        url=clean(entry.get("url")),
        description=html_to_text(html) if html else None,
        description_raw=html,
        description_format="html" if html else None,
        pay_text=pay_range_text(html) if html else None,
        match_key=f"greenhouse:{job_id}",
        file=f"{tar_name}:{job_id}.html" if html else entry["_file"],
        extra=json_dumps({"description_hash": entry.get("description_hash"),
                          "index_id": entry.get("id")}),
    )
