"""The posting-level frame the claims engine reads, built from the warehouse."""

from __future__ import annotations

import pandas as pd
from duckdb import DuckDBPyConnection

# Pay is the midpoint of the representative base range in annual USD; OTE and total packages
# are not comparable with base and are left out. Abstained postings get layer "unknown".
# The one definition of "posted pay" the claims and the report charts share.
PAY_USD_SQL = """CASE WHEN pp.kind = 'base' AND pp.min_usd_annual IS NOT NULL
                THEN (pp.min_usd_annual + coalesce(pp.max_usd_annual, pp.min_usd_annual)) / 2
           END"""

FRAME_SQL = f"""
    SELECT p.posting_key, p.source, lower(trim(p.company)) AS company, p.country,
           year(coalesce(p.posted_at, p.first_seen)) AS year, p.is_canonical,
           CASE WHEN l.abstained THEN 'unknown' ELSE l.layer END AS layer,
           {PAY_USD_SQL} AS pay_usd,
           CASE WHEN pp.kind = 'base' THEN coalesce(pp.max_usd_annual, pp.min_usd_annual)
           END AS pay_top_usd,
           CASE WHEN r.from_text THEN r.degree END AS degree,
           CASE WHEN r.from_text THEN r.min_years END AS min_years,
           coalesce(s.skills, []) AS skills
    FROM core.postings AS p
    LEFT JOIN core.posting_layers AS l USING (posting_key)
    LEFT JOIN core.posting_pay AS pp USING (posting_key)
    LEFT JOIN core.posting_requirements AS r USING (posting_key)
    LEFT JOIN (SELECT posting_key, list(family ORDER BY family) AS skills
               FROM core.posting_skills GROUP BY posting_key) AS s USING (posting_key)
    ORDER BY p.posting_key
"""


def load_frame(conn: DuckDBPyConnection) -> pd.DataFrame:
    frame = conn.execute(FRAME_SQL).df()
    frame["skills"] = frame["skills"].map(lambda s: tuple(s) if s is not None else ())
    return frame
