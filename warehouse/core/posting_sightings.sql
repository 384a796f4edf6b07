-- core.posting_sightings: every (posting, date) a capture or the source itself saw a posting.
CREATE OR REPLACE TABLE core.posting_sightings AS
SELECT
    s.source || ':' || s.source_id AS posting_key,
    s.seen_date,
    s.kind,
    min(s.file) AS file
FROM staging.sightings AS s
SEMI JOIN core.postings AS p ON p.posting_key = s.source || ':' || s.source_id
GROUP BY ALL
ORDER BY posting_key, seen_date, kind;
