"""Resources shared by every domain: the snapshot (input) and the DuckDB warehouse (output)."""

from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource
from dagster_duckdb import DuckDBResource

from pipelines.common import settings


class SnapshotResource(ConfigurableResource):
    """The folder of landed source data (the offline snapshot, or a live landing zone)."""

    root: str

    def folder(self, name: str) -> Path:
        return Path(self.root) / name


class ReportsResource(ConfigurableResource):
    """The folder the HTML reports are written to."""

    root: str

    def folder(self) -> Path:
        path = Path(self.root)
        path.mkdir(parents=True, exist_ok=True)
        return path


def make_resources(snapshot: Path | str | None = None, warehouse: Path | str | None = None,
                   reports: Path | str | None = None) -> dict[str, object]:
    """Resources for the definitions, the CLI and tests; None means the configured default."""
    database = Path(warehouse or settings.warehouse_path())
    database.parent.mkdir(parents=True, exist_ok=True)
    return {
        "snapshot": SnapshotResource(root=str(snapshot or settings.snapshot_dir())),
        "warehouse": DuckDBResource(
            database=str(database),
            connection_config={"memory_limit": settings.duckdb_memory_limit()}),
        "reports": ReportsResource(root=str(reports or settings.reports_dir())),
    }
