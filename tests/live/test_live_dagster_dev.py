"""`dagster dev` starts on a free local port with a temporary DAGSTER_HOME (holding the repo's
dagster.yaml) and its GraphQL API lists the live assets, schedules and sensor. Schedules and
sensors start stopped, and the process gets a dead proxy, so nothing can reach a real API."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from pipelines.common.settings import REPO_ROOT

QUERY = """{
  assetNodes { assetKey { path } }
  repositoriesOrError { ... on RepositoryConnection { nodes {
    schedules { name scheduleState { status } }
    sensors { name sensorState { status } }
  } } }
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_dagster_dev_serves_the_live_definitions(tmp_path: Path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO_ROOT / ".dagster_home" / "dagster.yaml", home / "dagster.yaml")
    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home),
           "JOBSTACK_LANDING": str(tmp_path / "landing"),
           "JOBSTACK_WAREHOUSE": str(tmp_path / "w.duckdb"),
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "NO_PROXY": "127.0.0.1,localhost", "DAGSTER_DISABLE_TELEMETRY": "1"}
    log = (tmp_path / "dagster_dev.log").open("wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "dagster"), "dev", "-m", "pipelines.definitions",
         "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    data = None
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            try:
                reply = requests.post(f"http://127.0.0.1:{port}/graphql", json={"query": QUERY},
                                      timeout=5, proxies={"http": "", "https": ""})
                data = reply.json().get("data")
                if data and data["assetNodes"]:
                    break
            except (requests.RequestException, ValueError):
                pass
            time.sleep(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # our own process group: dagster dev and children
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
    assert data, (tmp_path / "dagster_dev.log").read_text()[-3000:]
    keys = {"/".join(node["assetKey"]["path"]) for node in data["assetNodes"]}
    assert {"live/greenhouse", "live/lever", "live/ashby", "live/hn_whoishiring",
            "live/aijobs_salaries", "live/bls_oews", "sources/greenhouse_daily",
            "core/postings"} <= keys
    (repo,) = data["repositoriesOrError"]["nodes"]
    schedules = {s["name"]: s["scheduleState"]["status"] for s in repo["schedules"]}
    sensors = {s["name"]: s["sensorState"]["status"] for s in repo["sensors"]}
    assert schedules == {"live_boards_daily": "STOPPED", "live_hn_monthly": "STOPPED",
                         "live_reference_quarterly": "STOPPED"}
    assert sensors == {"hn_new_thread": "STOPPED"}
