"""The full refresh: every asset, in one in-process run (DuckDB allows one writer at a time)."""

from dagster import AssetSelection, define_asset_job

refresh_job = define_asset_job(
    "refresh", selection=AssetSelection.all(),
    description="Ingest every source and rebuild every downstream table and report.",
)
