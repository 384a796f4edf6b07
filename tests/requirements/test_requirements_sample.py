"""Precision and recall of the requirements extractor on the hand-checked sample.

`data/hand_checked.jsonl` holds real postings from the snapshot (Ashby, Anthropic's Greenhouse
board, OpenAI careers, RemoteWLB, Hacker News) with the degree, minimum years and skill families
decided by reading each posting against the rules in `pipelines/requirements/extract.py` and the
family descriptions in `skills.yaml`, not by running the extractor.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pipelines.requirements import DEGREES, extract_requirements, load_vocabulary

SAMPLE = Path(__file__).with_name("data") / "hand_checked.jsonl"
BAR = 0.9
SOURCES = {"ashby", "anthropic_job_watch", "openai_careers", "remotewlb", "hn_whoishiring"}


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    with SAMPLE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def predictions(sample: list[dict]) -> list:
    return [extract_requirements(row["text"], row["title"]) for row in sample]


def test_sample_is_large_mixed_and_well_formed(sample: list[dict]) -> None:
    assert len(sample) >= 150
    by_source = Counter(row["source"] for row in sample)
    assert set(by_source) == SOURCES
    assert min(by_source.values()) >= 20
    families = set(load_vocabulary()["families"])
    keys = {"source", "source_id", "title", "text", "degree", "min_years", "skills"}
    for row in sample:
        assert set(row) == keys
        assert row["degree"] in DEGREES
        assert row["min_years"] is None or isinstance(row["min_years"], int)
        assert set(row["skills"]) <= families
    assert len({(row["source"], row["source_id"]) for row in sample}) == len(sample)
    # The sample must exercise the PhD labels the claims depend on, not only "none".
    assert {"phd_required", "phd_or_equivalent", "phd_preferred"} <= {r["degree"] for r in sample}


def test_degree_accuracy_and_macro_precision_recall(sample, predictions) -> None:
    expected = [row["degree"] for row in sample]
    got = [p.degree for p in predictions]
    accuracy = sum(e == g for e, g in zip(expected, got, strict=True)) / len(sample)
    classes = [c for c in DEGREES if c != "none"]
    precisions, recalls = [], []
    for c in classes:
        tp = sum(e == g == c for e, g in zip(expected, got, strict=True))
        predicted, support = got.count(c), expected.count(c)
        if predicted:
            precisions.append(tp / predicted)
        if support:
            recalls.append(tp / support)
    assert accuracy >= BAR
    assert sum(precisions) / len(precisions) >= BAR
    assert sum(recalls) / len(recalls) >= BAR


def test_min_years_precision_recall(sample, predictions) -> None:
    pairs = [(row["min_years"], p.min_years) for row, p in zip(sample, predictions, strict=True)]
    correct = sum(e is not None and e == g for e, g in pairs)
    predicted = sum(g is not None for _, g in pairs)
    expected = sum(e is not None for e, _ in pairs)
    assert correct / predicted >= BAR
    assert correct / expected >= BAR


def test_skill_families_micro_precision_recall(sample, predictions) -> None:
    expected = {(i, f) for i, row in enumerate(sample) for f in row["skills"]}
    got = {(i, f) for i, p in enumerate(predictions) for f in p.skills}
    tp = len(expected & got)
    assert tp / len(got) >= BAR
    assert tp / len(expected) >= BAR
