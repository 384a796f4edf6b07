"""Labelling functions and their vote, on real titles from the hand-labelled dev split."""

from pipelines.classify.labelling import (
    ABSTAIN,
    LABELS,
    LFS,
    apply_lfs,
    label_names,
    lf_stats,
    posting,
    text_signals,
    vote,
)


def _vote(title, team="", text="", company=""):
    labels, shares = vote(apply_lfs([posting(title, team, text, company)]))
    return label_names(labels)[0], float(shares[0])


def test_titles_get_the_layer_their_keywords_name():
    # Real dev titles (and teams) from models/labels/hand_labels.jsonl.
    assert _vote("Research Engineer, Pre-training", "AI Research & Engineering")[0] == \
        "pre_training"
    assert _vote("Research Engineer / Research Scientist, Post-Training", "Post-training")[0] == \
        "post_training"
    assert _vote("Research Scientist, Interpretability")[0] == "post_training"
    assert _vote("Software Engineer, Model Inference", "Inference")[0] == "serving"
    assert _vote("Performance Engineer, GPU")[0] == "serving"
    assert _vote("Applied AI Engineer")[0] == "application"
    assert _vote("Forward Deployed Engineer, Applied AI (Federal Civilian)")[0] == "application"
    assert _vote("Senior Data Scientist, Creator Platform")[0] == "other_ai"
    assert _vote("Senior Backend Engineer (Remote, Canada)")[0] == "software"
    assert _vote("Staff Site Reliability Engineer")[0] == "software"


def test_what_a_role_is_for_outweighs_what_it_is_about():
    assert _vote("Technical Program Manager, Inference")[0] == "non_technical"
    assert _vote("Recruiter, AI/ML Research EMEA")[0] == "non_technical"
    assert _vote("Mid-Market Account Executive, High Tech", "Sales")[0] == "non_technical"
    assert _vote("Lead Product Manager, Core Product", "Product Management")[0] == \
        "non_technical"


def test_bare_research_title_at_a_lab_defaults_to_pre_training():
    assert _vote("Research Scientist", company="OpenAI")[0] == "pre_training"
    assert _vote("Research Scientist", company="Some Bank")[0] is None


def test_nothing_to_go_on_abstains():
    assert _vote("Office Dog Walker Extraordinaire")[0] is None
    assert _vote("")[0] == "non_technical"  # not a posting at all (TAXONOMY)


def test_description_signals_are_counted_per_family():
    text = ("You will build LLM agents and RAG pipelines. Our agents call LLMs through tools. "
            "Join a team of engineers.")
    [signals] = text_signals([text])
    counts = dict(zip(("pre_training", "post_training", "serving", "application", "other_ai"),
                      signals.counts, strict=True))
    assert counts["application"] >= 5 and counts["serving"] == 0
    assert signals.engineering_opening and signals.length == len(text)
    assert _vote("Software Engineer", text=text)[0] == "application"


def test_vote_shares_and_stats():
    postings = [posting("Applied AI Engineer"), posting("Account Executive"),
                posting("Software Engineer, Inference"), posting("Juggler")]
    votes = apply_lfs(postings)
    assert votes.shape == (4, len(LFS))
    labels, shares = vote(votes)
    assert labels[3] == ABSTAIN and shares[3] == 0
    assert all(0 < s <= 1 for s in shares[:3])
    stats = {s["lf"]: s for s in lf_stats(votes)}
    assert set(stats) == {lf.name for lf in LFS}
    assert stats["title_non_technical_role"]["coverage"] == 0.25
    assert all(0 <= s["conflict"] <= s["overlap"] <= s["coverage"] <= 1 for s in stats.values())
    assert [LABELS[i] for i in labels[:3]] == ["application", "non_technical", "serving"]
