"""The report pages built from the slice warehouse: every claim on the scorecard, escaping,
charts that state n, one shared plotly.js."""

import re

import duckdb

from pipelines.claims.evaluate import load_claims
from pipelines.reports.html import esc, link, table
from pipelines.reports.site import build_site


def test_escaping_helpers_make_markup_inert():
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    assert "<script>" not in esc(hostile) and "<img" not in esc(hostile)
    assert link("javascript:alert(1)", "x") == "x"
    assert link("https://example.test/a?b=1&c=2", "<b>") == (
        '<a href="https://example.test/a?b=1&amp;c=2" rel="noopener noreferrer">&lt;b&gt;</a>')
    assert "<img" not in table(("h",), [(hostile,)])


def test_site_has_every_claim_and_page(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        files = build_site(conn)
        verdicts = dict(conn.execute("SELECT claim_id, verdict FROM core.claims").fetchall())
    assert set(files) == {"index.html", "demand.html", "pay.html", "hiring.html",
                          "methodology.html", "examples.html", "plotly.min.js"}
    index = files["index.html"]
    for claim in load_claims()["claims"]:
        row = re.search(rf'#{claim["id"]}">{claim["id"]}</a>.*?</tr>', index, re.S)
        assert row, claim["id"]
        assert f">{verdicts[claim['id']]}</span>" in row.group(0)
    for statement in load_claims()["out_of_scope"]:
        assert esc(statement["statement"]) in index
    for name, content in files.items():
        if name.endswith(".html"):
            assert content.count('<script src="plotly.min.js"></script>') == 1
            assert "cdn.plot.ly" not in content
            for subtitle in re.findall(r"<sup>(.*?)</sup>", content):
                assert subtitle.startswith("n = "), (name, subtitle)


def test_site_is_byte_identical_when_rebuilt(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        assert build_site(conn) == build_site(conn)


def test_methodology_shows_the_requirement_extractor_scores(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        files = build_site(conn)
        held = dict(conn.execute("SELECT metric, value FROM core.requirement_metrics "
                                 "WHERE sample = 'held_out_all'").fetchall())
        samples = conn.execute(
            "SELECT count(DISTINCT sample) FROM core.requirement_metrics").fetchone()[0]
    assert held, "the slice holds some held-out postings"
    section = files["methodology.html"].split("<h2>Requirement extractor</h2>")[1]
    section = section.split("<h2>")[0]
    line = f"skill families precision {held['skills_p']:.2f} / recall {held['skills_r']:.2f}"
    assert line in section and line in files["hiring.html"]
    assert section.count("<tr>") == 1 + samples  # the header, then one row per scored sample
