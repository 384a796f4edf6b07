"""The Dagster code location: every domain's assets, checks and jobs, with default resources."""

from dagster import Definitions, in_process_executor

from pipelines.claims.assets import CLAIM_ASSETS
from pipelines.classify.assets import CLASSIFY_ASSETS
from pipelines.classify.checks import CLASSIFY_CHECKS
from pipelines.classify.resources import ClassifierGate
from pipelines.common.resources import make_resources
from pipelines.ingestion.assets import SOURCE_ASSETS
from pipelines.ingestion.checks import SOURCE_CHECKS
from pipelines.live.assets import LIVE_ASSETS, wire_landing_deps
from pipelines.live.checks import LIVE_CHECKS
from pipelines.live.jobs import LIVE_JOBS
from pipelines.live.resources import live_resources
from pipelines.live.schedules import LIVE_SCHEDULES
from pipelines.live.sensors import LIVE_SENSORS
from pipelines.pay.assets import PAY_ASSETS
from pipelines.pay.checks import PAY_CHECKS
from pipelines.reports.assets import REPORT_ASSETS
from pipelines.reports.checks import REPORT_CHECKS
from pipelines.requirements.assets import REQUIREMENT_ASSETS
from pipelines.requirements.checks import REQUIREMENT_CHECKS
from pipelines.warehouse.assets import CORE_ASSETS
from pipelines.warehouse.checks import CORE_CHECKS
from pipelines.warehouse.jobs import refresh_job


def build_definitions(resources: dict[str, object]) -> Definitions:
    return Definitions(
        assets=[*wire_landing_deps(SOURCE_ASSETS), *CORE_ASSETS, *PAY_ASSETS,
                *REQUIREMENT_ASSETS, *CLASSIFY_ASSETS, *CLAIM_ASSETS, *REPORT_ASSETS, *LIVE_ASSETS],
        asset_checks=[*SOURCE_CHECKS, *CORE_CHECKS, *PAY_CHECKS, *REQUIREMENT_CHECKS,
                      *CLASSIFY_CHECKS, *REPORT_CHECKS, *LIVE_CHECKS],
        jobs=[refresh_job, *LIVE_JOBS],
        schedules=LIVE_SCHEDULES,
        sensors=LIVE_SENSORS,
        resources={**live_resources(), "classifier_gate": ClassifierGate(), **resources},
        executor=in_process_executor,  # DuckDB allows one writer at a time
    )


defs = build_definitions(make_resources())
