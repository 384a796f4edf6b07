"""Fetch assets: one per ATS or source, each writing raw responses to the landing zone only
(never DuckDB, whose single writer is the ingestion that follows).

The existing source assets read the landing zone through `SnapshotResource` when its root points
there (JOBSTACK_SNAPSHOT=$JOBSTACK_LANDING); `wire_landing_deps` makes each of them depend on the
fetch asset that feeds its folder, so a live job fetches first and ingests after. One failing
board is listed in the metadata and turns the asset's `fetch_complete` check red; a source whose
every request failed fails its step, so nothing downstream runs and the warehouse stays as it was.
"""

from datetime import date, datetime, timedelta

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    Config,
    Failure,
    FreshnessPolicy,
    MaterializeResult,
    MetadataValue,
    MonthlyPartitionsDefinition,
    asset,
)
from pydantic import Field

from pipelines.common.metadata import markdown_table
from pipelines.ingestion.assets import build_source_asset, source_key
from pipelines.ingestion.sources import SOURCES
from pipelines.live.fetchers import AIJOBS_URL
from pipelines.live.landing import (
    BOARD_FOLDERS,
    LandingReport,
    land_aijobs,
    land_bls,
    land_boards,
    land_hn,
    utc_now,
)
from pipelines.live.registry import load_registry
from pipelines.live.resources import HttpResource, LandingResource

GROUP = "live"
CHECK = "fetch_complete"
# Above this share of failed boards the check is an error rather than a warning.
ERROR_SHARE = 0.2
HN_PARTITIONS = MonthlyPartitionsDefinition(start_date="2024-01-01", end_offset=1)
# A daily capture more than a day and a half old means a run was missed or failed.
DAILY_FRESHNESS = FreshnessPolicy.time_window(fail_window=timedelta(hours=36),
                                              warn_window=timedelta(hours=26))
MONTHLY_FRESHNESS = FreshnessPolicy.time_window(fail_window=timedelta(days=40))


def live_key(name: str) -> AssetKey:
    return AssetKey(["live", name])


# Which source asset reads the folder each fetch asset writes. Lever is landed, not ingested.
FEEDS = {
    source_key("greenhouse_daily"): live_key("greenhouse"),
    source_key("ashby"): live_key("ashby"),
    source_key("hn_whoishiring"): live_key("hn_whoishiring"),
    source_key("aijobs_salaries"): live_key("aijobs_salaries"),
    source_key("bls_oews"): live_key("bls_oews"),
}


def wire_landing_deps(assets: list[AssetsDefinition]) -> list[AssetsDefinition]:
    """The source assets, those fed by a fetch asset rebuilt to depend on it."""
    sources = {source_key(s.name): s for s in SOURCES}
    return [build_source_asset(sources[a.key], (FEEDS[a.key],)) if a.key in FEEDS else a
            for a in assets]


def report_result(context: AssetExecutionContext, report: LandingReport, **metadata
                  ) -> MaterializeResult:
    """Metadata and the fetch_complete check for a report; a source that failed completely
    fails the step, so downstream ingestion does not run on nothing."""
    failed = report.failed
    summary = {
        "capture_date": report.capture_date,
        "landed": len(report.landed),
        "records": sum(report.landed.values()),
        "not_modified": len(report.not_modified),
        "skipped": len(report.skipped),
        "failed": len(failed),
        **metadata,
    }
    if report.all_failed:
        raise Failure(
            description=f"{report.source}: every request failed ({len(failed)}), nothing landed;"
                        f" downstream tables left as they were. {report.failure_summary()}",
            metadata={**summary, "failures": MetadataValue.json(failed)},
        )
    for name, reason in failed.items():
        context.log.warning(f"{report.source} {name}: {reason}")
    share = len(failed) / report.attempted if report.attempted else 0.0
    check = AssetCheckResult(
        check_name=CHECK,
        passed=not failed,
        severity=AssetCheckSeverity.ERROR if share > ERROR_SHARE else AssetCheckSeverity.WARN,
        metadata={"failed": len(failed), "failed_share": round(share, 4),
                  "failures": MetadataValue.json(failed)},
    )
    return MaterializeResult(
        metadata={
            **summary,
            "failures": MetadataValue.json(failed),
            "failures_table": markdown_table(sorted(failed.items()), ("name", "reason")),
            "warnings": MetadataValue.json(report.warnings),
            "skipped_reasons": MetadataValue.json(report.skipped),
        },
        check_results=[check],
    )


def _check_spec(key: AssetKey) -> AssetCheckSpec:
    return AssetCheckSpec(CHECK, asset=key, description="Every board or file of the latest "
                          "fetch landed (or was landed earlier); failures listed with reasons.")


class BoardsConfig(Config):
    tokens: list[str] = Field(default=[], description="Poll only these board tokens "
                              "(default: every board of this ATS in registry.yaml).")


def build_board_asset(ats: str) -> AssetsDefinition:
    key = live_key(ats)

    @asset(key=key, group_name=GROUP, kinds={"python"}, check_specs=[_check_spec(key)],
           freshness_policy=DAILY_FRESHNESS, metadata={"landing_folder": BOARD_FOLDERS[ats]},
           description=f"Today's {ats} board captures, landed in "
                       f"{BOARD_FOLDERS[ats]}/<date>/<token>.json.gz.")
    def _fetch(context: AssetExecutionContext, config: BoardsConfig, http: HttpResource,
               landing: LandingResource) -> MaterializeResult:
        version, boards = load_registry()
        boards = [b for b in boards
                  if b.ats == ats and (not config.tokens or b.token in config.tokens)]
        report = land_boards(ats, boards, http.client(), landing.zone(), utc_now())
        return report_result(context, report, registry_version=version, boards=len(boards))

    return _fetch


class HnConfig(Config):
    scan: int = Field(default=12, description="How many of whoishiring's newest submissions "
                      "to search for the month's thread (three a month).")


@asset(key=live_key("hn_whoishiring"), group_name=GROUP, kinds={"python"},
       partitions_def=HN_PARTITIONS, freshness_policy=MONTHLY_FRESHNESS,
       check_specs=[_check_spec(live_key("hn_whoishiring"))],
       metadata={"landing_folder": "hn_whoishiring"},
       description="The month's 'Ask HN: Who is hiring?' top-level comments (Firebase API), "
                   "landed as a run document in hn_whoishiring/<date>.raw.json.gz.")
def live_hn_whoishiring(context: AssetExecutionContext, config: HnConfig, http: HttpResource,
                        landing: LandingResource) -> MaterializeResult:
    month = date.fromisoformat(context.partition_key)
    report = land_hn(http.client(), landing.zone(), month, utc_now(), scan=config.scan)
    return report_result(context, report, month=f"{month:%Y-%m}")


class AijobsConfig(Config):
    url: str = Field(default=AIJOBS_URL, description="The salary export to fetch.")


@asset(key=live_key("aijobs_salaries"), group_name=GROUP, kinds={"python"},
       check_specs=[_check_spec(live_key("aijobs_salaries"))],
       metadata={"landing_folder": "aijobs_salaries"},
       description="The ai-jobs.net salary export, landed as aijobs_salaries/salaries.csv.gz "
                   "(replaced only when it changed upstream).")
def live_aijobs_salaries(context: AssetExecutionContext, config: AijobsConfig,
                         http: HttpResource, landing: LandingResource) -> MaterializeResult:
    report = land_aijobs(http.client(), landing.zone(), utc_now(), config.url)
    return report_result(context, report, url=config.url)


class BlsConfig(Config):
    years: list[int] = Field(default=[], description="May reference years to fetch "
                             "(default: the two latest that can be published).")


def default_bls_years(today: datetime) -> list[int]:
    # May data of year Y is published in spring of Y+1.
    return [today.year - 1, today.year - 2]


@asset(key=live_key("bls_oews"), group_name=GROUP, kinds={"python"},
       check_specs=[_check_spec(live_key("bls_oews"))], metadata={"landing_folder": "bls_oews"},
       description="BLS OEWS national wage files, landed as bls_oews/national_M<year>_dl.xlsx "
                   "(a published year is final: fetched once).")
def live_bls_oews(context: AssetExecutionContext, config: BlsConfig, http: HttpResource,
                  landing: LandingResource) -> MaterializeResult:
    now = utc_now()
    years = config.years or default_bls_years(now)
    report = land_bls(http.client(), landing.zone(), now, years)
    return report_result(context, report, years=str(years))


BOARD_ASSETS = [build_board_asset(ats) for ats in BOARD_FOLDERS]
LIVE_ASSETS = [*BOARD_ASSETS, live_hn_whoishiring, live_aijobs_salaries, live_bls_oews]
