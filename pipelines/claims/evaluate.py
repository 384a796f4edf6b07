"""Evaluate the claims in `claims.yaml` on a posting-level frame: estimates, seeded bootstrap
intervals, sample sizes and verdicts derived only from each claim's rule.

The frame has one row per canonical posting with the columns `FRAME_COLUMNS`; the pipeline
builds it from the warehouse, tests build small ones by hand.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from pipelines.common.numbers import rounded

CLAIMS_PATH = Path(__file__).with_name("claims.yaml")
AI_LAYERS = ("pre_training", "post_training", "serving", "application")
TECHNICAL = (*AI_LAYERS, "other_ai", "software")
FRAME_COLUMNS = ("posting_key", "source", "company", "country", "year", "is_canonical", "layer",
                 "pay_usd", "pay_top_usd", "degree", "min_years", "skills")

SUPPORTED, CONTRADICTED, INCONCLUSIVE = "supported", "contradicted", "inconclusive"
MIXED, INSUFFICIENT = "mixed", "insufficient data"


@functools.cache
def load_claims(path: Path = CLAIMS_PATH) -> dict[str, Any]:
    return yaml.safe_load(path.read_text())


@dataclass
class ScopeResult:
    """One claim in one scope (a source, or all sources pooled)."""

    verdict: str
    n: int
    evidence: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""
    headline: str | None = None  # the evidence group that states the result in one line


@dataclass
class Context:
    claim: dict[str, Any]
    scope: str
    resamples: int
    level: float
    rng: np.random.Generator
    min_n: int

    def interval(self, draws: np.ndarray) -> tuple[float, float]:
        tail = (1 - self.level) / 2 * 100
        with np.errstate(invalid="ignore"):  # an infinite lift (nothing elsewhere) is allowed
            low, high = np.percentile(draws, [tail, 100 - tail])
        return float(low), float(high)

    def row(self, group: str, estimate: float | None, draws: np.ndarray | None, n: int,
            **detail: Any) -> dict[str, Any]:
        low, high = self.interval(draws) if draws is not None and len(draws) else (None, None)
        return {"quantity": group, "estimate": rounded(estimate, 6),
                "ci_low": rounded(low, 6), "ci_high": rounded(high, 6), "n": int(n),
                "detail": detail or None}


def decide_probability(p: float) -> str:
    return SUPPORTED if p >= 0.95 else CONTRADICTED if p <= 0.05 else INCONCLUSIVE


# ----------------------------------------------------------------------------------------------
# Demand metrics: shares of layers among AI-layer postings, bootstrapped as multinomial counts.


def _layer_share_draws(ctx: Context, frame: pd.DataFrame) -> tuple[int, np.ndarray, np.ndarray]:
    counts = frame["layer"].value_counts().reindex(AI_LAYERS, fill_value=0).to_numpy()
    n = int(counts.sum())
    if n == 0:
        return 0, np.zeros(len(AI_LAYERS)), np.zeros((ctx.resamples, len(AI_LAYERS)))
    draws = ctx.rng.multinomial(n, counts / n, size=ctx.resamples) / n
    return n, counts / n, draws


def _share_rows(ctx: Context, n: int, shares: np.ndarray, draws: np.ndarray) -> list[dict]:
    return [ctx.row(f"share:{layer}", shares[i], draws[:, i], n)
            for i, layer in enumerate(AI_LAYERS)]


def share_rank(ctx: Context, frame: pd.DataFrame, target: str) -> ScopeResult:
    n, shares, draws = _layer_share_draws(ctx, frame)
    if n < ctx.min_n:
        return ScopeResult(INSUFFICIENT, n, note=f"{n} AI-layer postings < {ctx.min_n}")
    i = AI_LAYERS.index(target)
    others = np.delete(draws, i, axis=1)
    p = float(np.mean(draws[:, i] > others.max(axis=1)))
    rows = _share_rows(ctx, n, shares, draws)
    rows.append(ctx.row(f"P({target} largest)", p, None, n))
    return ScopeResult(decide_probability(p), n, rows, headline=f"P({target} largest)")


def share_greater(ctx: Context, frame: pd.DataFrame, a: str, b: str) -> ScopeResult:
    n, shares, draws = _layer_share_draws(ctx, frame)
    if n < ctx.min_n:
        return ScopeResult(INSUFFICIENT, n, note=f"{n} AI-layer postings < {ctx.min_n}")
    ia, ib = AI_LAYERS.index(a), AI_LAYERS.index(b)
    p = float(np.mean(draws[:, ia] > draws[:, ib]))
    companies = (frame[frame["layer"].isin(AI_LAYERS)].groupby("layer")["company"].nunique()
                 .reindex(AI_LAYERS, fill_value=0))
    rows = _share_rows(ctx, n, shares, draws)
    rows.append(ctx.row(f"P({a} > {b})", p, None, n))
    rows += [ctx.row(f"companies:{layer}", float(companies[layer]), None, n)
             for layer in AI_LAYERS]
    return ScopeResult(decide_probability(p), n, rows, headline=f"P({a} > {b})")


def share_at_least(ctx: Context, frame: pd.DataFrame, layer: str, threshold: float
                   ) -> ScopeResult:
    n, shares, draws = _layer_share_draws(ctx, frame)
    if n < ctx.min_n:
        return ScopeResult(INSUFFICIENT, n, note=f"{n} AI-layer postings < {ctx.min_n}")
    i = AI_LAYERS.index(layer)
    low, high = ctx.interval(draws[:, i])
    verdict = SUPPORTED if low >= threshold else CONTRADICTED if high < threshold else INCONCLUSIVE
    return ScopeResult(verdict, n, _share_rows(ctx, n, shares, draws), headline=f"share:{layer}")


def small_and_concentrated(ctx: Context, frame: pd.DataFrame, layer: str, max_share: float,
                           min_top5_share: float) -> ScopeResult:
    n, shares, draws = _layer_share_draws(ctx, frame)
    in_layer = frame[frame["layer"] == layer]
    k = len(in_layer)
    if n < ctx.min_n:
        return ScopeResult(INSUFFICIENT, n, note=f"{n} AI-layer postings < {ctx.min_n}")
    by_company = in_layer["company"].fillna("?").value_counts()
    top5 = float(by_company.head(5).sum() / k) if k else float("nan")
    hhi = float(((by_company / k) ** 2).sum()) if k else float("nan")
    low, high = ctx.interval(draws[:, AI_LAYERS.index(layer)])
    rows = _share_rows(ctx, n, shares, draws)
    rows.append(ctx.row(f"top5_share:{layer}", top5, None, k,
                        top_companies=by_company.head(5).to_dict()))
    rows.append(ctx.row(f"hhi:{layer}", hhi, None, k))
    if high < max_share and k and top5 >= min_top5_share:
        verdict = SUPPORTED
    elif low > max_share or (k >= ctx.min_n and top5 < min_top5_share):
        verdict = CONTRADICTED
    else:
        verdict = INCONCLUSIVE
    return ScopeResult(verdict, n, rows, headline=f"share:{layer}")


def share_order(ctx: Context, frame: pd.DataFrame, order: list[str]) -> ScopeResult:
    n, shares, draws = _layer_share_draws(ctx, frame)
    if n < ctx.min_n:
        return ScopeResult(INSUFFICIENT, n, note=f"{n} AI-layer postings < {ctx.min_n}")
    idx = [AI_LAYERS.index(layer) for layer in order]
    holds = np.all(np.diff(draws[:, idx], axis=1) < 0, axis=1)
    p = float(np.mean(holds))
    rows = _share_rows(ctx, n, shares, draws)
    rows.append(ctx.row("P(ordering holds)", p, None, n))
    return ScopeResult(decide_probability(p), n, rows, headline="P(ordering holds)")


def share_trend(ctx: Context, frame: pd.DataFrame, period: str) -> ScopeResult:
    technical = frame[frame["layer"].isin(TECHNICAL) & frame["year"].notna()]
    per_year = technical.groupby("year")["layer"].agg(
        n="size", ai=lambda s: int(s.isin(AI_LAYERS).sum()))
    per_year = per_year[per_year["n"] >= ctx.min_n]
    if len(per_year) < 3:
        return ScopeResult(INSUFFICIENT, int(per_year["n"].sum()),
                           note=f"{len(per_year)} years with >= {ctx.min_n} technical postings")
    years = per_year.index.to_numpy(dtype=float)
    n_year = per_year["n"].to_numpy()
    share = per_year["ai"].to_numpy() / n_year
    draws = ctx.rng.binomial(n_year, share, size=(ctx.resamples, len(years))) / n_year
    centred = years - years.mean()
    slopes = draws @ centred / (centred @ centred)
    slope = float(share @ centred / (centred @ centred))
    low, high = ctx.interval(slopes)
    verdict = SUPPORTED if low > 0 else CONTRADICTED if high < 0 else INCONCLUSIVE
    rows = [ctx.row(f"ai_share:{int(y)}", s, draws[:, i], n_year[i])
            for i, (y, s) in enumerate(zip(years, share, strict=True))]
    rows.append(ctx.row(f"slope_per_{period}", slope, slopes, int(n_year.sum())))
    return ScopeResult(verdict, int(n_year.sum()), rows, headline=f"slope_per_{period}")


# ----------------------------------------------------------------------------------------------
# Pay metrics: medians of posted annual USD pay, bootstrapped by resampling postings.


def _median_draws(ctx: Context, values: np.ndarray) -> np.ndarray:
    index = ctx.rng.integers(0, len(values), size=(ctx.resamples, len(values)))
    return np.median(values[index], axis=1)


def _pay_groups(frame: pd.DataFrame, layers: list[str]) -> dict[str, np.ndarray]:
    paid = frame[frame["pay_usd"].notna()]
    return {layer: np.sort(paid.loc[paid["layer"] == layer, "pay_usd"].to_numpy(dtype=float))
            for layer in layers}


def pay_highest(ctx: Context, frame: pd.DataFrame, target: str, others: list[str]
                ) -> ScopeResult:
    groups = _pay_groups(frame, [target, *others])
    if len(groups[target]) < ctx.min_n:
        return ScopeResult(INSUFFICIENT, len(groups[target]),
                           note=f"{len(groups[target])} {target} postings with pay < {ctx.min_n}")
    usable = [o for o in others if len(groups[o]) >= ctx.min_n]
    if not usable:
        return ScopeResult(INSUFFICIENT, len(groups[target]), note="no comparison group")
    draws = {g: _median_draws(ctx, groups[g]) for g in [target, *usable]}
    rival = np.max(np.stack([draws[o] for o in usable]), axis=0)
    p = float(np.mean(draws[target] > rival))
    rows = [ctx.row(f"median:{g}", float(np.median(groups[g])), draws[g], len(groups[g]))
            for g in [target, *usable]]
    rows.append(ctx.row(f"P({target} highest)", p, None, len(groups[target])))
    return ScopeResult(decide_probability(p), sum(len(groups[g]) for g in draws), rows,
                       headline=f"P({target} highest)")


def _ratio(ctx: Context, a: np.ndarray, b: np.ndarray) -> tuple[float, np.ndarray]:
    return float(np.median(a) / np.median(b)), _median_draws(ctx, a) / _median_draws(ctx, b)


def pay_equivalent(ctx: Context, frame: pd.DataFrame, a: str, b: str, margin: float
                   ) -> ScopeResult:
    groups = _pay_groups(frame, [a, b])
    n = min(len(groups[a]), len(groups[b]))
    if n < ctx.min_n:
        return ScopeResult(INSUFFICIENT, n, note=f"{len(groups[a])} {a} and {len(groups[b])} "
                                                 f"{b} postings with pay; need {ctx.min_n} each")
    ratio, draws = _ratio(ctx, groups[a], groups[b])
    low, high = ctx.interval(draws)
    inside = 1 - margin <= low and high <= 1 + margin
    outside = high < 1 - margin or low > 1 + margin
    verdict = SUPPORTED if inside else CONTRADICTED if outside else INCONCLUSIVE
    rows = [ctx.row(f"median:{g}", float(np.median(groups[g])), None, len(groups[g]))
            for g in (a, b)]
    rows.append(ctx.row(f"ratio:{a}/{b}", ratio, draws, n))
    top = frame.loc[frame["layer"].isin([a, b]) & frame["pay_usd"].notna()]
    for g in (a, b):
        reach = top.loc[top["layer"] == g, "pay_top_usd"]
        rows.append(ctx.row(f"share_reaching_1M:{g}", float((reach >= 1_000_000).mean()),
                            None, len(reach)))
    return ScopeResult(verdict, n, rows, headline=f"ratio:{a}/{b}")


def pay_above(ctx: Context, frame: pd.DataFrame, layers: list[str], baseline: str
              ) -> ScopeResult:
    groups = _pay_groups(frame, [*layers, baseline])
    if len(groups[baseline]) < ctx.min_n:
        return ScopeResult(INSUFFICIENT, len(groups[baseline]),
                           note=f"{len(groups[baseline])} {baseline} postings with pay")
    rows, verdicts = [], []
    for layer in layers:
        if len(groups[layer]) < ctx.min_n:
            continue
        ratio, draws = _ratio(ctx, groups[layer], groups[baseline])
        low, high = ctx.interval(draws)
        verdicts.append(SUPPORTED if low > 1 else CONTRADICTED if high < 1 else INCONCLUSIVE)
        rows.append(ctx.row(f"ratio:{layer}/{baseline}", ratio, draws, len(groups[layer])))
    if not verdicts:
        return ScopeResult(INSUFFICIENT, 0, note="no AI layer with enough postings with pay")
    verdict = (SUPPORTED if all(v == SUPPORTED for v in verdicts) else
               CONTRADICTED if all(v == CONTRADICTED for v in verdicts) else INCONCLUSIVE)
    return ScopeResult(verdict, sum(r["n"] for r in rows) + len(groups[baseline]), rows,
                       headline=rows[0]["quantity"])


def pay_skill_premium(ctx: Context, frame: pd.DataFrame, layer: str, families: list[str]
                      ) -> ScopeResult:
    paid = frame[(frame["layer"] == layer) & frame["pay_usd"].notna()]
    asks = paid["skills"].map(lambda s: bool(set(s or ()) & set(families)))
    with_skill = paid.loc[asks, "pay_usd"].to_numpy(dtype=float)
    without = paid.loc[~asks, "pay_usd"].to_numpy(dtype=float)
    n = min(len(with_skill), len(without))
    if n < ctx.min_n:
        return ScopeResult(INSUFFICIENT, n, note=f"{len(with_skill)} with and {len(without)} "
                                                 f"without the skills; need {ctx.min_n} each")
    ratio, draws = _ratio(ctx, with_skill, without)
    low, high = ctx.interval(draws)
    verdict = SUPPORTED if low > 1 else CONTRADICTED if high < 1 else INCONCLUSIVE
    return ScopeResult(verdict, len(paid), [
        ctx.row("median:with_skills", float(np.median(with_skill)), None, len(with_skill)),
        ctx.row("median:without_skills", float(np.median(without)), None, len(without)),
        ctx.row("ratio:with/without", ratio, draws, n)], headline="ratio:with/without")


# ----------------------------------------------------------------------------------------------
# Who is hired: degrees, years and skill-family lift.


def requirement_profile(ctx: Context, frame: pd.DataFrame, layer: str, phd_share: float,
                        years: float) -> ScopeResult:
    rows_in = frame[(frame["layer"] == layer) & frame["degree"].notna()]
    n = len(rows_in)
    if n < ctx.min_n:
        return ScopeResult(INSUFFICIENT, n, note=f"{n} {layer} postings with text < {ctx.min_n}")
    required = float((rows_in["degree"] == "phd_required").mean())
    draws = ctx.rng.binomial(n, required, size=ctx.resamples) / n
    stated = rows_in["min_years"].dropna().to_numpy(dtype=float)
    median_years = float(np.median(stated)) if len(stated) else float("nan")
    low, high = ctx.interval(draws)
    if low >= phd_share and median_years >= years:
        verdict = SUPPORTED
    elif high < phd_share and not median_years >= years:
        verdict = CONTRADICTED
    else:
        verdict = INCONCLUSIVE
    shares = rows_in["degree"].value_counts(normalize=True).round(4).to_dict()
    year_draws = _median_draws(ctx, stated) if len(stated) else None
    return ScopeResult(verdict, n, [
        ctx.row(f"phd_required_share:{layer}", required, draws, n, degree_shares=shares),
        ctx.row(f"median_min_years:{layer}", median_years, year_draws, len(stated))],
        headline=f"phd_required_share:{layer}")


def skill_lift(ctx: Context, frame: pd.DataFrame, layer: str, families: list[str],
               require: str = "all", baseline: str = "technical") -> ScopeResult:
    """Lift of each skill family in the layer against the baseline postings.

    `require` is "all" (every family's interval above 1) or "majority" (most above, none
    below); `baseline` is "technical" (every other technical layer) or "ai_layers".
    """
    pool = AI_LAYERS if baseline == "ai_layers" else TECHNICAL
    texts = frame[frame["degree"].notna()]
    inside = texts[texts["layer"] == layer]
    outside = texts[texts["layer"].isin(pool) & (texts["layer"] != layer)]
    if len(inside) < ctx.min_n or len(outside) < ctx.min_n:
        return ScopeResult(INSUFFICIENT, len(inside),
                           note=f"{len(inside)} {layer} and {len(outside)} other postings")
    rows, verdicts = [], []
    for family in families:
        p_in = float(inside["skills"].map(lambda s, f=family: f in (s or ())).mean())
        p_out = float(outside["skills"].map(lambda s, f=family: f in (s or ())).mean())
        d_in = ctx.rng.binomial(len(inside), p_in, size=ctx.resamples) / len(inside)
        d_out = ctx.rng.binomial(len(outside), p_out, size=ctx.resamples) / len(outside)
        lift_draws = np.divide(d_in, d_out, out=np.full_like(d_in, np.inf), where=d_out > 0)
        lift = p_in / p_out if p_out else float("inf")
        low, high = ctx.interval(lift_draws)
        verdicts.append(SUPPORTED if low > 1 else CONTRADICTED if high <= 1 else INCONCLUSIVE)
        rows.append(ctx.row(f"lift:{family}", lift, lift_draws, len(inside),
                            share_in_layer=round(p_in, 4), share_elsewhere=round(p_out, 4)))
    above = sum(v == SUPPORTED for v in verdicts)
    below = sum(v == CONTRADICTED for v in verdicts)
    if require == "all":
        verdict = (SUPPORTED if above == len(verdicts) else
                   CONTRADICTED if below == len(verdicts) else INCONCLUSIVE)
    else:
        verdict = (SUPPORTED if above > len(verdicts) / 2 and below == 0 else
                   CONTRADICTED if below > len(verdicts) / 2 else INCONCLUSIVE)
    return ScopeResult(verdict, len(inside) + len(outside), rows, headline=rows[0]["quantity"])


METRICS: dict[str, Callable[..., ScopeResult]] = {
    "share_rank": share_rank, "share_greater": share_greater, "share_at_least": share_at_least,
    "small_and_concentrated": small_and_concentrated, "share_order": share_order,
    "share_trend": share_trend, "pay_highest": pay_highest, "pay_equivalent": pay_equivalent,
    "pay_above": pay_above, "pay_skill_premium": pay_skill_premium,
    "requirement_profile": requirement_profile, "skill_lift": skill_lift,
}


# ----------------------------------------------------------------------------------------------
# Driver: scopes, verdict aggregation, the two output tables.


def scope_sources(claim: dict[str, Any], config: dict[str, Any], present: set[str]) -> list[str]:
    named = claim.get("sources", "all")
    if named == "all":
        sources = sorted(present)
    elif isinstance(named, str):
        sources = list(config["defaults"][named])
    else:
        sources = list(named)
    return [s for s in sources if s in present]


def aggregate(per_source: dict[str, ScopeResult], pooled: ScopeResult | None) -> str:
    """The claim's verdict from its scope verdicts (the rule in claims.yaml `aggregation`)."""
    decisive = {r.verdict for r in per_source.values() if r.verdict in (SUPPORTED, CONTRADICTED)}
    if decisive == {SUPPORTED} or decisive == {CONTRADICTED}:
        return decisive.pop()
    if decisive:
        return MIXED
    if pooled is not None and pooled.verdict in (SUPPORTED, CONTRADICTED):
        return pooled.verdict
    return INSUFFICIENT


def _rng(seed: int, claim_id: str, scope: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(f"{claim_id}|{scope}".encode())])


def evaluate_claims(frame: pd.DataFrame, config: dict[str, Any] | None = None
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(claims rows, evidence rows) for every claim in the config, deterministic for a seed."""
    config = config or load_claims()
    defaults = config["defaults"]
    present = set(frame["source"].unique())
    claims, evidence = [], []
    for claim in config["claims"]:
        metric = METRICS[claim["metric"]]
        data = frame
        if claim["metric"].startswith("pay_"):
            data = frame[frame["country"] == defaults["pay_country"]]
        sources = scope_sources(claim, config, present)
        scopes: dict[str, pd.DataFrame] = {}
        if not claim.get("pooled_only"):
            scopes.update({s: data[data["source"] == s] for s in sources})
        if claim.get("pooled") or claim.get("pooled_only"):
            # Pooled counts each posting once: the canonical row of a cross-source duplicate.
            scopes["pooled"] = data[data["source"].isin(sources) & data["is_canonical"]]
        results: dict[str, ScopeResult] = {}
        for scope, scope_frame in scopes.items():
            ctx = Context(claim, scope, defaults["bootstrap_resamples"], defaults["confidence"],
                          _rng(defaults["seed"], claim["id"], scope),
                          claim.get("min_n", defaults["min_n"]))
            result = metric(ctx, scope_frame, **claim.get("params", {}))
            results[scope] = result
            for row in result.evidence:
                evidence.append({"claim_id": claim["id"], "scope": scope,
                                 "scope_verdict": result.verdict, **row})
            if not result.evidence:
                evidence.append({"claim_id": claim["id"], "scope": scope,
                                 "scope_verdict": result.verdict, "quantity": "n",
                                 "estimate": None,
                                 "ci_low": None, "ci_high": None, "n": result.n,
                                 "detail": {"note": result.note}})
        per_source = {s: r for s, r in results.items() if s != "pooled"}
        verdict = aggregate(per_source, results.get("pooled"))
        claims.append(_claim_row(claim, verdict, per_source, results.get("pooled")))
    return claims, evidence


def _claim_row(claim: dict[str, Any], verdict: str, per_source: dict[str, ScopeResult],
               pooled: ScopeResult | None) -> dict[str, Any]:
    by_verdict = {v: sorted(s for s, r in per_source.items() if r.verdict == v)
                  for v in (SUPPORTED, CONTRADICTED, INCONCLUSIVE, INSUFFICIENT)}
    decisive = [(s, r) for s, r in per_source.items() if r.verdict in (SUPPORTED, CONTRADICTED)]
    scope, headline = (("pooled", pooled) if pooled is not None and pooled.evidence
                       else decisive[0] if decisive else ("", None))
    summary = ""
    if headline is not None and headline.evidence:
        row = next((r for r in headline.evidence if r["quantity"] == headline.headline),
                   headline.evidence[-1])
        interval = (f" [{row['ci_low']:.3g}, {row['ci_high']:.3g}]"
                    if row["ci_low"] is not None else "")
        summary = (f"{scope}: {row['quantity']} = {row['estimate']:.3g}{interval}, "
                   f"n = {row['n']}")
    notes = [f"{s}: {r.note}" for s, r in per_source.items() if r.note]
    if pooled is not None and pooled.note:
        notes.append(f"pooled: {pooled.note}")
    undecided = [s for s, r in [*per_source.items(), ("pooled", pooled)]
                 if r is not None and r.verdict == INCONCLUSIVE]
    if undecided:
        notes.insert(0, f"intervals straddle the threshold in: {', '.join(undecided)}")
    return {
        "claim_id": claim["id"],
        "statement": claim["statement"],
        "metric": claim["metric"],
        "rule": " ".join(claim["rule"].split()),
        "verdict": verdict,
        "summary": summary,
        "n": sum(r.n for r in per_source.values()) or (pooled.n if pooled else 0),
        "sources_supporting": by_verdict[SUPPORTED],
        "sources_contradicting": by_verdict[CONTRADICTED],
        "sources_inconclusive": by_verdict[INCONCLUSIVE],
        "sources_insufficient": by_verdict[INSUFFICIENT],
        "pooled_verdict": pooled.verdict if pooled else None,
        "reason": "; ".join(notes)[:1000] if verdict == INSUFFICIENT else None,
    }
