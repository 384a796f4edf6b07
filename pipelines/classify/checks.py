"""The blocking check on the layer classifier: the model this run trained (the one that scores
core.posting_layers), scored on the committed hand-labelled test split, must not fall below
the floors of the `classifier_gate` resource.

The issue's bar is a test macro-F1 of 0.85; the model does not reach it (see
models/MODEL_CARD.md), so the default floors guard against regressions instead and the
metadata shows the gap to the issue's bar. The test rows use the warehouse description when
the posting is in the warehouse and their JSONL title and team otherwise, so the check runs on
any warehouse, including a slice that holds none of the labelled postings.
"""

from dagster import AssetCheckResult, AssetCheckSeverity, asset_check
from dagster_duckdb import DuckDBResource

from pipelines.classify.assets import MODEL_KEY
from pipelines.classify.evaluate import evaluate, majority_label
from pipelines.classify.labelling import LABELS
from pipelines.classify.model import (
    attach_warehouse_fields,
    load_hand_labels,
    load_model,
    model_path,
)
from pipelines.classify.resources import ClassifierGate
from pipelines.common.metadata import markdown_table

ISSUE_BAR = 0.85
ISSUE_BAR_TITLE_ONLY = 0.75


@asset_check(asset=MODEL_KEY, blocking=True,
             description="The layer classifier this run trained keeps its test macro-F1 (with "
                         "text where available, and title-only) above the gate's floors.")
def layer_classifier_test_f1(warehouse: DuckDBResource,
                             classifier_gate: ClassifierGate) -> AssetCheckResult:
    path = model_path(warehouse.database)
    model = load_model(path)
    with warehouse.get_connection() as conn:
        test = attach_warehouse_fields(conn, load_hand_labels("test"))
    result = evaluate(model, test, majority_label(load_hand_labels("dev")))
    full = result.value("model", "full", "macro_f1")
    title_only = result.value("model", "title_only", "macro_f1")
    floor, floor_title_only = classifier_gate.floor, classifier_gate.floor_title_only
    return AssetCheckResult(
        passed=full >= floor and title_only >= floor_title_only,
        severity=AssetCheckSeverity.ERROR,
        metadata={
            "model_version": model.version, "model_path": str(path),
            "test_rows": len(test),
            "test_rows_with_warehouse_fields": sum(r["in_warehouse"] for r in test),
            "macro_f1": full, "macro_f1_title_only": title_only,
            "floor": floor, "floor_title_only": floor_title_only,
            "issue_bar": ISSUE_BAR, "issue_bar_title_only": ISSUE_BAR_TITLE_ONLY,
            "meets_issue_bar": bool(full >= ISSUE_BAR and title_only >= ISSUE_BAR_TITLE_ONLY),
            "labelling_functions_macro_f1": result.value("labelling_functions", "full",
                                                         "macro_f1"),
            "per_label_f1": markdown_table(
                [(label, result.value("model", "full", "f1", "label", label))
                 for label in LABELS], ("layer", "F1")),
        },
    )


CLASSIFY_CHECKS = [layer_classifier_test_f1]
