-- core.wage_baselines: BLS OEWS national wages per occupation and reference year.
-- May 2020 used hybrid SOC codes where the 2018 SOC split an occupation: 15-1256 (software
-- developers with QA testers) stands in for 15-1252, and 15-2098 (data scientists with other
-- mathematical science occupations) for 15-2051. `comparable_code` maps them so a series over
-- 2020-2024 can be drawn; `occ_code` keeps what BLS published.
CREATE OR REPLACE TABLE core.wage_baselines AS
SELECT
    * EXCLUDE (source),
    CASE occ_code WHEN '15-1256' THEN '15-1252' WHEN '15-2098' THEN '15-2051' ELSE occ_code END
        AS comparable_code
FROM staging.wage_baselines
ORDER BY year, occ_code;
