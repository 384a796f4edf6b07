"""Where things live by default. Read once, when the Dagster definitions or the CLI load;
assets get paths only through their resources.

- JOBSTACK_SNAPSHOT: the snapshot folder (default `../shared/snapshot` beside the repo).
- JOBSTACK_WAREHOUSE: the DuckDB file (default `warehouse/jobstack.duckdb` in the repo).
- JOBSTACK_REPORTS: the folder of HTML reports (default `reports/` in the repo).
- JOBSTACK_DUCKDB_MEMORY: DuckDB's memory limit for the pipeline's connections (default 500MB;
  DuckDB spills to disk beyond it). Its own default, 80% of RAM, let one source's insert
  transaction hold ~0.9 GB and set the refresh's peak memory (benchmark: 500MB gives a
  1.52 GiB peak in 229 s, 19GB a 2.09 GiB peak in 214 s).

PROCESSES is how many worker processes the CPU-bound Python steps (classifier folds and
scoring, requirement extraction) use.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SQL_DIR = REPO_ROOT / "warehouse"
DEFAULT_WAREHOUSE = REPO_ROOT / "warehouse" / "jobstack.duckdb"
# The project's machines have 2 cores. Fixed rather than read from the host, because the
# classifier's fold fits sum in an order that depends on it, and so does the model version.
PROCESSES = 2


def snapshot_dir() -> Path:
    return Path(os.environ.get("JOBSTACK_SNAPSHOT", REPO_ROOT.parent / "shared" / "snapshot"))


def warehouse_path() -> Path:
    return Path(os.environ.get("JOBSTACK_WAREHOUSE", DEFAULT_WAREHOUSE))


def reports_dir() -> Path:
    return Path(os.environ.get("JOBSTACK_REPORTS", REPO_ROOT / "reports"))


def duckdb_memory_limit() -> str:
    return os.environ.get("JOBSTACK_DUCKDB_MEMORY", "500MB")
