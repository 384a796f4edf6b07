"""Core tables, each rebuilt by SQL (`warehouse/core/<table>.sql`) from the staging layer."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset
from dagster_duckdb import DuckDBResource

from pipelines.common.metadata import markdown_table
from pipelines.ingestion.assets import source_key
from pipelines.ingestion.sources import POSTING_SOURCES, SOURCES
from pipelines.warehouse.sql import build_core_table

GROUP = "core"
ALL_SOURCES = [source_key(s.name) for s in SOURCES]


def core_key(table: str) -> AssetKey:
    return AssetKey(["core", table])


@asset(key=core_key("postings"), group_name=GROUP, kinds={"duckdb"},
       deps=[source_key(name) for name in POSTING_SOURCES],
       description="One row per distinct posting per source; canonical row per duplicate group.")
def core_postings(context: AssetExecutionContext, warehouse: DuckDBResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        rows = build_core_table(conn, "postings")
        per_source = conn.execute("""
            SELECT source, count(*) AS postings, count(*) FILTER (WHERE is_canonical) AS canonical,
                   count(*) FILTER (WHERE has_description) AS with_text,
                   count(*) FILTER (WHERE pay_text IS NOT NULL OR pay_min IS NOT NULL) AS with_pay,
                   count(*) FILTER (WHERE country IS NOT NULL) AS with_country,
                   min(first_seen) AS first_seen, max(last_seen) AS last_seen
            FROM core.postings GROUP BY source ORDER BY source
        """).fetchall()
        canonical = conn.execute(
            "SELECT count(*) FROM core.postings WHERE is_canonical").fetchone()[0]
    context.log.info(f"core.postings: {rows} rows, {canonical} canonical")
    return MaterializeResult(metadata={
        "dagster/row_count": rows,
        "canonical_postings": canonical,
        "duplicates_linked": rows - canonical,
        "per_source": markdown_table(per_source, ("source", "postings", "canonical", "with text",
                                                   "with pay", "with country", "first seen",
                                                   "last seen")),
    })


@asset(key=core_key("posting_links"), group_name=GROUP, kinds={"duckdb"},
       deps=[core_key("postings")],
       description="Cross-source duplicates: each non-canonical posting and its canonical row.")
def core_posting_links(warehouse: DuckDBResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        rows = build_core_table(conn, "posting_links")
        pairs = conn.execute("""
            SELECT split_part(posting_key, ':', 1) AS duplicate_source,
                   split_part(canonical_key, ':', 1) AS canonical_source, count(*)
            FROM core.posting_links GROUP BY ALL ORDER BY 3 DESC
        """).fetchall()
    return MaterializeResult(metadata={
        "dagster/row_count": rows,
        "links_by_source_pair": markdown_table(pairs, ("duplicate", "canonical", "links")),
    })


@asset(key=core_key("posting_sightings"), group_name=GROUP, kinds={"duckdb"},
       deps=[core_key("postings")],
       description="Every (posting, date) on which a capture or the source itself saw it.")
def core_posting_sightings(warehouse: DuckDBResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        rows = build_core_table(conn, "posting_sightings")
        kinds = conn.execute("""
            SELECT kind, count(*), count(DISTINCT posting_key), min(seen_date), max(seen_date)
            FROM core.posting_sightings GROUP BY kind ORDER BY kind
        """).fetchall()
    return MaterializeResult(metadata={
        "dagster/row_count": rows,
        "by_kind": markdown_table(kinds, ("kind", "sightings", "postings", "from", "to")),
    })


@asset(key=core_key("quarantine"), group_name=GROUP, kinds={"duckdb"}, deps=ALL_SOURCES,
       description="Every record that could not be ingested as it was, with its reason.")
def core_quarantine(warehouse: DuckDBResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        rows = build_core_table(conn, "quarantine")
        reasons = conn.execute("""
            SELECT source, action, split_part(reason, ':', 1) AS reason, count(*)
            FROM core.quarantine GROUP BY ALL ORDER BY source, 4 DESC
        """).fetchall()
    return MaterializeResult(metadata={
        "dagster/row_count": rows,
        "dropped": sum(r[3] for r in reasons if r[1] == "dropped"),
        "repaired": sum(r[3] for r in reasons if r[1] == "repaired"),
        "by_reason": markdown_table(reasons, ("source", "action", "reason", "records")),
    })


@asset(key=core_key("salary_observations"), group_name=GROUP, kinds={"duckdb"},
       deps=[source_key("aijobs_salaries"), source_key("levelsfyi_faangn")],
       description="Self-reported salaries: aijobs survey rows and levels.fyi submissions.")
def core_salary_observations(warehouse: DuckDBResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        rows = build_core_table(conn, "salary_observations")
        summary = conn.execute("""
            SELECT source, pay_kind, count(*), min(year), max(year),
                   round(median(total_usd)) AS median_usd
            FROM core.salary_observations GROUP BY ALL ORDER BY source
        """).fetchall()
    return MaterializeResult(metadata={
        "dagster/row_count": rows,
        "summary": markdown_table(summary, ("source", "kind", "rows", "from", "to",
                                             "median USD")),
    })


@asset(key=core_key("wage_baselines"), group_name=GROUP, kinds={"duckdb"},
       deps=[source_key("bls_oews")],
       description="BLS OEWS national wages per occupation (SOC) and year, every percentile.")
def core_wage_baselines(warehouse: DuckDBResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        rows = build_core_table(conn, "wage_baselines")
        software = conn.execute("""
            SELECT year, occ_code, a_median, a_pct90 FROM core.wage_baselines
            WHERE occ_code IN ('15-1252', '15-2051') ORDER BY occ_code, year
        """).fetchall()
    return MaterializeResult(metadata={
        "dagster/row_count": rows,
        "software_and_data_scientists": markdown_table(
            software, ("year", "SOC", "median", "p90")),
    })


@asset(key=core_key("boards"), group_name=GROUP, kinds={"duckdb"},
       deps=[source_key("board_registry")],
       description="The ATS board registry: one row per (ATS, board token).")
def core_boards(warehouse: DuckDBResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        rows = build_core_table(conn, "boards")
        per_ats = conn.execute(
            "SELECT ats, count(*), count(*) FILTER (WHERE ai_company) FROM core.boards "
            "GROUP BY ats ORDER BY ats").fetchall()
    return MaterializeResult(metadata={
        "dagster/row_count": rows,
        "per_ats": markdown_table(per_ats, ("ats", "boards", "AI companies")),
    })


CORE_ASSETS = [core_postings, core_posting_links, core_posting_sightings, core_quarantine,
               core_salary_observations, core_wage_baselines, core_boards]
