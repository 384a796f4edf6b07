"""Evaluation of the layer classifier on the hand-labelled test split, beside two baselines:
the labelling functions alone (their vote; an abstention counts as wrong) and the majority
label of the dev split; and beside an independent second annotator's labels of the same
postings (`second_annotator`, full inputs only), the agreement ceiling.

Every test posting is scored twice: with the warehouse description where there is one
(`inputs = 'full'`), and from its title and team alone (`inputs = 'title_only'`). The model's
scores use its top label (`top_layer`); abstention is reported separately as the abstain rate
and the accuracy of the predictions it keeps.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from pipelines.classify.labelling import LABELS, apply_lfs, label_names, posting, vote
from pipelines.classify.model import LayerModel

INPUTS = ("full", "title_only")
CALIBRATION_BINS = 10
METRIC_COLUMNS = {"model_version": "VARCHAR", "method": "VARCHAR", "inputs": "VARCHAR",
                  "scope": "VARCHAR", "scope_value": "VARCHAR", "metric": "VARCHAR",
                  "value": "DOUBLE", "n": "INTEGER"}
CONFUSION_COLUMNS = {"model_version": "VARCHAR", "method": "VARCHAR", "inputs": "VARCHAR",
                     "true_layer": "VARCHAR", "predicted_layer": "VARCHAR", "n": "INTEGER"}
CALIBRATION_COLUMNS = {"model_version": "VARCHAR", "inputs": "VARCHAR", "bin_low": "DOUBLE",
                       "bin_high": "DOUBLE", "n": "INTEGER", "mean_confidence": "DOUBLE",
                       "accuracy": "DOUBLE"}


@dataclass
class Evaluation:
    metrics: list[dict]
    confusion: list[dict]
    calibration: list[dict]

    def value(self, method: str, inputs: str, metric: str, scope: str = "overall",
              scope_value: str = "all") -> float | None:
        for m in self.metrics:
            if (m["method"], m["inputs"], m["metric"], m["scope"], m["scope_value"]) == (
                    method, inputs, metric, scope, scope_value):
                return m["value"]
        return None


def macro_f1(y_true: list[str], y_pred: list[str]) -> float:
    """Macro-F1 over the seven labels (a prediction outside them, e.g. `unknown`, is wrong)."""
    return float(precision_recall_fscore_support(y_true, y_pred, labels=list(LABELS),
                                                 average="macro", zero_division=0)[2])


def lf_predictions(rows: list[dict], title_only: bool = False) -> list[str]:
    postings = [posting(r.get("title"), r.get("team"), None if title_only else r.get("text"),
                        r.get("company")) for r in rows]
    labels, _ = vote(apply_lfs(postings))
    return [name or "unknown" for name in label_names(labels)]


def evaluate(model: LayerModel, test: list[dict], majority: str,
             second: dict[tuple[str, str], str] | None = None) -> Evaluation:
    """Metrics of the model and the baselines on `test` rows (hand labels with warehouse
    fields attached, see `model.attach_warehouse_fields`); `second` maps (source, source_id)
    to a second annotator's label (a posting it lacks counts as a disagreement)."""
    version = model.version
    truth = [r["layer"] for r in test]
    metrics: list[dict] = []
    confusion: list[dict] = []
    calibration: list[dict] = []
    sources = sorted({r["source"] for r in test})
    for inputs in INPUTS:
        title_only = inputs == "title_only"
        probs = model.probabilities(test, title_only=title_only)
        described = [model.describe(p) for p in probs]
        predictions = {
            "model": [d["top_layer"] for d in described],
            "labelling_functions": lf_predictions(test, title_only),
            "majority": [majority] * len(test),
        }
        if second and not title_only:
            # The annotator read the description, so there is no title-only counterpart.
            predictions["second_annotator"] = [
                second.get((r["source"], str(r["source_id"])), "unknown") for r in test]
        for method, pred in predictions.items():
            metrics += _scores(version, method, inputs, truth, pred, test, sources)
            matrix = confusion_matrix(truth, pred, labels=[*LABELS, "unknown"])
            confusion += [{"model_version": version, "method": method, "inputs": inputs,
                           "true_layer": t, "predicted_layer": p, "n": int(matrix[i, j])}
                          for i, t in enumerate(LABELS) for j, p in
                          enumerate([*LABELS, "unknown"]) if matrix[i, j]]
        kept = [not d["abstained"] for d in described]
        n_kept = sum(kept)
        kept_correct = sum(k and d["top_layer"] == t
                           for k, d, t in zip(kept, described, truth, strict=True))
        y = np.array([LABELS.index(t) for t in truth])
        onehot = np.eye(len(LABELS))[y]
        metrics += [
            _metric(version, "model", inputs, "abstain_rate", 1 - n_kept / len(test), len(test)),
            _metric(version, "model", inputs, "kept_accuracy",
                    kept_correct / n_kept if n_kept else None, n_kept),
            _metric(version, "model", inputs, "brier",
                    float(((probs - onehot) ** 2).sum(axis=1).mean()), len(test)),
            _metric(version, "model", inputs, "ece", _ece(probs, y), len(test)),
        ]
        calibration += _reliability(version, inputs, probs, y)
    return Evaluation(metrics, confusion, calibration)


def _metric(version: str, method: str, inputs: str, metric: str, value: float | None, n: int,
            scope: str = "overall", scope_value: str = "all") -> dict:
    return {"model_version": version, "method": method, "inputs": inputs, "scope": scope,
            "scope_value": scope_value, "metric": metric,
            "value": None if value is None else round(float(value), 4), "n": n}


def _scores(version: str, method: str, inputs: str, truth: list[str], pred: list[str],
            rows: list[dict], sources: list[str]) -> list[dict]:
    out = [_metric(version, method, inputs, "macro_f1", macro_f1(truth, pred), len(truth)),
           _metric(version, method, inputs, "accuracy",
                   np.mean([t == p for t, p in zip(truth, pred, strict=True)]), len(truth))]
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, pred, labels=list(LABELS), zero_division=0)
    for i, label in enumerate(LABELS):
        for metric, values in (("precision", precision), ("recall", recall), ("f1", f1)):
            out.append(_metric(version, method, inputs, metric, values[i], int(support[i]),
                               "label", label))
    groups = {f"source={s}": [i for i, r in enumerate(rows) if r["source"] == s]
              for s in sources}
    # Postings that have no usable description in the warehouse either way.
    groups["title_only_posting"] = [i for i, r in enumerate(rows) if len(r.get("text") or "") < 100]
    groups["with_text_posting"] = [i for i, r in enumerate(rows)
                                   if len(r.get("text") or "") >= 100]
    for name, idx in groups.items():
        if not idx:
            continue
        scope, _, value = name.partition("=")
        t = [truth[i] for i in idx]
        p = [pred[i] for i in idx]
        for metric, v in (("accuracy", np.mean([a == b for a, b in zip(t, p, strict=True)])),
                          ("macro_f1", macro_f1(t, p))):
            out.append(_metric(version, method, inputs, metric, v, len(idx),
                               scope if value else "subset", value or scope))
    return out


def _ece(probs: np.ndarray, y: np.ndarray) -> float:
    """Expected calibration error of the top label, in CALIBRATION_BINS equal-width bins."""
    top = probs.max(axis=1)
    correct = probs.argmax(axis=1) == y
    bins = np.minimum((top * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    return float(sum(abs(top[bins == b].mean() - correct[bins == b].mean()) * (bins == b).sum()
                     for b in range(CALIBRATION_BINS) if (bins == b).any()) / len(y))


def _reliability(version: str, inputs: str, probs: np.ndarray, y: np.ndarray) -> list[dict]:
    top = probs.max(axis=1)
    correct = probs.argmax(axis=1) == y
    bins = np.minimum((top * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    return [{"model_version": version, "inputs": inputs, "bin_low": b / CALIBRATION_BINS,
             "bin_high": (b + 1) / CALIBRATION_BINS, "n": int((bins == b).sum()),
             "mean_confidence": round(float(top[bins == b].mean()), 4),
             "accuracy": round(float(correct[bins == b].mean()), 4)}
            for b in range(CALIBRATION_BINS) if (bins == b).any()]


def majority_label(dev: list[dict]) -> str:
    """The most common dev label (the majority baseline; ties go to LABELS order)."""
    counts = Counter(r["layer"] for r in dev)
    return max(LABELS, key=lambda label: (counts[label], -LABELS.index(label)))
