"""Checks beside the requirements asset."""

from dagster import AssetCheckResult, asset_check
from dagster_duckdb import DuckDBResource

from pipelines.requirements.evaluate import FLOORS, below_floors
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


@asset_check(
    asset=core_key("requirement_metrics"),
    blocking=False,
    description="Every hand-checked sample the warehouse holds in full keeps its floor "
    "(degree accuracy, years and skills P/R): a vocabulary or extractor change that loses "
    "ground on the labelled postings shows here.",
)
def requirement_scores_keep_floors(warehouse: DuckDBResource) -> AssetCheckResult:
    with warehouse.get_connection() as conn:
        rows = conn.execute(
            "SELECT sample, postings, scored, metric, value FROM core.requirement_metrics "
            "WHERE sample IN (SELECT unnest(?::VARCHAR[]))",
            [list(FLOORS)],
        ).fetchall()
    scores: dict[str, dict[str, float]] = {}
    partial = set()
    for sample, postings, scored, metric, value in rows:
        if scored == postings:
            scores.setdefault(sample, {})[metric] = value
        else:
            partial.add(sample)
    below = {sample: low for sample in sorted(scores)
             if (low := below_floors(sample, scores[sample]))}
    return AssetCheckResult(
        passed=not below,
        metadata={
            "samples_compared": ", ".join(sorted(scores)) or "none",
            # A slice or a partial snapshot holds some labelled postings only.
            "samples_not_fully_in_warehouse": ", ".join(sorted(partial)) or "none",
            "below_floor": str(below) if below else "none",
        },
    )


REQUIREMENT_CHECKS = [requirements_well_formed, requirement_scores_keep_floors]
