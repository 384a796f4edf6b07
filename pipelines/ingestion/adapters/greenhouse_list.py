"""Greenhouse job-board list responses (list endpoint, no `content`), captured repeatedly.

Two captures share this format: `greenhouse_boards/<date>/<board>.json.gz`, where the collector
wrapped the response as `{company, fetched_at, job_count, jobs}` (some boards were fetched days
before the snapshot date, so `fetched_at` is the sighting date), and
`greenhouse_daily/<date>/<board>.json.gz`, the API's own `{"jobs": [...], "meta": {...}}`.
`_stats.json.gz` is the collector's run summary, not a board, and is skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.common.geo import country_of, remote_flag
from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, Posting, clean, json_dumps, to_date
from pipelines.ingestion.readers import load_json


def read_boards(folder: Path) -> Batch:
    return _read(folder, "greenhouse_boards")


def read_daily(folder: Path) -> Batch:
    return _read(folder, "greenhouse_daily")


def _read(folder: Path, source: str) -> Batch:
    batch = Batch(source)
    for snapshot_dir in sorted(d for d in folder.iterdir() if d.is_dir()):
        snapshot_date = to_date(snapshot_dir.name)
        for path in sorted(snapshot_dir.glob("*.json*")):
            if path.name.startswith("_"):
                continue
            name = rel(folder, path)
            doc = load_json(path, batch, name)
            if doc is None:
                continue
            jobs = doc.get("jobs") if isinstance(doc, dict) else None
            if not isinstance(jobs, list):
                batch.reject(name, "unexpected schema: no 'jobs' list", str(doc)[:500])
                continue
            board = clean(doc.get("company")) or path.name.split(".")[0]
            seen = to_date(doc.get("fetched_at")) or snapshot_date
            for job in jobs:
                posting = _posting(job, board, name, snapshot_date)
                if posting is None:
                    batch.reject(name, "record without id or title", json_dumps(job))
                    continue
                batch.add_posting(posting, job)
                batch.add_sighting(posting.source_id, seen, "snapshot", name)
            batch.add_file(path, name, len(jobs))
    return batch


def metadata_value(job: dict[str, Any], *names: str) -> str | None:
    """A Greenhouse custom metadata field by (case-insensitive) name, e.g. "Department"."""
    wanted = {n.lower() for n in names}
    for item in job.get("metadata") or []:
        if isinstance(item, dict) and str(item.get("name", "")).lower() in wanted:
            value = item.get("value")
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            return clean(value)
    return None


def _posting(job: Any, board: str, name: str, snapshot_date: str | None) -> Posting | None:
    if not isinstance(job, dict) or job.get("id") is None or not clean(job.get("title")):
        return None
    location = clean((job.get("location") or {}).get("name"))
    return Posting(
        source_id=str(job["id"]),
        title=clean(job["title"]),
        company=clean(job.get("company_name")) or board,
        team=metadata_value(job, "team", "sub-department"),
        department=metadata_value(job, "department", "departments"),
        location_text=location,
        country=country_of(location),
        remote=remote_flag(location, metadata_value(job, "location type", "workplace type")),
        employment_type=metadata_value(job, "employment type", "employment_type"),
        posted_at=to_date(job.get("first_published") or job.get("updated_at")),
        url=clean(job.get("absolute_url")),
        match_key=f"greenhouse:{job['id']}",
        snapshot_date=snapshot_date,
        file=name,
        extra=json_dumps({"board": board, "requisition_id": job.get("requisition_id"),
                          "updated_at": job.get("updated_at")}),
    )
