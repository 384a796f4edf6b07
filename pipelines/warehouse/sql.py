"""Running the SQL files under `warehouse/` (schema and one file per core table)."""

from __future__ import annotations

import pandas as pd
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


def replace_table(conn: DuckDBPyConnection, table: str, columns: dict[str, str],
                  rows: list[dict]) -> None:
    """Replace `table` (typed by `columns`: name -> SQL type) with `rows`, in one transaction.

    Table and column names are code constants, never user input.
    """
    ensure_schema(conn)
    frame = pd.DataFrame(rows, columns=list(columns))
    ddl = ", ".join(f"{name} {sql_type}" for name, sql_type in columns.items())
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute(f"CREATE OR REPLACE TABLE {table} ({ddl})")
        if rows:
            conn.register("replacement_rows", frame)
            conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM replacement_rows")
            conn.unregister("replacement_rows")
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
