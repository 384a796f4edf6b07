"""Each adapter on a real slice of the snapshot; expected counts are computed from the slice
files directly, independently of the adapter."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
import sqlite3
import tarfile
from pathlib import Path

import duckdb

from pipelines.ingestion.adapters import (
    aijobs,
    ailab_sqlite,
    ailab_tracker,
    anthropic_watch,
    ashby,
    bls,
    greenhouse_list,
    hn_extracted,
    hn_firebase,
    hn_monthly,
    levelsfyi,
    openai_careers,
    registry,
    remotewlb,
)
from pipelines.ingestion.store import write_batch


def _json(path: Path):
    data = path.read_bytes()
    return json.loads(gzip.decompress(data) if path.suffix == ".gz" else data)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode())))


def test_ashby(snapshot_slice):
    files = sorted((snapshot_slice / "ashby").rglob("*.json.gz"))
    jobs = [job for f in files for job in _json(f)["jobs"]]
    batch = ashby.read(snapshot_slice / "ashby")
    assert len(batch.postings) == len(jobs) > 0
    assert not batch.quarantine
    by_id = {p.source_id: p for p in batch.postings}
    with_salary = 0
    for job in jobs:
        posting = by_id[job["id"]]
        assert posting.title == job["title"].strip()
        assert posting.match_key == f"ashby:{job['id']}"
        assert posting.snapshot_date == "2025-10-27"
        salary = [c for c in job["compensation"].get("summaryComponents") or []
                  if c["compensationType"] == "Salary"]
        if salary:
            with_salary += 1
            assert posting.pay_min == salary[0]["minValue"]
            assert posting.pay_currency == salary[0]["currencyCode"]
        assert "<" not in (posting.description or "")[:200] or "<" in job["descriptionPlain"]
    assert with_salary > 0
    assert {s["kind"] for s in batch.sightings} == {"snapshot"}


def test_greenhouse_boards_uses_fetched_at_and_skips_stats(snapshot_slice):
    folder = snapshot_slice / "greenhouse_boards"
    expected_ids, expected_sightings = set(), set()
    for path in folder.rglob("*.json.gz"):
        if path.name.startswith("_"):
            continue
        doc = _json(path)
        seen = doc["fetched_at"][:10]
        for job in doc["jobs"]:
            expected_ids.add(str(job["id"]))
            expected_sightings.add((str(job["id"]), seen))
    batch = greenhouse_list.read_boards(folder)
    assert {p.source_id for p in batch.postings} == expected_ids
    assert {(s["source_id"], s["seen_date"]) for s in batch.sightings} == expected_sightings
    assert not any("_stats" in (p.file or "") for p in batch.postings)
    assert all(p.match_key == f"greenhouse:{p.source_id}" for p in batch.postings)
    # The quarterly snapshots give a posting several sightings.
    per_posting: dict[str, int] = {}
    for source_id, _ in expected_sightings:
        per_posting[source_id] = per_posting.get(source_id, 0) + 1
    assert max(per_posting.values()) >= 2


def test_greenhouse_daily(snapshot_slice):
    folder = snapshot_slice / "greenhouse_daily"
    pairs = {(str(job["id"]), path.parent.name) for path in folder.rglob("*.json.gz")
             for job in _json(path)["jobs"]}
    batch = greenhouse_list.read_daily(folder)
    assert {(s["source_id"], s["seen_date"]) for s in batch.sightings} == pairs
    assert {p.company for p in batch.postings} == {"Anthropic", "Stripe"}


def test_anthropic_watch_ids_from_urls_and_pay_blocks(snapshot_slice):
    folder = snapshot_slice / "anthropic_job_watch"
    index_ids = set()
    for path in [folder / "jobs.json", *sorted((folder / "history").glob("*.json"))]:
        for entry in json.loads(path.read_text()):
            index_ids.add(re.search(r"/jobs/(\d+)", entry["url"]).group(1))
    with tarfile.open(folder / "descriptions.tar.gz") as tar:
        described = {Path(m.name).stem for m in tar.getmembers() if m.isfile()}
    batch = anthropic_watch.read(folder)
    assert {p.source_id for p in batch.postings} == index_ids
    with_text = [p for p in batch.postings if p.description]
    assert {p.source_id for p in with_text} == described & index_ids
    paid = [p for p in with_text if "pay-range" in (p.description_raw or "")]
    assert paid and all(p.pay_text and re.search(r"\d{3}", p.pay_text) for p in paid)
    assert all("<div" not in p.description for p in with_text)
    # The first history versions keyed jobs by slug: their sightings still land on numeric ids.
    assert all(s["source_id"].isdigit() for s in batch.sightings)


def test_openai_careers(snapshot_slice):
    folder = snapshot_slice / "openai_careers"
    extracted = _json(folder / "all_jobs_extracted.json.gz")["jobs"]
    batch = openai_careers.read(folder)
    uuids = [p for p in batch.postings if p.match_key]
    linked = [j for j in extracted
              if "ashbyhq.com/openai/" in (j["extracted"].get("application_link") or "")]
    assert len(uuids) == len(linked) >= 140
    assert all(re.fullmatch(r"[0-9a-f-]{36}", p.source_id) for p in uuids)
    assert len(batch.postings) == 148  # 147 pages + the one index entry with no page
    described = [p for p in batch.postings if p.description]
    assert all("Qualifications" in p.description or "About the role" in p.description
               for p in described[:20])
    assert sum(bool(p.pay_text) for p in batch.postings) == sum(
        bool(j["extracted"].get("compensation")) for j in extracted)


def test_ailab_tracker_quarantines_placeholders_and_parses_literals(snapshot_slice):
    folder = snapshot_slice / "ailab_tracker"
    rows = [r for path in sorted(folder.glob("*.csv.gz")) for r in _csv_rows(path)]
    placeholders = [r for r in rows if not r["raw_data"]]
    batch = ailab_tracker.read(folder)
    assert len(batch.postings) == len(rows) - len(placeholders)
    assert len(placeholders) == 4
    assert [q["reason"].split(":")[0] for q in batch.quarantine] == ["placeholder row"] * 4
    openai = [p for p in batch.postings if p.company == "OpenAI"]
    assert openai and all(p.match_key.startswith("ashby:") for p in openai)


def test_ailab_tracker_never_evaluates_raw_data():
    hostile = "__import__('os').system('touch /tmp/jobstack-pwned')"
    assert ailab_tracker.parse_raw_data(hostile) is None
    assert ailab_tracker.parse_raw_data("{'a': 1, 'b': [None, True]}") == {"a": 1,
                                                                          "b": [None, True]}
    assert ailab_tracker.parse_raw_data("[1, 2]") is None
    assert not Path("/tmp/jobstack-pwned").exists()


def test_ailab_sqlite(snapshot_slice):
    folder = snapshot_slice / "ailab_2025-02"
    with sqlite3.connect(folder / "jobs.db") as db:
        total, unpaid = db.execute(
            "SELECT count(*), count(*) FILTER (WHERE compensation = 'Not specified') FROM jobs"
        ).fetchone()
    batch = ailab_sqlite.read(folder)
    assert len(batch.postings) == total == 447
    assert sum(p.pay_text is None for p in batch.postings) == unpaid
    assert {p.source_id.split(":")[0] for p in batch.postings} == {"openai", "anthropic"}


def test_hn_firebase(snapshot_slice):
    folder = snapshot_slice / "hn_whoishiring"
    items = [i for path in folder.glob("*.json.gz") for i in _json(path)["jobs"]]
    batch = hn_firebase.read(folder)
    assert len(batch.postings) + len(batch.quarantine) == len(items)
    posting = batch.postings[0]
    assert "<p>" not in posting.description and "&amp;" not in posting.description
    assert posting.title == posting.description.split("\n")[0][:300]
    assert posting.url.endswith(f"id={posting.source_id}")


def test_hn_firebase_quarantines_deleted_comments(tmp_path):
    run = {"date": "2026-01-01", "jobs": [
        {"id": 1, "by": "a", "time": 1767377545, "text": "Acme | Dev | Remote<p>Hi"},
        {"id": 2, "deleted": True, "time": 1767377545},
        {"id": 3, "by": "c", "time": 1767377545, "text": ""},
    ]}
    (tmp_path / "hn").mkdir()
    (tmp_path / "hn" / "2026-01-01.raw.json").write_text(json.dumps(run))
    batch = hn_firebase.read(tmp_path / "hn")
    assert [p.source_id for p in batch.postings] == ["1"]
    assert [q["record_key"] for q in batch.quarantine] == ["2", "3"]
    assert batch.postings[0].company == "Acme" and batch.postings[0].remote is True


def test_hn_monthly(snapshot_slice):
    folder = snapshot_slice / "hn_whoishiring_2013_2018"
    items = [i for path in folder.glob("*.json.gz") for i in _json(path)]
    batch = hn_monthly.read(folder)
    assert len(batch.postings) + len(batch.quarantine) == len(items)
    assert {p.posted_at for p in batch.postings} == {"2013-08-01", "2018-04-01"}
    assert all(p.source_id.isdigit() for p in batch.postings)
    said_remote = {i["url"].split("id=")[1] for i in items if i.get("remote") is True}
    assert said_remote and all(p.remote for p in batch.postings if p.source_id in said_remote)


def test_hn_extracted_is_flagged_as_model_extracted(snapshot_slice):
    batch = hn_extracted.read(snapshot_slice / "hn_extracted_2022_2025")
    assert len(batch.postings) == 10242
    assert all(p.model_extracted and p.description is None for p in batch.postings)
    assert sum(bool(p.pay_text) for p in batch.postings) == 1831


def test_remotewlb(snapshot_slice):
    folder = snapshot_slice / "remotewlb"
    with tarfile.open(folder / "jobs.tar.gz") as tar:
        members = [m.name for m in tar.getmembers() if m.isfile()]
    batch = remotewlb.read(folder)
    assert len(batch.postings) + len(batch.quarantine) == len(members) == 300
    posting = next(p for p in batch.postings if p.pay_text)
    assert "💰" not in posting.pay_text and posting.remote is True
    assert all("**" not in p.description and "](" not in p.description for p in batch.postings)
    assert sum(bool(p.description) for p in batch.postings) == len(batch.postings)
    assert all(p.snapshot_date.endswith("-01") for p in batch.postings)


_MARKDOWN = ("# [Data Engineer](https://x.test/apply)  \n### Acme  \n"
             "#### `💰 ~144k` `🌎 Germany`  \n\nText")
_OTHER_MARKDOWN = _MARKDOWN.replace("Acme", "Other Co")


def _remotewlb_archive(tmp_path: Path) -> Path:
    """One slug under two skill folders, and the same slug reused later for another job."""
    archive = tmp_path / "remotewlb" / "jobs.tar.gz"
    archive.parent.mkdir()
    with tarfile.open(archive, "w:gz") as tar:
        for name, text in [("jobs/Python/2024-05/data-engineer/README.md", _MARKDOWN),
                           ("jobs/Others/2024-05/data-engineer/README.md", _MARKDOWN),
                           ("jobs/Java/2024-09/data-engineer/README.md", _OTHER_MARKDOWN)]:
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return archive.parent


def test_remotewlb_same_slug_in_two_skill_folders_is_one_posting(tmp_path):
    batch = remotewlb.read(_remotewlb_archive(tmp_path))
    assert sorted({p.source_id for p in batch.postings}) == ["data-engineer",
                                                             "data-engineer~2024-09"]
    first = batch.postings[0]
    assert (first.title, first.company, first.pay_text, first.country) == (
        "Data Engineer", "Acme", "~144k", "DE")


def test_remotewlb_markdown_is_restored_from_the_raw_payload(tmp_path):
    # The markdown is not held twice in memory; the writer restores it from the raw payload.
    batch = remotewlb.read(_remotewlb_archive(tmp_path))
    assert all(p.description_raw is None for p in batch.postings)
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    write_batch(conn, batch)
    stored = conn.execute("SELECT file, source_id, description_raw FROM staging.postings "
                          "WHERE source = 'remotewlb' ORDER BY file").fetchall()
    assert [(f.rsplit(":", 1)[1], sid, raw) for f, sid, raw in stored] == [
        ("jobs/Java/2024-09/data-engineer/README.md", "data-engineer~2024-09", _OTHER_MARKDOWN),
        ("jobs/Others/2024-05/data-engineer/README.md", "data-engineer", _MARKDOWN),
        ("jobs/Python/2024-05/data-engineer/README.md", "data-engineer", _MARKDOWN)]


def test_aijobs(snapshot_slice):
    batch = aijobs.read(snapshot_slice / "aijobs_salaries")
    rows = batch.tables["salary_observations"]
    assert len(rows) == 500
    assert rows[0]["job_title"] == "Software Engineer" and rows[0]["total_usd"] == 250200


def test_levelsfyi_parses_money_years_and_relative_dates():
    assert levelsfyi.money("US$1,167,400") == 1167400
    assert levelsfyi.money(214000) == 214000
    assert levelsfyi.money("N/A") is None
    assert levelsfyi.years("10 yrs") == 10
    crawled = dt.datetime(2024, 5, 14, 1, 0)
    assert levelsfyi.observed_date(" a day ago", crawled) == "2024-05-13"
    assert levelsfyi.observed_date("3 weeks ago", crawled) == "2024-04-23"
    assert levelsfyi.observed_date("yesterday-ish", crawled) is None


def test_levelsfyi_dedupes_overlapping_crawls(snapshot_slice):
    batch = levelsfyi.read(snapshot_slice / "levelsfyi_faangn")
    rows = batch.tables["salary_observations"]
    assert 0 < len(rows) < sum(f["records"] for f in batch.files)
    identities = {(r["company"], r["level"], r["tag"], r["total_usd"], r["base_usd"],
                   r["years_experience"], r["location"]) for r in rows}
    assert len(identities) == len(rows)


def test_bls(snapshot_slice):
    batch = bls.read(snapshot_slice / "bls_oews")
    rows = batch.tables["wage_baselines"]
    software_2024 = next(r for r in rows if r["year"] == 2024 and r["occ_code"] == "15-1252")
    # Reference values quoted in the MANIFEST.
    assert software_2024["tot_emp"] == 1654440
    assert (software_2024["a_mean"], software_2024["a_median"], software_2024["a_pct90"]) == (
        144570, 133080, 211450)
    assert {r["year"] for r in rows} == {2020, 2024}
    assert any(r["top_coded"] for r in rows)


def test_registry(snapshot_slice):
    folder = snapshot_slice / "board_registry"
    csv_rows = sum(len(_csv_rows_plain(p)) for p in folder.glob("*.csv"))
    batch = registry.read(folder)
    assert len(batch.tables["boards"]) == csv_rows
    assert any(b["ai_company"] for b in batch.tables["boards"])
    assert len(batch.tables["ai_companies"]) == len(json.loads(
        (folder / "ai_companies.json").read_text()))


def _csv_rows_plain(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8")))
