"""Checks beside the requirements asset."""

from dagster import AssetCheckResult, asset_check
from dagster_duckdb import DuckDBResource

from pipelines.requirements.extract import load_vocabulary
from pipelines.warehouse.assets import core_key

DEGREES = ("phd_required", "phd_or_equivalent", "phd_preferred", "masters", "bachelors", "none")


@asset_check(
    asset=core_key("posting_requirements"),
    blocking=False,
    description="One row per posting; degrees and skill families from the vocabulary.",
)
def requirements_well_formed(warehouse: DuckDBResource) -> AssetCheckResult:
    families = list(load_vocabulary()["families"])
    with warehouse.get_connection() as conn:
        postings = conn.execute("SELECT count(*) FROM core.postings").fetchone()[0]
        rows, keys = conn.execute(
            "SELECT count(*), count(DISTINCT posting_key) FROM core.posting_requirements"
        ).fetchone()
        bad_degree = conn.execute(
            "SELECT count(*) FROM core.posting_requirements WHERE degree NOT IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [list(DEGREES)],
        ).fetchone()[0]
        bad_family = conn.execute(
            "SELECT count(*) FROM core.posting_skills WHERE family NOT IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [families],
        ).fetchone()[0]
        negative_years = conn.execute(
            "SELECT count(*) FROM core.posting_requirements WHERE min_years < 0 OR min_years > 40"
        ).fetchone()[0]
    return AssetCheckResult(
        passed=rows == keys == postings
        and not bad_degree
        and not bad_family
        and not negative_years,
        metadata={
            "postings": postings,
            "rows": rows,
            "unknown_degrees": bad_degree,
            "unknown_families": bad_family,
            "implausible_years": negative_years,
        },
    )


REQUIREMENT_CHECKS = [requirements_well_formed]
