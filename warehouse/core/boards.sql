-- core.boards: the board registry, one row per ATS board token.
CREATE OR REPLACE TABLE core.boards AS
SELECT DISTINCT ON (ats, token) ats, token, name, url, ai_company
FROM staging.boards
ORDER BY ats, token, name;
