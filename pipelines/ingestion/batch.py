"""What an adapter produces: the rows one source contributes to the raw and staging tables.

An adapter never writes to the database itself. It fills a `Batch`; the source asset writes the
batch in one transaction, replacing that source's previous rows, so a re-run never duplicates
rows and a run killed half-way leaves the previous state intact.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A fragment longer than this is cut in the quarantine table; enough to see what went wrong.
FRAGMENT_CHARS = 2000


@dataclass
class Posting:
    """One job posting as a source shows it, before cross-source de-duplication."""

    source_id: str
    title: str
    company: str | None = None
    team: str | None = None
    department: str | None = None
    location_text: str | None = None
    country: str | None = None
    remote: bool | None = None
    employment_type: str | None = None
    posted_at: str | None = None
    url: str | None = None
    description: str | None = None
    description_raw: str | None = None
    description_format: str | None = None
    pay_text: str | None = None
    pay_min: float | None = None
    pay_max: float | None = None
    pay_currency: str | None = None
    pay_period: str | None = None
    pay_structured: str | None = None
    model_extracted: bool = False
    match_key: str | None = None
    snapshot_date: str | None = None
    file: str | None = None
    extra: str | None = None


@dataclass
class Batch:
    """Rows produced by one adapter run over one source folder."""

    source: str
    postings: list[Posting] = field(default_factory=list)
    sightings: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    raw: list[dict[str, Any]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # When set, postings leave `description_raw` empty and the writer fills it from this key of
    # each posting's raw payload: RemoteWLB's markdown holds an emoji, which makes Python keep
    # every character of it in four bytes (370 MB), while the payload already has it in ASCII.
    raw_description_key: str | None = None

    def add_posting(self, posting: Posting, payload: Any, record_key: str | None = None) -> None:
        """Keep a parsed posting and the record it came from (the raw layer, as landed)."""
        self.postings.append(posting)
        self.add_raw(posting.file, record_key or posting.source_id, payload)

    def add_raw(self, file: str | None, record_key: str, payload: Any) -> None:
        self.raw.append(
            {"file": file, "record_key": record_key, "payload": json_dumps(payload)}
        )

    def add_sighting(
        self, source_id: str, seen: str | None, kind: str, file: str | None = None
    ) -> None:
        """Record that a posting was seen on a date; `kind` says what kind of evidence it is."""
        if seen:
            self.sightings.append(
                {"source_id": source_id, "seen_date": seen, "kind": kind, "file": file}
            )

    def add_row(self, table: str, row: dict[str, Any], payload: Any, record_key: str) -> None:
        """A row for a non-posting table (salaries, wages, boards) with its raw record."""
        self.tables.setdefault(table, []).append(row)
        self.add_raw(row.get("file"), record_key, payload)

    def reject(
        self,
        file: str | None,
        reason: str,
        fragment: Any = None,
        record_key: str | None = None,
        action: str = "dropped",
    ) -> None:
        """Quarantine a record (or a whole file) that could not be ingested as it is.

        `action` is "dropped" when nothing of the record reached staging and "repaired" when a
        repaired version did (e.g. bytes decoded with a fallback encoding).
        """
        text = fragment if isinstance(fragment, str) or fragment is None else repr(fragment)
        self.quarantine.append(
            {
                "file": file,
                "record_key": record_key,
                "reason": reason,
                "action": action,
                "fragment": (text or "")[:FRAGMENT_CHARS],
            }
        )

    def add_file(self, path: Path, relative: str, records: int) -> None:
        data = path.read_bytes()
        self.files.append(
            {
                "file": relative,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "records": records,
            }
        )

    def summary(self) -> dict[str, Any]:
        """Counts for asset metadata and progress lines."""
        reasons = Counter(q["reason"].split(":")[0] for q in self.quarantine)
        out: dict[str, Any] = {
            "files": len(self.files),
            "raw_records": len(self.raw),
            "postings": len(self.postings),
            "distinct_postings": len({p.source_id for p in self.postings}),
            "sightings": len(self.sightings),
            "quarantined": sum(q["action"] == "dropped" for q in self.quarantine),
            "repaired": sum(q["action"] == "repaired" for q in self.quarantine),
            "quarantine_reasons": dict(reasons.most_common(10)),
        }
        for table, rows in self.tables.items():
            out[table] = len(rows)
        return out

    def posting_rows(self) -> list[dict[str, Any]]:
        return [dataclasses.asdict(p) for p in self.postings]


def json_dumps(value: Any) -> str:
    # ASCII escapes on purpose: a Python str holding a single emoji (RemoteWLB's salary marker)
    # costs four bytes per character, so unescaped payloads took four times the memory.
    return json.dumps(value, ensure_ascii=True, default=str, sort_keys=True)


def to_date(value: Any) -> str | None:
    """ISO date (YYYY-MM-DD) from the date and timestamp forms the sources use, else None.

    Accepts ISO dates and timestamps (with or without zone), unix seconds, and dates with a
    space instead of "T". Anything else gives None instead of raising, so one odd value never
    costs a whole record.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        try:
            return dt.datetime.fromtimestamp(value, tz=dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def clean(value: Any) -> str | None:
    """Stripped string, or None for empty values and the literal "None"/"null" some dumps hold."""
    if value is None:
        return None
    text = str(value).strip()
    return text if text and text.lower() not in {"none", "null", "nan"} else None
