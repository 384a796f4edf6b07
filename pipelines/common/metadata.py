"""Asset metadata helpers: small markdown tables for the Dagster UI."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dagster import MetadataValue


def cell(value: object, width: int = 60) -> str:
    """A markdown table cell: cut to width, pipes and angle brackets escaped, one line."""
    text = "" if value is None else str(value)
    return text[:width].replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def markdown_table(rows: Iterable[Sequence[object]], header: Sequence[str]) -> MetadataValue:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return MetadataValue.md("\n".join(lines))
