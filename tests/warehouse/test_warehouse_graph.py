"""The whole graph on a real slice of the snapshot: counts, keys, links, idempotency."""

from __future__ import annotations

import json

import duckdb
from conftest import fingerprint, run_graph

from pipelines.ingestion.sources import POSTING_SOURCES, SOURCES


def test_definitions_load_with_every_source_and_core_table():
    from pipelines.definitions import defs

    keys = {k.to_user_string() for k in defs.resolve_all_asset_keys()}
    assert {f"sources/{s.name}" for s in SOURCES} <= keys
    assert {"core/postings", "core/posting_sightings", "core/posting_links", "core/quarantine",
            "core/salary_observations", "core/wage_baselines", "core/boards"} <= keys
    assert defs.resolve_job_def("refresh") is not None
    assert len(SOURCES) == 15


def test_warehouse_connections_carry_the_memory_limit(tmp_path, monkeypatch):
    from pipelines.common.resources import make_resources

    monkeypatch.setenv("JOBSTACK_DUCKDB_MEMORY", "300MB")
    warehouse = make_resources(tmp_path, tmp_path / "w.duckdb", tmp_path)["warehouse"]
    with warehouse.get_connection() as conn:
        limit = conn.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit == "286.1 MiB"  # 300 MB as DuckDB prints it


def test_every_source_lands_and_checks_pass(snapshot_slice, tmp_path):
    database = tmp_path / "w.duckdb"
    result = run_graph(snapshot_slice, database)
    assert result.success
    failed = [(c.asset_key.to_user_string(), c.check_name)
              for c in result.get_asset_check_evaluations() if not c.passed]
    assert failed == []
    with duckdb.connect(str(database), read_only=True) as conn:
        landed = dict(conn.execute("SELECT source, count(*) FROM raw.files GROUP BY 1").fetchall())
        posting_sources = {r[0] for r in conn.execute("SELECT DISTINCT source FROM core.postings")
                           .fetchall()}
    assert set(landed) == {s.name for s in SOURCES}
    assert posting_sources == set(POSTING_SOURCES)


def test_postings_match_staging_one_row_per_source_id(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        staged = conn.execute(
            "SELECT count(*) FROM (SELECT DISTINCT source, source_id FROM staging.postings)"
        ).fetchone()[0]
        core, keys = conn.execute(
            "SELECT count(*), count(DISTINCT posting_key) FROM core.postings").fetchone()
    assert staged == core == keys


def test_cross_source_duplicates_link_to_one_canonical_row(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        # Anthropic jobs appear in the job watch, the daily lists, the trackers: same ATS id.
        groups = conn.execute("""
            SELECT match_key, list(source ORDER BY source), count(*) FILTER (WHERE is_canonical)
            FROM core.postings WHERE match_key LIKE 'greenhouse:%' GROUP BY match_key
            HAVING count(*) > 1
        """).fetchall()
        links = conn.execute("SELECT count(*) FROM core.posting_links").fetchone()[0]
        linked_rows = conn.execute(
            "SELECT count(*) FROM core.postings WHERE NOT is_canonical").fetchone()[0]
        canonical_sources = dict(conn.execute("""
            SELECT p.source, count(*) FROM core.posting_links AS l
            JOIN core.postings AS p ON p.posting_key = l.canonical_key GROUP BY 1
        """).fetchall())
    assert groups, "the slice holds Anthropic jobs seen by more than one source"
    assert all(canonical == 1 for _, _, canonical in groups)
    assert links == linked_rows > 0
    # The richest source wins: the job watch (with descriptions) over list-only captures.
    assert "anthropic_job_watch" in canonical_sources


def test_sightings_give_first_and_last_seen(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        mismatches = conn.execute("""
            SELECT count(*) FROM core.postings AS p
            JOIN (SELECT posting_key, min(seen_date) AS lo, max(seen_date) AS hi
                  FROM core.posting_sightings GROUP BY 1) AS s USING (posting_key)
            WHERE p.first_seen <> s.lo OR p.last_seen <> s.hi
        """).fetchone()[0]
        daily_span = conn.execute("""
            SELECT max(last_seen - first_seen) FROM core.postings
            WHERE source = 'greenhouse_daily'
        """).fetchone()[0]
    assert mismatches == 0
    assert daily_span >= 2  # three daily captures in the slice


def test_rerun_is_idempotent(snapshot_slice, slice_warehouse, tmp_path):
    database = tmp_path / "twice.duckdb"
    assert run_graph(snapshot_slice, database).success
    first = fingerprint(database)
    assert run_graph(snapshot_slice, database).success
    assert fingerprint(database) == first
    assert first == fingerprint(slice_warehouse)  # and equal to an independent build


def test_quarantine_and_metadata_reach_the_run(snapshot_slice, tmp_path):
    result = run_graph(snapshot_slice, tmp_path / "m.duckdb", select='key:"sources/ailab_tracker"')
    assert result.success
    materialization = result.asset_materializations_for_node("sources__ailab_tracker")[0]
    metadata = materialization.metadata
    assert metadata["quarantined"].value == 4
    assert json.loads(json.dumps(metadata["quarantine_reasons"].value)) == {"placeholder row": 4}
    assert metadata["distinct_postings"].value > 0
