"""The report site: pages written to the reports folder from the warehouse."""

import hashlib

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset
from dagster_duckdb import DuckDBResource

from pipelines.common.resources import ReportsResource
from pipelines.reports.site import build_site
from pipelines.warehouse.assets import core_key

GROUP = "reports"


@asset(key=AssetKey(["reports", "site"]), group_name=GROUP, kinds={"html", "plotly"},
       deps=[core_key("claims"), core_key("posting_pay"), core_key("requirement_metrics"),
             core_key("posting_layers"), core_key("wage_baselines")],
       description="Scorecard, demand, pay, who-is-hired, methodology and example pages, "
                   "sharing one plotly.min.js; they open from disk with no network.")
def report_site(context: AssetExecutionContext, warehouse: DuckDBResource,
                reports: ReportsResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        files = build_site(conn)
    folder = reports.folder()
    for name, content in files.items():
        target = folder / name
        temporary = target.with_suffix(target.suffix + ".tmp")
        temporary.write_text(content, encoding="utf-8")
        temporary.replace(target)  # readers never see a half-written page
    context.log.info(f"reports: {len(files)} files written to {folder}")
    return MaterializeResult(metadata={
        "folder": MetadataValue.path(str(folder)),
        "index": MetadataValue.url(f"file://{folder / 'index.html'}"),
        "files": MetadataValue.json({name: len(content) for name, content in files.items()}),
        "index_sha256": hashlib.sha256(files["index.html"].encode()).hexdigest(),
    })


REPORT_ASSETS = [report_site]
