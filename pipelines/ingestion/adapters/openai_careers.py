"""OpenAI careers crawl: `all_jobs_extracted.json.gz` (147 jobs split into sections) and the
listing index `openai_jobs.json` (148 entries: title, url, team).

Quirks: the Ashby posting id is only in `extracted.application_link`; `location` is a list;
some extracted pages carry another page's `original_info.url`, so index entries are matched
to extracted jobs by url or title, and unmatched ones land as title-only postings.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pipelines.common.geo import country_of, remote_flag
from pipelines.common.text import normalise_whitespace
from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, Posting, clean, json_dumps, to_date
from pipelines.ingestion.readers import load_json

SOURCE = "openai_careers"
_ASHBY_ID = re.compile(r"ashbyhq\.com/openai/([0-9a-f-]{36})")
_SECTIONS = [
    ("about_the_team", "About the team"),
    ("about_the_role", "About the role"),
    ("responsibilities", "Responsibilities"),
    ("qualifications", "Qualifications"),
    ("you_might_thrive", "You might thrive in this role if you"),
    ("compensation", "Compensation"),
    ("about_openai", "About OpenAI"),
]


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    seen: set[str] = set()  # urls and lower-cased titles of extracted jobs
    path = folder / "all_jobs_extracted.json.gz"
    name = rel(folder, path)
    doc = load_json(path, batch, name)
    jobs = doc.get("jobs") if isinstance(doc, dict) else None
    if doc is not None and not isinstance(jobs, list):
        batch.reject(name, "unexpected schema: no 'jobs' list", str(doc)[:500])
    for job in jobs or []:
        posting = _posting(job, name)
        if posting is None:
            batch.reject(name, "job without title or id", json_dumps(job))
            continue
        batch.add_posting(posting, job)
        batch.add_sighting(posting.source_id, to_date(job.get("scraped_at")), "snapshot", name)
        seen.update({posting.url or "", posting.title.lower()})
    if jobs is not None:
        batch.add_file(path, name, len(jobs))

    index_path = folder / "openai_jobs.json"
    index_name = rel(folder, index_path)
    index = load_json(index_path, batch, index_name)
    listed = index.get("jobs") if isinstance(index, dict) else None
    captured = to_date(index.get("extracted_date")) if isinstance(index, dict) else None
    for entry in listed or []:
        url = clean(entry.get("url")) if isinstance(entry, dict) else None
        if not url or not clean(entry.get("title")):
            batch.reject(index_name, "index entry without title or url", json_dumps(entry))
            continue
        if url in seen or entry["title"].strip().lower() in seen:
            continue
        slug = url.rstrip("/").rsplit("/", 1)[-1]
        posting = Posting(source_id=slug, title=clean(entry["title"]), company="OpenAI",
                          team=clean(entry.get("team")), url=url, snapshot_date=captured,
                          file=index_name)
        batch.add_posting(posting, entry)
        batch.add_sighting(slug, captured, "snapshot", index_name)
    if listed is not None:
        batch.add_file(index_path, index_name, len(listed))
    return batch


def _posting(job: Any, name: str) -> Posting | None:
    if not isinstance(job, dict):
        return None
    extracted = job.get("extracted") or {}
    original = job.get("original_info") or {}
    title = clean(extracted.get("title")) or clean(original.get("title"))
    match = _ASHBY_ID.search(str(extracted.get("application_link") or ""))
    url = clean(original.get("url"))
    source_id = match.group(1) if match else (url or "").rstrip("/").rsplit("/", 1)[-1]
    if not title or not source_id:
        return None
    locations = extracted.get("location") or []
    if isinstance(locations, str):
        locations = [locations]
    location_text = " | ".join(str(loc) for loc in locations if loc) or None
    sections = [
        f"{heading}\n{normalise_whitespace(str(extracted[key]))}"
        for key, heading in _SECTIONS
        if clean(extracted.get(key))
    ]
    return Posting(
        source_id=source_id,
        title=title,
        company="OpenAI",
        team=clean(extracted.get("team")) or clean(original.get("team")),
        location_text=location_text,
        country=country_of(location_text),
        remote=remote_flag(location_text),
        url=url,
        description="\n\n".join(sections) or None,
        description_format="sections",
        pay_text=clean(extracted.get("compensation")),
        match_key=f"ashby:{source_id}" if match else None,
        snapshot_date=to_date(job.get("scraped_at")),
        file=name,
        extra=json_dumps({"application_link": extracted.get("application_link"),
                          "html_file": job.get("html_file")}),
    )
