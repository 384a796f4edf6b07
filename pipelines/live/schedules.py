"""When the live refresh runs. Every schedule starts stopped: turn them on in the UI (or with
`dagster schedule start`) on a machine meant to poll the real APIs."""

from dagster import (
    DefaultScheduleStatus,
    RunRequest,
    ScheduleDefinition,
    ScheduleEvaluationContext,
    schedule,
)

from pipelines.live.jobs import live_boards_job, live_hn_job, live_reference_job

live_boards_daily = ScheduleDefinition(
    name="live_boards_daily", job=live_boards_job, cron_schedule="0 6 * * *",
    execution_timezone="UTC", default_status=DefaultScheduleStatus.STOPPED,
    description="Every ATS board in the registry, once a day.")


# The thread opens on the month's first weekday and keeps growing for about a week: capture it
# on the 3rd and again on the 10th (each capture is its own dated file).
@schedule(job=live_hn_job, cron_schedule="0 12 3,10 * *", execution_timezone="UTC",
          default_status=DefaultScheduleStatus.STOPPED,
          description="This month's 'Who is hiring?' thread, on the 3rd and the 10th.")
def live_hn_monthly(context: ScheduleEvaluationContext) -> RunRequest:
    month = context.scheduled_execution_time.date().replace(day=1)
    return RunRequest(partition_key=month.isoformat())


# BLS publishes the May data of one year in the spring of the next; the salary export changes
# rarely, and conditional requests make an unchanged check nearly free.
live_reference_quarterly = ScheduleDefinition(
    name="live_reference_quarterly", job=live_reference_job, cron_schedule="0 7 15 1,4,7,10 *",
    execution_timezone="UTC", default_status=DefaultScheduleStatus.STOPPED,
    description="Salary survey and BLS wage files, quarterly.")

LIVE_SCHEDULES = [live_boards_daily, live_hn_monthly, live_reference_quarterly]
