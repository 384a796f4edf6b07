"""The 2025-02 AI-lab SQLite (`ailab_2025-02/jobs.db`): OpenAI and Anthropic roles on one day.

Quirks: Anthropic rows carry "Not specified" as compensation; ids are the ATS ids (Ashby uuid
for OpenAI, Greenhouse number for Anthropic), unique only together with `lab_id`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipelines.common.geo import country_of, remote_flag
from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, Posting, clean, to_date

SOURCE = "ailab_2025_02"
_ATS = {"openai": "ashby", "anthropic": "greenhouse"}
_NO_PAY = {"not specified", "n/a", ""}


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    path = folder / "jobs.db"
    name = rel(folder, path)
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            db.row_factory = sqlite3.Row
            rows = [dict(r) for r in db.execute("SELECT * FROM jobs ORDER BY lab_id, id")]
    except sqlite3.Error as err:
        batch.reject(name, f"unreadable SQLite database: {err}")
        return batch
    for row in rows:
        lab, job_id, title = clean(row.get("lab_id")), clean(row.get("id")), clean(row.get("title"))
        if not lab or not job_id or not title:
            batch.reject(name, "row without lab_id, id or title", str(row))
            continue
        source_id = f"{lab}:{job_id}"
        location = clean(row.get("location"))
        pay = clean(row.get("compensation"))
        posting = Posting(
            source_id=source_id,
            title=title,
            company={"openai": "OpenAI", "anthropic": "Anthropic"}.get(lab, lab),
            team=clean(row.get("team")),
            location_text=location,
            country=country_of(location),
            remote=remote_flag(location),
            employment_type=clean(row.get("type")),
            pay_text=None if (pay or "").lower() in _NO_PAY else pay,
            match_key=f"{_ATS[lab]}:{job_id}" if lab in _ATS else None,
            snapshot_date=to_date(row.get("last_seen")),
            file=name,
        )
        batch.add_posting(posting, row, record_key=source_id)
        batch.add_sighting(source_id, to_date(row.get("first_seen")), "reported_first_seen", name)
        batch.add_sighting(source_id, to_date(row.get("last_seen")), "reported_last_seen", name)
    batch.add_file(path, name, len(rows))
    return batch
