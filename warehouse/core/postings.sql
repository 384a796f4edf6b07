-- core.postings: one row per distinct posting per source, with cross-source de-duplication.
-- The newest capture of a posting gives its fields; sightings give first/last-seen dates.
-- Postings that share an ATS job id (match_key) across sources form a group; the row from the
-- richest source is canonical and the others link to it.
CREATE OR REPLACE TABLE core.postings AS
WITH latest AS (
    SELECT *
    FROM staging.postings
    QUALIFY row_number() OVER (
        PARTITION BY source, source_id
        ORDER BY snapshot_date DESC NULLS LAST, length(coalesce(description, '')) DESC, file DESC
    ) = 1
),
seen AS (
    SELECT
        source,
        source_id,
        min(seen_date) AS first_seen,
        max(seen_date) AS last_seen,
        count(DISTINCT seen_date) FILTER (WHERE kind IN ('snapshot', 'folder_month', 'thread_month'))
            AS n_captures
    FROM staging.sightings
    GROUP BY ALL
),
priority(source, rank) AS (
    VALUES ('anthropic_job_watch', 1), ('openai_careers', 2), ('ashby', 3),
           ('hn_whoishiring', 4), ('hn_whoishiring_2013_2018', 5), ('remotewlb', 6),
           ('ailab_tracker', 7), ('greenhouse_daily', 8), ('greenhouse_boards', 9),
           ('ailab_2025_02', 10), ('hn_extracted_2022_2025', 11)
),
keyed AS (
    SELECT
        l.source || ':' || l.source_id AS posting_key,
        l.*,
        coalesce(l.match_key, l.source || ':' || l.source_id) AS group_key,
        coalesce(p.rank, 99) AS source_rank,
        s.first_seen,
        s.last_seen,
        coalesce(s.n_captures, 0) AS n_captures
    FROM latest AS l
    LEFT JOIN priority AS p USING (source)
    LEFT JOIN seen AS s USING (source, source_id)
)
SELECT
    posting_key,
    source,
    source_id,
    company,
    title,
    team,
    department,
    location_text,
    country,
    remote,
    employment_type,
    posted_at,
    first_seen,
    last_seen,
    n_captures,
    url,
    description,
    description_raw,
    description_format,
    description IS NOT NULL AND length(description) > 0 AS has_description,
    pay_text,
    pay_min,
    pay_max,
    pay_currency,
    pay_period,
    pay_structured,
    coalesce(model_extracted, false) AS model_extracted,
    match_key,
    first_value(posting_key) OVER canonical_order AS canonical_key,
    posting_key = first_value(posting_key) OVER canonical_order AS is_canonical,
    min(first_seen) OVER (PARTITION BY group_key) AS group_first_seen,
    max(last_seen) OVER (PARTITION BY group_key) AS group_last_seen,
    count(*) OVER (PARTITION BY group_key) AS group_size,
    snapshot_date,
    file,
    extra
FROM keyed
WINDOW canonical_order AS (
    PARTITION BY group_key
    ORDER BY source_rank, has_description DESC, posting_key
    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
)
ORDER BY posting_key;
