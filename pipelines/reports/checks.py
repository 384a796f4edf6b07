"""Checks beside the reports: every claim is on the scorecard, every page was written."""

import re

from dagster import AssetCheckResult, AssetKey, asset_check

from pipelines.claims.evaluate import load_claims
from pipelines.common.resources import ReportsResource
from pipelines.reports.html import PAGES


@asset_check(asset=AssetKey(["reports", "site"]), blocking=False,
             description="Every page exists and the scorecard shows a verdict for every claim.")
def scorecard_complete(reports: ReportsResource) -> AssetCheckResult:
    folder = reports.folder()
    missing = [name for name, _ in PAGES if not (folder / name).exists()]
    if not (folder / "plotly.min.js").exists():
        missing.append("plotly.min.js")
    index = (folder / "index.html").read_text() if (folder / "index.html").exists() else ""
    shown = set(re.findall(r'href="[a-z]+\.html#([DPS]\d)"', index))
    absent = sorted({c["id"] for c in load_claims()["claims"]} - shown)
    return AssetCheckResult(passed=not missing and not absent,
                            metadata={"missing_files": ", ".join(missing) or "none",
                                      "claims_missing_from_scorecard": ", ".join(absent)
                                      or "none"})


REPORT_CHECKS = [scorecard_complete]
