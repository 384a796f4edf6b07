"""What each posting asks for: degree, minimum years, seniority and skill families (S1-S4, P5)."""

import time

from dagster import AssetExecutionContext, MaterializeResult, asset
from dagster_duckdb import DuckDBResource
from joblib import Parallel, delayed

from pipelines.common import settings
from pipelines.common.metadata import markdown_table
from pipelines.common.numbers import rounded
from pipelines.requirements.evaluate import (
    BAR,
    BAR_METRICS,
    HELD_OUT_POOL,
    POOLS,
    SAMPLES,
    SECOND_ANNOTATOR,
    TUNED,
    TUNED_POOL,
    load_sample,
    sample_use,
    score,
    second_annotator_scores,
)
from pipelines.requirements.extract import Requirements, extract_requirements, load_vocabulary
from pipelines.warehouse.assets import core_key
from pipelines.warehouse.sql import replace_table

GROUP = "requirements"
REQUIREMENT_COLUMNS = {
    "posting_key": "VARCHAR",
    "source": "VARCHAR",
    "degree": "VARCHAR",
    "min_years": "INTEGER",
    "seniority": "VARCHAR",
    "n_skills": "INTEGER",
    "from_text": "BOOLEAN",
    "vocabulary_version": "VARCHAR",
}
SKILL_COLUMNS = {"posting_key": "VARCHAR", "family": "VARCHAR"}
METRIC_COLUMNS = {
    "sample": "VARCHAR",
    "tuned": "BOOLEAN",
    "postings": "INTEGER",
    "scored": "INTEGER",
    "metric": "VARCHAR",
    "value": "DOUBLE",
}
# The extractor is pure-Python regex work: chunks of postings go to one process per core.
CHUNK = 10_000


def _extract_chunk(rows: list[tuple[str | None, str | None]]) -> list:
    return [extract_requirements(text, title) for title, text in rows]


@asset(
    key=core_key("posting_requirements"),
    group_name=GROUP,
    kinds={"python", "duckdb"},
    deps=[core_key("postings")],
    description="Degree, minimum years, seniority per posting; its skill families in "
    "core.posting_skills.",
)
def posting_requirements(
    context: AssetExecutionContext, warehouse: DuckDBResource
) -> MaterializeResult:
    version = str(load_vocabulary().get("version"))
    with warehouse.get_connection() as conn:
        postings = conn.execute(
            "SELECT posting_key, source, title, description FROM core.postings ORDER BY posting_key"
        ).fetchall()
    started = time.perf_counter()
    chunks = [postings[i:i + CHUNK] for i in range(0, len(postings), CHUNK)]
    results = Parallel(n_jobs=settings.PROCESSES, return_as="generator")(
        delayed(_extract_chunk)([(title, text) for _, _, title, text in chunk])
        for chunk in chunks)
    requirements, skills = [], []
    for number, (chunk, found_chunk) in enumerate(zip(chunks, results, strict=True), start=1):
        for (key, source, _, text), found in zip(chunk, found_chunk, strict=True):
            requirements.append(
                {
                    "posting_key": key,
                    "source": source,
                    "degree": found.degree,
                    "min_years": found.min_years,
                    "seniority": found.seniority,
                    "n_skills": len(found.skills),
                    "from_text": bool(text),
                    "vocabulary_version": version,
                }
            )
            skills += [{"posting_key": key, "family": family} for family in found.skills]
        if number % 5 == 0 or number == len(chunks):
            context.log.info(f"requirements: {len(requirements):,} of {len(postings):,} "
                             f"postings read")
    seconds = time.perf_counter() - started
    with warehouse.get_connection() as conn:
        replace_table(conn, "core.posting_requirements", REQUIREMENT_COLUMNS, requirements)
        replace_table(conn, "core.posting_skills", SKILL_COLUMNS, skills)
        degrees = conn.execute("""
            SELECT source, count(*) FILTER (WHERE from_text) AS with_text,
                   round(avg((degree = 'phd_required')::INT) FILTER (WHERE from_text), 4),
                   round(avg((degree <> 'none')::INT) FILTER (WHERE from_text), 4),
                   round(avg((min_years IS NOT NULL)::INT) FILTER (WHERE from_text), 4),
                   round(avg(n_skills) FILTER (WHERE from_text), 2)
            FROM core.posting_requirements GROUP BY source ORDER BY source
        """).fetchall()
        families = conn.execute(
            "SELECT family, count(*) FROM core.posting_skills GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
    return MaterializeResult(
        metadata={
            "dagster/row_count": len(requirements),
            "extraction_seconds": round(seconds, 1),
            "skill_mentions": len(skills),
            "vocabulary_version": version,
            "per_source": markdown_table(
                degrees,
                (
                    "source",
                    "with text",
                    "PhD required",
                    "any degree",
                    "years stated",
                    "skills/posting",
                ),
            ),
            "families": markdown_table(families, ("family", "postings")),
        }
    )


def stored_requirements(conn, rows: list[dict]) -> dict[tuple[str, str], Requirements]:
    """What the warehouse holds for the labelled postings, by (source, source_id)."""
    found = conn.execute("""
        WITH wanted AS (
            SELECT unnest(?::VARCHAR[]) AS source, unnest(?::VARCHAR[]) AS source_id)
        SELECT p.source, p.source_id, r.degree, r.min_years,
               list(s.family ORDER BY s.family) FILTER (WHERE s.family IS NOT NULL)
        FROM wanted JOIN core.postings AS p USING (source, source_id)
        JOIN core.posting_requirements AS r USING (posting_key)
        LEFT JOIN core.posting_skills AS s USING (posting_key)
        GROUP BY ALL
    """, [[r["source"] for r in rows], [str(r["source_id"]) for r in rows]]).fetchall()
    return {(source, source_id): Requirements(degree=degree, min_years=years,
                                              skills=families or [])
            for source, source_id, degree, years, families in found}


@asset(
    key=core_key("requirement_metrics"),
    group_name=GROUP,
    kinds={"python", "duckdb"},
    deps=[core_key("posting_requirements")],
    description="The stored requirements scored against the hand-checked samples in "
    "models/labels/requirements/: degree, minimum years and skill-family precision/recall per "
    "sample; held_out_all pools the samples the extractor was never tuned on; "
    "held_out_2_second scores a second annotator against the first (the agreement ceiling).",
)
def requirement_metrics(context: AssetExecutionContext,
                        warehouse: DuckDBResource) -> MaterializeResult:
    samples = {name: load_sample(name) for name in SAMPLES}
    samples |= {pool: [row for name in names for row in samples[name]]
                for pool, names in POOLS.items()}
    with warehouse.get_connection() as conn:
        stored = stored_requirements(conn, samples[HELD_OUT_POOL] + samples[TUNED_POOL])
    results = []  # (sample, postings, scored, scores)
    for name, rows in samples.items():
        present = [r for r in rows if (r["source"], str(r["source_id"])) in stored]
        scores = score(present, [stored[(r["source"], str(r["source_id"]))] for r in present]
                       ) if present else {}
        results.append((name, len(rows), len(present), scores))
    postings, agreement = second_annotator_scores()
    results.append((SECOND_ANNOTATOR, postings, postings, agreement))
    metrics = [{"sample": name, "tuned": name in (*TUNED, TUNED_POOL), "postings": postings,
                "scored": scored, "metric": metric, "value": value}
               for name, postings, scored, scores in results
               for metric, value in scores.items() if value is not None]
    summary = [(name, sample_use(name), f"{scored} of {postings}",
                *(rounded(scores.get(m)) for m in BAR_METRICS))
               for name, postings, scored, scores in results]
    with warehouse.get_connection() as conn:
        replace_table(conn, "core.requirement_metrics", METRIC_COLUMNS, metrics)
    held_out = {m["metric"]: m["value"] for m in metrics if m["sample"] == HELD_OUT_POOL}
    below = [m for m in BAR_METRICS if m in held_out and held_out[m] < BAR]
    context.log.info(f"requirement_metrics: {len(stored):,} labelled postings found; "
                     f"below the {BAR} bar: {', '.join(below) or 'none'}")
    return MaterializeResult(metadata={
        "dagster/row_count": len(metrics),
        "held_out_below_bar": ", ".join(below) or "none",
        "scores": markdown_table(summary, ("sample", "use", "scored", *BAR_METRICS)),
    })


REQUIREMENT_ASSETS = [posting_requirements, requirement_metrics]
