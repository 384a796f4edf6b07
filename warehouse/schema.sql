-- Raw and staging layers. Every table carries `source`; a source asset replaces its own rows
-- in one transaction, so re-runs never duplicate and a killed run leaves the last good state.
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS core;

CREATE TABLE IF NOT EXISTS raw.files (
    source VARCHAR NOT NULL,
    file VARCHAR NOT NULL,
    bytes BIGINT,
    sha256 VARCHAR,
    records INTEGER
);

CREATE TABLE IF NOT EXISTS raw.records (
    source VARCHAR NOT NULL,
    file VARCHAR,
    record_key VARCHAR,
    payload JSON
);

CREATE TABLE IF NOT EXISTS staging.postings (
    source VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    title VARCHAR,
    company VARCHAR,
    team VARCHAR,
    department VARCHAR,
    location_text VARCHAR,
    country VARCHAR,
    remote BOOLEAN,
    employment_type VARCHAR,
    posted_at DATE,
    url VARCHAR,
    description VARCHAR,
    description_raw VARCHAR,
    description_format VARCHAR,
    pay_text VARCHAR,
    pay_min DOUBLE,
    pay_max DOUBLE,
    pay_currency VARCHAR,
    pay_period VARCHAR,
    pay_structured JSON,
    model_extracted BOOLEAN,
    match_key VARCHAR,
    snapshot_date DATE,
    file VARCHAR,
    extra JSON
);

CREATE TABLE IF NOT EXISTS staging.sightings (
    source VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    seen_date DATE NOT NULL,
    kind VARCHAR NOT NULL,
    file VARCHAR
);

CREATE TABLE IF NOT EXISTS staging.quarantine (
    source VARCHAR NOT NULL,
    file VARCHAR,
    record_key VARCHAR,
    reason VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    fragment VARCHAR
);

CREATE TABLE IF NOT EXISTS staging.salary_observations (
    source VARCHAR NOT NULL,
    observation_id VARCHAR NOT NULL,
    year INTEGER,
    observed_date DATE,
    company VARCHAR,
    job_title VARCHAR,
    level VARCHAR,
    tag VARCHAR,
    employment_type VARCHAR,
    years_experience DOUBLE,
    years_at_company DOUBLE,
    location VARCHAR,
    country VARCHAR,
    employee_residence VARCHAR,
    company_size VARCHAR,
    remote_ratio DOUBLE,
    currency VARCHAR,
    amount DOUBLE,
    pay_kind VARCHAR,
    base_usd DOUBLE,
    stock_usd DOUBLE,
    bonus_usd DOUBLE,
    total_usd DOUBLE,
    file VARCHAR
);

CREATE TABLE IF NOT EXISTS staging.wage_baselines (
    source VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    area VARCHAR,
    occ_code VARCHAR NOT NULL,
    occ_title VARCHAR,
    o_group VARCHAR,
    tot_emp DOUBLE,
    h_mean DOUBLE,
    a_mean DOUBLE,
    h_pct10 DOUBLE,
    h_pct25 DOUBLE,
    h_median DOUBLE,
    h_pct75 DOUBLE,
    h_pct90 DOUBLE,
    a_pct10 DOUBLE,
    a_pct25 DOUBLE,
    a_median DOUBLE,
    a_pct75 DOUBLE,
    a_pct90 DOUBLE,
    top_coded BOOLEAN,
    file VARCHAR
);

CREATE TABLE IF NOT EXISTS staging.boards (
    source VARCHAR NOT NULL,
    ats VARCHAR NOT NULL,
    token VARCHAR NOT NULL,
    name VARCHAR,
    url VARCHAR,
    ai_company BOOLEAN,
    file VARCHAR
);

CREATE TABLE IF NOT EXISTS staging.ai_companies (
    source VARCHAR NOT NULL,
    company VARCHAR NOT NULL,
    ats VARCHAR,
    file VARCHAR
);
