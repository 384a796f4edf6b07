"""Checks beside the pay asset: coverage per source, and a plausibility band that flags
(never drops) annual USD figures outside it."""

from dagster import AssetCheckResult, AssetCheckSeverity, asset_check
from dagster_duckdb import DuckDBResource

from pipelines.common.metadata import markdown_table
from pipelines.pay.assets import COVERAGE_SQL
from pipelines.warehouse.assets import core_key

# Share of postings whose pay field holds an amount that must parse, per source.
MIN_FIELD_PARSED_SHARE = {"ashby": 0.97, "anthropic_job_watch": 0.97, "openai_careers": 0.97,
                          "remotewlb": 0.90}
# Annual USD outside this band is unusual enough to look at: below a part-time minimum wage or
# above what posted base ranges reach.
PLAUSIBLE_ANNUAL_USD = (15_000, 1_500_000)


@asset_check(asset=core_key("posting_pay"), blocking=False,
             description="Postings with a pay field parse at the agreed share per source.")
def pay_field_coverage(warehouse: DuckDBResource) -> AssetCheckResult:
    with warehouse.get_connection() as conn:
        rows = {r[0]: r for r in conn.execute(COVERAGE_SQL).fetchall()}
    shares = {source: rows[source][4] if source in rows else 0.0
              for source in MIN_FIELD_PARSED_SHARE}
    short = {s: v for s, v in shares.items() if (v or 0) < MIN_FIELD_PARSED_SHARE[s]}
    return AssetCheckResult(
        passed=not short, severity=AssetCheckSeverity.ERROR,
        metadata={"field_parsed_share": markdown_table(
            [(s, shares[s], MIN_FIELD_PARSED_SHARE[s]) for s in shares],
            ("source", "parsed share", "bar"))},
    )


@asset_check(asset=core_key("posting_pay"), blocking=False,
             description="Annual USD figures outside a plausible band are flagged, not dropped.")
def annual_usd_in_band(warehouse: DuckDBResource) -> AssetCheckResult:
    low, high = PLAUSIBLE_ANNUAL_USD
    with warehouse.get_connection() as conn:
        total = conn.execute("SELECT count(*) FROM core.posting_pay "
                             "WHERE min_usd_annual IS NOT NULL").fetchone()[0]
        outside = conn.execute("""
            SELECT source, posting_key, round(min_usd_annual), round(max_usd_annual), span
            FROM core.posting_pay
            WHERE min_usd_annual < ? OR coalesce(max_usd_annual, min_usd_annual) > ?
            ORDER BY source, posting_key
        """, [low, high]).fetchall()
    share = len(outside) / total if total else 0.0
    # Rare outliers are expected (stipends, part-time, founders' packages); many mean a bug.
    return AssetCheckResult(
        passed=share <= 0.02, severity=AssetCheckSeverity.WARN,
        metadata={"outside_band": len(outside), "with_usd": total,
                  "share": round(share, 4), "band": f"{low:,}-{high:,} USD/year",
                  "examples": markdown_table(outside[:15], ("source", "posting", "min", "max",
                                                            "span"))},
    )


PAY_CHECKS = [pay_field_coverage, annual_usd_in_band]
