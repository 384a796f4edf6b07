"""The claims engine on small frames built by hand: each rule gives the verdict it states,
too little data gives "insufficient data", and results are deterministic for the seed."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from pipelines.claims.evaluate import (
    CONTRADICTED,
    FRAME_COLUMNS,
    INSUFFICIENT,
    MIXED,
    SUPPORTED,
    ScopeResult,
    aggregate,
    evaluate_claims,
    load_claims,
)


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in FRAME_COLUMNS:
        if column not in frame:
            frame[column] = None
    frame["pay_top_usd"] = frame["pay_usd"]
    frame["is_canonical"] = True
    frame["posting_key"] = [f"k{i}" for i in range(len(frame))]
    return frame


def _postings(source: str, layer_counts: dict[str, int], **extra) -> list[dict]:
    return [{"source": source, "layer": layer, "company": f"c{i % 7}", **extra}
            for layer, count in layer_counts.items() for i in range(count)]


def _config(claim_id: str, **overrides) -> dict:
    config = copy.deepcopy(load_claims())
    config["claims"] = [c for c in config["claims"] if c["id"] == claim_id]
    config["claims"][0].update(overrides)
    config["defaults"]["bootstrap_resamples"] = 500
    return config


def _verdict(frame: pd.DataFrame, claim_id: str, **overrides) -> str:
    claims, _ = evaluate_claims(frame, _config(claim_id, **overrides))
    return claims[0]["verdict"]


def test_d1_supported_when_application_dominates_and_contradicted_when_not():
    big = {"application": 300, "serving": 100, "post_training": 50, "pre_training": 20}
    assert _verdict(_frame(_postings("ashby", big)), "D1") == SUPPORTED
    small = {"application": 50, "serving": 300, "post_training": 50, "pre_training": 20}
    assert _verdict(_frame(_postings("ashby", small)), "D1") == CONTRADICTED


def test_sources_that_disagree_give_mixed():
    rows = (_postings("ashby", {"application": 300, "serving": 100, "post_training": 40,
                                "pre_training": 10})
            + _postings("remotewlb", {"application": 50, "serving": 300, "post_training": 40,
                                      "pre_training": 10}))
    assert _verdict(_frame(rows), "D1") == MIXED


def test_too_few_postings_is_insufficient_with_a_reason():
    frame = _frame(_postings("ashby", {"application": 5, "serving": 3}))
    claims, evidence = evaluate_claims(frame, _config("D1"))
    assert claims[0]["verdict"] == INSUFFICIENT
    assert "AI-layer postings" in claims[0]["reason"]
    assert evidence and evidence[0]["scope_verdict"] == INSUFFICIENT


def test_d3_threshold_on_the_interval():
    near = {"application": 200, "serving": 100, "post_training": 100, "pre_training": 20}
    assert _verdict(_frame(_postings("ashby", near)), "D3") == SUPPORTED
    low = {"application": 400, "serving": 100, "post_training": 10, "pre_training": 20}
    assert _verdict(_frame(_postings("ashby", low)), "D3") == CONTRADICTED


def test_d4_concentration_uses_top_five_companies():
    rows = _postings("ashby", {"application": 400, "serving": 100, "post_training": 60})
    rows += [{"source": "ashby", "layer": "pre_training", "company": f"lab{i % 3}"}
             for i in range(20)]
    assert _verdict(_frame(rows), "D4") == SUPPORTED
    spread = [dict(r, company=f"co{i}") if r["layer"] == "pre_training" else r
              for i, r in enumerate(rows)]
    spread += [{"source": "ashby", "layer": "pre_training", "company": f"x{i}"}
               for i in range(40)]
    assert _verdict(_frame(spread), "D4") == CONTRADICTED


def test_d6_trend_from_yearly_shares():
    rows = []
    for year, ai in zip(range(2013, 2019), (5, 10, 20, 30, 40, 60), strict=True):
        rows += [{"source": "hn_whoishiring_2013_2018", "year": year, "layer": "application"}
                 for _ in range(ai)]
        rows += [{"source": "hn_whoishiring_2013_2018", "year": year, "layer": "software"}
                 for _ in range(200 - ai)]
    assert _verdict(_frame(rows), "D6") == SUPPORTED


def test_p2_equivalence_margin():
    rng = np.random.default_rng(0)
    rows = [{"source": "ashby", "country": "US", "layer": layer, "pay_usd": pay}
            for layer in ("post_training", "serving") for pay in rng.normal(300_000, 20_000, 200)]
    assert _verdict(_frame(rows), "P2") == SUPPORTED
    apart = [dict(r, pay_usd=r["pay_usd"] * (1.5 if r["layer"] == "serving" else 1))
             for r in rows]
    assert _verdict(_frame(apart), "P2") == CONTRADICTED


def test_pay_claims_only_use_the_pay_country():
    rows = [{"source": "ashby", "country": "GB", "layer": layer, "pay_usd": 100_000.0}
            for layer in ("post_training", "serving") for _ in range(100)]
    assert _verdict(_frame(rows), "P2") == INSUFFICIENT


def test_s2_skill_lift():
    rows = ([{"source": "ashby", "layer": "post_training", "degree": "none",
              "skills": ["distributed_systems", "data_pipelines"]} for _ in range(60)]
            + [{"source": "ashby", "layer": "software", "degree": "none", "skills": []}
               for _ in range(200)]
            + [{"source": "ashby", "layer": "software", "degree": "none",
                "skills": ["distributed_systems", "data_pipelines"]} for _ in range(20)])
    assert _verdict(_frame(rows), "S2") == SUPPORTED


def test_results_are_deterministic():
    rows = _postings("ashby", {"application": 120, "serving": 90, "post_training": 30,
                               "pre_training": 10})
    first = evaluate_claims(_frame(rows), _config("D2"))
    second = evaluate_claims(_frame(rows), _config("D2"))
    assert first == second


@pytest.mark.parametrize(
    ("verdicts", "pooled", "expected"),
    [
        ([SUPPORTED, "inconclusive"], None, SUPPORTED),
        ([SUPPORTED, CONTRADICTED], None, MIXED),
        (["inconclusive"], CONTRADICTED, CONTRADICTED),
        (["inconclusive", INSUFFICIENT], "inconclusive", INSUFFICIENT),
    ],
)
def test_aggregation_rule(verdicts, pooled, expected):
    per_source = {f"s{i}": ScopeResult(v, 100) for i, v in enumerate(verdicts)}
    assert aggregate(per_source, ScopeResult(pooled, 100) if pooled else None) == expected


def test_every_claim_of_claims_md_is_configured():
    ids = [c["id"] for c in load_claims()["claims"]]
    assert ids == [*(f"D{i}" for i in range(1, 7)), *(f"P{i}" for i in range(1, 6)),
                   *(f"S{i}" for i in range(1, 5))]
