"""The requirement_metrics asset and its floor check, on hand-built warehouses: the stored
requirements of the labelled postings are scored as the tests score the extractor, and a
sample that loses ground fails the check."""

from __future__ import annotations

import duckdb
import pytest
from dagster import materialize
from dagster_duckdb import DuckDBResource

from pipelines.common.numbers import rounded
from pipelines.requirements.assets import requirement_metrics
from pipelines.requirements.checks import requirement_scores_keep_floors
from pipelines.requirements.evaluate import load_sample, score
from pipelines.requirements.extract import Requirements


def stored_warehouse(path, rows: list[dict]) -> str:
    """A warehouse whose stored requirements for `rows` are the given ones."""
    with duckdb.connect(str(path)) as conn:
        conn.execute("CREATE SCHEMA core")
        conn.execute("CREATE TABLE core.postings (posting_key VARCHAR, source VARCHAR, "
                     "source_id VARCHAR)")
        conn.execute("CREATE TABLE core.posting_requirements (posting_key VARCHAR, "
                     "degree VARCHAR, min_years INTEGER)")
        conn.execute("CREATE TABLE core.posting_skills (posting_key VARCHAR, family VARCHAR)")
        for i, row in enumerate(rows):
            key = f"k{i}"
            conn.execute("INSERT INTO core.postings VALUES (?, ?, ?)",
                         [key, row["source"], str(row["source_id"])])
            conn.execute("INSERT INTO core.posting_requirements VALUES (?, ?, ?)",
                         [key, row["degree"], row["min_years"]])
            for family in row["skills"]:
                conn.execute("INSERT INTO core.posting_skills VALUES (?, ?)", [key, family])
    return str(path)


def run(database: str):
    result = materialize([requirement_metrics, requirement_scores_keep_floors],
                         resources={"warehouse": DuckDBResource(database=database)})
    (check,) = result.get_asset_check_evaluations()
    with duckdb.connect(database, read_only=True) as conn:
        metrics = {(s, m): (v, scored, n) for s, m, v, scored, n in conn.execute(
            "SELECT sample, metric, value, scored, postings FROM core.requirement_metrics"
        ).fetchall()}
    return result, check, metrics


def test_stored_labels_score_perfectly_and_keep_the_floor(tmp_path):
    labels = load_sample("held_out")
    result, check, metrics = run(stored_warehouse(tmp_path / "w.duckdb", labels))
    assert result.success and check.passed
    assert metrics[("held_out", "degree_accuracy")] == (1.0, 80, 80)
    assert metrics[("held_out", "skills_r")][0] == 1.0
    # The other held-out sample is absent: pooled over both, 80 of 227 are scored.
    assert metrics[("held_out_all", "years_p")][1:] == (80, 227)
    assert not any(sample == "held_out_2" for sample, _ in metrics)
    assert check.metadata["samples_compared"].value == "held_out"
    # The second annotator is scored from the label files alone: 251 shared skill pairs of 257
    # and 260, the same years on all 147 postings.
    assert metrics[("held_out_2_second", "skills_p")][0] == pytest.approx(251 / 257)
    assert metrics[("held_out_2_second", "skills_r")][0] == pytest.approx(251 / 260)
    assert metrics[("held_out_2_second", "years_r")] == (1.0, 147, 147)
    # The UI's table says what each sample is for.
    (materialization,) = result.asset_materializations_for_node("core__requirement_metrics")
    table = materialization.metadata["scores"].value
    assert "| held_out | held out | 80 of 80 | 1.0 |" in table
    assert "| held_out_2_second | agreement ceiling (second annotator vs first) | 147 of 147 |" \
        in table
    assert "| hand_checked | tuned on | 0 of " in table


def test_a_sample_that_loses_ground_fails_the_check(tmp_path):
    labels = load_sample("held_out")
    worse = [{**row, "degree": "none", "skills": row["skills"][:1]} for row in labels]
    result, check, metrics = run(stored_warehouse(tmp_path / "w.duckdb", worse))
    assert result.success and not check.passed
    expected = score(labels, [Requirements(r["degree"], r["min_years"], None, r["skills"])
                              for r in worse])
    assert metrics[("held_out", "degree_accuracy")][0] == pytest.approx(
        expected["degree_accuracy"])
    assert metrics[("held_out", "skills_r")][0] == pytest.approx(expected["skills_r"])
    below = check.metadata["below_floor"].value
    assert "held_out" in below and "degree_accuracy" in below and "skills_r" in below


def test_scores_are_shown_to_three_places_and_missing_stays_missing():
    assert rounded(0.87654) == 0.877
    assert rounded(2 / 3, 6) == 0.666667
    assert rounded(None) is None
    assert rounded(float("nan")) is None
    assert rounded(float("inf")) is None
