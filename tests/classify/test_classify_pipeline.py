"""The classify assets on a real slice of the snapshot, the blocking check, and the command."""

import json

import duckdb
from dagster_duckdb import DuckDBResource

from pipelines.classify.checks import FLOOR, FLOOR_TITLE_ONLY, layer_classifier_test_f1
from pipelines.classify.labelling import LABELS, LFS
from pipelines.classify.model import COMMITTED_MODEL, model_path
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
        for i in ("full", "title_only")}
    assert confusion == 380  # every test row, once


def test_blocking_check_scores_the_committed_model_on_the_test_split(slice_warehouse):
    resource = DuckDBResource(database=str(slice_warehouse),
                              connection_config={"access_mode": "READ_ONLY"})
    result = layer_classifier_test_f1(warehouse=resource)
    meta = {k: v.value for k, v in result.metadata.items()}
    assert result.passed
    assert meta["test_rows"] == 380 and meta["model_path"] == str(COMMITTED_MODEL)
    assert meta["macro_f1"] >= FLOOR and meta["macro_f1_title_only"] >= FLOOR_TITLE_ONLY


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
