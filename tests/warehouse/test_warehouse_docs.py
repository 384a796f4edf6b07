"""The data dictionary documents every column of every core table, and nothing that is gone."""

import re

import duckdb

from pipelines.common.settings import SQL_DIR


def _documented() -> dict[str, set[str]]:
    tables: dict[str, set[str]] = {}
    current = None
    for line in (SQL_DIR / "README.md").read_text().splitlines():
        heading = re.match(r"^## (core\.\w+)", line)
        if heading:
            current = heading.group(1)
            tables[current] = set()
            continue
        row = re.match(r"^\| `(\w+)` \|", line)
        if current and row:
            tables[current].add(row.group(1))
    return tables


def test_every_core_column_is_documented(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        actual: dict[str, set[str]] = {}
        for table, column in conn.execute(
            "SELECT 'core.' || table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'core'"
        ).fetchall():
            actual.setdefault(table, set()).add(column)
    assert _documented() == actual
