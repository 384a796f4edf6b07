"""The notebooks in notebooks/ run top to bottom against a warehouse built from the snapshot
slice, and are committed with their outputs cleared."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pipelines.common.settings import REPO_ROOT

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 60  # seconds per cell; the slice warehouse answers in well under a second


def test_notebooks_exist() -> None:
    assert {p.name for p in NOTEBOOKS} >= {"explore_a_layer.ipynb",
                                           "compare_two_companies.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_committed_clean(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    dirty = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code"
             and (c.outputs or c.execution_count is not None)]
    assert not dirty, f"{path.name}: clear the outputs of cells {dirty} before committing"


def _run(path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("JOBSTACK_WAREHOUSE", str(warehouse))  # the kernel inherits it
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    return notebook


def _text(notebook: nbformat.NotebookNode) -> str:
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_the_slice(path: Path, slice_warehouse: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # The notebooks open the warehouse read-only, so the shared fixture is safe to use.
    text = _text(_run(path, slice_warehouse, monkeypatch))
    assert f"Warehouse: {slice_warehouse}" in text
    assert "Skipped:" not in text  # every table they read is built by the full graph


def test_notebooks_say_which_tables_are_missing(slice_warehouse: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # A warehouse whose later steps have not run yet (no layers, pay, skills): every notebook
    # still runs and says what it skipped instead of failing.
    import duckdb

    warehouse = tmp_path / "partial.duckdb"
    shutil.copyfile(slice_warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as conn:
        for table in ("posting_layers", "posting_pay", "posting_skills"):
            conn.execute(f"DROP TABLE IF EXISTS core.{table}")
    for path in NOTEBOOKS:
        text = _text(_run(path, warehouse, monkeypatch))
        assert "Skipped: core.posting_layers not in partial.duckdb yet" in text, path.name
