"""Benchmark the full refresh against a floor: DuckDB reading the same raw snapshot files.

Reports wall time and peak memory (max RSS) of `jobstack refresh` run in a child process, and
the same for the floor, plus their ratios. Run it on an idle machine:

    .venv/bin/python benchmarks/refresh.py [--snapshot PATH] [--out results.json]

Timings are measurements, not assertions: no test depends on them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# The floor: every JSON and CSV file of the snapshot parsed by DuckDB's readers, which
# decompress and parse in C++ on all cores. The tar.gz and xlsx files have no DuckDB reader;
# the floor reads their bytes through gzip/zip instead. (The two small SQLite files are left
# out of both sides' comparison; they take well under a second.)
FLOOR = r"""
import duckdb, glob, gzip, sys, tarfile, zipfile
root = sys.argv[1]
con = duckdb.connect()
rows = 0
for pattern in ("ashby/*/*.json.gz", "greenhouse_boards/*/*.json.gz",
                "greenhouse_daily/*/*.json.gz", "hn_whoishiring/*.json.gz",
                "hn_whoishiring_2013_2018/*.json.gz", "openai_careers/*.json.gz",
                "anthropic_job_watch/*.json", "anthropic_job_watch/history/*.json"):
    for path in glob.glob(f"{root}/{pattern}"):
        rows += con.execute("SELECT count(*) FROM read_json_auto(?, maximum_object_size=1e9)",
                            [path]).fetchone()[0]
for pattern in ("ailab_tracker/*.csv.gz", "aijobs_salaries/*.csv.gz", "board_registry/*.csv"):
    for path in glob.glob(f"{root}/{pattern}"):
        rows += con.execute("SELECT count(*) FROM read_csv(?, all_varchar=true)",
                            [path]).fetchone()[0]
for path in glob.glob(f"{root}/**/*.tar.gz", recursive=True):
    with tarfile.open(path, "r|gz") as tar:
        for member in tar:
            if member.isfile():
                tar.extractfile(member).read()
for path in glob.glob(f"{root}/**/*.xlsx", recursive=True):
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            book.read(name)
print(rows)
"""


# Runs the command in a fresh interpreter so that its peak RSS is its own, not a high-water
# mark shared with the other measurement.
MEASURE = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, "
    "stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall seconds and peak RSS (MiB) of a command."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], check=True, env=env,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "max_rss_mib": round(int(out.stdout) / 1024, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snapshot", type=Path, default=REPO.parent / "shared" / "snapshot")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "JOBSTACK_WAREHOUSE": f"{scratch}/bench.duckdb",
               "JOBSTACK_REPORTS": f"{scratch}/reports"}
        floor = run([sys.executable, "-c", FLOOR, str(args.snapshot)], env)
        refresh = run([str(REPO / ".venv" / "bin" / "jobstack"), "refresh", "--snapshot",
                       str(args.snapshot)], env)
        database_mib = round(Path(env["JOBSTACK_WAREHOUSE"]).stat().st_size / 2**20, 1)
    result = {
        "cores": os.cpu_count(),
        "floor_duckdb_scan": floor,
        "refresh": refresh,
        "warehouse_mib": database_mib,
        "time_ratio": round(refresh["seconds"] / floor["seconds"], 1),
        "memory_ratio": round(refresh["max_rss_mib"] / floor["max_rss_mib"], 1),
    }
    text = json.dumps(result, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
