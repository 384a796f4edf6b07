"""Running the SQL files under `warehouse/` (schema and one file per core table)."""

from __future__ import annotations

from duckdb import DuckDBPyConnection

from pipelines.common.settings import SQL_DIR


def ensure_schema(conn: DuckDBPyConnection) -> None:
    """Create the raw, staging and core schemas and the staging tables if absent."""
    conn.execute((SQL_DIR / "schema.sql").read_text())


def build_core_table(conn: DuckDBPyConnection, table: str) -> int:
    """(Re)build core.<table> from its SQL file in one transaction; returns its row count."""
    ensure_schema(conn)
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute((SQL_DIR / "core" / f"{table}.sql").read_text())
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return conn.execute(f"SELECT count(*) FROM core.{table}").fetchone()[0]
