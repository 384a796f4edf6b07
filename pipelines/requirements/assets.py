"""What each posting asks for: degree, minimum years, seniority and skill families (S1-S4, P5)."""

from dagster import AssetExecutionContext, MaterializeResult, asset
from dagster_duckdb import DuckDBResource

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
    requirements, skills = [], []
    for index, (key, source, title, text) in enumerate(postings, start=1):
        found = extract_requirements(text, title)
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
        if index % 50_000 == 0:
            context.log.info(f"requirements: {index:,} of {len(postings):,} postings read")
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
