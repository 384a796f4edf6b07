"""The whole snapshot, as `make run` builds it: every folder lands, the counts the MANIFEST
and the issue state hold, and every check passes."""

import duckdb

from pipelines.cli import main
from pipelines.ingestion.sources import SOURCES


def test_full_refresh_lands_every_source_with_expected_counts(full_run):
    result, database = full_run
    assert result.success
    failed = [(c.asset_key.to_user_string(), c.check_name)
              for c in result.get_asset_check_evaluations() if not c.passed]
    assert failed == []
    with duckdb.connect(str(database), read_only=True) as conn:
        per_source = dict(conn.execute(
            "SELECT source, count(*) FROM core.postings GROUP BY 1").fetchall())
        folders = {r[0].split("/")[0] for r in conn.execute("SELECT file FROM raw.files")
                   .fetchall()}
        total, canonical = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE is_canonical) FROM core.postings").fetchone()
        quarantined = conn.execute("SELECT count(*) FROM core.quarantine").fetchone()[0]
        salaries = dict(conn.execute(
            "SELECT source, count(*) FROM core.salary_observations GROUP BY 1").fetchall())
    assert folders == {s.folder for s in SOURCES}
    assert per_source["greenhouse_boards"] == 126_141
    assert per_source["hn_whoishiring"] == 264 + 441 + 343
    assert per_source["anthropic_job_watch"] == 444
    assert per_source["ailab_2025_02"] == 447
    assert per_source["hn_extracted_2022_2025"] == 10_242
    assert 190_000 <= canonical <= total <= 215_000
    assert salaries["aijobs_salaries"] == 59_325
    assert quarantined < 20


def test_status_prints_counts_per_table_and_source(full_run, capsys):
    _, database = full_run
    assert main(["--warehouse", str(database), "status"]) == 0
    out = capsys.readouterr().out
    assert "core.postings" in out and "126,141" in out
    for source in SOURCES:
        assert source.name in out


def test_status_without_a_warehouse_says_so(tmp_path, capsys):
    assert main(["--warehouse", str(tmp_path / "none.duckdb"), "status"]) == 1
    assert "run `jobstack refresh` first" in capsys.readouterr().err
