"""Open a folder of HTML report pages in a real headless Chromium and record what went wrong.

`check_pages(folder)` loads every `*.html` page from disk (`file://`), with all network
traffic blocked, and returns one `PageReport` per page: console errors, uncaught page errors,
failed requests, requests that tried to leave the machine, dialogs (alert/confirm/prompt),
each Plotly chart's drawing state, the visible text and a full-page screenshot.
`PageReport.problems()` lists every reason the page is broken; tests assert it is empty.

The browser is the system's Chromium (Debian package `chromium`) driven by Playwright; the
Playwright-managed browser download (`playwright install`) is never used.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipelines.common.settings import REPO_ROOT

CHROMIUM = Path(os.environ.get("JOBSTACK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
# Schemes a page may load without touching the network.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
# Plotly draws asynchronously after `load`; a chart that has not drawn by then never will.
DRAW_TIMEOUT_MS = 15_000

# Drawing state of every chart: `svg.main-svg` exists, how many traces Plotly holds for it
# (`_fullData`) and how many trace groups it actually rendered into the SVG (cartesian traces
# sit in `.mlayer` groups, e.g. `g.trace` for bars, `g.hm` for heatmaps; pies draw `g.slice`).
_CHARTS_JS = """
() => Array.from(document.querySelectorAll('.plotly-graph-div')).map((gd, i) => ({
    id: gd.id || `#${i}`,
    has_svg: gd.querySelector('svg.main-svg') !== null,
    n_traces: Array.isArray(gd._fullData) ? gd._fullData.length : 0,
    n_drawn: gd.querySelectorAll(['.mlayer > g', 'g.trace', 'g.slice', 'g.table']
        .map(s => `svg.main-svg ${s}`).join(', ')).length,
}))
"""
# True once every chart has its SVG, or at once when Plotly never loaded (called after the
# `load` event, so every script has run: without `Plotly` nothing will ever draw).
_ALL_DRAWN_JS = """
() => typeof window.Plotly === 'undefined'
      || Array.from(document.querySelectorAll('.plotly-graph-div'))
             .every(gd => gd.querySelector('svg.main-svg') !== null)
"""


def require_chromium() -> Path:
    """The Chromium binary; skip (outside CI) or fail (in CI) with the reason when absent."""
    if CHROMIUM.exists():
        return CHROMIUM
    reason = (f"Chromium not found at {CHROMIUM}; install it with "
              "`apt-get install -y chromium` (the browser tests need a real browser)")
    if os.environ.get("CI"):
        pytest.fail(reason)  # CI installs it in .ci/run, so absence there is a real failure
    pytest.skip(reason)


@dataclass
class Chart:
    id: str
    has_svg: bool
    n_traces: int
    n_drawn: int


@dataclass
class PageReport:
    name: str
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    text: str = ""
    probes: dict[str, object] = field(default_factory=dict)
    screenshot: Path | None = None
    load_error: str | None = None

    def problems(self) -> list[str]:
        found = [f"load: {self.load_error}"] if self.load_error else []
        found += [f"console error: {m}" for m in self.console_errors]
        found += [f"page error: {m}" for m in self.page_errors]
        found += [f"failed request: {m}" for m in self.failed_requests]
        found += [f"non-file request: {m}" for m in self.external_requests]
        found += [f"dialog: {m}" for m in self.dialogs]
        found += [f"chart {c.id} has no svg.main-svg" for c in self.charts if not c.has_svg]
        # A single chart may legitimately be empty (e.g. "insufficient data"); a page whose
        # charts together draw nothing is broken.
        if self.charts and not any(c.n_traces and c.n_drawn for c in self.charts):
            found.append(f"none of the {len(self.charts)} charts drew a trace")
        return found


@contextmanager
def chromium_context() -> Iterator[object]:
    """A Playwright browser context on the system Chromium with a fresh, throw-away profile."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    profile = Path(tempfile.mkdtemp(prefix="jobstack-chromium-"))
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(profile), executable_path=str(executable), headless=True,
                args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900},
                service_workers="block")
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)



def check_pages(folder: Path, label: str | None = None, context: object | None = None,
                draw_timeout_ms: int = DRAW_TIMEOUT_MS, probes: dict[str, str] | None = None
                ) -> list[PageReport]:
    """Load every `*.html` page of `folder` and report on it; screenshots go to
    `test-artifacts/screenshots/<label>/` (label defaults to the folder name). Pass an open
    `chromium_context()` to reuse one browser for several folders; `probes` are extra
    JavaScript functions evaluated on each page once drawn (results in `PageReport.probes`)."""
    shots = SCREENSHOTS / (label or Path(folder).name)
    shutil.rmtree(shots, ignore_errors=True)  # no stale screenshots from an earlier run
    shots.mkdir(parents=True, exist_ok=True)
    if context is not None:
        return _check_folder(context, Path(folder), shots, draw_timeout_ms, probes or {})
    with chromium_context() as fresh:
        return _check_folder(fresh, Path(folder), shots, draw_timeout_ms, probes or {})


def _check_folder(context, folder: Path, shots: Path, draw_timeout_ms: int,
                  probes: dict[str, str]) -> list[PageReport]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # One tab for the whole folder: its renderer keeps the compiled plotly.min.js, which
    # halves the load time per page; events go to the report of the page being loaded.
    current: list[PageReport] = []
    page = context.new_page()

    def on_request(request) -> None:
        if current and not request.url.startswith(LOCAL_SCHEMES):
            current[0].external_requests.append(request.url)

    def on_failed(request) -> None:
        # An aborted external request is already reported as non-file; don't count it twice.
        if current and request.url.startswith(LOCAL_SCHEMES):
            current[0].failed_requests.append(f"{request.url} ({request.failure})")

    def on_console(message) -> None:
        if current and message.type == "error":
            where = message.location or {}
            current[0].console_errors.append(
                f"{message.text} @ {where.get('url', '')}:{where.get('lineNumber', '')}")

    def on_page_error(error) -> None:
        if current:
            current[0].page_errors.append(f"{error.name}: {error.message}")

    def on_dialog(dialog) -> None:
        if current:
            current[0].dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("dialog", on_dialog)
    # Reports must work offline: anything that would leave the machine is blocked (and
    # reported by on_request).
    page.route(re.compile(r"^(https?|wss?|ftp):"), lambda route: route.abort("blockedbyclient"))
    reports = []
    try:
        for path in sorted(folder.glob("*.html")):
            report = PageReport(name=path.name, url=path.resolve().as_uri())
            current[:] = [report]
            try:
                page.goto(report.url, wait_until="load")
                # Undrawn charts are reported per chart below: a timeout is not an error here.
                with suppress(PlaywrightTimeout):
                    page.wait_for_function(_ALL_DRAWN_JS, timeout=draw_timeout_ms)
                page.wait_for_timeout(150)  # let late console errors and dialogs arrive
                report.charts = [Chart(**c) for c in page.evaluate(_CHARTS_JS)]
                report.text = page.inner_text("body")
                report.probes = {name: page.evaluate(js) for name, js in probes.items()}
                report.screenshot = shots / f"{path.stem}.png"
                page.screenshot(path=str(report.screenshot), full_page=True)
            except PlaywrightError as exc:  # a page that cannot load is a finding
                report.load_error = f"{type(exc).__name__}: {exc}"
            reports.append(report)
            # Park on a blank page so nothing late from this page is charged to the next.
            page.goto("about:blank")
    finally:
        current.clear()
        page.close()
    return reports


def describe(reports: list[PageReport]) -> str:
    """One block per broken page, for assertion messages."""
    return "\n".join(f"{r.name}:\n  " + "\n  ".join(r.problems())
                     for r in reports if r.problems())
