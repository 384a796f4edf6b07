"""Checks beside the core tables. Key integrity is blocking: nothing downstream should read a
postings table whose keys are not unique or whose duplicate links point nowhere."""

from dagster import AssetCheckResult, asset_check
from dagster_duckdb import DuckDBResource

from pipelines.ingestion.sources import POSTING_SOURCES
from pipelines.warehouse.assets import core_key

# SOC codes the pay reports compare against: software developers, computer and information
# research scientists, data scientists, other computer occupations, network/systems admins,
# computer systems analysts.
REQUIRED_SOCS = ("15-1252", "15-1221", "15-2051", "15-1299", "15-1244", "15-1211")


@asset_check(asset=core_key("postings"), blocking=True,
             description="posting_key is unique and never null.")
def unique_posting_key(warehouse: DuckDBResource) -> AssetCheckResult:
    with warehouse.get_connection() as conn:
        total, distinct, nulls = conn.execute(
            "SELECT count(*), count(DISTINCT posting_key), count(*) - count(posting_key) "
            "FROM core.postings").fetchone()
    return AssetCheckResult(passed=total == distinct and nulls == 0,
                            metadata={"rows": total, "distinct": distinct, "nulls": nulls})


@asset_check(asset=core_key("postings"), blocking=True,
             description="Every canonical_key names a canonical posting of the same group.")
def canonical_keys_resolve(warehouse: DuckDBResource) -> AssetCheckResult:
    with warehouse.get_connection() as conn:
        dangling = conn.execute("""
            SELECT count(*) FROM core.postings AS p
            LEFT JOIN core.postings AS c ON c.posting_key = p.canonical_key AND c.is_canonical
            WHERE c.posting_key IS NULL
        """).fetchone()[0]
    return AssetCheckResult(passed=dangling == 0, metadata={"dangling": dangling})


@asset_check(asset=core_key("postings"), blocking=False,
             description="Every posting source of the snapshot has rows in core.postings.")
def every_posting_source_present(warehouse: DuckDBResource) -> AssetCheckResult:
    with warehouse.get_connection() as conn:
        present = {r[0] for r in conn.execute("SELECT DISTINCT source FROM core.postings")
                   .fetchall()}
    missing = sorted(set(POSTING_SOURCES) - present)
    return AssetCheckResult(passed=not missing, metadata={"missing": ", ".join(missing) or "none",
                                                          "present": len(present)})


@asset_check(asset=core_key("postings"), blocking=False,
             description="first_seen <= last_seen wherever both are known.")
def seen_dates_ordered(warehouse: DuckDBResource) -> AssetCheckResult:
    with warehouse.get_connection() as conn:
        bad = conn.execute(
            "SELECT count(*) FROM core.postings WHERE first_seen > last_seen").fetchone()[0]
    return AssetCheckResult(passed=bad == 0, metadata={"misordered": bad})


@asset_check(asset=core_key("wage_baselines"), blocking=False,
             description="Each reference year holds every SOC code the reports compare against.")
def required_occupations(warehouse: DuckDBResource) -> AssetCheckResult:
    with warehouse.get_connection() as conn:
        found = conn.execute(
            "SELECT year, count(DISTINCT comparable_code) FROM core.wage_baselines "
            "WHERE comparable_code IN (SELECT unnest(?::VARCHAR[])) GROUP BY year ORDER BY year",
            [list(REQUIRED_SOCS)]).fetchall()
    short = [year for year, n in found if n < len(REQUIRED_SOCS)]
    return AssetCheckResult(passed=len(found) > 0 and not short,
                            metadata={"years": len(found), "years_missing_codes": str(short)})


CORE_CHECKS = [unique_posting_key, canonical_keys_resolve, every_posting_source_present,
               seen_dates_ordered, required_occupations]
