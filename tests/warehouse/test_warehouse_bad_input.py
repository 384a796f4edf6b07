"""Deliberately broken inputs: each fault is quarantined with its reason, the run succeeds, no
other data is lost, and a re-run neither duplicates rows nor changes the result."""

from __future__ import annotations

import csv
import gzip
import io
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import duckdb
import pytest
from conftest import fingerprint, run_graph


@pytest.fixture
def broken_slice(snapshot_slice: Path, tmp_path: Path) -> Path:
    broken = tmp_path / "broken"
    shutil.copytree(snapshot_slice, broken)
    # Truncated gzip: half of one Ashby board's file.
    board = broken / "ashby" / "2025-10-27" / "Lambda.json.gz"
    board.write_bytes(board.read_bytes()[: len(board.read_bytes()) // 2])
    # Invalid JSON inside a valid gzip.
    (broken / "greenhouse_daily" / "2026-08-02" / "stripe.json.gz").write_bytes(
        gzip.compress(b'{"jobs": [{"id": 1, "title": "x"},'))
    # A CSV record with a broken quote in the tracker.
    tracker = broken / "ailab_tracker" / "current_jobs_2026-08-22.csv.gz"
    lines = gzip.decompress(tracker.read_bytes()).decode().split("\n")
    victim = next(i for i, line in enumerate(lines) if line.startswith(",OpenAI,,,,"))
    lines[victim] = lines[victim].replace(",OpenAI,,,,", ',OpenAI,"broken,,,', 1)
    tracker.write_bytes(gzip.compress("\n".join(lines).encode()))
    # Non-UTF-8 bytes (cp1252) in an HN run file.
    run = next((broken / "hn_whoishiring").glob("*.json.gz"))
    text = gzip.decompress(run.read_bytes()).decode()
    run.write_bytes(gzip.compress(text.replace("Senior", "S\u00e9nior", 1).encode("cp1252",
                                                                               "replace")))
    # An HTML description with unclosed tags (soup, not an error: its text must survive).
    _rewrite_tar_member(broken / "anthropic_job_watch" / "descriptions.tar.gz",
                        b"<div><p>Unclosed <b>soup<ul><li>one<li>two &amp; three")
    # A truncated tar.gz: the members before the damage must still land.
    archive = broken / "remotewlb" / "jobs.tar.gz"
    archive.write_bytes(archive.read_bytes()[: len(archive.read_bytes()) // 2])
    return broken


def _rewrite_tar_member(path: Path, content: bytes) -> None:
    with tarfile.open(path) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers() if m.isfile()]
    with tarfile.open(path, "w:gz") as tar:
        for index, (member, data) in enumerate(members):
            data = content if index == 0 else data
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


def _csv_records(path: Path) -> int:
    return sum(1 for _ in csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode())))


def test_broken_inputs_are_quarantined_and_nothing_else_is_lost(broken_slice, snapshot_slice,
                                                                  slice_warehouse, tmp_path):
    database = tmp_path / "broken.duckdb"
    result = run_graph(broken_slice, database)
    assert result.success
    with duckdb.connect(str(database), read_only=True) as conn:
        reasons = conn.execute(
            "SELECT source, file, reason, action FROM core.quarantine ORDER BY 1, 2").fetchall()
        counts = dict(conn.execute(
            "SELECT source, count(*) FROM core.postings GROUP BY 1").fetchall())
        soup = conn.execute(
            "SELECT description FROM core.postings WHERE source = 'anthropic_job_watch' "
            "AND description LIKE 'Unclosed%'").fetchone()
        daily_dates = {str(r[0]) for r in conn.execute("""
            SELECT DISTINCT s.seen_date FROM core.posting_sightings AS s
            JOIN core.postings AS p USING (posting_key)
            WHERE p.source = 'greenhouse_daily' AND p.company = 'Stripe'""").fetchall()}
        accented = conn.execute(
            "SELECT count(*) FROM core.postings WHERE source = 'hn_whoishiring' "
            "AND description LIKE '%Sénior%'").fetchone()[0]
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        clean_counts = dict(conn.execute(
            "SELECT source, count(*) FROM core.postings GROUP BY 1").fetchall())

    by_reason = {(s, r.split(":")[0], a) for s, _, r, a in reasons}
    assert ("ashby", "unreadable file", "dropped") in by_reason
    assert ("greenhouse_daily", "invalid JSON", "dropped") in by_reason
    assert any(s == "ailab_tracker" and r.startswith("CSV record at line")
               for s, r, _ in by_reason)
    assert ("hn_whoishiring", "encoding", "repaired") in by_reason
    assert any(s == "remotewlb" and r.startswith("archive damaged") for s, r, _ in by_reason)

    # Other boards, days and records of the damaged sources are all still there.
    lambda_jobs = 0
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        lambda_jobs = conn.execute("SELECT count(*) FROM core.postings WHERE source = 'ashby' "
                                   "AND company = 'Lambda'").fetchone()[0]
    assert counts["ashby"] == clean_counts["ashby"] - lambda_jobs > 0
    # Stripe's jobs of the unreadable day are still known from the other days' captures; only
    # that day's sightings are missing.
    assert counts["greenhouse_daily"] == clean_counts["greenhouse_daily"]
    assert daily_dates == {"2026-08-01", "2026-08-03"}
    tracker_rows = _csv_records(snapshot_slice / "ailab_tracker"
                                / "current_jobs_2026-08-22.csv.gz")
    assert clean_counts["ailab_tracker"] - counts["ailab_tracker"] == 1 < tracker_rows
    assert 0 < counts["remotewlb"] < clean_counts["remotewlb"]
    for source in ("openai_careers", "hn_whoishiring_2013_2018", "greenhouse_boards"):
        assert counts[source] == clean_counts[source]
    assert soup is not None and soup[0].startswith("Unclosed soup")
    assert accented == 1

    # A re-run over the same broken input changes nothing and duplicates nothing.
    before = fingerprint(database)
    assert run_graph(broken_slice, database).success
    assert fingerprint(database) == before


def test_missing_or_failing_source_keeps_its_last_good_rows(snapshot_slice, tmp_path):
    database = tmp_path / "w.duckdb"
    assert run_graph(snapshot_slice, database).success
    with duckdb.connect(str(database), read_only=True) as conn:
        before = conn.execute("SELECT count(*) FROM core.postings WHERE source = 'openai_careers'"
                              ).fetchone()[0]
    gone = tmp_path / "gone"
    shutil.copytree(snapshot_slice, gone)
    shutil.rmtree(gone / "openai_careers")
    result = run_graph(gone, database)
    assert result.success  # one missing source never fails the run
    failed = {(c.asset_key.to_user_string(), c.check_name)
              for c in result.get_asset_check_evaluations() if not c.passed}
    assert ("sources/openai_careers", "landed_rows") in failed
    with duckdb.connect(str(database), read_only=True) as conn:
        after = conn.execute("SELECT count(*) FROM core.postings WHERE source = 'openai_careers'"
                             ).fetchone()[0]
        reason = conn.execute("SELECT reason FROM core.quarantine WHERE source = 'openai_careers'"
                              ).fetchone()[0]
    assert after == before > 0
    assert reason.startswith("source missing")


def test_killed_run_then_rerun_matches_a_clean_run(snapshot_slice, slice_warehouse, tmp_path):
    database = tmp_path / "killed.duckdb"
    command = [sys.executable, "-m", "pipelines.cli", "--warehouse", str(database), "refresh",
               "--snapshot", str(snapshot_slice)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 120
    finished_sources = 0
    for line in process.stderr:
        if "sources__" in line and " INFO " in line and "files," in line:
            finished_sources += 1
        if finished_sources >= 4 or time.monotonic() > deadline:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert finished_sources >= 4, "the run was killed before it had written anything"
    partial = fingerprint(database)
    assert partial != fingerprint(slice_warehouse)  # it really stopped half-way
    assert run_graph(snapshot_slice, database).success
    assert fingerprint(database) == fingerprint(slice_warehouse)
