"""Ashby public posting-API responses: `ashby/<snapshot date>/<board>.json.gz`.

Quirks: `isRemote` and `address` may be null; `compensation` is always present but holds a
Salary component only where the board shows pay; equity appears as its own component.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.common.geo import country_of, remote_flag
from pipelines.common.text import html_to_text, normalise_whitespace
from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, Posting, clean, json_dumps, to_date
from pipelines.ingestion.readers import load_json

SOURCE = "ashby"
_PERIODS = {"1 YEAR": "year", "1 MONTH": "month", "1 WEEK": "week", "1 DAY": "day",
            "1 HOUR": "hour"}


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    for snapshot_dir in sorted(d for d in folder.iterdir() if d.is_dir()):
        snapshot_date = to_date(snapshot_dir.name)
        for path in sorted(snapshot_dir.glob("*.json*")):
            name = rel(folder, path)
            doc = load_json(path, batch, name)
            if doc is None:
                continue
            jobs = doc.get("jobs") if isinstance(doc, dict) else None
            if not isinstance(jobs, list):
                batch.reject(name, "unexpected schema: no 'jobs' list", str(doc)[:500])
                continue
            board = path.name.split(".")[0]
            for job in jobs:
                posting = _posting(job, board, name, snapshot_date)
                if posting is None:
                    batch.reject(name, "record without id or title", json_dumps(job))
                    continue
                batch.add_posting(posting, job)
                batch.add_sighting(posting.source_id, snapshot_date, "snapshot", name)
            batch.add_file(path, name, len(jobs))
    return batch


def _posting(job: Any, board: str, name: str, snapshot_date: str | None) -> Posting | None:
    if not isinstance(job, dict) or not clean(job.get("id")) or not clean(job.get("title")):
        return None
    locations = [clean(job.get("location"))] + [
        clean(loc.get("location")) for loc in job.get("secondaryLocations") or []
        if isinstance(loc, dict)
    ]
    location_text = " | ".join(dict.fromkeys(loc for loc in locations if loc)) or None
    address = (job.get("address") or {}).get("postalAddress") or {}
    country = country_of(clean(address.get("addressCountry"))) or country_of(location_text)
    is_remote = job.get("isRemote")
    html = job.get("descriptionHtml") or ""
    plain = job.get("descriptionPlain")
    comp = job.get("compensation") or {}
    salary = next(
        (c for c in comp.get("summaryComponents") or []
         if isinstance(c, dict) and c.get("compensationType") == "Salary"),
        {},
    )
    return Posting(
        source_id=str(job["id"]),
        title=clean(job["title"]),
        company=board,
        team=clean(job.get("team")),
        department=clean(job.get("department")),
        location_text=location_text,
        country=country,
        remote=is_remote if isinstance(is_remote, bool) else remote_flag(location_text),
        employment_type=clean(job.get("employmentType")),
        posted_at=to_date(job.get("publishedAt")),
        url=clean(job.get("jobUrl")),
        description=normalise_whitespace(plain) if plain else html_to_text(html),
        description_raw=html or None,
        description_format="html",
        pay_text=clean(comp.get("compensationTierSummary")),
        pay_min=salary.get("minValue"),
        pay_max=salary.get("maxValue"),
        pay_currency=salary.get("currencyCode"),
        pay_period=_PERIODS.get(salary.get("interval") or ""),
        pay_structured=json_dumps(comp) if comp.get("compensationTiers") else None,
        match_key=f"ashby:{job['id']}",
        snapshot_date=snapshot_date,
        file=name,
    )
