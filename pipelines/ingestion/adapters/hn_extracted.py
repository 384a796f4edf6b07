"""HN "Who is hiring?" 2022-12..2025-10 as fields a language model extracted (`jobs.db`).

Every field here was written by a model, not by the poster: postings are flagged
`model_extracted` and there is no description text.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipelines.common.geo import country_of, remote_flag
from pipelines.ingestion.adapters.common import hn_url, rel
from pipelines.ingestion.batch import Batch, Posting, clean, json_dumps, to_date

SOURCE = "hn_extracted_2022_2025"
_REMOTE = {"yes": True, "remote": True, "no": False, "onsite": False}


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    path = folder / "jobs.db"
    name = rel(folder, path)
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            db.row_factory = sqlite3.Row
            rows = [dict(r) for r in db.execute("SELECT * FROM jobs ORDER BY post_link_id")]
    except sqlite3.Error as err:
        batch.reject(name, f"unreadable SQLite database: {err}")
        return batch
    for row in rows:
        item_id, title = clean(row.get("post_link_id")), clean(row.get("job_title"))
        if not item_id or not title:
            batch.reject(name, "row without post id or job title", json_dumps(row),
                         record_key=item_id)
            continue
        city, country = clean(row.get("city")), clean(row.get("country"))
        location = ", ".join(x for x in (city, country) if x) or None
        remote = clean(row.get("remote"))
        posting = Posting(
            source_id=item_id,
            title=title,
            company=clean(row.get("company")),
            location_text=location,
            country=country_of(country) or country_of(city),
            remote=_REMOTE.get((remote or "").lower(), remote_flag(location)),
            employment_type=clean(row.get("employment_type")),
            posted_at=to_date(row.get("post_date")),
            url=hn_url(item_id),
            pay_text=clean(row.get("salary")),
            model_extracted=True,
            match_key=f"hn:{item_id}",
            snapshot_date=to_date(row.get("post_date")),
            file=name,
            extra=json_dumps({k: row.get(k) for k in ("languages_frameworks", "remote_rules",
                                                      "how_to_apply", "post_username",
                                                      "remote")}),
        )
        batch.add_posting(posting, row)
        batch.add_sighting(item_id, posting.posted_at, "thread_month", name)
    batch.add_file(path, name, len(rows))
    return batch
