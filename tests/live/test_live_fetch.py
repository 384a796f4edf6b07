"""Every live source against API-shaped fixtures served by `responses` (no network): a normal
page, an empty board, a removed board, 429 with Retry-After, 500 then success, a timeout,
truncated JSON and schema changes. The other board of the same run always lands, failures are
recorded with their reasons, and the snapshot adapters read what was landed unchanged."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
import requests
import responses

from pipelines.ingestion.adapters import aijobs, ashby, bls, greenhouse_list, hn_firebase
from pipelines.live import fetchers
from pipelines.live.http import HttpClient
from pipelines.live.landing import (
    LandingZone,
    land_aijobs,
    land_bls,
    land_boards,
    land_hn,
    seed_from_snapshot,
)
from pipelines.live.registry import Board, load_registry

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)
DAY = "2026-11-29"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class Waits:
    def __init__(self):
        self.waits: list[float] = []
        self.now = 0.0

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def make_client(waits: Waits) -> HttpClient:
    return HttpClient(sleep=waits.sleep, clock=waits.clock, max_retries=2, backoff=0.25)


ATS = {
    "greenhouse": ("greenhouse_daily", "https://boards-api.greenhouse.io/v1/boards/{}/jobs",
                   "greenhouse_board.json", {"jobs": [], "meta": {"total": 0}}),
    "lever": ("lever", "https://api.lever.co/v0/postings/{}", "lever_postings.json", []),
    "ashby": ("ashby", "https://api.ashbyhq.com/posting-api/job-board/{}", "ashby_board.json",
              {"jobs": [], "apiVersion": "1"}),
}


def renamed(ats: str) -> bytes:
    """The list under another key: the shape the adapters rely on is gone."""
    doc = json.loads(fixture(ATS[ats][2]))
    return json.dumps({"postings": doc.get("jobs", doc) if isinstance(doc, dict) else doc}
                      ).encode()


def field_missing(ats: str) -> bytes:
    """One job's title renamed: the board still lands, with a schema-drift warning."""
    doc = json.loads(fixture(ATS[ats][2]))
    jobs = doc if isinstance(doc, list) else doc["jobs"]
    title = "text" if ats == "lever" else "title"
    jobs[0]["name"] = jobs[0].pop(title)
    return json.dumps(doc).encode()


# scenario -> (responses for the board under test, landed?, reason or warning fragment)
def scenarios(ats: str) -> dict:
    page = fixture(ATS[ats][2])
    return {
        "normal": ([{"body": page}], True, None),
        "empty": ([{"json": ATS[ats][3]}], True, None),
        "removed": ([{"status": 404, "json": {"ok": False, "error": "Document not found"}}],
                    False, "404"),
        "rate_limited": ([{"status": 429, "headers": {"Retry-After": "7"}}, {"body": page}],
                         True, None),
        "server_error": ([{"status": 500}, {"body": page}], True, None),
        "timeout": ([{"body": requests.exceptions.ReadTimeout("read timed out")}], False,
                    "timeout"),
        "truncated": ([{"body": page[: len(page) // 2]}], False, "invalid JSON"),
        "renamed_list": ([{"body": renamed(ats)}], False, "unexpected schema"),
        "field_missing": ([{"body": field_missing(ats)}], True, "schema drift"),
    }


@pytest.mark.parametrize("scenario", list(scenarios("greenhouse")))
@pytest.mark.parametrize("ats", list(ATS))
@responses.activate
def test_board_scenarios(ats, scenario, tmp_path):
    folder, url, page_name, _ = ATS[ats]
    replies, lands, fragment = scenarios(ats)[scenario]
    for reply in replies:
        responses.get(url.format("broken"), **reply)
    responses.get(url.format("healthy"), body=fixture(page_name))
    waits = Waits()
    zone = LandingZone(tmp_path)
    boards = [Board("Broken Co", ats, "broken", "baseline"),
              Board("Healthy Co", ats, "healthy", "ai_lab")]
    report = land_boards(ats, boards, make_client(waits), zone, NOW)

    assert report.landed["healthy"] == 2  # the other board never suffers
    assert zone.has(f"{folder}/{DAY}/healthy.json.gz")
    assert zone.has(f"{folder}/{DAY}/broken.json.gz") == lands
    if lands:
        assert "broken" in report.landed and "broken" not in report.failed
    else:
        assert fragment in report.failed["broken"]
    if scenario == "rate_limited":
        assert 7.0 in waits.waits
    if scenario == "field_missing":
        assert fragment in report.warnings["broken"][0]
    if scenario in ("truncated", "renamed_list"):  # kept for debugging, outside the adapters
        assert list((tmp_path / "_rejected" / folder).rglob("broken.json.gz.*"))
    if scenario == "normal":
        meta = zone.meta(f"{folder}/{DAY}/broken.json.gz")
        assert meta["records"] == 2 and meta["url"].startswith(url.format("broken"))


@responses.activate
def test_lever_eu_region_uses_the_eu_host(tmp_path):
    responses.get("https://api.eu.lever.co/v0/postings/euco", body=fixture("lever_postings.json"))
    report = land_boards("lever", [Board("EU Co", "lever", "euco", "baseline", region="eu")],
                         make_client(Waits()), LandingZone(tmp_path), NOW)
    assert report.landed == {"euco": 2}


@responses.activate
def test_second_fetch_same_day_is_skipped_and_304_lands_a_copy(tmp_path):
    url = "https://boards-api.greenhouse.io/v1/boards/exampleai/jobs"
    responses.get(url, body=fixture("greenhouse_board.json"), headers={"ETag": '"v1"'})
    zone, board = LandingZone(tmp_path), [Board("Example", "greenhouse", "exampleai", "ai_lab")]
    land_boards("greenhouse", board, make_client(Waits()), zone, NOW)
    again = land_boards("greenhouse", board, make_client(Waits()), zone, NOW)
    assert again.skipped == {"exampleai": "already captured today"}
    assert len(responses.calls) == 1

    responses.replace(responses.GET, url, status=304)
    later = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    report = land_boards("greenhouse", board, make_client(Waits()), zone, later)
    assert report.not_modified == ["exampleai"] and report.landed == {"exampleai": 2}
    assert responses.calls[-1].request.headers["If-None-Match"] == '"v1"'
    first = zone.path(f"greenhouse_daily/{DAY}/exampleai.json.gz").read_bytes()
    assert zone.path("greenhouse_daily/2026-11-30/exampleai.json.gz").read_bytes() == first


@responses.activate
def test_landed_boards_read_by_the_snapshot_adapters(tmp_path):
    for ats, (_, url, page, _) in ATS.items():
        responses.get(url.format("example"), body=fixture(page))
        land_boards(ats, [Board("Example", ats, "example", "ai_lab")], make_client(Waits()),
                    LandingZone(tmp_path), NOW)
    daily = greenhouse_list.read_daily(tmp_path / "greenhouse_daily")
    assert {p.title for p in daily.postings} == {"Research Engineer, Pretraining",
                                                  "Account Executive"}
    assert {s["seen_date"] for s in daily.sightings} == {DAY}
    boards = ashby.read(tmp_path / "ashby")
    inference = next(p for p in boards.postings if p.title == "Inference Engineer")
    assert (inference.pay_min, inference.pay_max, inference.pay_currency) == (200000, 260000,
                                                                              "USD")
    assert not daily.quarantine and not boards.quarantine
    # The raw Greenhouse response keeps content and pay_input_ranges for later use.
    raw = json.loads(gzip.decompress(
        (tmp_path / "greenhouse_daily" / DAY / "example.json.gz").read_bytes()))
    assert raw["jobs"][0]["pay_input_ranges"][0]["min_cents"] == 30000000


def register_hn(items: dict, broken: dict | None = None) -> None:
    api = fetchers.HN_API
    responses.get(f"{api}/user/whoishiring.json", body=fixture("hn_user.json"))
    for item_id, item in items.items():
        for reply in (broken or {}).get(item_id, [{"json": item}]):
            responses.get(f"{api}/item/{item_id}.json", **reply)


HN_ITEMS = json.loads(fixture("hn_items.json"))
COMMENT = "46857701"  # one of the November thread's comments
HN_SCENARIOS = {
    "normal": (None, 3, None),
    "rate_limited": ({COMMENT: [{"status": 429, "headers": {"Retry-After": "7"}},
                                {"json": HN_ITEMS[COMMENT]}]}, 3, None),
    "server_error": ({COMMENT: [{"status": 500}, {"json": HN_ITEMS[COMMENT]}]}, 3, None),
    "removed": ({COMMENT: [{"status": 404}]}, 2, "404"),
    "timeout": ({COMMENT: [{"body": requests.exceptions.ConnectTimeout("slow")}]}, 2,
                "timeout"),
    "truncated": ({COMMENT: [{"body": json.dumps(HN_ITEMS[COMMENT])[:40]}]}, 2,
                  "invalid JSON"),
    "schema": ({COMMENT: [{"json": ["not", "an", "item"]}]}, 2, "unexpected schema"),
    "missing_item": ({COMMENT: [{"body": "null"}]}, 2, "missing"),
}


@pytest.mark.parametrize("scenario", list(HN_SCENARIOS))
@responses.activate
def test_hn_scenarios(scenario, tmp_path):
    broken, comments, fragment = HN_SCENARIOS[scenario]
    register_hn(HN_ITEMS, broken)
    waits = Waits()
    report = land_hn(make_client(waits), LandingZone(tmp_path), date(2026, 11, 1), NOW)
    assert report.landed == {"2026-11": comments}  # one bad comment costs only itself
    if fragment:
        assert fragment in report.warnings["2026-11"][0]
    if scenario == "rate_limited":
        assert 7.0 in waits.waits
    batch = hn_firebase.read(tmp_path / "hn_whoishiring")
    assert {p.company for p in batch.postings} >= {"Example AI", "Acme Tools"} or comments < 3
    assert len(batch.postings) + len(batch.quarantine) == comments  # the deleted one is kept
    assert {s["seen_date"] for s in batch.sightings} == {DAY}


@responses.activate
def test_hn_thread_list_failures_and_missing_month(tmp_path):
    responses.get(f"{fetchers.HN_API}/user/whoishiring.json", body='{"id": "whoishiring"')
    zone = LandingZone(tmp_path)
    report = land_hn(make_client(Waits()), zone, date(2026, 11, 1), NOW)
    assert "invalid JSON" in report.failed["2026-11"] and report.all_failed

    responses.replace(responses.GET, f"{fetchers.HN_API}/user/whoishiring.json",
                      body=fixture("hn_user.json"))
    register_hn({k: v for k, v in HN_ITEMS.items() if k != "46857700"})
    report = land_hn(make_client(Waits()), zone, date(2026, 12, 1), NOW)
    assert "no 'Who is hiring?' thread for 2026-12" in report.failed["2026-12"]
    # A backfill of October lands beside November's capture under its own name.
    report = land_hn(make_client(Waits()), zone, date(2026, 10, 1), NOW)
    assert report.landed == {"2026-10": 1}
    assert zone.has(f"hn_whoishiring/{DAY}_2026-10.raw.json.gz")


AIJOBS = "https://ai-jobs.net/salaries/download/salaries.csv"
AIJOBS_SCENARIOS = {
    "normal": ([{"body": fixture("aijobs_salaries.csv")}], True, None),
    "rate_limited": ([{"status": 429, "headers": {"Retry-After": "7"}},
                      {"body": fixture("aijobs_salaries.csv")}], True, None),
    "server_error": ([{"status": 500}, {"body": fixture("aijobs_salaries.csv")}], True, None),
    "removed": ([{"status": 404}], False, "404"),
    "timeout": ([{"body": requests.exceptions.ReadTimeout("slow")}], False, "timeout"),
    "truncated": ([{"body": fixture("aijobs_salaries.csv")[:-25]}], True, "truncated"),
    "schema": ([{"body": fixture("aijobs_salaries.csv").replace(b"salary_in_usd", b"usd")}],
               False, "unexpected schema"),
}


@pytest.mark.parametrize("scenario", list(AIJOBS_SCENARIOS))
@responses.activate
def test_aijobs_scenarios(scenario, tmp_path):
    replies, lands, fragment = AIJOBS_SCENARIOS[scenario]
    for reply in replies:
        responses.get(AIJOBS, **reply)
    waits = Waits()
    report = land_aijobs(make_client(waits), LandingZone(tmp_path), NOW)
    assert (tmp_path / "aijobs_salaries" / "salaries.csv.gz").exists() == lands
    if lands:
        batch = aijobs.read(tmp_path / "aijobs_salaries")
        assert len(batch.tables["salary_observations"]) >= 2
    if fragment:
        problems = report.failed.get("salaries.csv") or report.warnings["salaries.csv"][0]
        assert fragment in problems
    if scenario == "rate_limited":
        assert 7.0 in waits.waits


@responses.activate
def test_aijobs_replaced_only_when_changed(tmp_path):
    zone = LandingZone(tmp_path)
    responses.get(AIJOBS, body=fixture("aijobs_salaries.csv"), headers={"ETag": '"a"'})
    land_aijobs(make_client(Waits()), zone, NOW)
    assert land_aijobs(make_client(Waits()), zone, NOW).skipped == {
        "salaries.csv": "unchanged upstream"}
    responses.replace(responses.GET, AIJOBS, status=304)
    assert land_aijobs(make_client(Waits()), zone, NOW).not_modified == ["salaries.csv"]
    assert responses.calls[-1].request.headers["If-None-Match"] == '"a"'
    responses.replace(responses.GET, AIJOBS,
                      body=fixture("aijobs_salaries.csv") + b"2024,SE,FT,CTO,1,USD,1,US,0,US,S\n")
    assert land_aijobs(make_client(Waits()), zone, NOW).landed == {"salaries.csv": 4}
    assert len(list((tmp_path / "_superseded").rglob("salaries.csv.gz.*"))) == 1


def bls_zip(year: int, columns: list[str] | None = None) -> bytes:
    """A small national OEWS workbook in BLS's zip layout (header as BLS publishes it)."""
    header = columns or ["AREA", "AREA_TITLE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP",
                         *bls.WAGE_COLUMNS]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append(["99", "U.S.", "15-1252", "Software Developers", "detailed", 1654440,
                  *([69.5, 144570, 40, 50, 64, 80, 101.66, 83000, 104000, 133080, 168000,
                     211450][: len(header) - 6])])
    xlsx = io.BytesIO()
    book.save(xlsx)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(f"oesm{year % 100}nat/national_M{year}_dl.xlsx", xlsx.getvalue())
        archive.writestr(f"oesm{year % 100}nat/field_descriptions.xlsx", b"")
    return out.getvalue()


BLS = "https://www.bls.gov/oes/special-requests/oesm{}nat.zip"
BLS_SCENARIOS = {
    "normal": ([{"body": bls_zip(2025)}], True, None),
    "rate_limited": ([{"status": 429, "headers": {"Retry-After": "7"}},
                      {"body": bls_zip(2025)}], True, None),
    "server_error": ([{"status": 500}, {"body": bls_zip(2025)}], True, None),
    "not_published": ([{"status": 404}], False, "not published"),
    "blocked": ([{"status": 403, "body": "Access Denied"}], False, "HTTP 403"),
    "timeout": ([{"body": requests.exceptions.ReadTimeout("slow")}], False, "timeout"),
    "truncated": ([{"body": bls_zip(2025)[:300]}], False, "unreadable zip"),
    "schema": ([{"body": bls_zip(2024)}], False, "no national_M2025_dl.xlsx"),
}


@pytest.mark.parametrize("scenario", list(BLS_SCENARIOS))
@responses.activate
def test_bls_scenarios(scenario, tmp_path):
    replies, lands, fragment = BLS_SCENARIOS[scenario]
    for reply in replies:
        responses.get(BLS.format(25), **reply)
    responses.get(BLS.format(24), body=bls_zip(2024))
    report = land_bls(make_client(Waits()), LandingZone(tmp_path), NOW, [2025, 2024])
    assert report.landed.get("2024") == 0  # the other year lands regardless
    assert (tmp_path / "bls_oews" / "national_M2025_dl.xlsx").exists() == lands
    if fragment:
        assert fragment in (report.failed.get("2025") or report.skipped["2025"])
    batch = bls.read(tmp_path / "bls_oews")
    assert {r["year"] for r in batch.tables["wage_baselines"]} == ({2024, 2025} if lands
                                                                   else {2024})


def test_registry_is_versioned_and_covers_every_segment():
    version, boards = load_registry()
    assert version >= 1 and len(boards) >= 200
    assert {b.segment for b in boards} == {"ai_lab", "ai_infra", "ai_application", "baseline"}
    assert {b.ats for b in boards} == {"greenhouse", "lever", "ashby"}
    tokens = {(b.ats, b.token) for b in boards}
    assert {("greenhouse", "anthropic"), ("ashby", "cohere"), ("lever", "mistral")} <= tokens


def test_seed_links_the_snapshot_without_copying(tmp_path):
    snapshot = tmp_path / "snapshot"
    (snapshot / "greenhouse_daily" / "2026-08-01").mkdir(parents=True)
    (snapshot / "remotewlb").mkdir()
    (snapshot / "aijobs_salaries").mkdir()
    (snapshot / "aijobs_salaries" / "salaries.csv.gz").write_bytes(b"x")
    (snapshot / "aijobs_salaries" / "LICENSE").write_text("MIT")
    landing = tmp_path / "landing"
    made = seed_from_snapshot(snapshot, landing)
    assert sorted(made) == ["aijobs_salaries/salaries.csv.gz", "greenhouse_daily/2026-08-01",
                            "remotewlb"]
    assert (landing / "remotewlb").is_symlink()
    assert seed_from_snapshot(snapshot, landing) == []  # idempotent
