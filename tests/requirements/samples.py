"""The hand-checked requirement samples under `data/` and the extractor's scores on them.

The sample files hold keys, titles and labels only: each posting's text is read from the
snapshot by the source's own adapter (the description the warehouse stores), so no snapshot
text is committed here.

`python -m tests.requirements.samples NAME` prints the scores and every disagreement for one
sample (never run it on a held-out sample while changing the extractor; see data/HELD_OUT.md).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from pipelines.common import settings
from pipelines.ingestion.sources import SOURCES
from pipelines.requirements import DEGREES, extract_requirements

DATA = Path(__file__).with_name("data")
NAMES = ("hand_checked", "dev_audit", "dev_blind", "dev_blind_2", "dev_blind_3", "dev_blind_4",
         "held_out", "held_out_2")


def load(name: str, texts: dict[tuple[str, str], str] | None = None) -> list[dict]:
    """A sample's rows; with `texts` (from `snapshot_texts`), each row gets its `text`."""
    with (DATA / f"{name}.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    if texts is not None:
        for row in rows:
            row["text"] = texts[(row["source"], str(row["source_id"]))]
    return rows


def snapshot_texts(snapshot: Path, names: tuple[str, ...] = NAMES) -> dict[tuple[str, str], str]:
    """The description of every posting the samples name, as its source's adapter reads it."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for name in names:
        for row in load(name):
            wanted[row["source"]].add(str(row["source_id"]))
    texts: dict[tuple[str, str], str] = {}
    for source in SOURCES:
        if source.name in wanted:
            for posting in source.read(snapshot / source.folder).postings:
                if posting.source_id in wanted[source.name]:
                    texts.setdefault((source.name, posting.source_id), posting.description or "")
    return texts


def predict(rows: list[dict]) -> list:
    return [extract_requirements(row["text"], row["title"]) for row in rows]


def score(rows: list[dict], predictions: list) -> dict[str, float | None]:
    """Degree accuracy, per-class and macro (non-`none`) precision/recall; minimum years
    precision/recall (a figure counts when it equals the label); skill families micro
    precision/recall over (posting, family) pairs."""
    expected = [row["degree"] for row in rows]
    got = [p.degree for p in predictions]
    out: dict[str, float | None] = {
        "degree_accuracy": sum(e == g for e, g in zip(expected, got, strict=True)) / len(rows)}
    for c in DEGREES:
        tp = sum(e == g == c for e, g in zip(expected, got, strict=True))
        out[f"{c}_p"] = tp / got.count(c) if got.count(c) else None
        out[f"{c}_r"] = tp / expected.count(c) if expected.count(c) else None
    for kind in ("p", "r"):
        values = [out[f"{c}_{kind}"] for c in DEGREES if c != "none"]
        values = [v for v in values if v is not None]
        out[f"degree_macro_{kind}"] = sum(values) / len(values) if values else None
    pairs = [(row["min_years"], p.min_years) for row, p in zip(rows, predictions, strict=True)]
    correct = sum(e is not None and e == g for e, g in pairs)
    out["years_p"] = correct / max(1, sum(g is not None for _, g in pairs))
    out["years_r"] = correct / max(1, sum(e is not None for e, _ in pairs))
    labelled = {(i, f) for i, row in enumerate(rows) for f in row["skills"]}
    found = {(i, f) for i, p in enumerate(predictions) for f in p.skills}
    out["skills_p"] = len(labelled & found) / max(1, len(found))
    out["skills_r"] = len(labelled & found) / max(1, len(labelled))
    return out


def disagreements(rows: list[dict], predictions: list) -> list[str]:
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


if __name__ == "__main__":
    sample = load(sys.argv[1], snapshot_texts(settings.snapshot_dir(), (sys.argv[1],)))
    found = predict(sample)
    print("\n".join(disagreements(sample, found)))
    for key, value in score(sample, found).items():
        if value is not None:
            print(f"{key}: {value:.3f}")
