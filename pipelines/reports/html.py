"""Page shell and safe HTML building. Every piece of posting or source text goes through
`esc` (or `link`), so a title like `<script>` renders as text."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

import plotly.graph_objects as go

PAGES = (
    ("index.html", "Scorecard"),
    ("demand.html", "Demand by layer"),
    ("pay.html", "Pay by layer"),
    ("hiring.html", "Who is hired"),
    ("methodology.html", "Methodology"),
    ("examples.html", "Example postings"),
)

VERDICT_COLOURS = {"supported": "#1a7f37", "contradicted": "#cf222e", "mixed": "#9a6700",
                   "insufficient data": "#6e7781"}

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328}
nav{background:#0d1117;padding:.6em 1.5em}nav a{color:#e6edf3;margin-right:1.2em;
text-decoration:none}nav a.here{font-weight:700;text-decoration:underline}
main{max-width:1200px;margin:0 auto;padding:1em 1.5em}h1{margin:.4em 0}
table{border-collapse:collapse;margin:.8em 0;width:100%}th,td{border-bottom:1px solid #d0d7de;
padding:.35em .5em;text-align:left;vertical-align:top;font-size:.92em}th{background:#f6f8fa}
.badge{display:inline-block;padding:.1em .6em;border-radius:1em;color:#fff;font-size:.85em;
white-space:nowrap}.note{color:#57606a;font-size:.9em}.chart{margin:1.2em 0}
footer{color:#57606a;font-size:.85em;padding:1em 1.5em;border-top:1px solid #d0d7de}
td.num{text-align:right;font-variant-numeric:tabular-nums}
"""


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def link(url: object, text: object) -> str:
    """An anchor for http(s) URLs only; anything else (javascript:, data:) becomes plain text."""
    target = "" if url is None else str(url)
    if urlparse(target).scheme not in ("http", "https"):
        return esc(text)
    return f'<a href="{esc(target)}" rel="noopener noreferrer">{esc(text)}</a>'


def badge(verdict: str) -> str:
    colour = VERDICT_COLOURS.get(verdict, "#6e7781")
    return f'<span class="badge" style="background:{colour}">{esc(verdict)}</span>'


def table(header: Sequence[str], rows: Iterable[Sequence[object]], raw: bool = False) -> str:
    """An HTML table; cells are escaped unless `raw` (for cells this module built itself)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td{_num(c)}>{c if raw else esc(_fmt(c))}</td>" for c in row)
        + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _num(cell: object) -> str:
    return ' class="num"' if isinstance(cell, int | float) and not isinstance(cell, bool) else ""


def _fmt(cell: object) -> object:
    if isinstance(cell, float):
        return f"{cell:,.0f}" if abs(cell) >= 1000 else f"{cell:.3g}"
    if isinstance(cell, int) and not isinstance(cell, bool):
        return f"{cell:,}"
    return cell


def chart(figure: go.Figure, name: str, subtitle: str) -> str:
    """A Plotly chart div (the shared plotly.min.js is loaded once per page) with a stable id,
    and the n / sources / dates line under its title."""
    title = figure.layout.title.text or ""
    figure.update_layout(title={"text": f"{title}<br><sup>{esc(subtitle)}</sup>"},
                         template="plotly_white", margin={"t": 80})
    div = figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{name}",
                         config={"displaylogo": False, "responsive": True})
    return f'<div class="chart" id="{name}">{div}</div>'


def page(filename: str, title: str, body: str, vintage: str) -> str:
    here = ' class="here"'
    nav = "".join(f'<a href="{f}"{here if f == filename else ""}>{esc(label)}</a>'
                  for f, label in PAGES)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>jobstack: {esc(title)}</title>"
        '<script src="plotly.min.js"></script>'
        f"<style>{STYLE}</style></head><body><nav>{nav}</nav><main><h1>{esc(title)}</h1>"
        f"{body}</main><footer>{esc(vintage)}</footer></body></html>\n"
    )
