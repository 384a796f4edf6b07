"""The snapshot's sources: which folder each comes from, which adapter reads it, what it holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipelines.ingestion.adapters import (
    aijobs,
    ailab_sqlite,
    ailab_tracker,
    anthropic_watch,
    ashby,
    bls,
    greenhouse_list,
    hn_extracted,
    hn_firebase,
    hn_monthly,
    levelsfyi,
    openai_careers,
    registry,
    remotewlb,
)
from pipelines.ingestion.batch import Batch


@dataclass(frozen=True)
class Source:
    name: str
    folder: str
    read: Callable[[Path], Batch]
    kind: str  # postings | salaries | wages | registry
    description: str


SOURCES: tuple[Source, ...] = (
    Source("ashby", "ashby", ashby.read, "postings",
           "Ashby posting-API responses, 449 boards, with descriptions and compensation."),
    Source("greenhouse_boards", "greenhouse_boards", greenhouse_list.read_boards, "postings",
           "Greenhouse list responses for ~1,000 boards, four quarterly snapshots (titles)."),
    Source("greenhouse_daily", "greenhouse_daily", greenhouse_list.read_daily, "postings",
           "Greenhouse list responses for 13 boards, every day 2026-08-01..22 (titles)."),
    Source("anthropic_job_watch", "anthropic_job_watch", anthropic_watch.read, "postings",
           "Anthropic's board: index, 15 earlier index versions and HTML descriptions."),
    Source("openai_careers", "openai_careers", openai_careers.read, "postings",
           "OpenAI careers pages crawled 2026-01-14/15, split into sections."),
    Source("ailab_tracker", "ailab_tracker", ailab_tracker.read, "postings",
           "Daily AI-lab board tracker: cumulative 2026-04-05 and active 2026-08-22 (titles)."),
    Source("ailab_2025_02", "ailab_2025-02", ailab_sqlite.read, "postings",
           "OpenAI and Anthropic open roles on 2025-02-26 (SQLite; titles, teams, pay text)."),
    Source("hn_whoishiring", "hn_whoishiring", hn_firebase.read, "postings",
           "Hacker News 'Who is hiring?' comments, 2026-01..03 (Firebase item shape)."),
    Source("hn_whoishiring_2013_2018", "hn_whoishiring_2013_2018", hn_monthly.read, "postings",
           "Hacker News 'Who is hiring?' comments, monthly 2013-08..2018-04, full HTML."),
    Source("hn_extracted_2022_2025", "hn_extracted_2022_2025", hn_extracted.read, "postings",
           "HN 'Who is hiring?' 2022-12..2025-10 as fields extracted by a language model."),
    Source("remotewlb", "remotewlb", remotewlb.read, "postings",
           "RemoteWLB remote-job archive, one markdown file per posting, 2024-01..2025-03."),
    Source("aijobs_salaries", "aijobs_salaries", aijobs.read, "salaries",
           "Self-reported AI/data salary survey (ai-jobs.net layout), 2020..2024."),
    Source("levelsfyi_faangn", "levelsfyi_faangn", levelsfyi.read, "salaries",
           "levels.fyi recent submissions for six big-tech firms (total compensation)."),
    Source("bls_oews", "bls_oews", bls.read, "wages",
           "BLS OEWS national wage tables, May 2020..2024."),
    Source("board_registry", "board_registry", registry.read, "registry",
           "ATS board tokens (Greenhouse, Lever, Ashby) and the AI-company ATS map."),
)

POSTING_SOURCES = tuple(s.name for s in SOURCES if s.kind == "postings")
