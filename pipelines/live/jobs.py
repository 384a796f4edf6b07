"""Live jobs: fetch into the landing zone, then ingest what was fetched and rebuild downstream.
Each job runs in-process (the definitions' executor), so DuckDB sees one writer at a time."""

from dagster import AssetSelection, define_asset_job

from pipelines.ingestion.assets import source_key
from pipelines.live.assets import live_key


def _fetch_then_ingest(fetch: list[str], sources: list[str]) -> AssetSelection:
    return (AssetSelection.assets(*(live_key(n) for n in fetch))
            | AssetSelection.assets(*(source_key(s) for s in sources)).downstream())


live_boards_job = define_asset_job(
    "live_boards", selection=_fetch_then_ingest(["greenhouse", "lever", "ashby"],
                                                ["greenhouse_daily", "ashby"]),
    description="Capture every registry board (Greenhouse, Lever, Ashby) for today, then ingest "
                "the Greenhouse and Ashby landing folders and rebuild what depends on them.")
live_hn_job = define_asset_job(
    "live_hn", selection=_fetch_then_ingest(["hn_whoishiring"], ["hn_whoishiring"]),
    description="Capture a month's 'Who is hiring?' thread, then ingest and rebuild.")
live_reference_job = define_asset_job(
    "live_reference", selection=_fetch_then_ingest(["aijobs_salaries", "bls_oews"],
                                                   ["aijobs_salaries", "bls_oews"]),
    description="Fetch the salary survey and BLS wage files if new, then ingest and rebuild.")

LIVE_JOBS = [live_boards_job, live_hn_job, live_reference_job]
