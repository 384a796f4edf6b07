"""Every report page opens in a real headless Chromium, offline, with no console error, page
error, failed or non-file request, and with every Plotly chart drawn; a full-page screenshot
of each page is kept under test-artifacts/screenshots/.

The harness (`browser.py`) is first proven on pages made here with Plotly: good pages pass and
each deliberately broken page is caught for the right reason. Then it runs on the pages the
refresh graph writes from the snapshot slice."""

from __future__ import annotations

import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from browser import check_pages, chromium_context, describe, require_chromium

from pipelines.common.settings import REPO_ROOT

REPORT_PAGES = ("index", "demand", "pay", "hiring", "methodology", "examples")
REPORTS_WIRED = (REPO_ROOT / "pipelines" / "reports" / "__init__.py").exists()
PNG = b"\x89PNG\r\n\x1a\n"


def _write(fig: go.Figure, path: Path) -> None:
    # The generator's layout: one shared plotly.min.js beside the pages.
    fig.write_html(path, include_plotlyjs="directory", full_html=True)


def _page(path: Path, body: str, head: str = "") -> None:
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'>{head}</head>"
                    f"<body>{body}</body></html>", encoding="utf-8")


@pytest.fixture(scope="module")
def chromium():
    require_chromium()
    with chromium_context() as context:
        yield context


@pytest.fixture(scope="module")
def good_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("good_pages")
    _write(go.Figure([go.Bar(x=["pre", "post", "serving", "app"], y=[3, 5, 8, 21]),
                      go.Scatter(x=["pre", "app"], y=[2, 20])]), folder / "demand.html")
    pay = go.Figure([go.Box(y=[150e3, 180e3, 240e3], name="serving"),
                     go.Histogram(x=[120e3, 130e3, 200e3], name="app")])
    _write(pay, folder / "pay.html")
    _write(go.Figure([go.Heatmap(z=[[1, 2], [3, 4]])]), folder / "hiring.html")
    _write(go.Figure([go.Pie(labels=["a", "b"], values=[1, 2])]), folder / "index.html")
    _write(go.Figure([go.Table(header={"values": ["title"]},
                               cells={"values": [["&lt;escaped&gt;"]]})]),
           folder / "examples.html")
    _page(folder / "methodology.html", "<h1>Methodology</h1><p>No charts on this page.</p>")
    return folder


@pytest.fixture(scope="module")
def bad_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad_pages")
    bars = go.Figure([go.Bar(x=["a"], y=[1])])
    _write(bars, folder / "ok.html")  # also provides plotly.min.js for the pages below
    html = (folder / "ok.html").read_text(encoding="utf-8")
    (folder / "console_error.html").write_text(
        html.replace("</body>", "<script>console.error('boom')</script></body>"))
    (folder / "page_error.html").write_text(
        html.replace("</body>", "<script>throw new Error('kaboom')</script></body>"))
    (folder / "dialog.html").write_text(
        html.replace("</body>", "<script>alert('hi')</script></body>"))
    (folder / "missing_file.html").write_text(
        html.replace("</body>", "<img src='missing.png'></body>"))
    (folder / "no_plotly.html").write_text(html.replace('src="plotly.min.js"', 'src="gone.js"'))
    bars.write_html(folder / "cdn.html", include_plotlyjs="cdn")
    _write(go.Figure(), folder / "no_traces.html")
    return folder


def test_harness_passes_good_pages(chromium, good_pages: Path) -> None:
    reports = check_pages(good_pages, label="harness_good", context=chromium)
    assert [r.name for r in reports] == sorted(f"{p}.html" for p in REPORT_PAGES)
    assert not describe(reports), describe(reports)
    by_name = {r.name: r for r in reports}
    assert by_name["methodology.html"].charts == []
    for name in ("demand.html", "pay.html", "hiring.html", "index.html", "examples.html"):
        charts = by_name[name].charts
        assert charts and all(c.has_svg and c.n_traces and c.n_drawn for c in charts), name
    assert "<escaped>" in by_name["examples.html"].text
    for report in reports:
        assert report.screenshot.read_bytes().startswith(PNG), report.name


def test_harness_catches_broken_pages(chromium, bad_pages: Path) -> None:
    reports = {r.name: r for r in check_pages(bad_pages, label="harness_bad", context=chromium,
                                              draw_timeout_ms=3_000)}
    expected = {
        "ok.html": None,
        "console_error.html": "console error: boom",
        "page_error.html": "page error: Error: kaboom",
        "dialog.html": "dialog: alert: hi",
        "missing_file.html": "failed request: file://",
        "no_plotly.html": "has no svg.main-svg",
        "cdn.html": "non-file request: https://cdn.plot.ly/",
        "no_traces.html": "none of the 1 charts drew a trace",
    }
    assert set(reports) == set(expected)
    for name, problem in expected.items():
        found = reports[name].problems()
        if problem is None:
            assert not found, (name, found)
        else:
            assert any(problem in p for p in found), (name, found)


@pytest.fixture(scope="module")
def slice_reports(slice_warehouse: Path) -> Path:
    """The pages the refresh graph wrote from the snapshot slice (`run_graph` puts them beside
    the warehouse), so no second run is needed."""
    return slice_warehouse.parent / "reports"


@pytest.mark.xfail(not REPORTS_WIRED, reason="reports generator not yet wired", strict=False)
def test_report_pages_render(chromium, slice_reports: Path) -> None:
    import pipelines.reports  # noqa: F401 - fails clearly while the generator is absent

    assert sorted(p.stem for p in slice_reports.glob("*.html")) == sorted(REPORT_PAGES)
    # One shared Plotly bundle that every page loads from beside it (works offline).
    assert [p.name for p in slice_reports.glob("*.js")] == ["plotly.min.js"]
    for page in slice_reports.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert re.search(r"<script[^>]*\ssrc=[\"']plotly\.min\.js[\"']", html), page.name
    reports = check_pages(slice_reports, label="slice", context=chromium)
    assert not describe(reports), describe(reports)
    charted = [r for r in reports if r.charts]
    assert {"demand.html", "pay.html", "hiring.html"} <= {r.name for r in charted}
