"""Posted pay per posting, normalised to comparable annual figures (claims P1-P5)."""

from dagster import AssetExecutionContext, MaterializeResult, asset
from dagster_duckdb import DuckDBResource

from pipelines.common.metadata import markdown_table
from pipelines.pay.scoring import CANDIDATE_PARAMS, CANDIDATES_SQL, PROSE_SOURCES, extract
from pipelines.warehouse.assets import core_key
from pipelines.warehouse.sql import replace_table

GROUP = "pay"

# Coverage is measured over postings whose pay field holds an amount (a non-zero digit):
# "Competitive", "0" or "~0k" are pay fields without pay. Both denominators are reported.
COVERAGE_SQL = """
    SELECT c.source,
           count(*) FILTER (WHERE c.any_field) AS any_pay_field,
           count(*) FILTER (WHERE c.amount_field) AS pay_field_with_amount,
           count(*) FILTER (WHERE c.amount_field AND p.n_ranges > 0) AS parsed,
           round(count(*) FILTER (WHERE c.amount_field AND p.n_ranges > 0)
                 / nullif(count(*) FILTER (WHERE c.amount_field), 0), 4) AS parsed_share,
           count(*) AS postings,
           count(*) FILTER (WHERE p.n_ranges > 0) AS with_pay,
           round(count(*) FILTER (WHERE p.n_ranges > 0) / count(*), 4) AS pay_share
    FROM (SELECT posting_key, source,
                 pay_text IS NOT NULL OR pay_structured IS NOT NULL OR has_range_block AS any_field,
                 pay_structured IS NOT NULL OR has_range_block
                 OR regexp_matches(coalesce(pay_text, ''), '[1-9]') AS amount_field
          FROM (SELECT *, source = 'anthropic_job_watch'
                          AND description_raw LIKE '%pay-range%' AS has_range_block
                FROM core.postings)) AS c
    LEFT JOIN core.posting_pay AS p USING (posting_key)
    GROUP BY c.source ORDER BY c.source
"""

DISTRIBUTION_SQL = """
    SELECT source, count(*) AS n,
           round(quantile_cont(min_usd_annual, 0.1)) AS p10_min,
           round(median(min_usd_annual)) AS median_min,
           round(median(max_usd_annual)) AS median_max,
           round(quantile_cont(max_usd_annual, 0.9)) AS p90_max,
           round(max(max_usd_annual)) AS top
    FROM core.posting_pay WHERE min_usd_annual IS NOT NULL
    GROUP BY source ORDER BY source
"""


@asset(key=core_key("posting_pay"), group_name=GROUP, kinds={"python", "duckdb"},
       deps=[core_key("postings")],
       description="Pay per posting (representative range) and every range of every posting, "
                   "in own currency and period and as annual USD.")
def posting_pay(context: AssetExecutionContext, warehouse: DuckDBResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        candidates = conn.execute(CANDIDATES_SQL, CANDIDATE_PARAMS).fetchall()
    per_posting, ranges = [], []
    for scored in extract(candidates):
        result = scored.extraction
        rep = result.representative
        per_posting.append({
            "posting_key": scored.posting_key, "source": scored.source, "method": scored.method,
            "n_ranges": len(result.ranges), "error": None if rep else result.error,
            **_range_columns(rep), "equity": result.equity,
        })
        for index, r in enumerate(result.ranges):
            ranges.append({"posting_key": scored.posting_key, "range_index": index,
                           "is_representative": r is rep, **_range_columns(r)})
    with warehouse.get_connection() as conn:
        replace_table(conn, "core.posting_pay", POSTING_PAY_COLUMNS, per_posting)
        replace_table(conn, "core.posting_pay_ranges", RANGE_COLUMNS, ranges)
        coverage = conn.execute(COVERAGE_SQL).fetchall()
        distribution = conn.execute(DISTRIBUTION_SQL).fetchall()
        misses = conn.execute("""
            SELECT pp.source, left(c.pay_text, 80), pp.error
            FROM core.posting_pay AS pp JOIN core.postings AS c USING (posting_key)
            WHERE pp.n_ranges = 0 AND c.pay_text IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY pp.source ORDER BY posting_key) <= 5
            ORDER BY 1
        """).fetchall()
    parsed = sum(1 for row in per_posting if row["n_ranges"])
    context.log.info(f"posting_pay: {parsed} of {len(per_posting)} candidate postings have pay "
                     f"({len(ranges)} ranges); prose read for {', '.join(PROSE_SOURCES)}")
    return MaterializeResult(metadata={
        "dagster/row_count": len(per_posting),
        "postings_with_pay": parsed,
        "ranges": len(ranges),
        "coverage": markdown_table(coverage, ("source", "any pay field", "field with amount",
                                              "parsed", "parsed share", "postings", "with pay",
                                              "pay share")),
        "annual_usd_distribution": markdown_table(
            distribution, ("source", "n", "p10 min", "median min", "median max", "p90 max",
                           "top")),
        "sample_misses": markdown_table(misses, ("source", "pay text", "reason")),
    })


_RANGE_FIELDS = {
    "min": "DOUBLE", "max": "DOUBLE", "currency": "VARCHAR", "period": "VARCHAR",
    "min_annual": "DOUBLE", "max_annual": "DOUBLE", "min_usd_annual": "DOUBLE",
    "max_usd_annual": "DOUBLE", "kind": "VARCHAR", "confidence": "DOUBLE", "span": "VARCHAR",
    "label": "VARCHAR", "flags": "VARCHAR[]",
}
POSTING_PAY_COLUMNS = {"posting_key": "VARCHAR", "source": "VARCHAR", "method": "VARCHAR",
                       "n_ranges": "INTEGER", "error": "VARCHAR", **_RANGE_FIELDS,
                       "equity": "BOOLEAN"}
RANGE_COLUMNS = {"posting_key": "VARCHAR", "range_index": "INTEGER",
                 "is_representative": "BOOLEAN", **_RANGE_FIELDS}


def _range_columns(r) -> dict:
    """The range's fields (all None for a posting without a range)."""
    values = {name: getattr(r, name) if r else None for name in _RANGE_FIELDS}
    values["flags"] = list(r.flags) if r else []
    return values


PAY_ASSETS = [posting_pay]
