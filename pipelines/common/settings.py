"""Where things live by default. Read once, when the Dagster definitions or the CLI load;
assets get paths only through their resources.

- JOBSTACK_SNAPSHOT: the snapshot folder (default `../shared/snapshot` beside the repo).
- JOBSTACK_WAREHOUSE: the DuckDB file (default `warehouse/jobstack.duckdb` in the repo).
- JOBSTACK_REPORTS: the folder of HTML reports (default `reports/` in the repo).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SQL_DIR = REPO_ROOT / "warehouse"
DEFAULT_WAREHOUSE = REPO_ROOT / "warehouse" / "jobstack.duckdb"


def snapshot_dir() -> Path:
    return Path(os.environ.get("JOBSTACK_SNAPSHOT", REPO_ROOT.parent / "shared" / "snapshot"))


def warehouse_path() -> Path:
    return Path(os.environ.get("JOBSTACK_WAREHOUSE", DEFAULT_WAREHOUSE))


def reports_dir() -> Path:
    return Path(os.environ.get("JOBSTACK_REPORTS", REPO_ROOT / "reports"))
