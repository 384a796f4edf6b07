"""The classify assets on a real slice of the snapshot, the blocking check, and the command."""

import json
import shutil
from pathlib import Path

import duckdb
from conftest import run_graph
from dagster_duckdb import DuckDBResource

from pipelines.classify.checks import layer_classifier_test_f1
from pipelines.classify.labelling import LABELS, LFS
from pipelines.classify.model import COMMITTED_MODEL, load_hand_labels, model_path, train
from pipelines.classify.resources import ClassifierGate
from pipelines.cli import main


def test_every_posting_gets_one_layer_with_probabilities(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        postings = conn.execute("SELECT count(*) FROM core.postings").fetchone()[0]
        rows, keys, bad_sum, bad_layer, versions = conn.execute(f"""
            SELECT count(*), count(DISTINCT posting_key),
                   count(*) FILTER (WHERE abs({' + '.join(f'p_{x}' for x in LABELS)} - 1)
                                    > 0.001),
                   count(*) FILTER (WHERE layer <> CASE WHEN abstained THEN 'unknown'
                                                       ELSE top_layer END),
                   count(DISTINCT model_version)
            FROM core.posting_layers
        """).fetchone()
        title_only = conn.execute("""
            SELECT count(*) FILTER (WHERE l.title_only <> (coalesce(length(p.description), 0)
                                                           < 100))
            FROM core.posting_layers AS l JOIN core.postings AS p USING (posting_key)
        """).fetchone()[0]
    assert rows == keys == postings > 0
    assert bad_sum == bad_layer == title_only == 0
    assert versions == 1


def test_weak_labels_and_function_stats_cover_the_postings(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        weak, postings = conn.execute("""
            SELECT (SELECT count(*) FROM core.weak_labels), (SELECT count(*) FROM core.postings)
        """).fetchone()
        stats = conn.execute("SELECT lf, coverage, overlap, conflict "
                             "FROM core.labelling_function_stats").fetchall()
    assert weak == postings
    assert {s[0] for s in stats} == {lf.name for lf in LFS}
    assert all(0 <= c <= o <= v <= 1 for _, v, o, c in stats)
    assert max(v for _, v, _, _ in stats) > 0.1


def test_slice_model_is_kept_apart_from_the_committed_one(slice_warehouse):
    # Training on the slice writes beside the slice warehouse, never over models/.
    path = model_path(slice_warehouse)
    assert path.exists() and path != COMMITTED_MODEL
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        metrics = conn.execute("""
            SELECT method, inputs, value FROM core.classifier_metrics
            WHERE scope = 'overall' AND metric = 'macro_f1'
        """).fetchall()
        confusion = conn.execute("SELECT sum(n) FROM core.classifier_confusion "
                                 "WHERE method = 'model' AND inputs = 'full'").fetchone()[0]
    assert {(m, i) for m, i, _ in metrics} == {
        (m, i) for m in ("model", "labelling_functions", "majority")
        for i in ("full", "title_only")} | {("second_annotator", "full")}
    assert confusion == 380  # every test row, once


def _gate(slice_warehouse, gate: ClassifierGate):
    resource = DuckDBResource(database=str(slice_warehouse),
                              connection_config={"access_mode": "READ_ONLY"})
    result = layer_classifier_test_f1(warehouse=resource, classifier_gate=gate)
    return result, {k: v.value for k, v in result.metadata.items()}


def test_blocking_check_scores_the_model_this_run_trained(slice_warehouse):
    result, meta = _gate(slice_warehouse, ClassifierGate(floor=0.0, floor_title_only=0.0))
    assert result.passed
    assert meta["test_rows"] == 380 and meta["model_path"] == str(model_path(slice_warehouse))
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        stored = conn.execute("""
            SELECT value FROM core.classifier_metrics
            WHERE method = 'model' AND inputs = 'full' AND scope = 'overall'
              AND metric = 'macro_f1'
        """).fetchone()[0]
    assert meta["macro_f1"] == stored  # the same model the metrics table describes


def test_blocking_check_fails_below_its_floor(slice_warehouse):
    _, meta = _gate(slice_warehouse, ClassifierGate(floor=0.0, floor_title_only=0.0))
    strict = ClassifierGate(floor=meta["macro_f1"] + 0.01, floor_title_only=0.0)
    result, meta = _gate(slice_warehouse, strict)
    assert not result.passed and meta["meets_issue_bar"] is False


def test_classify_command_writes_one_line_per_input_line_in_order(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "title": "Software Engineer, Inference", "team": "Inference"},
        {"id": "b", "title": "Account Executive, Enterprise", "company": "Anthropic"},
        "this line is not JSON",
        {"id": "c", "text": "no title here"},
        {"id": "d", "title": "Applied AI Engineer", "text": "Build LLM agents with RAG."},
    ]
    source.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    target = tmp_path / "out.jsonl"
    assert main(["classify", "--in", str(source), "--out", str(target)]) == 0
    out = [json.loads(line) for line in target.read_text().splitlines()]
    assert [o["id"] for o in out] == ["a", "b", None, "c", "d"]
    assert "error" in out[2] and "error" in out[3]
    for o in (out[0], out[1], out[4]):
        assert set(o) == {"id", "layer", "confidence", "probabilities"}
        assert set(o["probabilities"]) == set(LABELS)
    assert max(out[1]["probabilities"], key=out[1]["probabilities"].get) == "non_technical"
    assert "5 lines written" in capsys.readouterr().err


def test_definitions_load_with_the_classify_assets_and_check():
    from pipelines.definitions import defs

    keys = {k.to_user_string() for k in defs.resolve_all_asset_keys()}
    assert {"core/weak_labels", "models/layer_classifier", "core/classifier_metrics",
            "core/posting_layers"} <= keys
    checks = {c.name for c in defs.resolve_asset_graph().asset_check_keys}
    assert "layer_classifier_test_f1" in checks


def test_a_failing_gate_stops_scoring_with_the_run_s_model(slice_warehouse, tmp_path):
    # A floor no model can reach: the check must fail and block everything downstream.
    warehouse = tmp_path / "jobstack.duckdb"
    shutil.copyfile(slice_warehouse, warehouse)
    result = run_graph(Path("unused-snapshot"), warehouse,
                       select='key:"models/layer_classifier"+', gate_floor=1.0)
    assert not result.success
    materialized = {e.asset_key.to_user_string()
                    for e in result.get_asset_materialization_events()}
    assert "models/layer_classifier" in materialized
    assert "core/posting_layers" not in materialized
    (evaluation,) = [e for e in result.get_asset_check_evaluations()
                     if e.check_name == "layer_classifier_test_f1"]
    assert not evaluation.passed


def test_an_unchanged_refresh_reuses_the_saved_model(slice_warehouse, tmp_path):
    warehouse = tmp_path / "jobstack.duckdb"
    shutil.copyfile(slice_warehouse, warehouse)
    runs = [run_graph(Path("unused-snapshot"), warehouse, select='key:"models/layer_classifier"')
            for _ in range(2)]
    (first, second) = [r.asset_materializations_for_node("models__layer_classifier")[0].metadata
                       for r in runs]
    assert not first["reused_saved_model"].value and second["reused_saved_model"].value
    assert first["model_version"].value == second["model_version"].value
    assert second["training_seconds"].value < first["training_seconds"].value / 3


def test_changed_training_labels_retrain_the_model(slice_warehouse):
    dev = load_hand_labels("dev")[::10]  # a small dev set keeps the three fits quick
    relabelled = [{**dev[0], "layer": "software" if dev[0]["layer"] != "software" else "other_ai"},
                  *dev[1:]]
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        first = train(conn, dev=dev, test=[])
        assert train(conn, dev=dev, test=[], previous=first) is first
        second = train(conn, dev=relabelled, test=[], previous=first)
    assert second is not first and second.version != first.version
    assert second.info["input_digest"] != first.info["input_digest"]
