"""AI-stack layer per posting: weak labels, the trained classifier, its test evaluation and
the scored postings (claims D1-D6, P1-P5, S1-S4 all group by layer)."""

import time
from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset
from dagster_duckdb import DuckDBResource

from pipelines.classify.evaluate import (
    CALIBRATION_COLUMNS,
    CONFUSION_COLUMNS,
    METRIC_COLUMNS,
    evaluate,
    majority_label,
)
from pipelines.classify.labelling import (
    LABELS,
    TEXT_SIGNAL_COLUMNS,
    TextSignals,
    apply_lfs,
    label_names,
    lf_stats,
    posting,
    text_signals_sql,
    vote,
)
from pipelines.classify.model import (
    MODEL_ROWS_SQL,
    POSTINGS_SQL,
    LayerModel,
    attach_warehouse_fields,
    load_hand_labels,
    load_model,
    load_second_annotation,
    model_path,
    train,
)
from pipelines.common.metadata import markdown_table
from pipelines.warehouse.assets import core_key
from pipelines.warehouse.sql import replace_table

GROUP = "classify"
MODEL_KEY = AssetKey(["models", "layer_classifier"])

WEAK_LABEL_COLUMNS = {"posting_key": "VARCHAR", "weak_layer": "VARCHAR", "weak_share": "DOUBLE",
                      "n_lfs": "INTEGER"}
LF_STATS_COLUMNS = {"lf": "VARCHAR", "label": "VARCHAR", "weight": "DOUBLE",
                    "coverage": "DOUBLE", "overlap": "DOUBLE", "conflict": "DOUBLE",
                    "n_votes": "INTEGER", "dev_n": "INTEGER", "dev_accuracy": "DOUBLE",
                    "description": "VARCHAR"}
POSTING_LAYER_COLUMNS = {"posting_key": "VARCHAR", "layer": "VARCHAR", "top_layer": "VARCHAR",
                         "confidence": "DOUBLE",
                         **{f"p_{label}": "DOUBLE" for label in LABELS},
                         "abstained": "BOOLEAN", "title_only": "BOOLEAN",
                         "model_version": "VARCHAR"}
# Postings with fewer description characters than this are scored as title-only.
MIN_TEXT_CHARS = 100


@asset(key=core_key("weak_labels"), group_name=GROUP, kinds={"python", "duckdb"},
       deps=[core_key("postings")],
       description="The labelling functions' weighted vote per posting, and per-function "
                   "coverage, overlap and conflict (core.labelling_function_stats).")
def weak_labels(context: AssetExecutionContext, warehouse: DuckDBResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        rows = conn.execute(f"""
            SELECT posting_key, title, team, company, {text_signals_sql('text')}, length(text)
            FROM ({POSTINGS_SQL}) ORDER BY posting_key
        """).fetchall()
        dev = attach_warehouse_fields(conn, load_hand_labels("dev"), skills=False)
    width = len(TEXT_SIGNAL_COLUMNS)
    votes = apply_lfs([posting(r[1], r[2], None, r[3]) for r in rows],
                      [TextSignals(tuple(r[4:3 + width]), bool(r[3 + width]), r[4 + width])
                       for r in rows])
    winners, shares = vote(votes)
    fired = (votes != -1).sum(axis=1)
    weak = [{"posting_key": r[0], "weak_layer": name, "weak_share": round(float(share), 4),
             "n_lfs": int(n)}
            for r, name, share, n in zip(rows, label_names(winners), shares, fired, strict=True)]
    stats = lf_stats(votes)
    # Accuracy per LF on the dev split (where it votes): the hand-labelled check on each rule.
    dev_votes = apply_lfs([posting(r["title"], r["team"], r["text"], r["company"]) for r in dev])
    for j, row in enumerate(stats):
        voted = [(LABELS[v] if v >= 0 else None, r["layer"])
                 for v, r in zip(dev_votes[:, j], dev, strict=True) if v >= 0]
        row["dev_n"] = len(voted)
        row["dev_accuracy"] = (round(sum(a == b for a, b in voted) / len(voted), 4)
                               if voted else None)
        for key in ("coverage", "overlap", "conflict"):
            row[key] = round(float(row[key]), 4)
    with warehouse.get_connection() as conn:
        replace_table(conn, "core.weak_labels", WEAK_LABEL_COLUMNS, weak)
        replace_table(conn, "core.labelling_function_stats", LF_STATS_COLUMNS, stats)
        per_label = conn.execute("""
            SELECT coalesce(weak_layer, '(abstain)'), count(*),
                   count(*) FILTER (WHERE weak_share >= 0.6), round(avg(weak_share), 3)
            FROM core.weak_labels GROUP BY 1 ORDER BY 2 DESC
        """).fetchall()
    covered = sum(1 for w in weak if w["weak_layer"])
    context.log.info(f"weak_labels: {covered} of {len(weak)} postings get a weak label")
    return MaterializeResult(metadata={
        "dagster/row_count": len(weak),
        "coverage": round(covered / len(weak), 4) if weak else 0.0,
        "per_label": markdown_table(per_label, ("weak layer", "postings", "share >= 0.6",
                                                "mean share")),
        "labelling_functions": markdown_table(
            [(s["lf"], s["weight"], s["coverage"], s["overlap"], s["conflict"], s["dev_n"],
              s["dev_accuracy"]) for s in stats],
            ("LF", "weight", "coverage", "overlap", "conflict", "dev n", "dev accuracy")),
    })


@asset(key=MODEL_KEY, group_name=GROUP, kinds={"python", "scikitlearn"},
       deps=[core_key("postings"), core_key("posting_requirements"), core_key("weak_labels")],
       description="The layer classifier (TF-IDF of title, team and text plus the posting's "
                   "skill families; logistic regression, temperature-calibrated, abstain "
                   "threshold) trained on weak labels and the dev hand labels.")
def layer_classifier(context: AssetExecutionContext,
                     warehouse: DuckDBResource) -> MaterializeResult:
    started = time.perf_counter()
    path = model_path(warehouse.database)
    previous = _saved_model(context, path)
    with warehouse.get_connection() as conn:
        model = train(conn, previous=previous)
    reused = model is previous
    if previous is not None and previous.version == model.version:
        # Same inputs, settings and calibration: keep the file's bytes (joblib output differs
        # between runs even for an identical model, which would dirty the committed copy).
        size = path.stat().st_size
    else:
        size = model.save(path)
    seconds = time.perf_counter() - started
    context.log.info(f"layer_classifier {model.version}: "
                     + ("inputs unchanged, saved model reused" if reused else "trained")
                     + f" in {seconds:.1f}s, {size / 1e6:.1f} MB at {path}")
    info = model.info
    return MaterializeResult(metadata={
        "model_version": model.version, "path": str(path), "bytes": size,
        "reused_saved_model": reused, "training_seconds": round(seconds, 1),
        "temperature": round(model.temperature, 4),
        "abstain_threshold": model.threshold, "training_rows": info["training_rows"],
        "weak_rows": info["weak_rows"], "dev_rows": info["dev_rows"],
        "dev_in_warehouse": info["dev_in_warehouse"],
        "dev_out_of_fold_accuracy": info["dev_oof_accuracy"],
        "weak_rows_per_label": markdown_table(sorted(info["weak_per_label"].items()),
                                              ("layer", "weak rows")),
    })


def _saved_model(context: AssetExecutionContext, path: Path) -> LayerModel | None:
    """The model file a previous run saved, if it can be read (else it is simply retrained)."""
    if not path.exists():
        return None
    try:
        return load_model(path)
    except Exception as error:  # a truncated or incompatible file: retrain and overwrite it
        context.log.warning(f"layer_classifier: could not read {path} ({error!r}); retraining")
        return None


@asset(key=core_key("classifier_metrics"), group_name=GROUP, kinds={"python", "duckdb"},
       deps=[MODEL_KEY],
       description="The classifier, two baselines and a second annotator on the hand-labelled "
                   "test split: scores, confusion (core.classifier_confusion), reliability "
                   "(core.classifier_calibration).")
def classifier_metrics(context: AssetExecutionContext,
                       warehouse: DuckDBResource) -> MaterializeResult:
    model = load_model(model_path(warehouse.database))
    with warehouse.get_connection() as conn:
        test = attach_warehouse_fields(conn, load_hand_labels("test"))
    result = evaluate(model, test, majority_label(load_hand_labels("dev")),
                      load_second_annotation())
    with warehouse.get_connection() as conn:
        replace_table(conn, "core.classifier_metrics", METRIC_COLUMNS, result.metrics)
        replace_table(conn, "core.classifier_confusion", CONFUSION_COLUMNS, result.confusion)
        replace_table(conn, "core.classifier_calibration", CALIBRATION_COLUMNS,
                      result.calibration)
    summary = [(method, inputs, result.value(method, inputs, "macro_f1"),
                result.value(method, inputs, "accuracy"))
               for method in ("model", "labelling_functions", "majority", "second_annotator")
               for inputs in ("full", "title_only")
               if result.value(method, inputs, "macro_f1") is not None]
    per_label = [(label, result.value("model", "full", "f1", "label", label),
                  result.value("model", "title_only", "f1", "label", label)) for label in LABELS]
    context.log.info(f"classifier_metrics: test macro-F1 "
                     f"{result.value('model', 'full', 'macro_f1')} ({model.version})")
    return MaterializeResult(metadata={
        "dagster/row_count": len(result.metrics),
        "model_version": model.version,
        "test_rows": len(test),
        "test_in_warehouse": sum(r["in_warehouse"] for r in test),
        "macro_f1": result.value("model", "full", "macro_f1"),
        "macro_f1_title_only": result.value("model", "title_only", "macro_f1"),
        "summary": markdown_table(summary, ("method", "inputs", "macro-F1", "accuracy")),
        "per_label_f1": markdown_table(per_label, ("layer", "F1 full", "F1 title-only")),
    })


@asset(key=core_key("posting_layers"), group_name=GROUP, kinds={"python", "duckdb"},
       deps=[core_key("postings"), core_key("posting_requirements"), MODEL_KEY],
       description="The layer of every posting: label (or `unknown` below the abstain "
                   "threshold), confidence and the probability of each label.")
def posting_layers(context: AssetExecutionContext, warehouse: DuckDBResource) -> MaterializeResult:
    model = load_model(model_path(warehouse.database))
    with warehouse.get_connection() as conn:
        postings = conn.execute(f"SELECT * FROM ({MODEL_ROWS_SQL}) ORDER BY posting_key"
                                ).fetchdf()
    started = time.perf_counter()
    records = postings.to_dict("records")
    title_only = [len(r["text"]) < MIN_TEXT_CHARS for r in records]
    # Too-short descriptions are noise to the text features: score those on the title alone.
    inputs = [{**r, "text": ""} if short else r
              for r, short in zip(records, title_only, strict=True)]
    probs = model.probabilities(inputs)
    seconds = time.perf_counter() - started
    rows = []
    for r, p, short in zip(records, probs, title_only, strict=True):
        d = model.describe(p)
        rows.append({"posting_key": r["posting_key"], "layer": d["layer"],
                     "top_layer": d["top_layer"], "confidence": round(d["confidence"], 4),
                     **{f"p_{label}": round(float(v), 4) for label, v in zip(LABELS, p,
                                                                           strict=True)},
                     "abstained": d["abstained"], "title_only": short,
                     "model_version": model.version})
    with warehouse.get_connection() as conn:
        replace_table(conn, "core.posting_layers", POSTING_LAYER_COLUMNS, rows)
        shares = conn.execute("""
            SELECT l.layer, count(*) AS postings,
                   count(*) FILTER (WHERE p.is_canonical) AS canonical,
                   round(count(*) FILTER (WHERE p.is_canonical)
                         / sum(count(*) FILTER (WHERE p.is_canonical)) OVER (), 4) AS share,
                   round(avg(l.confidence), 3) AS mean_confidence
            FROM core.posting_layers AS l JOIN core.postings AS p USING (posting_key)
            GROUP BY 1 ORDER BY 2 DESC
        """).fetchall()
    context.log.info(f"posting_layers: {len(rows)} postings scored in {seconds:.1f}s")
    return MaterializeResult(metadata={
        "dagster/row_count": len(rows), "model_version": model.version,
        "scoring_seconds": round(seconds, 2),
        "abstained": sum(r["abstained"] for r in rows),
        "title_only": sum(title_only),
        "per_layer": markdown_table(shares, ("layer", "postings", "canonical",
                                             "canonical share", "mean confidence")),
    })


CLASSIFY_ASSETS = [weak_labels, layer_classifier, classifier_metrics, posting_layers]
