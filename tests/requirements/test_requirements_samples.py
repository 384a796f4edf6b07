"""The extractor on every hand-checked sample (models/labels/requirements/HELD_OUT.md says who
labelled each, how, and what was tuned on it). The issue's bar is precision and recall of 0.9 on
each field; the floors (`FLOORS` in pipelines/requirements/evaluate.py) are the measured scores
rounded down, so they catch regressions. Tuned samples score higher than the held-out ones,
which are the honest measure:

| sample | n | tuned on | degree acc. | years P / R | skills P / R |
|---|---|---|---|---|---|
| hand_checked | 156 | session 1 (relabelled in 2) | 1.000 | 1.00 / 1.00 | 0.97 / 0.91 |
| dev_audit | 147 | session 2, round 1 | 0.973 | 0.98 / 0.99 | 0.97 / 0.98 |
| dev_blind | 146 | session 2, round 2 | 1.000 | 1.00 / 1.00 | 0.89 / 0.95 |
| dev_blind_2 | 291 | session 2, round 3 | 0.979 | 0.96 / 0.96 | 0.84 / 0.87 |
| dev_blind_3 | 144 | session 3, round 4 | 0.979 | 0.99 / 0.96 | 0.88 / 0.80 |
| dev_blind_4 | 94 | session 4, round 5 | 0.979 | 1.00 / 0.98 | 0.87 / 0.80 |
| dev_blind_5 | 94 | session 5, round 6 | 1.000 | 0.96 / 0.94 | 0.91 / 0.84 |
| dev_blind_6 | 94 | session 5, round 7 | 0.979 | 0.98 / 0.98 | 0.90 / 0.83 |
| held_out | 80 | never | 0.938 | 0.96 / 0.93 | 0.85 / 0.80 |
| held_out_2 | 147 | never | 0.952 | 0.96 / 0.95 | 0.89 / 0.81 |

Do not tune the extractor on the held-out samples: label a new sample instead.
"""

from itertools import combinations

import pytest
from samples import load, predict, snapshot_texts

from pipelines.requirements import DEGREES, Requirements, load_vocabulary
from pipelines.requirements.evaluate import FLOORS, SAMPLES, below_floors, score

KEYS = {"source", "source_id", "title", "degree", "min_years", "skills"}


@pytest.fixture(scope="module")
def texts(snapshot_dir) -> dict[tuple[str, str], str]:
    return snapshot_texts(snapshot_dir)


@pytest.fixture(scope="module", params=sorted(FLOORS))
def measured(request, texts) -> tuple[str, list[dict], dict]:
    rows = load(request.param, texts)
    return request.param, rows, score(rows, predict(rows))


def test_samples_are_well_formed_and_disjoint(texts) -> None:
    assert set(FLOORS) == set(SAMPLES)
    families = set(load_vocabulary()["families"])
    keys = {}
    for name, (size, *_) in FLOORS.items():
        rows = load(name, texts)  # every posting is still in the snapshot
        assert len(rows) == size
        for row in rows:
            assert KEYS | {"text"} <= set(row) <= KEYS | {"text", "note"}
            assert row["degree"] in DEGREES
            assert row["min_years"] is None or isinstance(row["min_years"], int)
            assert set(row["skills"]) <= families
            assert len(row["text"]) >= 200
        keys[name] = {(row["source"], str(row["source_id"])) for row in rows}
        assert len(keys[name]) == size
    # A held-out posting that also sits in a tuned sample would not be held out.
    for a, b in combinations(keys, 2):
        assert not keys[a] & keys[b], (a, b)


def test_samples_exercise_every_degree_label() -> None:
    seen = {row["degree"] for name in FLOORS for row in load(name)}
    assert seen == set(DEGREES)


def test_extractor_keeps_its_floors(measured) -> None:
    name, _, got = measured
    assert below_floors(name, got) == {}, name


def test_score_counts_stated_degrees_years_and_skill_pairs() -> None:
    rows = [{"degree": "masters", "min_years": 5, "skills": ["backend", "mobile"]},
            {"degree": "none", "min_years": None, "skills": []},
            {"degree": "phd_required", "min_years": 3, "skills": ["evaluation"]}]
    got = [Requirements("masters", 5, None, ["backend"]),
           Requirements("bachelors", 2, None, ["web_frontend"]),
           Requirements("phd_preferred", 3, None, ["evaluation"])]
    scores = score(rows, got)
    assert scores["degree_accuracy"] == pytest.approx(1 / 3)
    assert scores["degree_p"] == pytest.approx(1 / 3)  # 3 stated, 1 equal to its label
    assert scores["degree_r"] == pytest.approx(1 / 2)  # 2 labelled, 1 found
    assert scores["years_p"] == pytest.approx(2 / 3) and scores["years_r"] == 1.0
    assert scores["skills_p"] == pytest.approx(2 / 3) and scores["skills_r"] == pytest.approx(2 / 3)
