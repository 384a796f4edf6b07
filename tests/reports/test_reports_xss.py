"""Hostile posting text renders as inert text. A copy of the snapshot slice gets postings whose
title (and text, where the source has one) carry script and event-handler payloads: an Ashby
job with a `javascript:` URL, a Hacker News comment written the way HN's API escapes typed
markup (plus raw tags), and a row in the 2025-02 AI-lab SQLite whose key sorts first and which
has pay, so the examples page (paid first, then by posting key) lists it. The graph runs; in
Chromium no dialog fires, no element from the payload exists, and the payload shows as
literal text.

To stay fast the run reuses the slice warehouse: a copy of it (and of its trained layer
classifier) gets only the three changed sources and everything downstream of them re-run."""

from __future__ import annotations

import copy
import gzip
import html
import json
import shutil
import sqlite3
from pathlib import Path

import duckdb
import pytest
from browser import check_pages, describe, require_chromium
from conftest import run_graph

from pipelines.common.settings import REPO_ROOT

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
PAYLOAD = f"{SCRIPT} {IMG}"
ASHBY_ID = "00000000-0000-4000-8000-000000000000"
HN_ID = 1
# `ailab_2025_02:openai:0...` sorts before every other posting key of the slice.
AILAB_ID = "00000000-0000-4000-8000-00000000dead"
HOSTILE_KEYS = (f"ashby:{ASHBY_ID}", f"hn_whoishiring:{HN_ID}", f"ailab_2025_02:openai:{AILAB_ID}")
CHANGED_SOURCES = ("ashby", "hn_whoishiring", "ailab_2025_02")
REPORTS_WIRED = (REPO_ROOT / "pipelines" / "reports" / "__init__.py").exists()

# What the payload could have turned into if it were parsed as markup anywhere on the page.
PROBES = {
    "onerror_imgs": "() => document.querySelectorAll('img[onerror]').length",
    "payload_handlers": """() => Array.from(document.querySelectorAll('*')).filter(
        e => Array.from(e.attributes).some(
            a => a.name.startsWith('on') && a.value.includes('alert('))).length""",
    "payload_scripts": """() => Array.from(document.scripts).filter(
        s => /^\\s*alert\\(\\d\\)\\s*$/.test(s.text)).length""",
    "javascript_links": "() => document.querySelectorAll('a[href^=\"javascript:\" i]').length",
}


def _add_ashby_job(board: Path) -> None:
    doc = json.loads(gzip.decompress(board.read_bytes()))
    # A real job with pay (so the examples page ranks it first), made hostile.
    job = copy.deepcopy(next(j for j in doc["jobs"]
                             if j["compensation"].get("compensationTiers")))
    job.update(id=ASHBY_ID, title=f"Software Engineer, LLM Agents {PAYLOAD}",
               jobUrl="javascript:alert(3)", applyUrl="javascript:alert(3)",
               descriptionPlain=f"{PAYLOAD}\n\n{job['descriptionPlain']}",
               descriptionHtml=f"<p>{html.escape(PAYLOAD)}</p>{job['descriptionHtml']}")
    doc["jobs"].append(job)
    board.write_bytes(gzip.compress(json.dumps(doc).encode()))


def _add_hn_comment(run: Path) -> None:
    doc = json.loads(gzip.decompress(run.read_bytes()))
    first = doc["jobs"][0]
    # HN's API returns what a poster typed as escaped HTML; raw tags are added too, as a
    # source that fails to escape would deliver them.
    header = f"Hostile Labs {html.escape(SCRIPT)} | ML Engineer {html.escape(IMG)} | Remote (US)"
    text = (f"{header}<p>We build LLM agents. {html.escape(PAYLOAD)}<p>$180k - $220k + equity"
            "<p><script>alert(4)</script><img src=x onerror=alert(5)>")
    doc["jobs"].append({"id": HN_ID, "source": first.get("source"), "by": "mallory",
                        "time": first["time"], "text": text})
    run.write_bytes(gzip.compress(json.dumps(doc).encode()))


def _add_ailab_row(database: Path) -> None:
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT first_seen, last_seen FROM jobs WHERE lab_id = 'openai' "
                         "LIMIT 1").fetchone()
        db.execute("INSERT INTO jobs (id, lab_id, title, team, location, type, compensation, "
                   "first_seen, last_seen, is_active) VALUES (?, 'openai', ?, 'Applied AI', "
                   "'San Francisco', 'Full-time', '$200K – $300K', ?, ?, 1)",
                   (AILAB_ID, f"Software Engineer, Backend {PAYLOAD}", *row))


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, snapshot_slice: Path,
                slice_warehouse: Path) -> tuple[Path, Path]:
    """(warehouse, reports folder) after the hostile postings went through the graph."""
    from pipelines.classify.model import model_path

    root = tmp_path_factory.mktemp("hostile")
    snapshot = root / "snapshot"
    shutil.copytree(snapshot_slice, snapshot)
    _add_ashby_job(snapshot / "ashby" / "2025-10-27" / "sierra.json.gz")
    _add_hn_comment(sorted((snapshot / "hn_whoishiring").glob("*.raw.json.gz"))[0])
    _add_ailab_row(snapshot / "ailab_2025-02" / "jobs.db")
    warehouse, reports = root / "jobstack.duckdb", root / "reports"
    shutil.copyfile(slice_warehouse, warehouse)
    selection = " or ".join(f'key:"sources/{s}"+' for s in CHANGED_SOURCES)
    if model_path(slice_warehouse).exists():
        # Training the classifier is most of a slice run and the payload need not be in it.
        shutil.copyfile(model_path(slice_warehouse), model_path(warehouse))
        selection = f'({selection}) and not key:"models/layer_classifier"'
    result = run_graph(snapshot, warehouse, select=selection, reports=reports)
    assert result.success
    return warehouse, reports


def test_hostile_postings_reach_the_warehouse(hostile_run: tuple[Path, Path]) -> None:
    # Guards against a vacuous pass: the payload must survive ingestion as literal text.
    with duckdb.connect(str(hostile_run[0]), read_only=True) as conn:
        rows = {key: (title, text) for key, title, text in conn.execute(
            "SELECT posting_key, title, description FROM core.postings "
            "WHERE posting_key IN (?, ?, ?)", list(HOSTILE_KEYS)).fetchall()}
    assert set(rows) == set(HOSTILE_KEYS)
    for key, (title, text) in rows.items():
        assert SCRIPT in title and IMG in title, key
        assert text is None or (SCRIPT in text and IMG in text), key  # SQLite: title only


@pytest.mark.xfail(not REPORTS_WIRED, reason="reports generator not yet wired", strict=False)
def test_hostile_text_is_inert_in_the_browser(hostile_run: tuple[Path, Path]) -> None:
    import pipelines.reports  # noqa: F401 - fails clearly while the generator is absent

    require_chromium()
    reports = {r.name: r for r in check_pages(hostile_run[1], label="xss", probes=PROBES)}
    assert "examples.html" in reports, sorted(reports)
    # No dialog, console or page error, failed or external request on any page: a fired
    # `onerror` would also show as a failed request for file:///.../x.
    assert not describe(reports.values()), describe(reports.values())
    for name, report in reports.items():
        assert report.probes == dict.fromkeys(PROBES, 0), (name, report.probes)
    examples = reports["examples.html"].text
    # The AI-lab row is paid and its key sorts first, so it leads its layer's examples.
    assert SCRIPT in examples and IMG in examples, "hostile title missing from examples.html"


def test_probes_catch_an_unescaped_payload(tmp_path: Path) -> None:
    # Proves the checks above can fail: the same payload, escaped and not.
    require_chromium()
    for name, body in (("escaped", html.escape(PAYLOAD)), ("raw", PAYLOAD)):
        (tmp_path / f"{name}.html").write_text(
            f"<!doctype html><html><body><table><tr><td>{body}</td></tr></table>"
            f'<a href="{html.escape("javascript:alert(3)")}">x</a></body></html>')
    reports = {r.name: r for r in check_pages(tmp_path, label="xss_probes", probes=PROBES)}
    escaped, raw = reports["escaped.html"], reports["raw.html"]
    assert not escaped.problems() and SCRIPT in escaped.text and IMG in escaped.text
    assert escaped.probes == {**dict.fromkeys(PROBES, 0), "javascript_links": 1}
    assert any(p.startswith("dialog: alert: 1") for p in raw.problems()), raw.problems()
    assert any(p.startswith("dialog: alert: 2") for p in raw.problems()), raw.problems()
    assert raw.probes["onerror_imgs"] == 1 and raw.probes["payload_scripts"] == 1
    assert SCRIPT not in raw.text
