-- core.salary_observations: self-reported salaries (aijobs survey, levels.fyi), one per row.
CREATE OR REPLACE TABLE core.salary_observations AS
SELECT * EXCLUDE (observation_id), source || ':' || observation_id AS observation_key
FROM staging.salary_observations
ORDER BY observation_key;
