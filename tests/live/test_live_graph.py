"""The live refresh inside the Dagster graph, with `responses` standing in for the network:
first/last-seen dates accumulate across dated captures, a live job fetches and ingests through
the same adapters as an offline refresh, a run with the network down fails cleanly and leaves
the warehouse as it was, and the schedule and sensor ask for the right runs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import requests
import responses
from conftest import fingerprint, run_graph
from dagster import (
    DagsterInstance,
    SkipReason,
    build_schedule_context,
    build_sensor_context,
)

from pipelines.common.resources import make_resources
from pipelines.definitions import build_definitions
from pipelines.live import fetchers
from pipelines.live.http import HttpClient
from pipelines.live.landing import LandingZone, land_boards
from pipelines.live.registry import Board
from pipelines.live.resources import HttpResource, LandingResource
from pipelines.live.schedules import live_boards_daily, live_hn_monthly
from pipelines.live.sensors import hn_new_thread

FIXTURES = Path(__file__).parent / "fixtures"
GREENHOUSE = "https://boards-api.greenhouse.io/v1/boards/exampleai/jobs"
FAST_HTTP = HttpResource(max_retries=1, backoff_seconds=0, min_interval_seconds=0)


def quiet_client() -> HttpClient:
    return HttpClient(sleep=lambda _: None, max_retries=1, backoff=0)


def live_definitions(landing: Path, warehouse: Path):
    """The code location as a live deployment runs it: the snapshot root is the landing zone."""
    return build_definitions({**make_resources(landing, warehouse),
                              "landing": LandingResource(root=str(landing)), "http": FAST_HTTP})


@responses.activate
def test_two_dated_captures_give_first_seen_before_last_seen(tmp_path):
    responses.get(GREENHOUSE, body=(FIXTURES / "greenhouse_board.json").read_bytes())
    landing, zone = tmp_path / "landing", LandingZone(tmp_path / "landing")
    board = [Board("Example AI", "greenhouse", "exampleai", "ai_lab")]
    for day in (20, 29):
        land_boards("greenhouse", board, quiet_client(), zone,
                    datetime(2026, 11, day, 6, tzinfo=UTC))
    database = tmp_path / "w.duckdb"
    result = run_graph(landing, database,
                       select='key:"sources/greenhouse_daily" or key:"core/postings"')
    assert result.success
    with duckdb.connect(str(database), read_only=True) as conn:
        rows = conn.execute("SELECT source_id, first_seen, last_seen, n_captures FROM "
                            "core.postings WHERE source = 'greenhouse_daily' ORDER BY 1"
                            ).fetchall()
    assert [(str(f), str(last), n) for _, f, last, n in rows] == [
        ("2026-11-20", "2026-11-29", 2)] * 2


def register_hn() -> None:
    items = json.loads((FIXTURES / "hn_items.json").read_text())
    responses.get(f"{fetchers.HN_API}/user/whoishiring.json",
                  body=(FIXTURES / "hn_user.json").read_bytes())
    for item_id, item in items.items():
        responses.get(f"{fetchers.HN_API}/item/{item_id}.json", json=item)


@responses.activate
def test_live_hn_job_fetches_then_ingests_through_the_snapshot_adapter(tmp_path):
    register_hn()
    landing, database = tmp_path / "landing", tmp_path / "w.duckdb"
    defs = live_definitions(landing, database)
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("live_hn").execute_in_process(
            instance=instance, partition_key="2026-11-01", raise_on_error=False)
        succeeded = {e.step_key for e in result.all_events
                     if e.event_type_value == "STEP_SUCCESS"}
    # Other domains further downstream are not this test's concern.
    assert {"live__hn_whoishiring", "sources__hn_whoishiring", "core__postings"} <= succeeded
    assert len(list((landing / "hn_whoishiring").glob("*.raw.json.gz"))) == 1
    # Read from the ingestion's metadata: a failed step further downstream may still hold a
    # DuckDB connection in this process.
    (landed,) = result.asset_materializations_for_node("sources__hn_whoishiring")
    assert landed.metadata["posting_rows"].value == 2  # the deleted comment is quarantined
    assert "Example AI" in landed.metadata["preview"].value
    checks = {(c.asset_key.to_user_string(), c.check_name): c.passed
              for c in result.get_asset_check_evaluations()}
    assert checks[("live/hn_whoishiring", "fetch_complete")]


@responses.activate
def test_scheduled_run_with_network_down_fails_cleanly_and_keeps_the_warehouse(tmp_path):
    responses.get(GREENHOUSE, body=(FIXTURES / "greenhouse_board.json").read_bytes())
    landing, database = tmp_path / "landing", tmp_path / "w.duckdb"
    land_boards("greenhouse", [Board("Example AI", "greenhouse", "exampleai", "ai_lab")],
                quiet_client(), LandingZone(landing), datetime(2026, 11, 20, tzinfo=UTC))
    assert run_graph(landing, database, select='key:"sources/greenhouse_daily" or '
                     'key:"core/postings"').success
    before = fingerprint(database)
    captures_before = sorted(p.name for p in (landing / "greenhouse_daily").iterdir())

    responses.reset()  # nothing registered: every request raises ConnectionError
    defs = live_definitions(landing, database)
    request = live_boards_daily.evaluate_tick(build_schedule_context(
        scheduled_execution_time=datetime(2026, 11, 29, 6, tzinfo=UTC))).run_requests[0]
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def(request.job_name or "live_boards").execute_in_process(
            instance=instance, raise_on_error=False, tags=request.tags)
        failures = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
        started = {e.step_key for e in result.all_events if e.event_type_value == "STEP_START"}
    assert not result.success
    messages = " ".join(str(e.event_specific_data.error_display_string) for e in failures)
    assert "every request failed" in messages and "connection failed" in messages
    assert "downstream tables left as they were" in messages
    assert {"live__greenhouse", "live__lever", "live__ashby"} <= started
    assert not {"sources__greenhouse_daily", "sources__ashby", "core__postings"} & started
    assert fingerprint(database) == before
    assert sorted(p.name for p in (landing / "greenhouse_daily").iterdir()) == captures_before


def test_hn_schedule_asks_for_the_current_month():
    context = build_schedule_context(scheduled_execution_time=datetime(2026, 12, 3, 12,
                                                                       tzinfo=UTC))
    assert live_hn_monthly(context).partition_key == "2026-12-01"


@responses.activate
def test_sensor_starts_a_run_for_a_new_thread_once():
    register_hn()
    result = hn_new_thread(build_sensor_context(resources={"http": FAST_HTTP}))
    (request,) = result.run_requests
    assert request.partition_key == "2026-11-01" and result.cursor == "46857491"
    again = hn_new_thread(build_sensor_context(cursor="46857491",
                                               resources={"http": FAST_HTTP}))
    assert isinstance(again, SkipReason)


@responses.activate
def test_sensor_skips_when_the_network_is_down():
    responses.get(f"{fetchers.HN_API}/user/whoishiring.json",
                  body=requests.exceptions.ConnectionError("network unreachable"))
    result = hn_new_thread(build_sensor_context(resources={"http": FAST_HTTP}))
    assert isinstance(result, SkipReason) and "connection failed" in result.skip_message


def test_offline_refresh_never_selects_a_fetch_asset():
    from pipelines.definitions import defs

    keys = defs.resolve_job_def("refresh").asset_layer.selected_asset_keys
    assert not [k for k in keys if k.path[0] == "live"]
    assert len(keys) > 10
