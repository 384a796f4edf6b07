"""Run the pay extractor over warehouse postings: which field to read for which source.

The structured fields win where a source has them (Ashby `compensation`, Greenhouse pay-range
blocks); other sources give their pay text; HN comments are read whole, since their pay is in
the prose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pipelines.pay.extract import (
    PayExtraction,
    extract_pay,
    from_ashby_compensation,
    from_greenhouse_html,
)

# Sources whose pay lives in the description prose rather than in a pay field.
PROSE_SOURCES = ("hn_whoishiring", "hn_whoishiring_2013_2018")
# Cheap test for "might mention money" so the extractor reads only those comments.
_MONEY_HINT = re.compile(r"[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|CAD|AUD)\b|\d\s?[kK]\b")

# The postings that carry any pay field or text; columns in the order `extract` expects.
# Bind `CANDIDATE_PARAMS` with it.
CANDIDATES_SQL = """
    SELECT posting_key, source, title, country, posted_at, pay_text, pay_structured,
           CASE WHEN source = 'anthropic_job_watch' THEN description_raw END AS html,
           CASE WHEN source IN (SELECT unnest($prose_sources)) THEN description END AS prose
    FROM core.postings
    WHERE pay_text IS NOT NULL OR pay_structured IS NOT NULL
       OR (source = 'anthropic_job_watch' AND description_raw LIKE '%pay-range%')
       OR source IN (SELECT unnest($prose_sources))
    ORDER BY posting_key
"""


CANDIDATE_PARAMS = {"prose_sources": list(PROSE_SOURCES)}


@dataclass(frozen=True)
class Scored:
    posting_key: str
    source: str
    method: str
    extraction: PayExtraction


def extract(rows: Iterable[tuple[Any, ...]]) -> Iterator[Scored]:
    """One result per candidate posting that has something to read."""
    for key, source, title, country, posted_at, pay_text, structured, html, prose in rows:
        if structured:
            yield Scored(key, source, "ashby_compensation",
                         from_ashby_compensation(json.loads(structured), country, posted_at))
        elif html:
            yield Scored(key, source, "greenhouse_pay_range",
                         from_greenhouse_html(html, country, posted_at, title=title))
        elif pay_text:
            yield Scored(key, source, "pay_text", extract_pay(pay_text, country, posted_at))
        elif prose and _MONEY_HINT.search(prose):
            yield Scored(key, source, "description", extract_pay(prose, country, posted_at))
