-- core.posting_links: each non-canonical posting and the canonical posting it duplicates.
CREATE OR REPLACE TABLE core.posting_links AS
SELECT
    posting_key,
    canonical_key,
    match_key,
    'same ATS job id' AS rule
FROM core.postings
WHERE NOT is_canonical
ORDER BY posting_key;
