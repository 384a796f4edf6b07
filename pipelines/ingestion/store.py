"""Writing one source's batch into the raw and staging tables, replacing its previous rows."""

from __future__ import annotations

from typing import Any

import pandas as pd
from duckdb import DuckDBPyConnection

from pipelines.ingestion.batch import Batch
from pipelines.warehouse.sql import ensure_schema

# Every table a source writes to; a source's rows in all of them are replaced together.
SOURCE_TABLES = (
    "raw.files", "raw.records", "staging.postings", "staging.sightings", "staging.quarantine",
    "staging.salary_observations", "staging.wage_baselines", "staging.boards",
    "staging.ai_companies",
)


def write_batch(conn: DuckDBPyConnection, batch: Batch) -> dict[str, int]:
    """Replace the source's rows in every table with the batch, atomically.

    Either all of the new rows land or none do: a failure or a killed process leaves the
    previous rows as they were.
    """
    rows: dict[str, list[dict[str, Any]]] = {
        "raw.files": batch.files,
        "raw.records": batch.raw,
        "staging.postings": batch.posting_rows(),
        "staging.sightings": batch.sightings,
        "staging.quarantine": batch.quarantine,
        **{f"staging.{table}": table_rows for table, table_rows in batch.tables.items()},
    }
    unknown = set(rows) - set(SOURCE_TABLES)
    if unknown:
        raise ValueError(f"batch for {batch.source} has rows for unknown tables {unknown}")
    ensure_schema(conn)
    conn.execute("BEGIN TRANSACTION")
    try:
        for table in SOURCE_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE source = ?", [batch.source])
            _insert(conn, table, batch.source, rows.get(table, []))
        if batch.raw_description_key:
            _fill_description_raw(conn, batch.source, batch.raw_description_key)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return {table: len(table_rows) for table, table_rows in rows.items() if table_rows}


def write_quarantine_only(conn: DuckDBPyConnection, batch: Batch) -> None:
    """Record a failed source's quarantine rows and leave its last good data untouched."""
    ensure_schema(conn)
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("DELETE FROM staging.quarantine WHERE source = ?", [batch.source])
        _insert(conn, "staging.quarantine", batch.source, batch.quarantine)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise


def _fill_description_raw(conn: DuckDBPyConnection, source: str, key: str) -> None:
    conn.execute("""
        UPDATE staging.postings AS p
        SET description_raw = json_extract_string(r.payload, ?)
        FROM raw.records AS r
        WHERE p.source = ? AND r.source = p.source AND r.file = p.file
          AND r.record_key = p.source_id
    """, [f"$.{key}", source])


# Rows per DataFrame handed to DuckDB: converting a whole source at once (160k Greenhouse rows,
# or RemoteWLB's descriptions) doubled the refresh's peak memory.
INSERT_CHUNK = 5_000


def _insert(conn: DuckDBPyConnection, table: str, source: str, rows: list[dict[str, Any]]
            ) -> None:
    for start in range(0, len(rows), INSERT_CHUNK):
        frame = pd.DataFrame.from_records(rows[start:start + INSERT_CHUNK])
        frame.insert(0, "source", source)
        conn.register("batch_rows", frame)
        try:
            conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
        finally:
            conn.unregister("batch_rows")
