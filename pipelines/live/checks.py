"""Freshness of the live refresh, beside the assets' own FreshnessPolicy (see assets.py): a
check on the landing zone itself (its newest dated capture), which also catches captures that
stopped arriving for reasons the asset does not see (a stopped schedule, a cleared disk)."""

from dagster import AssetCheckResult, AssetCheckSeverity, asset_check

from pipelines.live.assets import live_key
from pipelines.live.landing import utc_now
from pipelines.live.resources import LandingResource

# (fetch asset, landing folder, newest capture at most this many days old)
LANDING_MAX_AGE = (
    ("greenhouse", "greenhouse_daily", 2),
    ("ashby", "ashby", 2),
    ("lever", "lever", 2),
    ("hn_whoishiring", "hn_whoishiring", 40),
)


def build_landing_check(name: str, folder: str, max_days: int):
    @asset_check(asset=live_key(name), name="landing_fresh", blocking=False,
                 description=f"The newest capture in <landing>/{folder} is at most {max_days} "
                             "days old.")
    def landing_fresh(landing: LandingResource) -> AssetCheckResult:
        newest = landing.zone().newest_date(folder)
        age = (utc_now().date() - newest).days if newest else None
        return AssetCheckResult(
            passed=age is not None and age <= max_days,
            severity=AssetCheckSeverity.WARN,
            metadata={"newest_capture": str(newest) if newest else "none",
                      "age_days": age if age is not None else -1, "max_age_days": max_days},
        )

    return landing_fresh


LIVE_CHECKS = [build_landing_check(*spec) for spec in LANDING_MAX_AGE]
