"""What each posting asks for: degree, minimum years, seniority and skill families (S1-S4, P5)."""

import time

from dagster import AssetExecutionContext, MaterializeResult, asset
from dagster_duckdb import DuckDBResource
from joblib import Parallel, delayed

from pipelines.common import settings
from pipelines.common.metadata import markdown_table
from pipelines.requirements.extract import extract_requirements, load_vocabulary
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


REQUIREMENT_ASSETS = [posting_requirements]
