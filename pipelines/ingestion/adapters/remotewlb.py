"""RemoteWLB remote-jobs archive: `jobs.tar.gz` with one markdown file per posting at
`jobs/<skill>/<YYYY-MM>/<slug>/README.md`.

Format: `# [Title](apply url)`, `### Company`, a `####` line of back-quoted fields (salary after
a money-bag emoji, location after a globe emoji), then the description. Quirks: the same slug
appears under several skill folders (one posting, several sightings); the folder month is when
the posting was added, not always when it was posted (2024-03 is a bulk load); the archive is
streamed front to back, never opened for random access.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipelines.common.geo import country_of
from pipelines.common.text import decode_bytes, markdown_to_text
from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, Posting, clean, json_dumps
from pipelines.ingestion.readers import iter_tar_gz

SOURCE = "remotewlb"
_PATH = re.compile(r"jobs/(?P<skill>[^/]+)/(?P<month>\d{4}-\d{2})/(?P<slug>[^/]+)/README\.md$")
_TITLE = re.compile(r"^\s*#\s*\[(?P<title>.*)\]\((?P<url>[^)]*)\)\s*$")
_COMPANY = re.compile(r"^\s*###\s+(?P<company>.+?)\s*$")
_FIELD = re.compile(r"`([^`]*)`")
_SALARY_MARK = "\U0001f4b0"
_LOCATION_MARK = "\U0001f30e"


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE, raw_description_key="markdown")
    path = folder / "jobs.tar.gz"
    name = rel(folder, path)
    count = 0
    first_seen_at: dict[str, tuple[str, str]] = {}  # slug -> (title, company) of its first copy
    for member, data in iter_tar_gz(path, batch, name):
        count += 1
        where = _PATH.search(member)
        member_name = f"{name}:{member}"
        if not where:
            batch.reject(member_name, "unexpected path in archive", member)
            continue
        text, repair = decode_bytes(data)
        if repair:
            batch.reject(member_name, f"encoding: {repair}", record_key=where["slug"],
                         action="repaired")
        posting = parse_markdown(text, where["slug"], where["month"], member_name)
        if posting is None:
            batch.reject(member_name, "markdown without a '# [Title](url)' heading", text[:500],
                         record_key=where["slug"])
            continue
        # One slug under several skill folders is one posting; a reused slug for a different
        # job (other title or company) gets its month appended to stay distinct.
        identity = (posting.title, posting.company or "")
        known = first_seen_at.setdefault(posting.source_id, identity)
        if known != identity:
            posting.source_id = f"{posting.source_id}~{where['month']}"
        posting.extra = json_dumps({"skill": where["skill"], "folder_month": where["month"]})
        batch.add_posting(posting, {"path": member, "markdown": text})
        batch.add_sighting(posting.source_id, posting.snapshot_date, "folder_month", member_name)
    batch.add_file(path, name, count)
    return batch


def parse_markdown(text: str, slug: str, month: str, member_name: str) -> Posting | None:
    lines = text.lstrip("\ufeff").split("\n")
    head = next((i for i, line in enumerate(lines[:5]) if _TITLE.match(line)), None)
    if head is None:
        return None
    title_match = _TITLE.match(lines[head])
    company, salary, location, body_start = None, None, None, head + 1
    for i in range(head + 1, min(head + 4, len(lines))):
        company_match = _COMPANY.match(lines[i])
        if company_match and company is None and not lines[i].lstrip().startswith("####"):
            company, body_start = company_match["company"], i + 1
        elif lines[i].lstrip().startswith("####"):
            for field in _FIELD.findall(lines[i]):
                if field.startswith(_SALARY_MARK):
                    salary = clean(field[len(_SALARY_MARK):])
                elif field.startswith(_LOCATION_MARK):
                    location = clean(field[len(_LOCATION_MARK):])
            body_start = i + 1
    title = clean(title_match["title"])
    if not title:
        return None
    return Posting(
        source_id=slug,
        title=title,
        company=clean(company),
        location_text=location,
        country=country_of(location),
        remote=True,
        url=clean(title_match["url"]),
        description=markdown_to_text("\n".join(lines[body_start:])),
        description_format="markdown",
        pay_text=salary,
        snapshot_date=f"{month}-01",
        file=member_name,
    )
