"""The layer classifier: TF-IDF features, a logistic regression trained on weak labels plus
the hand-labelled dev split, temperature calibration and an abstain threshold.

Training data (`training_frame`):
- weak labels from `core.weak_labels` (the LF vote, share >= WEAK_MIN_SHARE), at most
  WEAK_PER_LABEL canonical postings per label, drawn by a fixed hash order; postings in the
  duplicate group of a hand-labelled *test* posting are never used;
- every hand-labelled `dev` row, with the warehouse description when the posting is in the
  warehouse, else title and team from the JSONL, weighted DEV_WEIGHT;
- a title-only copy of every row that has text, so the model also works on titles alone.

Besides title, team and text, the model reads the skill families the requirement extractor
finds in the description (`core.posting_skills`; computed on the spot for rows from elsewhere).

Calibration and the threshold use dev only: 5-fold out-of-fold predictions on dev (the weak
rows stay in every fold's training set) fit one temperature (minimum log loss) and choose
the abstain threshold: the lowest top probability at which out-of-fold accuracy of the kept
predictions reaches TARGET_KEPT_ACCURACY. The test split is never read here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import sklearn
from joblib import Parallel, delayed
from scipy.optimize import minimize_scalar
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline

from pipelines.classify.labelling import FOUNDATION_LABS, LABELS, TEXT_CHARS
from pipelines.common import settings
from pipelines.requirements import extract_requirements

LABELS_PATH = settings.REPO_ROOT / "models" / "labels" / "hand_labels.jsonl"
SECOND_ANNOTATOR_PATH = LABELS_PATH.with_name("test_second_annotator.jsonl")
COMMITTED_MODEL = settings.REPO_ROOT / "models" / "layer_classifier.joblib"
SEED = 20260101
WEAK_PER_LABEL = 800
WEAK_MIN_SHARE = 0.6
DEV_WEIGHT = 10.0
TARGET_KEPT_ACCURACY = 0.80
FOLDS = 5
TEXT_WEIGHT = 1.2
C = 0.25
BATCH = 20_000
# The model reads the first MODEL_TEXT_CHARS of a description: the role is described early (dev
# out-of-fold macro-F1 was the same at 1,500 and 3,000 characters), and scoring stays fast.
MODEL_TEXT_CHARS = 1500
# The skill families come from the role's own sections (company boilerplate left out), which the
# first 1,500 characters often are not. Session 6, 5-fold dev out of fold on the rows sampled
# like the test split (rounds 1, 8, 9), full / title-only: without them 0.760 / 0.758; weight
# 0.15: 0.766 / 0.750; 0.3: 0.782 / 0.752; 0.6: 0.779 / 0.753.
SKILLS_WEIGHT = 0.3

# The fields the model reads, as the warehouse gives them (team is "department / team").
POSTINGS_SQL = f"""
    SELECT posting_key, source, source_id, coalesce(company, '') AS company,
           coalesce(title, '') AS title,
           concat_ws(' / ', nullif(department, ''), nullif(team, '')) AS team,
           coalesce(left(description, {TEXT_CHARS}), '') AS text
    FROM core.postings
"""
# The same with each posting's skill families, space-separated (what the model reads).
MODEL_ROWS_SQL = f"""
    SELECT p.*, coalesce(s.skills, '') AS skills
    FROM ({POSTINGS_SQL}) AS p
    LEFT JOIN (SELECT posting_key, string_agg(family, ' ' ORDER BY family) AS skills
               FROM core.posting_skills GROUP BY posting_key) AS s USING (posting_key)
"""


def model_path(database: str | Path) -> Path:
    """Where the training asset writes its model: the committed `models/` file for the repo's
    own warehouse, else beside the warehouse file, so a test, benchmark or scratch build (even
    one named by JOBSTACK_WAREHOUSE) never overwrites the committed model."""
    database = Path(database).resolve()
    if database == settings.DEFAULT_WAREHOUSE.resolve():
        return COMMITTED_MODEL
    return database.with_name(database.stem + ".layer_classifier.joblib")


def role_text(title: str, team: str, company: str) -> str:
    """Title and team, plus a marker for foundation-model labs (the TAXONOMY default for bare
    research titles there), as one string for the title vectorizers."""
    lab = " __foundation_lab__" if FOUNDATION_LABS.search(company or "") else ""
    return f"{title or ''} | {team or ''}{lab}"


def frame(rows: Iterable[dict], title_only: bool = False) -> pd.DataFrame:
    """Model input from dicts with title, team, company, text and skills (any may be missing;
    a row with text but no `skills` gets the extractor's families)."""
    records = []
    for r in rows:
        text = "" if title_only else (r.get("text") or "")
        records.append({"role": role_text(r.get("title") or "", r.get("team") or "",
                                          r.get("company") or ""),
                        "text": text[:MODEL_TEXT_CHARS],
                        "skills": _skills(r) if text.strip() else ""})
    return pd.DataFrame(records, columns=["role", "text", "skills"])


def _skills(row: dict) -> str:
    skills = row.get("skills")
    if skills is None:
        skills = extract_requirements(row.get("text"), row.get("title")).skills
    return skills if isinstance(skills, str) else " ".join(sorted(skills))


def build_pipeline() -> Pipeline:
    # The title carries the label most often, so it gets two views (character n-grams survive
    # spelling variants: "Pre-training", "Pretraining") and more weight than the text.
    features = ColumnTransformer([
        ("role_chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                       max_features=60_000, sublinear_tf=True,
                                       dtype=np.float32), "role"),
        ("role_words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=20_000,
                                       sublinear_tf=True, dtype=np.float32), "role"),
        ("text_words", TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_features=60_000,
                                       sublinear_tf=True, stop_words="english",
                                       dtype=np.float32), "text"),
        # Presence of each family: no idf or length normalisation, one weight for all.
        ("skills", TfidfVectorizer(token_pattern=r"\S+", lowercase=False, binary=True,
                                   use_idf=False, norm=None, dtype=np.float32), "skills"),
    ], transformer_weights={"role_chars": 1.0, "role_words": 1.0, "text_words": TEXT_WEIGHT,
                            "skills": SKILLS_WEIGHT})
    classifier = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
    return Pipeline([("features", features), ("classifier", classifier)])


@dataclass
class LayerModel:
    """A fitted pipeline with its temperature, abstain threshold and provenance."""

    pipeline: Pipeline
    temperature: float = 1.0
    threshold: float = 0.0
    version: str = ""
    labels: tuple[str, ...] = LABELS
    info: dict = field(default_factory=dict)

    def probabilities(self, rows: Sequence[dict], title_only: bool = False) -> np.ndarray:
        """Calibrated probabilities, one column per label in LABELS order.

        Identical inputs are scored once (many postings repeat a title and have no text), in
        batches."""
        inputs = frame(rows, title_only)
        codes, unique = pd.factorize(inputs["role"] + "\x00" + inputs["text"] + "\x00"
                                     + inputs["skills"])
        first = pd.Series(range(len(codes))).groupby(codes).first().to_numpy()
        distinct = inputs.iloc[first].reset_index(drop=True)
        batches = [distinct.iloc[start:start + BATCH] for start in range(0, len(distinct), BATCH)]
        if not batches:
            return np.zeros((0, len(self.labels)))
        if len(batches) == 1:
            out = [self._calibrated(batches[0])]
        else:
            # Scoring is tokenisation-bound Python: one process per core.
            out = Parallel(n_jobs=settings.PROCESSES)(
                delayed(self._calibrated)(b) for b in batches)
        return np.vstack(out)[codes]

    def _calibrated(self, inputs: pd.DataFrame) -> np.ndarray:
        scores = self.pipeline.decision_function(inputs)
        return _softmax(scores / self.temperature)

    def predict(self, rows: Sequence[dict], title_only: bool = False) -> list[dict]:
        """Per row: layer ('unknown' below the threshold), top layer, confidence, probabilities."""
        probs = self.probabilities(rows, title_only)
        return [self.describe(p) for p in probs]

    def describe(self, p: np.ndarray) -> dict:
        top = int(p.argmax())
        abstained = bool(p[top] < self.threshold)
        return {"layer": "unknown" if abstained else self.labels[top],
                "top_layer": self.labels[top], "confidence": float(p[top]),
                "abstained": abstained,
                "probabilities": {label: float(v) for label, v in zip(self.labels, p,
                                                                       strict=True)}}

    def save(self, path: Path) -> int:
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, path, compress=3)
        return path.stat().st_size


def load_model(path: Path = COMMITTED_MODEL) -> LayerModel:
    return joblib.load(path)


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def load_hand_labels(split: str, path: Path = LABELS_PATH) -> list[dict]:
    return [r for r in _read_jsonl(path) if r["split"] == split]


def load_second_annotation(path: Path = SECOND_ANNOTATOR_PATH) -> dict[tuple[str, str], str]:
    """The independent second annotator's layer for each test posting, by (source, source_id):
    the agreement ceiling the model is compared with."""
    return {(r["source"], str(r["source_id"])): r["layer"] for r in _read_jsonl(path)}


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def attach_warehouse_fields(conn, rows: list[dict], skills: bool = True) -> list[dict]:
    """Hand-labelled rows with the warehouse's fields where the posting is there (`in_warehouse`
    True), else the JSONL's own title, team and company with no text. `skills=False` leaves the
    skill families out (for callers that run before core.posting_skills is built)."""
    keys = pd.DataFrame({"source": [r["source"] for r in rows],
                         "source_id": [str(r["source_id"]) for r in rows]})
    conn.register("hand_label_keys", keys)
    try:
        found = conn.execute(f"""
            SELECT p.* FROM ({MODEL_ROWS_SQL if skills else POSTINGS_SQL}) AS p
            JOIN hand_label_keys USING (source, source_id)
        """).fetchdf()
    finally:
        conn.unregister("hand_label_keys")
    by_key = {(r.source, r.source_id): r for r in found.itertuples()}
    out = []
    for r in rows:
        hit = by_key.get((r["source"], str(r["source_id"])))
        if hit is None:
            fields = {"posting_key": None, "title": r.get("title") or "",
                      "team": r.get("team") or "", "company": r.get("company") or "",
                      "text": "", "skills": ""}
        else:
            fields = {"posting_key": hit.posting_key, "title": hit.title, "team": hit.team,
                      "company": hit.company, "text": hit.text}
            if skills:
                fields["skills"] = hit.skills
        out.append({**r, **fields, "in_warehouse": hit is not None})
    return out


def weak_training_rows(conn, exclude_groups: Iterable[str]) -> list[dict]:
    """Up to WEAK_PER_LABEL confidently weak-labelled canonical postings per label, in a fixed
    hash order, outside the excluded duplicate groups."""
    excluded = pd.DataFrame({"canonical_key": sorted(set(exclude_groups))}, dtype=object)
    conn.register("excluded_groups", excluded)
    try:
        found = conn.execute(f"""
            SELECT p.posting_key, p.source, p.company, p.title, p.team, p.text, p.skills,
                   w.weak_layer AS layer
            FROM core.weak_labels AS w
            JOIN core.postings AS c USING (posting_key)
            JOIN ({MODEL_ROWS_SQL}) AS p USING (posting_key)
            WHERE w.weak_layer IS NOT NULL AND w.weak_share >= ? AND c.is_canonical
              AND c.canonical_key NOT IN (SELECT canonical_key FROM excluded_groups)
            QUALIFY row_number() OVER (PARTITION BY w.weak_layer
                                       ORDER BY hash(p.posting_key || ?)) <= ?
            ORDER BY w.weak_layer, p.posting_key
        """, [WEAK_MIN_SHARE, str(SEED), WEAK_PER_LABEL]).fetchdf()
    finally:
        conn.unregister("excluded_groups")
    return found.to_dict("records")


def held_out_groups(conn, test_rows: list[dict]) -> set[str]:
    """Canonical keys of the duplicate groups that hold a test posting (kept out of training).

    Only keys are read: labels of the test split play no part in training."""
    rows = attach_warehouse_fields(conn, [{"source": r["source"], "source_id": r["source_id"]}
                                          for r in test_rows])
    keys = [r["posting_key"] for r in rows if r["posting_key"]]
    if not keys:
        return set()
    found = conn.execute("SELECT DISTINCT canonical_key FROM core.postings "
                         "WHERE posting_key IN (SELECT unnest(?))", [keys]).fetchall()
    return {k for (k,) in found}


@dataclass
class TrainingSet:
    rows: list[dict]
    y: np.ndarray
    weight: np.ndarray
    is_dev: np.ndarray


def training_set(weak: list[dict], dev: list[dict]) -> TrainingSet:
    """Weak rows (weight 1) and dev rows (DEV_WEIGHT), each with a title-only copy when it
    has text."""
    rows, labels, weights, is_dev = [], [], [], []
    for source_rows, weight, dev_flag in ((weak, 1.0, False), (dev, DEV_WEIGHT, True)):
        for r in source_rows:
            variants = [r, {**r, "text": ""}] if r.get("text") else [r]
            for v in variants:
                rows.append(v)
                labels.append(LABELS.index(r["layer"]))
                weights.append(weight)
                is_dev.append(dev_flag)
    return TrainingSet(rows, np.array(labels), np.array(weights), np.array(is_dev))


def fit_pipeline(data: TrainingSet) -> Pipeline:
    pipeline = build_pipeline()
    inputs = frame(data.rows)
    # No descriptions (or no skills) at all, as in a title-only sample: nothing to learn there.
    if not inputs["text"].str.strip().any():
        pipeline.set_params(features__text_words="drop")
    if not inputs["skills"].str.strip().any():
        pipeline.set_params(features__skills="drop")
    pipeline.fit(inputs, data.y, classifier__sample_weight=data.weight)
    return pipeline


def out_of_fold_scores(weak: list[dict], dev: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Decision scores for every dev row (with text, then title-only), each from a model that
    did not see it; and the dev labels, repeated to match."""
    y = np.array([LABELS.index(r["layer"]) for r in dev])
    scores = np.zeros((2, len(dev), len(LABELS)))
    # Labels with fewer rows than folds (possible on small warehouses) cannot be stratified.
    folds = min(FOLDS, int(np.bincount(y, minlength=len(LABELS))[np.unique(y)].min()))
    if folds < 2:
        return np.zeros((0, len(LABELS))), np.zeros(0, dtype=int)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    splits = list(splitter.split(np.zeros(len(y)), y))
    # Folds are independent fits: one process per core.
    fold_scores = Parallel(n_jobs=settings.PROCESSES)(
        delayed(_fold_scores)(weak, [dev[i] for i in train_idx], [dev[i] for i in held_idx])
        for train_idx, held_idx in splits)
    for (_, held_idx), (full, title_only) in zip(splits, fold_scores, strict=True):
        scores[0, held_idx] = full
        scores[1, held_idx] = title_only
    return scores.reshape(-1, len(LABELS)), np.concatenate([y, y])


def _fold_scores(weak: list[dict], train: list[dict],
                 held: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    pipeline = fit_pipeline(training_set(weak, train))
    return _aligned(pipeline, frame(held)), _aligned(pipeline, frame(held, title_only=True))


def _aligned(pipeline: Pipeline, inputs: pd.DataFrame) -> np.ndarray:
    """Decision scores with a column for every label (a fold may lack a label)."""
    out = np.full((len(inputs), len(LABELS)), -30.0)
    classes = pipeline.classes_
    raw = pipeline.decision_function(inputs)
    out[:, classes] = raw if raw.ndim == 2 else np.column_stack([-raw, raw])
    return out


def fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises log loss of softmax(scores / T)."""
    if len(y) == 0:
        return 1.0

    def loss(t: float) -> float:
        p = _softmax(scores / t)
        return float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-12, None)).mean())

    return float(minimize_scalar(loss, bounds=(0.05, 20.0), method="bounded").x)


def choose_threshold(probs: np.ndarray, y: np.ndarray,
                     target: float = TARGET_KEPT_ACCURACY) -> float:
    """Lowest top-probability threshold at which the kept predictions reach `target` accuracy
    (0 when all predictions already do; the top of the grid when none does)."""
    if len(y) == 0:
        return 0.0
    top = probs.max(axis=1)
    correct = probs.argmax(axis=1) == y
    grid = np.round(np.arange(0.0, 0.96, 0.01), 2)
    for t in grid:
        kept = top >= t
        if kept.any() and correct[kept].mean() >= target:
            return float(t)
    return float(grid[-1])


def training_digest(weak: list[dict], dev_rows: list[dict]) -> str:
    """What a fitted model depends on: its training rows (keys, labels and texts), the code
    that builds and fits it, and the scikit-learn version."""
    digest = hashlib.sha256(sklearn.__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    for row in [*weak, *dev_rows]:
        digest.update(json.dumps(row, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]


def train(conn, dev: list[dict] | None = None, test: list[dict] | None = None,
          previous: LayerModel | None = None) -> LayerModel:
    """Train on a warehouse connection (needs core.postings, core.posting_skills and
    core.weak_labels).

    `previous` (the model last saved) is returned as it is when it was trained on the same
    inputs: fitting is most of a refresh's classifier time and would give the same model."""
    dev = load_hand_labels("dev") if dev is None else dev
    test = load_hand_labels("test") if test is None else test
    dev_rows = attach_warehouse_fields(conn, dev)
    weak = weak_training_rows(conn, held_out_groups(conn, test))
    inputs = training_digest(weak, dev_rows)
    if previous is not None and previous.info.get("input_digest") == inputs:
        return previous
    oof_scores, oof_y = out_of_fold_scores(weak, dev_rows)
    temperature = fit_temperature(oof_scores, oof_y)
    oof_probs = _softmax(oof_scores / temperature) if len(oof_y) else oof_scores
    threshold = choose_threshold(oof_probs, oof_y)
    data = training_set(weak, dev_rows)
    pipeline = fit_pipeline(data)
    weak_counts = pd.Series([r["layer"] for r in weak]).value_counts().to_dict() if weak else {}
    info = {
        "weak_rows": len(weak), "weak_per_label": {k: int(v) for k, v in weak_counts.items()},
        "dev_rows": len(dev_rows), "dev_in_warehouse": sum(r["in_warehouse"] for r in dev_rows),
        "training_rows": len(data.rows), "temperature": temperature, "threshold": threshold,
        "dev_oof_accuracy": float((oof_probs.argmax(axis=1) == oof_y).mean())
        if len(oof_y) else None,
        "input_digest": inputs,
    }
    # The version names the training inputs, the settings and the calibration, so an unchanged
    # retrain keeps its version (and the committed file is not rewritten).
    settings_used = {k: repr(v) for k, v in sorted(pipeline.get_params(deep=True).items())
                     if isinstance(v, str | int | float | tuple | type(None))}
    digest = hashlib.sha256(json.dumps(
        [inputs, round(temperature, 6), threshold, MODEL_TEXT_CHARS, settings_used],
        default=str).encode()).hexdigest()[:12]
    return LayerModel(pipeline, temperature, threshold, f"layer-{digest}", LABELS, info)
