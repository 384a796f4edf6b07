"""Shared fixtures: the real snapshot, a small slice of it, and warehouses built from them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from snapshot_slice import build_slice  # noqa: E402

from pipelines.common import settings  # noqa: E402


@pytest.fixture(scope="session")
def snapshot_dir() -> Path:
    path = Path(os.environ.get("JOBSTACK_SNAPSHOT", settings.REPO_ROOT.parent / "shared"
                               / "snapshot"))
    if not (path / "MANIFEST.md").exists():
        pytest.fail(f"snapshot not found at {path}; set JOBSTACK_SNAPSHOT")
    return path


@pytest.fixture(scope="session")
def snapshot_slice(tmp_path_factory: pytest.TempPathFactory, snapshot_dir: Path) -> Path:
    return build_slice(snapshot_dir, tmp_path_factory.mktemp("snapshot_slice"))


def run_graph(snapshot: Path, warehouse: Path, select: str | None = None,
              reports: Path | None = None, gate_floor: float | None = None):
    """Run the refresh job in-process against the given snapshot and warehouse file; reports go
    beside the warehouse unless given. `gate_floor` replaces the classifier gate's floors
    (a model trained on a slice learns from far fewer postings than the full snapshot's)."""
    from dagster import AssetSelection, DagsterInstance

    from pipelines.classify.resources import ClassifierGate
    from pipelines.common.resources import make_resources
    from pipelines.definitions import build_definitions

    resources = make_resources(snapshot, warehouse, reports or warehouse.parent / "reports")
    if gate_floor is not None:
        resources["classifier_gate"] = ClassifierGate(floor=gate_floor,
                                                      floor_title_only=gate_floor)
    defs = build_definitions(resources)
    keys = None
    if select:
        keys = list(AssetSelection.from_string(select).resolve(defs.resolve_asset_graph()))
    with DagsterInstance.ephemeral() as instance:
        return defs.resolve_job_def("refresh").execute_in_process(
            instance=instance, asset_selection=keys, raise_on_error=False)


def fingerprint(warehouse: Path) -> dict[str, tuple[int, int]]:
    """(row count, order-independent content hash) of every raw, staging and core table."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT schema_name || '.' || table_name FROM duckdb_tables() "
            "WHERE schema_name IN ('raw', 'staging', 'core') ORDER BY 1").fetchall()]
        return {t: tuple(conn.execute(
            f"SELECT count(*), coalesce(sum(hash(t::VARCHAR)), 0) FROM {t} AS t").fetchone())
            for t in tables}


@pytest.fixture(scope="session")
def slice_warehouse(tmp_path_factory: pytest.TempPathFactory, snapshot_slice: Path) -> Path:
    """A warehouse built once from the slice; tests must only read it."""
    database = tmp_path_factory.mktemp("slice_warehouse") / "jobstack.duckdb"
    result = run_graph(snapshot_slice, database)
    assert result.success
    return database


@pytest.fixture(scope="session")
def full_run(tmp_path_factory: pytest.TempPathFactory, snapshot_dir: Path):
    """The whole snapshot refreshed once into a temporary warehouse: (result, database)."""
    database = tmp_path_factory.mktemp("full_warehouse") / "jobstack.duckdb"
    return run_graph(snapshot_dir, database), database
