"""AI-lab tracker CSVs: a cumulative snapshot (2026-04-05) and the active list (2026-08-22).

Quirks: `raw_data` is a Python-literal dict of the ATS record, parsed with `ast.literal_eval`
(never `eval`); the OpenAI pay summary lost its dash ("$221K  $315K"); four placeholder rows
(external ids 123/456/789/999, no `raw_data`) are the collector's test data and are quarantined.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from pipelines.common.geo import country_of, remote_flag
from pipelines.common.text import html_to_text
from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, Posting, clean, json_dumps, to_date
from pipelines.ingestion.readers import iter_csv, read_text

SOURCE = "ailab_tracker"
_FILE_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    for path in sorted(folder.glob("*.csv*")):
        name = rel(folder, path)
        text = read_text(path, batch, name)
        if text is None:
            continue
        date_match = _FILE_DATE.search(path.name)
        snapshot_date = date_match.group(1) if date_match else None
        count = 0
        for row in iter_csv(text, batch, name):
            count += 1
            posting = _posting(row, batch, name, snapshot_date)
            if posting is None:
                continue
            batch.add_posting(posting, row)
            if row.get("status", "active") == "active":
                batch.add_sighting(posting.source_id, snapshot_date, "snapshot", name)
            batch.add_sighting(posting.source_id, to_date(row.get("first_seen")),
                               "reported_first_seen", name)
            batch.add_sighting(posting.source_id, to_date(row.get("last_seen")),
                               "reported_last_seen", name)
        batch.add_file(path, name, count)
    return batch


def parse_raw_data(text: str) -> dict[str, Any] | None:
    """The ATS record from its Python-literal text; None when it is not a literal dict."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _posting(row: dict[str, str], batch: Batch, name: str, snapshot_date: str | None
             ) -> Posting | None:
    job_id, title = clean(row.get("job_id")), clean(row.get("title"))
    if not job_id or not title:
        batch.reject(name, "row without job_id or title", json_dumps(row), record_key=job_id)
        return None
    if not clean(row.get("raw_data")):
        batch.reject(name, "placeholder row: no raw ATS record (collector's test data)",
                     json_dumps(row), record_key=job_id)
        return None
    raw = parse_raw_data(row["raw_data"])
    if raw is None:
        batch.reject(name, "raw_data is not a Python-literal dict; row kept without it",
                     row["raw_data"][:500], record_key=job_id, action="repaired")
        raw = {}
    ats = clean(row.get("source")) or ""
    location = clean(row.get("location")) or clean(raw.get("locationName"))
    pay = clean(row.get("salary_range")) or clean(raw.get("compensationTierSummary"))
    description = clean(row.get("description"))
    return Posting(
        source_id=job_id,
        title=title,
        company=clean(row.get("company_name")),
        team=clean(row.get("team")) or clean(raw.get("teamName")),
        department=clean(raw.get("departmentName")),
        location_text=location,
        country=country_of(location),
        remote=remote_flag(location, clean(raw.get("workplaceType")),
                           clean(row.get("remote_policy"))),
        employment_type=clean(row.get("employment_type")) or clean(raw.get("employmentType")),
        posted_at=to_date(raw.get("publishedDate") or raw.get("first_published")),
        url=clean(row.get("job_url")),
        description=html_to_text(description) if description else None,
        description_format="html" if description else None,
        pay_text=pay,
        match_key=f"{ats}:{row['external_id']}" if ats and clean(row.get("external_id")) else None,
        snapshot_date=snapshot_date,
        file=name,
        extra=json_dumps({"status": row.get("status"), "ats": ats,
                          "external_id": row.get("external_id")}),
    )
