"""The full refresh: every asset, in one in-process run (DuckDB allows one writer at a time)."""

from dagster import AssetSelection, define_asset_job

refresh_job = define_asset_job(
    "refresh", selection=AssetSelection.all() - AssetSelection.groups("live"),
    description="Ingest every source and rebuild every downstream table and report "
                "(offline: the live fetch assets are left to the live_* jobs).",
)
