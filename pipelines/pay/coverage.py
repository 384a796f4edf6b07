"""How much of the snapshot's posted pay the extractor reads (a data-quality check to reuse).

The denominator of each source is the postings that carry a pay field or pay text at all; the
share is those that yield a representative range. Placeholder fields that hold no amount
("Competitive", "$N/A", "0", "~0k") are counted separately, not as misses.
"""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.common.geo import country_of
from pipelines.pay.extract import (
    PayExtraction,
    extract_pay,
    from_ashby_compensation,
    from_greenhouse_html,
)

_SALARY_FIELD = re.compile(r"`💰([^`]*)`")
_LOCATION_FIELD = re.compile(r"`🌎([^`]*)`")
_HAS_AMOUNT = re.compile(r"[1-9]")


@dataclass
class SourceCoverage:
    """Parsed share of one source, with a few misses to look at."""

    source: str
    with_pay: int = 0
    parsed: int = 0
    placeholders: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.parsed / self.with_pay if self.with_pay else 0.0

    def add(self, key: str, shown: str, extraction: PayExtraction, max_misses: int) -> None:
        self.with_pay += 1
        if extraction.representative is not None:
            self.parsed += 1
        elif len(self.misses) < max_misses:
            self.misses.append((key, f"{shown[:160]!r} -> {extraction.error}"))


def _read_gz_json(path: Path) -> dict:
    with gzip.open(path) as fh:
        return json.load(fh)


def _ashby(root: Path) -> Iterator[tuple[str, str, PayExtraction]]:
    for path in sorted((root / "ashby").glob("*/*.json.gz")):
        for job in _read_gz_json(path).get("jobs", []):
            comp = job.get("compensation") or {}
            salary = any(
                c.get("compensationType") == "Salary"
                for t in comp.get("compensationTiers") or []
                for c in t.get("components") or []
            )
            if salary or (comp.get("compensationTierSummary") or "").strip():
                yield (
                    f"{path.name}:{job.get('id')}",
                    comp.get("compensationTierSummary") or "",
                    from_ashby_compensation(
                        comp, country_of(job.get("location")), job.get("publishedAt")
                    ),
                )


def _anthropic(root: Path) -> Iterator[tuple[str, str, PayExtraction]]:
    folder = root / "anthropic_job_watch"
    index = {j["id"]: j for j in json.loads((folder / "jobs.json").read_text())}
    with tarfile.open(folder / "descriptions.tar.gz", "r|gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            html = tar.extractfile(member).read().decode("utf-8", "replace")
            if "pay-range" not in html:
                continue
            job_id = Path(member.name).stem
            job = index.get(job_id, {})
            extraction = from_greenhouse_html(
                html, country_of(job.get("location")), job.get("first_seen"),
                title=job.get("title"),
            )
            yield job_id, html[html.find("pay-range") - 20:][:200], extraction


def _openai(root: Path) -> Iterator[tuple[str, str, PayExtraction]]:
    data = _read_gz_json(root / "openai_careers" / "all_jobs_extracted.json.gz")
    for job in data["jobs"]:
        ex = job.get("extracted") or {}
        text = ex.get("compensation")
        if text and text.strip():
            country = country_of(", ".join(ex.get("location") or []))
            yield ex.get("title", ""), text, extract_pay(text, country, "2026-01-14")


def _remotewlb(root: Path) -> Iterator[tuple[str, str, PayExtraction]]:
    with tarfile.open(root / "remotewlb" / "jobs.tar.gz", "r|gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith("README.md"):
                continue
            head = tar.extractfile(member).read(3000).decode("utf-8", "replace")
            salary = _SALARY_FIELD.search(head)
            if not salary:
                continue
            location = _LOCATION_FIELD.search(head)
            month = re.search(r"/(\d{4}-\d{2})/", member.name)
            text = salary.group(1).strip()
            yield (
                member.name,
                text,
                extract_pay(
                    text,
                    country_of(location.group(1)) if location else None,
                    f"{month.group(1)}-01" if month else None,
                ),
            )


def _hn_extracted(root: Path) -> Iterator[tuple[str, str, PayExtraction]]:
    con = sqlite3.connect(root / "hn_extracted_2022_2025" / "jobs.db")
    try:
        rows = con.execute(
            "select post_link_id, salary, country, post_date from jobs "
            "where salary is not null and trim(salary) != ''"
        ).fetchall()
    finally:
        con.close()
    for key, text, country, posted in rows:
        yield key, text, extract_pay(text, country_of(country), posted)


SOURCES: dict[str, Callable[[Path], Iterator[tuple[str, str, PayExtraction]]]] = {
    "ashby": _ashby,
    "anthropic_job_watch": _anthropic,
    "openai_careers": _openai,
    "remotewlb": _remotewlb,
    "hn_extracted": _hn_extracted,
}


def measure_coverage(
    snapshot: str | Path, sources: list[str] | None = None, max_misses: int = 15
) -> dict[str, SourceCoverage]:
    """Parsed share per source. Texts without any non-zero digit count as placeholders."""
    root = Path(snapshot)
    out: dict[str, SourceCoverage] = {}
    for name in sources or list(SOURCES):
        cov = SourceCoverage(name)
        for key, shown, extraction in SOURCES[name](root):
            if name in ("remotewlb", "hn_extracted", "openai_careers") and not _HAS_AMOUNT.search(
                shown
            ):
                cov.placeholders += 1
                continue
            cov.add(key, shown, extraction, max_misses)
        out[name] = cov
    return out
