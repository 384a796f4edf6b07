"""The extractor on a held-out sample that it was never tuned on (`data/held_out.jsonl`, see
`data/HELD_OUT.md`): an honest measure, below the 0.9 bar the tuned sample reaches.

Measured when the sample was added (2026-11-29): degree accuracy 0.938 (macro precision 0.73,
recall 0.79 over the rare non-`none` classes), minimum years precision 0.92 / recall 0.85,
skill families precision 0.75 / recall 0.81. The floors below guard against regressions;
they are not the issue's bar. Do not tune the extractor on this file: label a new one instead.
"""

import json
from pathlib import Path

import pytest

from pipelines.requirements import extract_requirements

HELD_OUT = Path(__file__).with_name("data") / "held_out.jsonl"


@pytest.fixture(scope="module")
def pairs() -> list[tuple[dict, object]]:
    rows = [json.loads(line) for line in HELD_OUT.read_text(encoding="utf-8").splitlines()]
    return [(row, extract_requirements(row["text"], row["title"])) for row in rows]


def test_held_out_degree(pairs):
    assert len(pairs) == 80
    accuracy = sum(row["degree"] == got.degree for row, got in pairs) / len(pairs)
    assert accuracy >= 0.9


def test_held_out_min_years(pairs):
    correct = sum(row["min_years"] is not None and row["min_years"] == got.min_years
                  for row, got in pairs)
    predicted = sum(got.min_years is not None for _, got in pairs)
    expected = sum(row["min_years"] is not None for row, _ in pairs)
    assert correct / predicted >= 0.85
    assert correct / expected >= 0.8


def test_held_out_skill_families(pairs):
    expected = {(i, f) for i, (row, _) in enumerate(pairs) for f in row["skills"]}
    got = {(i, f) for i, (_, found) in enumerate(pairs) for f in found.skills}
    hits = len(expected & got)
    assert hits / len(got) >= 0.7
    assert hits / len(expected) >= 0.75
