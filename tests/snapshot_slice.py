"""Build a small, real slice of the snapshot for tests: the same folders and formats, a few
files or records of each, copied or re-packed from the real data (never made up)."""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import tarfile
from pathlib import Path

ASHBY_BOARDS = ("Lambda", "cohere", "langchain", "sierra")
GREENHOUSE_BOARDS = ("stripe", "airbnb", "10xgenomics")
DAILY_BOARDS = ("anthropic", "stripe")
DAILY_DATES = ("2026-08-01", "2026-08-02", "2026-08-03")
HN_MONTHS = ("2013-08", "2018-04")


def build_slice(source: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for board in ASHBY_BOARDS:
        _copy(source / "ashby" / "2025-10-27" / f"{board}.json.gz", out, source)
    for date_dir in sorted((source / "greenhouse_boards").iterdir()):
        if date_dir.is_dir():
            for board in (*GREENHOUSE_BOARDS, "_stats"):
                _copy(date_dir / f"{board}.json.gz", out, source)
    for date in DAILY_DATES:
        for board in DAILY_BOARDS:
            _copy(source / "greenhouse_daily" / date / f"{board}.json.gz", out, source)
    watch = source / "anthropic_job_watch"
    _copy(watch / "jobs.json", out, source)
    for path in sorted((watch / "history").glob("*.json"))[::7]:
        _copy(path, out, source)
    _repack_tar(watch / "descriptions.tar.gz", out / "anthropic_job_watch" / "descriptions.tar.gz",
                members=40)
    for name in ("all_jobs_extracted.json.gz", "openai_jobs.json"):
        _copy(source / "openai_careers" / name, out, source)
    for path in sorted((source / "ailab_tracker").glob("*.csv.gz")):
        _head_csv(path, out / "ailab_tracker" / path.name, rows=150, keep_empty="raw_data")
    _copy(source / "ailab_2025-02" / "jobs.db", out, source)
    for path in sorted((source / "hn_whoishiring").glob("*.json.gz"))[:2]:
        _copy(path, out, source)
    for month in HN_MONTHS:
        _copy(source / "hn_whoishiring_2013_2018" / f"{month}.json.gz", out, source)
    _copy(source / "hn_extracted_2022_2025" / "jobs.db", out, source)
    _repack_tar(source / "remotewlb" / "jobs.tar.gz", out / "remotewlb" / "jobs.tar.gz",
                members=300)
    _head_csv(source / "aijobs_salaries" / "salaries.csv.gz",
              out / "aijobs_salaries" / "salaries.csv.gz", rows=500)
    for year in (2020, 2024):
        _copy(source / "bls_oews" / f"national_M{year}_dl.xlsx", out, source)
    for path in sorted((source / "levelsfyi_faangn").glob("*.xlsx"))[:3]:
        _copy(path, out, source)
    for path in sorted((source / "board_registry").iterdir()):
        _copy(path, out, source)
    return out


def _copy(path: Path, out: Path, root: Path) -> None:
    target = out / path.relative_to(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)


def _repack_tar(path: Path, target: Path, members: int) -> None:
    """The first `members` regular files of a .tar.gz, streamed, written as a new .tar.gz."""
    target.parent.mkdir(parents=True, exist_ok=True)
    kept = 0
    with tarfile.open(path, "r|gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            if not member.isfile():
                continue
            dst.addfile(member, src.extractfile(member))
            kept += 1
            if kept >= members:
                break


def _head_csv(path: Path, target: Path, rows: int, keep_empty: str | None = None) -> None:
    """Header and first `rows` records (plus, if asked, every record whose `keep_empty` column
    is empty, so edge rows such as placeholders are in the slice)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    reader = csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode("utf-8")))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    for index, record in enumerate(reader):
        if index < rows or (keep_empty and not record[keep_empty]):
            writer.writerow(record)
    target.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8")))
