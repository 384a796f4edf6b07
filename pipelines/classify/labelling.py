"""Labelling functions (LFs) for the AI-stack layers, and the weighted vote that combines them.

Each LF reads one field of a posting (title, team or description text) and either votes for
one label or abstains. The vote adds the weights of the LFs that fired, per label; the label
with the largest total wins, and `confidence` is its share of the total weight. Weights follow
one documented rule (no fitting): what a posting is *for* (a non-technical role noun in the
title) outweighs what it is *about* (a topic in the title), the title outweighs the team, the
team outweighs the description, and fallbacks (generic engineering or research titles) weigh
least. The vote gives the weak labels the model is trained on; its coverage, overlap and
conflicts per LF are reported by `lf_stats`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

LABELS = ("pre_training", "post_training", "serving", "application", "other_ai", "software",
          "non_technical")
ABSTAIN = -1
# Descriptions are cut here: the role and team are named early; the tail is benefits and EEO.
TEXT_CHARS = 6000
# Companies whose bare "Research Scientist" is a foundation-model role (TAXONOMY edge case).
FOUNDATION_LABS = re.compile(
    r"\b(openai|anthropic|deepmind|google deepmind|xai|x\.ai|mistral|cohere|inflection|"
    r"ai21|reka|adept|character|aleph ?alpha|deepseek|moonshot|zhipu|01\.ai|"
    r"safe superintelligence|thinking machines|liquid|reflection)\b", re.I)


@dataclass(frozen=True)
class Posting:
    title: str = ""
    team: str = ""
    text: str = ""
    company: str = ""


def posting(title: object = None, team: object = None, text: object = None,
            company: object = None) -> Posting:
    """A Posting from possibly missing fields (None becomes empty; text is cut)."""
    def clean(value: object) -> str:
        return " ".join(str(value).split()) if value else ""
    return Posting(clean(title), clean(team), clean(text)[:TEXT_CHARS], clean(company))


def _rx(*alternatives: str) -> re.Pattern[str]:
    # Plain \b boundaries and no look-around, so DuckDB's RE2 runs the same patterns.
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


# Keyword families. A family names the work; the role nouns below say who does it.
PRE = _rx(r"pre-?train\w*", r"pre training", r"scaling laws?", r"science of scaling",
          r"model architectures?", r"architecture research", r"tokeni[sz]\w*", r"tokens",
          r"foundation(?:al)? models?", r"mixture[- ]of[- ]experts", r"moe", r"long[- ]context",
          r"training (?:infra\w*|performance|runtime)", r"large[- ]scale training",
          r"model training", r"data ingestion", r"multimodal(?: \w+)? (?:llms?|models?)",
          r"world models?", r"multilingual\w*", r"base models?")
POST = _rx(r"rlhf", r"rlaif", r"reinforcement learning", r"rl", r"post-?train\w*",
           r"post training", r"fine-?tun\w*", r"finetun\w*", r"alignment", r"interpretability",
           r"reward models?", r"model behaviou?r", r"safety research", r"red[- ]team\w*",
           r"evals?", r"model evaluations?", r"human data", r"preference data",
           r"reasoning", r"frontier red team", r"preparedness", r"sft", r"distillation",
           r"superalignment", r"model welfare", r"rl environments?")
SERVING = _rx(r"inference", r"kernels?", r"cuda", r"gpus?", r"triton", r"compilers?",
              r"accelerators?", r"tpus?", r"ml infra\w*", r"machine learning infra\w*",
              r"ai infra\w*", r"ml platform", r"ai platform", r"mlops", r"ml ?ops",
              r"model serving", r"serving", r"ml systems", r"machine learning systems",
              r"supercomputing", r"hpc", r"gpu fleet", r"fleet management", r"ai cloud",
              r"ai datacenter", r"collective communications?", r"ai reliability",
              r"performance engineer\w*", r"model deployment", r"llm ?ops", r"vllm",
              r"quantization", r"asic", r"silicon", r"hardware acceleration")
APP = _rx(r"ai engineer\w*", r"applied ai", r"llms?", r"large language models?",
          r"agents?", r"agentic", r"rag", r"retrieval[- ]augmented", r"forward[- ]deployed",
          r"prompt\w*", r"gen ?ai", r"generative ai", r"ai products?", r"chatbots?",
          r"conversational ai", r"copilot", r"claude(?: code| developer platform)?",
          r"chatgpt", r"gemini ?app", r"gemini apps", r"safeguards", r"ai solutions?",
          r"ai applications?", r"ai developer", r"ai-powered", r"ai native", r"ai-native",
          r"ai deployment", r"mcp", r"ai enablement", r"full[- ]stack ai", r"ai agents?")
OTHER_AI = _rx(r"data scien\w*", r"machine learning", r"ml", r"recommend\w*", r"recsys",
               r"ranking", r"fraud", r"risk model\w*", r"computer vision", r"vision",
               r"perception", r"speech", r"nlp", r"natural language processing",
               r"forecast\w*", r"personali[sz]ation", r"deep learning", r"robotics",
               r"autonomy", r"quantitative research\w*", r"quant researcher",
               r"statistic\w*", r"bioinformatic\w*", r"computational biolog\w*",
               r"ai/ml", r"ml/ai", r"search relevance", r"ads? ml", r"growth modeling",
               r"causal inference", r"econometric\w*", r"analytics")
# Who does the work.
NON_TECH_ROLE = _rx(
    r"account (?:executive|manager|director|lead)", r"sales\w*", r"recruit\w*", r"sourcer",
    r"talent", r"counsel", r"attorney", r"lawyer", r"legal", r"paralegal", r"marketing",
    r"marketer", r"brand", r"communications", r"designer", r"design lead", r"head of design",
    r"product manager", r"product lead", r"head of product", r"product marketing",
    r"program manager", r"programme manager", r"project manager", r"tpm", r"finance",
    r"financial", r"accountant", r"accounting", r"controller", r"tax", r"payroll",
    r"customer success", r"customer support", r"customer experience", r"support specialist",
    r"support agent", r"support representative", r"policy", r"people partner",
    r"hr", r"human resources", r"executive assistant", r"office manager", r"administrat\w*",
    r"business development", r"partnerships?", r"partner manager", r"content", r"copywriter",
    r"writer", r"editor", r"community", r"events?", r"workplace", r"facilities",
    r"technician", r"business analyst", r"financial analyst", r"consultant", r"strategist",
    r"economist", r"psycholog\w*", r"linguists?", r"translators?", r"annotat\w*", r"tutor",
    r"nurse", r"driver", r"operations (?:manager|lead|specialist|associate|analyst)",
    r"chief of staff", r"engagement manager", r"customer \w+ manager", r"buyer",
    r"procurement", r"compliance", r"auditor", r"benefits", r"coordinator", r"receptionist",
    r"producer", r"journalist", r"video", r"photograph\w*", r"sdr", r"bdr", r"deal desk",
    r"revenue", r"go[- ]to[- ]market", r"gtm", r"investor relations", r"treasury",
    r"teacher", r"instructor", r"clinical", r"pharmac\w*", r"mechanical engineer",
    r"electrical engineer", r"civil engineer", r"construction", r"real estate",
    r"intern(?:ship)?, (?:marketing|sales|finance|legal)", r"specialist", r"associate, \w+",
    r"growth marketing", r"underwrit\w*", r"claims", r"advisor", r"merchandis\w*")
ENGINEER_ROLE = _rx(r"engineer\w*", r"developer", r"programmer", r"swe", r"sre", r"devops",
                    r"architect", r"member of technical staff", r"mts", r"tech lead", r"cto",
                    r"hacker", r"coder", r"site reliability", r"full[- ]?stack",
                    r"front[- ]?end", r"back[- ]?end", r"ios", r"android", r"mobile",
                    r"data engineer\w*", r"qa", r"sdet", r"firmware", r"embedded")
RESEARCH_ROLE = _rx(r"research scientist", r"research engineer", r"researcher",
                    r"member of technical staff", r"mts", r"scientist")
AI_ANY = _rx(r"ai", r"a\.i\.", r"ml", r"machine learning", r"llms?", r"data scien\w*",
             r"research\w*", r"scientist", r"models?", r"modell?ing", r"inference", r"gpus?",
             r"deep learning", r"neural", r"nlp", r"vision", r"perception", r"agents?",
             r"gen ?ai", r"robotics", r"autonomy", r"cuda", r"kernels?", r"training")
FAMILIES = {"pre_training": PRE, "post_training": POST, "serving": SERVING,
            "application": APP, "other_ai": OTHER_AI}


# The description is scanned by DuckDB (RE2: linear time, multi-threaded): Python's `re`
# needs minutes for the warehouse's descriptions. Titles and teams are short: Python reads them.
OPENING_CHARS = 600


def text_signals_sql(text: str) -> str:
    """SELECT-list SQL for the description signals of the text expression `text`: one count
    per family (`n_<label>`) and whether the opening hires engineers (`engineering_opening`)."""
    def pattern(rx: re.Pattern[str]) -> str:
        assert "'" not in rx.pattern  # patterns are code constants; inlined as SQL literals
        return "(?i)" + rx.pattern

    counts = [f"len(regexp_extract_all({text}, '{pattern(rx)}')) AS n_{label}"
              for label, rx in FAMILIES.items()]
    opening = (f"regexp_matches(left({text}, {OPENING_CHARS}), '{pattern(ENGINEER_ROLE)}') "
               "AS engineering_opening")
    return ", ".join([*counts, opening])


TEXT_SIGNAL_COLUMNS = (*(f"n_{label}" for label in FAMILIES), "engineering_opening")


@dataclass(frozen=True)
class TextSignals:
    counts: tuple[int, ...] = (0,) * len(FAMILIES)  # in FAMILIES order
    engineering_opening: bool = False
    length: int = 0


def text_signals(texts: Sequence[str]) -> list[TextSignals]:
    """Description signals for texts outside the warehouse (in-memory DuckDB)."""
    import duckdb

    if not texts:
        return []
    with duckdb.connect() as conn:
        conn.register("texts", pd.DataFrame({"i": range(len(texts)), "t": list(texts)}))
        rows = conn.execute(f"SELECT {text_signals_sql('t')}, length(t) FROM texts "
                            "ORDER BY i").fetchall()
    return [TextSignals(tuple(r[:len(FAMILIES)]), bool(r[len(FAMILIES)]), r[-1]) for r in rows]


@dataclass(frozen=True)
class Signals:
    """What the LFs look at, computed once per posting."""

    title_family: frozenset[str]
    team_family: frozenset[str]
    text_counts: dict[str, int]
    non_technical: bool
    engineer: bool
    research: bool
    ai_title: bool
    engineering_opening: bool
    has_text: bool
    lab: bool
    empty: bool

    @property
    def text_family(self) -> str | None:
        """The family the description is most about, if it is clearly about one (>= 3
        mentions and at least twice the runner-up)."""
        counts = sorted(((n, label) for label, n in self.text_counts.items()), reverse=True)
        (top, label), (second, _) = counts[0], counts[1]
        return label if top >= 3 and top >= 2 * second else None


def signals(p: Posting, text: TextSignals) -> Signals:
    engineer = bool(ENGINEER_ROLE.search(p.title))
    return Signals(
        title_family=frozenset(k for k, rx in FAMILIES.items() if rx.search(p.title)),
        team_family=frozenset(k for k, rx in FAMILIES.items() if rx.search(p.team)),
        text_counts=dict(zip(FAMILIES, text.counts, strict=True)),
        non_technical=bool(NON_TECH_ROLE.search(p.title)) and not engineer,
        engineer=engineer,
        research=bool(RESEARCH_ROLE.search(p.title)),
        ai_title=bool(AI_ANY.search(p.title)),
        engineering_opening=text.engineering_opening,
        has_text=text.length > 0,
        lab=bool(FOUNDATION_LABS.search(p.company)),
        empty=len(p.title) < 3 and text.length < 40,
    )


@dataclass(frozen=True)
class LabellingFunction:
    name: str
    label: str
    weight: float
    description: str
    fires: Callable[[Signals], bool]


def _topic(field: str, label: str) -> Callable[[Signals], bool]:
    return lambda s: not s.non_technical and label in getattr(s, field)


def _text_topic(label: str) -> Callable[[Signals], bool]:
    return lambda s: (not s.non_technical and (s.engineer or s.research)
                      and s.text_family == label)


def _plain_engineering(s: Signals) -> bool:
    """An engineering title that names no AI/ML work; the team names no pre-training,
    post-training or serving work and the description is about no family."""
    return (s.engineer and not s.ai_title and s.text_family is None
            and not s.team_family & {"pre_training", "post_training", "serving"})


def _engineering_text_without_ai(s: Signals) -> bool:
    """Hacker News style: the header or opening lines hire engineers, and the text hardly
    mentions AI/ML work (fewer than two family mentions in all)."""
    return (s.has_text and (s.engineer or s.engineering_opening) and not s.ai_title
            and sum(s.text_counts.values()) < 2 and not s.non_technical)


def _bare_research_at_lab(s: Signals) -> bool:
    """TAXONOMY edge case: a research title with no topic at a foundation-model lab."""
    return (s.research and s.lab and not s.title_family
            and s.text_family in (None, "pre_training"))


# Team names are the weakest for application/serving/other_ai: whole orgs are called "Applied
# AI" or "Inference" and hold ordinary software roles.
TEAM_WEIGHT = {"pre_training": 1.5, "post_training": 1.5, "serving": 0.75, "application": 0.75,
               "other_ai": 0.75}

LFS: tuple[LabellingFunction, ...] = (
    # What the posting is for: a non-technical role noun and no engineering noun.
    LabellingFunction("title_non_technical_role", "non_technical", 3.0,
                      "title names a sales/recruiting/legal/marketing/design/PM/TPM/ops role "
                      "and no engineering role", lambda s: s.non_technical),
    LabellingFunction("not_a_posting", "non_technical", 3.0,
                      "no title and (almost) no text", lambda s: s.empty),
    # What it is about, from the title, then the team, then the description.
    *(LabellingFunction(f"title_{label}", label, 2.0,
                        f"title names {label} work (keyword family) and is not a "
                        f"non-technical role", _topic("title_family", label))
      for label in FAMILIES),
    *(LabellingFunction(f"team_{label}", label, TEAM_WEIGHT[label],
                        f"team/department names {label} work", _topic("team_family", label))
      for label in FAMILIES),
    *(LabellingFunction(f"text_{label}", label, 1.0,
                        f"engineering/research title and the description is mostly about "
                        f"{label} work (>= 3 mentions, twice the runner-up)", _text_topic(label))
      for label in FAMILIES),
    # Fallbacks.
    LabellingFunction("plain_engineering_title", "software", 1.0,
                      "engineering title, no AI/ML word in title, team or description",
                      _plain_engineering),
    LabellingFunction("engineering_text_without_ai", "software", 0.75,
                      "the opening hires engineers and the text hardly mentions AI/ML",
                      _engineering_text_without_ai),
    LabellingFunction("bare_research_at_lab", "pre_training", 0.5,
                      "research title with no topic at a foundation-model lab",
                      _bare_research_at_lab),
)
WEIGHTS = np.array([lf.weight for lf in LFS])


def apply_lfs(postings: Sequence[Posting],
              texts: Sequence[TextSignals] | None = None) -> np.ndarray:
    """Votes matrix: one row per posting, one column per LF, label index or ABSTAIN.

    `texts` are the postings' description signals when already computed (the warehouse
    computes them in SQL); otherwise they are computed here."""
    if texts is None:
        texts = text_signals([p.text for p in postings])
    indices = [LABELS.index(lf.label) for lf in LFS]
    rows = []
    for p, text in zip(postings, texts, strict=True):
        s = signals(p, text)
        rows.append([i if lf.fires(s) else ABSTAIN for lf, i in zip(LFS, indices, strict=True)])
    return np.array(rows, dtype=np.int8).reshape(len(rows), len(LFS))


def vote(votes: np.ndarray, weights: np.ndarray = WEIGHTS) -> tuple[np.ndarray, np.ndarray]:
    """Weighted vote per row: (label index or ABSTAIN, winning share of the fired weight).

    Ties go to the label listed first in LABELS (the more AI-specific one)."""
    totals = np.zeros((votes.shape[0], len(LABELS)))
    for j in range(votes.shape[1]):
        fired = votes[:, j] != ABSTAIN
        np.add.at(totals, (np.nonzero(fired)[0], votes[fired, j]), weights[j])
    mass = totals.sum(axis=1)
    winner = totals.argmax(axis=1)
    share = np.divide(totals.max(axis=1), mass, out=np.zeros_like(mass), where=mass > 0)
    return np.where(mass > 0, winner, ABSTAIN), share


def lf_stats(votes: np.ndarray) -> list[dict]:
    """Per LF: coverage (share of postings it votes on), overlap (share where another LF also
    votes) and conflict (share where another LF votes for a different label)."""
    n = max(votes.shape[0], 1)
    fired = votes != ABSTAIN
    out = []
    for j, lf in enumerate(LFS):
        mine = fired[:, j]
        others = np.delete(fired, j, axis=1)
        other_votes = np.delete(votes, j, axis=1)
        overlap = mine & others.any(axis=1)
        conflict = mine & ((other_votes != votes[:, [j]]) & others).any(axis=1)
        out.append({"lf": lf.name, "label": lf.label, "weight": lf.weight,
                    "coverage": mine.sum() / n, "overlap": overlap.sum() / n,
                    "conflict": conflict.sum() / n, "n_votes": int(mine.sum()),
                    "description": lf.description})
    return out


def label_names(indices: Sequence[int]) -> list[str | None]:
    return [LABELS[i] if i != ABSTAIN else None for i in indices]
