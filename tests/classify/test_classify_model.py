"""The classifier: deterministic training on a small sample, calibration and threshold
helpers, and the committed model on title-only input."""

import numpy as np

from pipelines.classify.labelling import LABELS
from pipelines.classify.model import (
    COMMITTED_MODEL,
    LayerModel,
    _softmax,
    choose_threshold,
    fit_pipeline,
    fit_temperature,
    frame,
    load_hand_labels,
    load_model,
    training_set,
)


def _small_sample() -> list[dict]:
    # Dev rows only (never test), title and team as the JSONL gives them.
    dev = load_hand_labels("dev")
    return [r for i, r in enumerate(dev) if i % 3 == 0]


def test_training_on_a_small_sample_is_deterministic():
    rows = _small_sample()
    data = training_set(rows[:120], rows[120:])
    assert len(data.rows) == len(rows)  # no text, so no title-only copies
    assert set(data.weight) == {1.0, 10.0}
    probe = [{"title": "Research Engineer, Pre-training"}, {"title": "Account Executive"}]
    first = LayerModel(fit_pipeline(data)).probabilities(probe)
    second = LayerModel(fit_pipeline(data)).probabilities(probe)
    assert np.array_equal(first, second)
    assert np.allclose(first.sum(axis=1), 1)


def test_rows_with_text_get_a_title_only_copy():
    data = training_set([{"title": "ML Engineer", "text": "ranking models", "layer": "other_ai"}],
                        [])
    assert [r["text"] for r in data.rows] == ["ranking models", ""]
    assert list(data.y) == [LABELS.index("other_ai")] * 2


def test_the_model_reads_skill_families_only_with_a_description():
    rows = [{"title": "ML Engineer",
             "text": "You will build RAG pipelines over a vector database and evaluate LLM "
                     "agents."},
            {"title": "ML Engineer", "text": "Stored families win.",
             "skills": ["rl_rlhf", "evaluation"]},
            {"title": "ML Engineer", "text": "Warehouse rows give them as one string.",
             "skills": "evaluation"},
            {"title": "ML Engineer"}]
    skills = list(frame(rows)["skills"])
    # Computed by the requirement extractor when the row does not carry them.
    assert skills == ["agents_tool_use evaluation rag_retrieval", "evaluation rl_rlhf",
                      "evaluation", ""]
    assert set(frame(rows, title_only=True)["skills"]) == {""}


def test_temperature_and_threshold_helpers():
    rng = np.random.default_rng(0)
    y = rng.integers(0, len(LABELS), 400)
    scores = rng.normal(size=(400, len(LABELS)))
    scores[np.arange(400), y] += 2.0
    # Overconfident scores (x5) are cooled by a temperature above 1.
    assert fit_temperature(scores * 5, y) > 1
    probs = _softmax(scores)
    threshold = choose_threshold(probs, y, target=0.9)
    kept = probs.max(axis=1) >= threshold
    assert (probs.argmax(axis=1)[kept] == y[kept]).mean() >= 0.9
    assert choose_threshold(np.eye(len(LABELS))[y], y) == 0.0


def test_committed_model_is_small_and_works_on_titles_alone():
    assert COMMITTED_MODEL.stat().st_size < 20e6
    model = load_model()
    assert model.labels == LABELS and model.version.startswith("layer-")
    assert 0 < model.threshold < 1 and model.temperature > 0
    out = model.predict([{"title": "Software Engineer, Inference", "team": "Inference"},
                         {"title": "Recruiter"},
                         {"title": "Research Engineer, Pre-training", "company": "Anthropic",
                          "text": "Train our next frontier foundation models at scale."}])
    assert [o["top_layer"] for o in out] == ["serving", "non_technical", "pre_training"]
    for o in out:
        assert abs(sum(o["probabilities"].values()) - 1) < 1e-6
        assert o["layer"] == ("unknown" if o["abstained"] else o["top_layer"])
    # The skill families are read (and are part of what makes two inputs the same).
    same_words = [{"title": "Research Engineer", "text": "Join our research team.",
                   "skills": skills} for skills in ("evaluation rl_rlhf",
                                                    "gpu_kernels inference_engines")]
    rl, kernels = model.probabilities(same_words)
    index = {label: i for i, label in enumerate(LABELS)}
    assert rl[index["post_training"]] > kernels[index["post_training"]]
    assert kernels[index["serving"]] > rl[index["serving"]]
