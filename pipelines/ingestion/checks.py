"""Checks beside the source assets: the source landed rows, and little of it was quarantined."""

from dagster import AssetCheckResult, AssetCheckSeverity, asset_check
from dagster_duckdb import DuckDBResource

from pipelines.ingestion.assets import source_key
from pipelines.ingestion.sources import SOURCES, Source

# Above this share of dropped records a source's format has probably changed.
MAX_DROPPED_SHARE = 0.02


def build_source_checks(source: Source):
    @asset_check(asset=source_key(source.name), name="landed_rows", blocking=False,
                 description="The source's latest run wrote rows and did not fail outright.")
    def landed_rows(warehouse: DuckDBResource) -> AssetCheckResult:
        with warehouse.get_connection() as conn:
            raw = conn.execute("SELECT count(*) FROM raw.records WHERE source = ?",
                               [source.name]).fetchone()[0]
            failures = conn.execute(
                "SELECT reason FROM staging.quarantine WHERE source = ? AND "
                "(reason LIKE 'source missing%' OR reason LIKE 'adapter failed%')",
                [source.name]).fetchall()
        return AssetCheckResult(
            passed=raw > 0 and not failures,
            severity=AssetCheckSeverity.ERROR,
            metadata={"raw_records": raw, "failure": failures[0][0] if failures else "none"},
        )

    @asset_check(asset=source_key(source.name), name="quarantine_share", blocking=False,
                 description=f"At most {MAX_DROPPED_SHARE:.0%} of records dropped to quarantine.")
    def quarantine_share(warehouse: DuckDBResource) -> AssetCheckResult:
        with warehouse.get_connection() as conn:
            raw = conn.execute("SELECT count(*) FROM raw.records WHERE source = ?",
                               [source.name]).fetchone()[0]
            dropped = conn.execute(
                "SELECT count(*) FROM staging.quarantine WHERE source = ? AND action = 'dropped'",
                [source.name]).fetchone()[0]
        share = dropped / (raw + dropped) if raw + dropped else 1.0
        return AssetCheckResult(
            passed=share <= MAX_DROPPED_SHARE,
            severity=AssetCheckSeverity.WARN,
            metadata={"dropped": dropped, "landed": raw, "dropped_share": round(share, 5)},
        )

    return [landed_rows, quarantine_share]


SOURCE_CHECKS = [check for source in SOURCES for check in build_source_checks(source)]
