-- core.quarantine: every record that could not be ingested as it was, with the reason.
CREATE OR REPLACE TABLE core.quarantine AS
SELECT
    row_number() OVER (ORDER BY source, file, record_key, reason) AS quarantine_id,
    source,
    file,
    record_key,
    reason,
    action,
    fragment
FROM staging.quarantine
ORDER BY quarantine_id;
