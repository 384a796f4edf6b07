"""The landing zone: raw API responses, gzipped, under dated paths in the snapshot's own shape, so
the snapshot adapters read a landing zone unchanged (a live run and an offline replay of the
landing zone take the same code path).

Layout (`<landing>` is $JOBSTACK_LANDING, default `<repo>/landing/`):

    greenhouse_daily/<YYYY-MM-DD>/<token>.json.gz   {"jobs": [...], "meta": {...}}
    ashby/<YYYY-MM-DD>/<board>.json.gz              {"jobs": [...], "apiVersion": ...}
    lever/<YYYY-MM-DD>/<site>.json.gz               [postings]  (landed, not ingested yet)
    hn_whoishiring/<YYYY-MM-DD>.raw.json.gz         run document (see fetchers.hn_thread_run)
    aijobs_salaries/salaries.csv.gz
    bls_oews/national_M<year>_dl.xlsx
    _meta/<path>.json        URL, status, ETag, Last-Modified, sha256 of each landed file
    _rejected/<path>.<time>  responses that could not be used (invalid JSON, wrong schema)
    _superseded/<path>.<date>  an undated file's previous version

Rules: every file is written atomically (temp file, then link/rename) and dated captures are
never modified: a second fetch of a board on the same day is skipped without a request. The
two undated whole-file sources follow the snapshot's paths: a BLS year file is final once
landed; the aijobs CSV is replaced atomically only when its content changed, the old version
moved to `_superseded/`. A 304 Not Modified still lands today's capture (a copy of the previous
one), so first/last-seen dates keep advancing.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pipelines.common.settings import REPO_ROOT, snapshot_dir
from pipelines.live import fetchers
from pipelines.live.http import FetchError, HttpClient
from pipelines.live.registry import Board

log = logging.getLogger(__name__)

BOARD_FOLDERS = {"greenhouse": "greenhouse_daily", "lever": "lever", "ashby": "ashby"}
# Landing folders the live refresh writes; every other snapshot folder is offline-only.
LIVE_FOLDERS = ("greenhouse_daily", "lever", "ashby", "hn_whoishiring", "aijobs_salaries",
                "bls_oews")


def landing_dir() -> Path:
    return Path(os.environ.get("JOBSTACK_LANDING", REPO_ROOT / "landing"))


class LandingZone:
    """Atomic, write-once file access under one root."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def has(self, rel: str) -> bool:
        return self.path(rel).exists()

    def write(self, rel: str, data: bytes, replace: bool = False) -> Path:
        """Write `data` at `rel` atomically; refuses to overwrite unless `replace`."""
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        try:
            with temp.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if replace:
                os.replace(temp, target)
            else:
                os.link(temp, target)  # fails if the target exists: no silent overwrite
        finally:
            temp.unlink(missing_ok=True)
        return target

    def record(self, rel: str, info: dict[str, Any]) -> None:
        self.write(f"_meta/{rel}.json", json.dumps(info, indent=1).encode(), replace=True)

    def meta(self, rel: str) -> dict[str, Any] | None:
        path = self.path(f"_meta/{rel}.json")
        try:
            return json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            return None

    def reject(self, rel: str, data: bytes, captured: datetime) -> None:
        self.write(f"_rejected/{rel}.{captured:%Y%m%dT%H%M%S}", gzip.compress(data, mtime=0),
                   replace=True)

    def previous_capture(self, folder: str, name: str, day: str) -> str | None:
        """The newest capture of `name` in `folder` dated before `day` (relative path)."""
        base = self.path(folder)
        dates = sorted((d.name for d in base.iterdir() if d.is_dir() and d.name < day),
                       reverse=True) if base.is_dir() else []
        return next((f"{folder}/{d}/{name}" for d in dates if self.has(f"{folder}/{d}/{name}")),
                    None)

    def newest_date(self, folder: str) -> date | None:
        """The newest capture date in a landing folder (dated sub-folders or dated files)."""
        base = self.path(folder)
        if not base.is_dir():
            return None
        found = []
        for entry in base.iterdir():
            try:
                found.append(date.fromisoformat(entry.name[:10]))
            except ValueError:
                continue
        return max(found, default=None)


@dataclass
class LandingReport:
    """What one fetch asset did, per board or file; becomes asset metadata and a check."""

    source: str
    capture_date: str
    landed: dict[str, int] = field(default_factory=dict)  # name -> records
    not_modified: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def attempted(self) -> int:
        return len(self.landed) + len(self.failed)

    @property
    def all_failed(self) -> bool:
        """Nothing landed or was already there: the source as a whole failed."""
        return bool(self.failed) and not self.landed and not self.skipped

    def failure_summary(self, limit: int = 5) -> str:
        reasons = "; ".join(f"{name}: {reason}" for name, reason in
                            list(self.failed.items())[:limit])
        more = len(self.failed) - limit
        return reasons + (f"; and {more} more" if more > 0 else "")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _land(zone: LandingZone, rel: str, capture: fetchers.Capture, data: bytes,
          captured: datetime, replace: bool = False) -> None:
    zone.write(rel, data, replace=replace)
    zone.record(rel, {"url": capture.url, "etag": capture.etag,
                      "last_modified": capture.last_modified,
                      "not_modified": capture.body is None, "sha256": _sha(data),
                      "bytes": len(data), "records": capture.records,
                      "fetched_at": captured.isoformat()})


def fetch_board(client: HttpClient, board: Board, validators: dict | None
                ) -> fetchers.Capture:
    if board.ats == "greenhouse":
        return fetchers.greenhouse_board(client, board.token, validators)
    if board.ats == "lever":
        return fetchers.lever_postings(client, board.token, board.region, validators)
    return fetchers.ashby_board(client, board.token, validators)


def land_boards(ats: str, boards: list[Board], client: HttpClient, zone: LandingZone,
                captured: datetime) -> LandingReport:
    """Capture every board of one ATS for the day; one board's failure never stops the rest."""
    folder, day = BOARD_FOLDERS[ats], captured.date().isoformat()
    report = LandingReport(ats, day)
    for board in boards:
        name = f"{board.token}.json.gz"
        rel = f"{folder}/{day}/{name}"
        if zone.has(rel):
            report.skipped[board.token] = "already captured today"
            continue
        previous = zone.previous_capture(folder, name, day)
        validators = zone.meta(previous) if previous else None
        try:
            capture = fetch_board(client, board, validators)
        except FetchError as err:
            report.failed[board.token] = err.reason
            if err.body:
                zone.reject(rel, err.body, captured)
            continue
        if capture.body is None:  # 304: the board is as it was; today's capture is a copy
            data = zone.path(previous).read_bytes()
            capture.records = (validators or {}).get("records", 0)
            report.not_modified.append(board.token)
        else:
            data = gzip.compress(capture.body, mtime=0)
        _land(zone, rel, capture, data, captured)
        report.landed[board.token] = capture.records
        if capture.warnings:
            report.warnings[board.token] = capture.warnings
    return report


def land_hn(client: HttpClient, zone: LandingZone, month: date, captured: datetime,
            scan: int = 12) -> LandingReport:
    """Capture the "Who is hiring?" thread of `month` as one run document."""
    day = captured.date().isoformat()
    report = LandingReport("hn_whoishiring", day)
    label = f"{month:%Y-%m}"
    # The normal monthly capture keeps the snapshot's file name; a backfill of an older month
    # on the same day gets its own name.
    suffix = "" if (month.year, month.month) == (captured.year, captured.month) else f"_{label}"
    rel = f"hn_whoishiring/{day}{suffix}.raw.json.gz"
    if zone.has(rel):
        report.skipped[label] = "already captured today"
        return report
    try:
        threads = fetchers.hn_hiring_threads(client, scan=scan)
        thread = next((t for t in threads if fetchers.thread_month(t.get("title")) == month),
                      None)
        if thread is None:
            raise FetchError(f"no 'Who is hiring?' thread for {label} among the newest "
                             f"{scan} submissions of whoishiring")
        run, failures = fetchers.hn_thread_run(client, thread, captured)
    except FetchError as err:
        report.failed[label] = err.reason
        return report
    if failures and not run["jobs"]:
        report.failed[label] = f"every comment failed: {failures[0]}"
        return report
    if failures:
        report.warnings[label] = failures[:20]
    body = json.dumps(run, ensure_ascii=False).encode()
    capture = fetchers.Capture(url=f"{fetchers.HN_API}/item/{thread['id']}.json", body=body,
                               records=len(run["jobs"]))
    _land(zone, rel, capture, gzip.compress(body, mtime=0), captured)
    report.landed[label] = len(run["jobs"])
    return report


def land_aijobs(client: HttpClient, zone: LandingZone, captured: datetime,
                url: str = fetchers.AIJOBS_URL) -> LandingReport:
    """The salary CSV; replaced (old version kept) only when its content changed."""
    rel = "aijobs_salaries/salaries.csv.gz"
    report = LandingReport("aijobs_salaries", captured.date().isoformat())
    current = zone.path(rel)
    validators = zone.meta(rel) if current.exists() else None
    try:
        capture = fetchers.aijobs_csv(client, url, validators)
    except FetchError as err:
        report.failed["salaries.csv"] = err.reason
        if err.body:
            zone.reject(rel, err.body, captured)
        return report
    if capture.body is None:
        report.not_modified.append("salaries.csv")
        report.skipped["salaries.csv"] = "not modified upstream"
        return report
    if capture.warnings:
        report.warnings["salaries.csv"] = capture.warnings
    data = gzip.compress(capture.body, mtime=0)
    if current.exists():
        if gzip.decompress(current.read_bytes()) == capture.body:
            report.skipped["salaries.csv"] = "unchanged upstream"
            return report
        zone.write(f"_superseded/{rel}.{captured:%Y%m%dT%H%M%S}", current.read_bytes(),
                   replace=True)
    _land(zone, rel, capture, data, captured, replace=True)
    report.landed["salaries.csv"] = capture.records
    return report


def land_bls(client: HttpClient, zone: LandingZone, captured: datetime, years: list[int]
             ) -> LandingReport:
    """The national OEWS file of each year not landed yet; a 404 means not published yet."""
    report = LandingReport("bls_oews", captured.date().isoformat())
    for year in years:
        rel = f"bls_oews/national_M{year}_dl.xlsx"
        if zone.has(rel):
            report.skipped[str(year)] = "already landed (a published year is final)"
            continue
        try:
            capture = fetchers.bls_national(client, year)
        except FetchError as err:
            if err.status == 404:
                report.skipped[str(year)] = "not published yet (404)"
            else:
                report.failed[str(year)] = err.reason
            continue
        _land(zone, rel, capture, capture.body, captured)
        report.landed[str(year)] = capture.records
    return report


def utc_now() -> datetime:
    return datetime.now(UTC)


def seed_from_snapshot(snapshot: Path, landing: Path) -> list[str]:
    """Link the offline snapshot into the landing zone, so pointing JOBSTACK_SNAPSHOT at the
    landing zone keeps every offline source and the snapshot's captures (symlinks; nothing is
    copied). Live folders get one link per dated capture, so new captures sit beside them.
    Returns the links made; existing entries are left alone."""
    made = []

    def link(source: Path, target: Path) -> None:
        if not target.exists() and not target.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source.resolve(), target_is_directory=source.is_dir())
            made.append(str(target.relative_to(landing)))

    for entry in sorted(snapshot.iterdir()):
        if not entry.is_dir():
            continue
        if entry.name in LIVE_FOLDERS:
            for child in sorted(entry.iterdir()):
                if child.name[:4].isdigit() or child.name.startswith(("national_", "salaries")):
                    link(child, landing / entry.name / child.name)
        else:
            link(entry, landing / entry.name)
    return made


def main(argv: list[str], echo: Callable[[str], None] = log.info) -> int:
    """`python -m pipelines.live.landing seed`: link ../shared/snapshot into the landing zone."""
    if argv[1:] != ["seed"]:
        echo("usage: python -m pipelines.live.landing seed")
        return 2
    made = seed_from_snapshot(snapshot_dir(), landing_dir())
    echo(f"{len(made)} links made in {landing_dir()}")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sys.exit(main(sys.argv))
