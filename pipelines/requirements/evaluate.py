"""Scores of the requirement extractor on the hand-checked samples in
`models/labels/requirements/` (HELD_OUT.md there says who labelled each sample, how, and which
ones the extractor was tuned on).

The sample files hold keys, titles and labels only; the text of each posting is the description
the warehouse stores (tests read the same text from the snapshot with the source's adapter).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipelines.common import settings
from pipelines.requirements.extract import DEGREES, Requirements

SAMPLES_DIR = settings.REPO_ROOT / "models" / "labels" / "requirements"
# In the order they were made; the extractor was tuned on every sample except the held-out ones.
TUNED = ("hand_checked", "dev_audit", "dev_blind", "dev_blind_2", "dev_blind_3", "dev_blind_4",
         "dev_blind_5", "dev_blind_6")
HELD_OUT = ("held_out", "held_out_2")
SAMPLES = (*TUNED, *HELD_OUT)
# Pooled scores beside the per-sample ones: the held-out pool is the honest figure.
HELD_OUT_POOL, TUNED_POOL = "held_out_all", "tuned_all"
POOLS = {HELD_OUT_POOL: HELD_OUT, TUNED_POOL: TUNED}
# A second blind annotator's labels of held_out_2, scored like the extractor against the first
# annotator's: how far two careful readers agree, the ceiling an extractor could hope to reach.
SECOND_ANNOTATOR, SECOND_ANNOTATED = "held_out_2_second", "held_out_2"
# The bar: precision and recall of each field on a hand-checked sample.
BAR = 0.9
BAR_METRICS = ("degree_p", "degree_r", "years_p", "years_r", "skills_p", "skills_r")
# The measured scores rounded down, so a change that loses ground shows (tests and the asset
# check): sample -> (rows, degree accuracy, years P, years R, skills P, skills R).
FLOORS = {
    "hand_checked": (156, 0.99, 0.99, 0.99, 0.96, 0.90),
    "dev_audit": (147, 0.97, 0.97, 0.98, 0.96, 0.97),
    "dev_blind": (146, 0.99, 0.99, 0.99, 0.88, 0.94),
    "dev_blind_2": (291, 0.97, 0.95, 0.96, 0.84, 0.87),
    "dev_blind_3": (144, 0.95, 0.97, 0.95, 0.87, 0.79),
    "dev_blind_4": (94, 0.97, 0.99, 0.95, 0.87, 0.79),
    "dev_blind_5": (94, 0.99, 0.95, 0.94, 0.90, 0.83),
    "dev_blind_6": (94, 0.97, 0.98, 0.98, 0.90, 0.82),
    "held_out": (80, 0.93, 0.95, 0.92, 0.85, 0.80),
    "held_out_2": (147, 0.94, 0.96, 0.94, 0.89, 0.79),
}
FLOOR_METRICS = ("degree_accuracy", "years_p", "years_r", "skills_p", "skills_r")


def below_floors(name: str, scores: dict[str, float | None]) -> dict[str, float]:
    """The metrics of a sample that fell below its floor, with their values."""
    floors = dict(zip(FLOOR_METRICS, FLOORS[name][1:], strict=True))
    return {m: round(scores.get(m) or 0.0, 3) for m, floor in floors.items()
            if (scores.get(m) or 0.0) < floor}


def load_sample(name: str, directory: Path = SAMPLES_DIR) -> list[dict[str, Any]]:
    with (directory / f"{name}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def sample_use(name: str) -> str:
    """What a sample (or pool) is for, as the metadata and the methodology page name it."""
    if name == SECOND_ANNOTATOR:
        return "agreement ceiling (second annotator vs first)"
    return "tuned on" if name in (*TUNED, TUNED_POOL) else "held out"


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def score(rows: list[dict[str, Any]], predictions: list[Requirements]) -> dict[str, float | None]:
    """Degree accuracy; degree precision/recall over stated degrees (a predicted non-`none`
    degree is right when it equals the label, a labelled one is found when the prediction
    equals it), per class and their macro mean; minimum years precision/recall (a figure counts
    when it equals the label); skill families micro precision/recall over (posting, family)
    pairs."""
    expected = [row["degree"] for row in rows]
    got = [p.degree for p in predictions]
    same = [e == g for e, g in zip(expected, got, strict=True)]
    stated_right = sum(s and e != "none" for s, e in zip(same, expected, strict=True))
    out: dict[str, float | None] = {
        "degree_accuracy": sum(same) / len(rows),
        "degree_p": _ratio(stated_right, sum(g != "none" for g in got)),
        "degree_r": _ratio(stated_right, sum(e != "none" for e in expected)),
    }
    for c in DEGREES:
        tp = sum(e == g == c for e, g in zip(expected, got, strict=True))
        out[f"{c}_p"] = _ratio(tp, got.count(c))
        out[f"{c}_r"] = _ratio(tp, expected.count(c))
    for kind in ("p", "r"):
        values = [out[f"{c}_{kind}"] for c in DEGREES if c != "none"]
        values = [v for v in values if v is not None]
        out[f"degree_macro_{kind}"] = sum(values) / len(values) if values else None
    pairs = [(row["min_years"], p.min_years) for row, p in zip(rows, predictions, strict=True)]
    correct = sum(e is not None and e == g for e, g in pairs)
    out["years_p"] = _ratio(correct, sum(g is not None for _, g in pairs))
    out["years_r"] = _ratio(correct, sum(e is not None for e, _ in pairs))
    labelled = {(i, f) for i, row in enumerate(rows) for f in row["skills"]}
    found = {(i, f) for i, p in enumerate(predictions) for f in p.skills}
    out["skills_p"] = _ratio(len(labelled & found), len(found))
    out["skills_r"] = _ratio(len(labelled & found), len(labelled))
    return out


def second_annotator_scores(directory: Path = SAMPLES_DIR) -> tuple[int, dict]:
    """(postings, scores) of the second annotator against the first on SECOND_ANNOTATED."""
    first = load_sample(SECOND_ANNOTATED, directory)
    second = {(r["source"], str(r["source_id"])): r for r in load_sample(SECOND_ANNOTATOR,
                                                                          directory)}
    other = [second[(r["source"], str(r["source_id"]))] for r in first]
    return len(first), score(first, [Requirements(r["degree"], r["min_years"], None, r["skills"])
                                     for r in other])


def disagreements(rows: list[dict[str, Any]], predictions: list[Requirements]) -> list[str]:
    """One line per posting where the extractor and the label differ."""
    lines = []
    for i, (row, p) in enumerate(zip(rows, predictions, strict=True)):
        errors = []
        if row["degree"] != p.degree:
            errors.append(f"degree {row['degree']} got {p.degree}")
        if row["min_years"] != p.min_years:
            errors.append(f"years {row['min_years']} got {p.min_years}")
        extra, missed = set(p.skills) - set(row["skills"]), set(row["skills"]) - set(p.skills)
        if extra:
            errors.append(f"extra {sorted(extra)}")
        if missed:
            errors.append(f"missed {sorted(missed)}")
        if errors:
            lines.append(f"{i} {row['source']} {row['source_id'][:14]} {row['title'][:50]} | "
                         + "; ".join(errors))
    return lines
