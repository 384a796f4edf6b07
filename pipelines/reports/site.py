"""Build the report pages from the warehouse. Pure reads; the asset writes the files.

Every chart states its n, sources and date range; every number on the scorecard comes from
core.claims / core.claim_evidence, so the pages never compute a verdict of their own.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from pipelines.claims.evaluate import AI_LAYERS, TECHNICAL, load_claims
from pipelines.claims.frame import PAY_USD_SQL
from pipelines.common.numbers import rounded
from pipelines.reports.html import badge, chart, esc, link, page, table
from pipelines.requirements.evaluate import (
    HELD_OUT,
    HELD_OUT_POOL,
    SECOND_ANNOTATOR,
    TUNED,
    TUNED_POOL,
    sample_use,
)

LAYERS = (*AI_LAYERS, "other_ai", "software", "non_technical")
LAYER_COLOURS = {"pre_training": "#8250df", "post_training": "#bf3989", "serving": "#0969da",
                 "application": "#1a7f37", "other_ai": "#9a6700", "software": "#57606a",
                 "non_technical": "#afb8c1"}
CLAIM_PAGE = {"D": "demand.html", "P": "pay.html", "S": "hiring.html"}

TAXONOMY = {
    "pre_training": "Creating foundation models: architecture, scaling, pre-training runs and "
                    "their infrastructure, web-scale pre-training data.",
    "post_training": "Making a base model useful and aligned: RLHF/RL, fine-tuning, reward "
                     "models, preference data, evals that steer training, interpretability.",
    "serving": "Running models efficiently: inference engines, GPU kernels, ML compilers, GPU "
               "clusters and their SRE, model deployment platforms.",
    "application": "Building products on models: LLM features, agents, RAG, prompt "
                   "engineering, tool use / MCP, forward-deployed engineers.",
    "other_ai": "ML and data science outside the foundation-model stack: ranking, fraud, "
                "forecasting, classical vision or speech, robotics.",
    "software": "Software engineering with no AI/ML focus: the ordinary-programmer baseline.",
    "non_technical": "Roles that do not write software: sales, recruiting, legal, design, "
                     "product and program management. Also non-postings.",
}

# The known biases of each source (snapshot MANIFEST), stated wherever the source is used.
SOURCE_NOTES = {
    "ashby": "449 Ashby boards, one point-in-time snapshot (2025-10-27); many AI startups and "
             "ordinary software companies; pay where boards show it.",
    "greenhouse_boards": "~1,000 mostly ordinary tech companies, four quarterly snapshots; "
                         "titles only, so layers come from titles.",
    "greenhouse_daily": "13 companies every day for three weeks; titles only.",
    "anthropic_job_watch": "One AI lab (Anthropic), with full descriptions and pay ranges; "
                           "over-represents research layers relative to the market.",
    "openai_careers": "One AI lab (OpenAI), 147 pages; over-represents research layers.",
    "ailab_tracker": "Boards of eight AI labs; titles and teams only; OpenAI pay text only.",
    "ailab_2025_02": "OpenAI and Anthropic on one day in 2025-02; titles, teams, OpenAI pay.",
    "hn_whoishiring": "Hacker News 'Who is hiring?' 2026-01..03: startups and small "
                      "companies; free text, pay in ~30% of comments.",
    "hn_whoishiring_2013_2018": "Hacker News threads 2013-2018, the pre-LLM baseline.",
    "hn_extracted_2022_2025": "HN 2022-2025 as fields a language model extracted; titles and "
                              "salary strings only.",
    "remotewlb": "Remote jobs aggregated from other boards, 2024-01..2025-03; remote only; "
                 "approximate salary fields.",
    "aijobs_salaries": "Self-reported salary survey, mostly US; titles only.",
    "levelsfyi_faangn": "Self-reported total compensation at six big-tech firms.",
    "bls_oews": "US government wage statistics by occupation (top-coded): a baseline only.",
    "board_registry": "Board tokens per ATS; no postings.",
}


def build_site(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """{file name: content} for every report file, plotly.min.js included."""
    data = _Data(conn)
    vintage = data.vintage()
    pages = {
        "index.html": ("Does the talk hold up? Claim scorecard", _index(data)),
        "demand.html": ("Demand by layer", _demand(data)),
        "pay.html": ("Pay by layer", _pay(data)),
        "hiring.html": ("Who is hired", _hiring(data)),
        "methodology.html": ("Methodology", _methodology(data)),
        "examples.html": ("Example postings per layer", _examples(data)),
    }
    files = {name: page(name, title, body, vintage) for name, (title, body) in pages.items()}
    files["plotly.min.js"] = get_plotlyjs()
    return files


class _Data:
    """The warehouse reads the pages share, each done once."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn
        self.claims = conn.execute("SELECT * FROM core.claims ORDER BY claim_id").df()
        self.evidence = conn.execute("SELECT * FROM core.claim_evidence").df()
        self.config = load_claims()
        self.frame = conn.execute(f"""
            SELECT p.posting_key, p.source, p.company, p.title, p.url, p.country,
                   p.is_canonical, strftime(coalesce(p.posted_at, p.first_seen), '%Y-%m-%d')
                       AS dated,
                   CASE WHEN l.abstained THEN 'unknown' ELSE l.layer END AS layer,
                   pp.kind, pp.min_usd_annual, pp.max_usd_annual, {PAY_USD_SQL} AS pay_usd,
                   r.from_text, r.degree, r.min_years
            FROM core.postings AS p
            LEFT JOIN core.posting_layers AS l USING (posting_key)
            LEFT JOIN core.posting_pay AS pp USING (posting_key)
            LEFT JOIN core.posting_requirements AS r USING (posting_key)
            ORDER BY p.posting_key
        """).df()

    def table_exists(self, name: str) -> bool:
        schema, table = name.split(".")
        return bool(self.conn.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?",
            [schema, table]).fetchone()[0])

    def vintage(self) -> str:
        low, high = self.frame["dated"].min(), self.frame["dated"].max()
        return (f"Data: {len(self.frame):,} postings from {self.frame['source'].nunique()} "
                f"sources, dated {low} to {high}; claims.yaml version "
                f"{self.config['version']}. Posted pay is base pay where transparency laws "
                "apply and cannot show the very top of the market.")

    def subtitle(self, frame: pd.DataFrame, note: str = "") -> str:
        sources = ", ".join(sorted(frame["source"].unique())) or "none"
        dates = (f"{frame['dated'].min()} to {frame['dated'].max()}" if len(frame)
                 else "no dates")
        return f"n = {len(frame):,}; sources: {sources}; {dates}" + (f"; {note}" if note else "")

    def claim_evidence(self, claim_id: str) -> pd.DataFrame:
        return self.evidence[self.evidence["claim_id"] == claim_id]

    def claim_section(self, claim_id: str) -> str:
        claim = self.claims[self.claims["claim_id"] == claim_id].iloc[0]
        rows = self.claim_evidence(claim_id)
        shown = [(r.scope, badge(r.scope_verdict), esc(r.quantity), _num(r.estimate),
                  _interval(r.ci_low, r.ci_high), f"{int(r.n):,}") for r in rows.itertuples()]
        reason = f'<p class="note">{esc(claim.reason)}</p>' if isinstance(claim.reason, str) \
            else ""
        return (f'<section id="{esc(claim_id)}"><h2>{esc(claim_id)}: {esc(claim.statement)} '
                f"{badge(claim.verdict)}</h2><p><b>Rule.</b> {esc(claim.rule)}</p>{reason}"
                + table(("scope", "scope verdict", "quantity", "estimate", "95% interval", "n"),
                        shown, raw=True) + "</section>")


def _num(value: float | None) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _interval(low: float | None, high: float | None) -> str:
    return "" if low is None or pd.isna(low) else f"[{_num(low)}, {_num(high)}]"


# ----------------------------------------------------------------------------------------------


def _index(data: _Data) -> str:
    rows = []
    for claim in data.claims.itertuples():
        target = f"{CLAIM_PAGE[claim.claim_id[0]]}#{claim.claim_id}"
        sources = (f"supporting: {', '.join(claim.sources_supporting) or '-'}; contradicting: "
                   f"{', '.join(claim.sources_contradicting) or '-'}")
        evidence = claim.summary or (claim.reason if isinstance(claim.reason, str) else "")
        rows.append((f'<a href="{target}">{esc(claim.claim_id)}</a>', esc(claim.statement),
                     badge(claim.verdict), esc(evidence), f"{int(claim.n):,}", esc(sources)))
    scorecard = table(("claim", "statement", "verdict", "evidence (one line)", "n", "sources"),
                      rows, raw=True)
    out_of_scope = table(("claim", "why it cannot be tested from job data"), [
        (r.statement, r.reason) for r in
        data.conn.execute("SELECT * FROM core.claims_out_of_scope").df().itertuples()])
    per_source = data.frame.groupby("source").agg(
        postings=("posting_key", "size"), canonical=("is_canonical", "sum"),
        first=("dated", "min"), last=("dated", "max")).reset_index()
    vintage = table(("source", "postings", "counted once (canonical)", "from", "to"),
                    [(r.source, int(r.postings), int(r.canonical), r.first, r.last)
                     for r in per_source.itertuples()])
    return (
        f"<p>{esc(_classifier_line(data))}</p>" + scorecard
        + "<h2>Claims that job data cannot test</h2>" + out_of_scope
        + "<h2>Data vintage and sources</h2>" + vintage
    )


def _classifier_metrics(data: _Data) -> pd.DataFrame:
    if not data.table_exists("core.classifier_metrics"):
        return pd.DataFrame(columns=["method", "inputs", "scope", "scope_value", "metric",
                                     "value", "n"])
    return data.conn.execute("SELECT * FROM core.classifier_metrics").df()


def _metric(metrics: pd.DataFrame, method: str, inputs: str, metric: str) -> float | None:
    hit = metrics[(metrics["method"] == method) & (metrics["inputs"] == inputs)
                  & (metrics["scope"] == "overall") & (metrics["metric"] == metric)]
    return float(hit["value"].iloc[0]) if len(hit) else None


def _classifier_line(data: _Data) -> str:
    metrics = _classifier_metrics(data)
    full = _metric(metrics, "model", "full", "macro_f1")
    if full is None:
        return "Classifier metrics are not available in this warehouse."
    title = _metric(metrics, "model", "title_only", "macro_f1")
    abstain = _metric(metrics, "model", "full", "abstain_rate")
    return (f"Layer classifier on the held-out hand-labelled test set: macro-F1 {full:.2f} "
            f"(title only {title:.2f}; the project's bar is 0.85), abstaining on "
            f"{abstain:.0%} of test postings, which the counts below leave out as 'unknown'.")


def _requirement_metrics(data: _Data) -> pd.DataFrame:
    if not data.table_exists("core.requirement_metrics"):
        return pd.DataFrame(columns=["sample", "tuned", "postings", "scored", "metric", "value"])
    return data.conn.execute("SELECT * FROM core.requirement_metrics").df()


def _requirements_line(metrics: pd.DataFrame) -> str:
    held = metrics[metrics["sample"] == HELD_OUT_POOL].set_index("metric")["value"]
    if held.empty:
        return "Requirement extractor scores are not available in this warehouse."
    scored = int(metrics.loc[metrics["sample"] == HELD_OUT_POOL, "scored"].iloc[0])
    pairs = ", ".join(f"{name} precision {held.get(f'{key}_p', float('nan')):.2f} / recall "
                      f"{held.get(f'{key}_r', float('nan')):.2f}"
                      for key, name in (("degree", "degree"), ("years", "minimum years"),
                                        ("skills", "skill families")))
    return (f"Requirement extractor on {scored} hand-checked postings it was never tuned on: "
            f"{pairs} (the project's bar is 0.90 each). Where recall is below precision the "
            "extractor misses more than it invents, so shares run low; lifts compare layers "
            "read by the same extractor.")


def _share_chart(data: _Data, claim_id: str, prefix: str, name: str, title: str) -> str:
    rows = data.claim_evidence(claim_id)
    rows = rows[rows["quantity"].str.startswith(prefix)]
    figure = go.Figure()
    for layer in AI_LAYERS:
        part = rows[rows["quantity"] == f"{prefix}{layer}"]
        error = None
        if part["ci_low"].notna().any():
            error = {"type": "data", "array": (part["ci_high"] - part["estimate"]).tolist(),
                     "arrayminus": (part["estimate"] - part["ci_low"]).tolist()}
        figure.add_bar(name=layer, x=part["scope"].tolist(), y=part["estimate"].tolist(),
                       error_y=error, marker_color=LAYER_COLOURS[layer])
    figure.update_layout(title=title, barmode="group", yaxis_title=title.split(" (")[0])
    scoped = data.frame[data.frame["layer"].isin(AI_LAYERS)
                        & data.frame["source"].isin(rows["scope"].unique())]
    return chart(figure, name, data.subtitle(scoped, "AI-layer postings; pooled counts each "
                                                       "posting once"))


def _concentration(data: _Data) -> str:
    # Postings with no company (many HN comments) cannot be attributed and are left out.
    canonical = data.frame[data.frame["is_canonical"] & data.frame["layer"].isin(LAYERS)
                           & data.frame["company"].notna()]
    rows = []
    for layer in LAYERS:
        companies = canonical.loc[canonical["layer"] == layer, "company"]
        counts = companies.str.strip().str.lower().value_counts()
        n = int(counts.sum())
        if not n:
            continue
        top = counts.head(5)
        rows.append((layer, n, int(counts.size), round(float(top.sum() / n), 3),
                     round(float(((counts / n) ** 2).sum()), 4), ", ".join(top.index[:5])))
    figure = go.Figure(go.Bar(x=[r[0] for r in rows], y=[r[3] for r in rows],
                              marker_color=[LAYER_COLOURS[r[0]] for r in rows]))
    figure.update_layout(title="Share of each layer's postings held by its five largest "
                               "employers", yaxis_title="top-5 share")
    return (chart(figure, "concentration",
                  data.subtitle(canonical, "all sources, canonical, company known"))
            + table(("layer", "postings", "companies", "top-5 share", "HHI", "top five"), rows))


def _trend(data: _Data) -> str:
    rows = data.claim_evidence("D6")
    rows = rows[rows["quantity"].str.startswith("ai_share:") & (rows["scope"] == "pooled")]
    if rows.empty:
        return '<p class="note">No dated source had enough postings for a trend.</p>'
    years = rows["quantity"].str.split(":").str[1].astype(int).tolist()
    band = rows["ci_high"].tolist() + rows["ci_low"].tolist()[::-1]
    figure = go.Figure([
        go.Scatter(x=years + years[::-1], y=band,
                   fill="toself", line={"width": 0}, fillcolor="rgba(26,127,55,.2)",
                   name="95% interval", hoverinfo="skip"),
        go.Scatter(x=years, y=rows["estimate"].tolist(), mode="lines+markers",
                   name="AI-layer share", line={"color": LAYER_COLOURS["application"]}),
    ])
    figure.update_layout(title="AI-layer share of technical postings per year (Hacker News)",
                         yaxis_title="share", xaxis_title="year")
    sources = next(c["sources"] for c in data.config["claims"] if c["id"] == "D6")
    dated = data.frame[data.frame["source"].isin(sources) & data.frame["is_canonical"]]
    return chart(figure, "trend", data.subtitle(dated))


def _demand(data: _Data) -> str:
    parts = [
        _share_chart(data, "D1", "share:", "shares", "Share of AI-layer postings per layer "
                     "(95% bootstrap intervals)"),
        _share_chart(data, "D2", "companies:", "companies", "Distinct companies hiring per "
                     "layer"),
        "<h2>Concentration</h2>", _concentration(data),
        "<h2>Trend</h2>", _trend(data),
    ]
    parts += [data.claim_section(c) for c in ("D1", "D2", "D3", "D4", "D5", "D6")]
    return "".join(parts)


def _pay_frame(data: _Data) -> pd.DataFrame:
    country = data.config["defaults"]["pay_country"]
    return data.frame[data.frame["pay_usd"].notna() & (data.frame["country"] == country)
                      & data.frame["layer"].isin(TECHNICAL)]


def _pay(data: _Data) -> str:
    paid = _pay_frame(data)
    figure = go.Figure()
    for layer in TECHNICAL:
        part = paid[paid["layer"] == layer]
        figure.add_box(x=part["source"].tolist(), y=part["pay_usd"].tolist(), name=layer,
                       marker_color=LAYER_COLOURS[layer], boxpoints=False)
    baselines = data.conn.execute("""
        SELECT occ_title, a_median FROM core.wage_baselines
        WHERE year = (SELECT max(year) FROM core.wage_baselines)
          AND comparable_code IN ('15-1252', '15-2051') ORDER BY comparable_code
    """).fetchall()
    for (title, median), position in zip(baselines, ("top left", "bottom right"), strict=False):
        if median:
            figure.add_hline(y=median, line_dash="dot", annotation_text=f"BLS median: {title}",
                             annotation_position=position)
    # A log axis keeps the bulk readable next to the rare seven-figure ranges.
    figure.update_layout(title="Posted annual base pay (range midpoint, USD, US postings)",
                         boxmode="group", yaxis_title="USD per year (log scale)",
                         yaxis_type="log", height=550)
    stats = []
    for (source, layer), part in paid.groupby(["source", "layer"]):
        values = part["pay_usd"].to_numpy()
        top = part["max_usd_annual"].fillna(part["min_usd_annual"])
        stats.append((source, layer, len(values), *np.percentile(values, [10, 25, 50, 75, 90]),
                      round(float((top >= 500_000).mean()), 3),
                      round(float((top >= 1_000_000).mean()), 3)))
    percentiles = table(("source", "layer", "n", "p10", "p25", "median", "p75", "p90",
                         "share reaching $500k", "share reaching $1M"), stats)
    parts = [chart(figure, "pay", data.subtitle(paid, "BLS lines: latest May OEWS medians")),
             "<h2>Percentiles and the top of the ranges</h2>", percentiles]
    parts += [data.claim_section(c) for c in ("P1", "P2", "P3", "P4", "P5")]
    return "".join(parts)


def _hiring(data: _Data) -> str:
    texts = data.frame[data.frame["is_canonical"] & data.frame["from_text"].fillna(False)
                       & data.frame["layer"].isin(TECHNICAL)]
    degrees = go.Figure()
    for degree in ("phd_required", "phd_or_equivalent", "phd_preferred"):
        shares = [float((texts.loc[texts["layer"] == layer, "degree"] == degree).mean())
                  if (texts["layer"] == layer).any() else 0.0 for layer in TECHNICAL]
        degrees.add_bar(name=degree, x=list(TECHNICAL), y=shares)
    degrees.update_layout(title="PhD asked, by layer", barmode="group", yaxis_title="share")
    years = go.Figure()
    for layer in TECHNICAL:
        stated = texts.loc[texts["layer"] == layer, "min_years"].dropna()
        years.add_box(y=stated.tolist(), name=layer, marker_color=LAYER_COLOURS[layer],
                      boxpoints=False)
    years.update_layout(title="Minimum years of experience asked, by layer",
                        yaxis_title="years")
    skills = data.conn.execute("SELECT posting_key, family FROM core.posting_skills").df()
    heat = _lift_matrix(texts, skills)
    # log2 so that "twice as often" and "half as often" sit at equal distances from 1.
    log_lift = np.log2(heat.where(heat > 0)).clip(-4, 4)
    lift = go.Figure(go.Heatmap(
        z=log_lift.round(2).to_numpy().tolist(), x=list(heat.columns), y=list(heat.index),
        customdata=heat.to_numpy().tolist(), colorscale="RdBu", zmid=0.0, zmin=-4, zmax=4,
        hovertemplate="%{y} / %{x}: lift %{customdata}<extra></extra>",
        colorbar={"title": "log2 lift"}))
    lift.update_layout(title="Skill-family lift: share in layer / share in other technical "
                             "layers (log2; 0 = no difference)", height=650)
    subtitle = data.subtitle(texts, "canonical postings with description text")
    parts = [f"<p>{esc(_requirements_line(_requirement_metrics(data)))}</p>",
             chart(degrees, "degrees", subtitle), chart(years, "years", subtitle),
             chart(lift, "lift", subtitle)]
    parts += [data.claim_section(c) for c in ("S1", "S2", "S3", "S4")]
    return "".join(parts)


def _lift_matrix(texts: pd.DataFrame, skills: pd.DataFrame) -> pd.DataFrame:
    asked = skills[skills["posting_key"].isin(texts["posting_key"])]
    layer_of = texts.set_index("posting_key")["layer"]
    counts = pd.crosstab(asked["family"], asked["posting_key"].map(layer_of))
    totals = texts["layer"].value_counts()
    rows = {}
    for layer in TECHNICAL:
        if layer not in counts or not totals.get(layer):
            continue
        inside = counts[layer] / totals[layer]
        others = counts.drop(columns=[layer]).sum(axis=1) / (totals.sum() - totals[layer])
        rows[layer] = (inside / others.replace(0, np.nan)).round(2)
    return pd.DataFrame(rows).T


def _methodology(data: _Data) -> str:
    coverage = data.conn.execute("""
        SELECT p.source, count(*) AS postings,
               round(avg(p.has_description::INT), 3) AS text_share,
               round(avg((coalesce(pp.n_ranges, 0) > 0)::INT), 3) AS pay_share,
               round(avg((p.country IS NOT NULL)::INT), 3) AS country_share
        FROM core.postings AS p LEFT JOIN core.posting_pay AS pp USING (posting_key)
        GROUP BY p.source ORDER BY p.source
    """).fetchall()
    sources = table(("source", "known biases"), sorted(SOURCE_NOTES.items()))
    taxonomy = table(("label", "the work"), TAXONOMY.items())
    parts = [
        "<h2>Sources and their biases</h2>", sources,
        "<h2>Coverage of text, pay and country per source</h2>",
        table(("source", "postings", "with text", "with pay", "with country"), coverage),
        "<h2>The taxonomy</h2>", taxonomy, _classifier_section(data),
        _requirements_section(data),
        "<h2>How verdicts are reached</h2>",
        f"<p>{esc(' '.join(data.config['aggregation'].split()))}</p>",
        table(("claim", "rule"), [(c.claim_id, c.rule) for c in data.claims.itertuples()]),
    ]
    return "".join(parts)


def _classifier_section(data: _Data) -> str:
    metrics = _classifier_metrics(data)
    parts = ["<h2>Layer classifier</h2>", f"<p>{esc(_classifier_line(data))}</p>"]
    if metrics.empty:
        return "".join(parts)
    compare = [(method, inputs, _metric(metrics, method, inputs, "macro_f1"),
                _metric(metrics, method, inputs, "accuracy"))
               for method in ("model", "labelling_functions", "majority", "second_annotator")
               for inputs in ("full", "title_only")
               if _metric(metrics, method, inputs, "macro_f1") is not None]
    parts.append(table(("method", "inputs", "macro-F1", "accuracy"), compare))
    parts.append("<p>second_annotator: an independent annotator's labels of the same test "
                 "postings, scored against the first annotator's; the agreement a classifier "
                 "could hope to reach.</p>")
    labels = metrics[(metrics["method"] == "model") & (metrics["inputs"] == "full")
                     & (metrics["scope"] == "label")]
    wide = labels.pivot_table(index="scope_value", columns="metric", values="value")
    support = labels.groupby("scope_value")["n"].max()
    parts.append(table(("label", "precision", "recall", "F1", "test postings"), [
        (label, wide.loc[label].get("precision"), wide.loc[label].get("recall"),
         wide.loc[label].get("f1"), int(support[label]))
        for label in LAYERS if label in wide.index]))
    if data.table_exists("core.classifier_confusion"):
        confusion = data.conn.execute("""
            SELECT true_layer, predicted_layer, n FROM core.classifier_confusion
            WHERE method = 'model' AND inputs = 'full'
        """).df()
        grid = (confusion.pivot_table(index="true_layer", columns="predicted_layer",
                                      values="n", fill_value=0)
                .reindex(index=list(LAYERS), columns=list(LAYERS), fill_value=0))
        figure = go.Figure(go.Heatmap(z=grid.to_numpy().tolist(), x=list(LAYERS),
                                      y=list(LAYERS), colorscale="Blues",
                                      texttemplate="%{z}", colorbar={"title": "postings"}))
        figure.update_layout(title="Confusion matrix on the test set (rows: hand label)",
                             yaxis={"autorange": "reversed"}, height=520)
        parts.append(chart(figure, "confusion",
                           f"n = {int(grid.to_numpy().sum()):,} hand-labelled test postings; "
                           "sources: all eleven posting sources; labels made 2026-11"))
    return "".join(parts)


def _requirements_section(data: _Data) -> str:
    metrics = _requirement_metrics(data)
    parts = ["<h2>Requirement extractor</h2>", f"<p>{esc(_requirements_line(metrics))}</p>"]
    if metrics.empty:
        return "".join(parts)
    wide = metrics.pivot_table(index="sample", columns="metric", values="value")
    info = metrics.groupby("sample")[["postings", "scored"]].first()
    shown = ("degree_accuracy", "degree_p", "degree_r", "years_p", "years_r", "skills_p",
             "skills_r")
    rows = [(sample, sample_use(sample),
             f"{int(info.loc[sample, 'scored'])} of {int(info.loc[sample, 'postings'])}",
             *(rounded(wide.loc[sample].get(m)) for m in shown))
            for sample in (*HELD_OUT, HELD_OUT_POOL, SECOND_ANNOTATOR, *TUNED, TUNED_POOL)
            if sample in info.index]
    parts.append(table(("sample", "use", "postings scored", "degree accuracy",
                        "degree P", "degree R", "years P", "years R", "skills P", "skills R"),
                       rows))
    parts.append("<p>Each sample was labelled by reading the postings; the held-out ones by "
                 "annotators who never saw the extractor or its output "
                 "(models/labels/requirements/HELD_OUT.md). Degree precision and recall count "
                 "stated degrees (a predicted degree is right when it equals the label); years "
                 "count a figure when it equals the label; skills count (posting, family) "
                 "pairs. "
                 f"{HELD_OUT_POOL} pools the samples the extractor was never tuned on: "
                 f"it is the honest figure. {SECOND_ANNOTATOR} is a second blind annotator's "
                 "reading of held_out_2 scored against the first's: how far two careful "
                 "readers agree.</p>")
    return "".join(parts)


def _examples(data: _Data) -> str:
    canonical = data.frame[data.frame["is_canonical"]].copy()
    canonical["has_pay"] = canonical["min_usd_annual"].notna()
    parts = []
    for layer in LAYERS:
        chosen = (canonical[canonical["layer"] == layer]
                  .sort_values(["has_pay", "posting_key"], ascending=[False, True]).head(15))
        rows = [(esc(r.title), esc(r.company), esc(r.source), esc(_pay_text(r)),
                 link(r.url, "posting")) for r in chosen.itertuples()]
        parts.append(f'<h2 id="{layer}">{esc(layer)}</h2>'
                     + table(("title", "company", "source", "pay (USD/year)", "link"), rows,
                             raw=True))
    return "".join(parts)


def _pay_text(row) -> str:
    if pd.isna(row.min_usd_annual):
        return ""
    high = row.max_usd_annual if not pd.isna(row.max_usd_annual) else row.min_usd_annual
    return f"{row.min_usd_annual:,.0f} - {high:,.0f}"
