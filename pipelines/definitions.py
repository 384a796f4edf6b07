"""The Dagster code location: every domain's assets, checks and jobs, with default resources."""

from dagster import Definitions, in_process_executor

from pipelines.common.resources import make_resources
from pipelines.ingestion.assets import SOURCE_ASSETS
from pipelines.ingestion.checks import SOURCE_CHECKS
from pipelines.pay.assets import PAY_ASSETS
from pipelines.pay.checks import PAY_CHECKS
from pipelines.warehouse.assets import CORE_ASSETS
from pipelines.warehouse.checks import CORE_CHECKS
from pipelines.warehouse.jobs import refresh_job


def build_definitions(resources: dict[str, object]) -> Definitions:
    return Definitions(
        assets=[*SOURCE_ASSETS, *CORE_ASSETS, *PAY_ASSETS],
        asset_checks=[*SOURCE_CHECKS, *CORE_CHECKS, *PAY_CHECKS],
        jobs=[refresh_job],
        resources=resources,
        executor=in_process_executor,  # DuckDB allows one writer at a time
    )


defs = build_definitions(make_resources())
