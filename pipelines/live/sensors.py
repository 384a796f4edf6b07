"""A sensor that starts the HN capture as soon as whoishiring posts a new 'Who is hiring?'
thread, instead of waiting for the monthly schedule."""

from dagster import (
    DefaultSensorStatus,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from pipelines.live.assets import HN_PARTITIONS
from pipelines.live.fetchers import hn_hiring_threads, thread_month
from pipelines.live.http import FetchError
from pipelines.live.jobs import live_hn_job
from pipelines.live.resources import HttpResource


@sensor(job=live_hn_job, minimum_interval_seconds=6 * 3600,
        default_status=DefaultSensorStatus.STOPPED,
        description="Polls user whoishiring's newest submissions; a new 'Who is hiring?' thread "
                    "starts a capture of its month. The cursor is the newest thread id seen.")
def hn_new_thread(context: SensorEvaluationContext, http: HttpResource
                  ) -> SensorResult | SkipReason:
    try:
        threads = hn_hiring_threads(http.client(), scan=3)
    except FetchError as err:
        return SkipReason(f"could not read whoishiring's submissions: {err.reason}")
    if not threads:
        return SkipReason("no 'Who is hiring?' thread among whoishiring's newest submissions")
    newest = max(threads, key=lambda t: t["id"])
    if context.cursor and int(context.cursor) >= newest["id"]:
        return SkipReason(f"no new thread since {context.cursor}")
    month = thread_month(newest["title"]).isoformat()
    if month not in HN_PARTITIONS.get_partition_keys():
        return SkipReason(f"thread month {month} is outside the partitions")
    return SensorResult(
        run_requests=[RunRequest(run_key=f"hn-thread-{newest['id']}", partition_key=month,
                                 tags={"hn_thread_id": str(newest["id"])})],
        cursor=str(newest["id"]),
    )


LIVE_SENSORS = [hn_new_thread]
