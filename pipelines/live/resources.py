"""Resources of the live refresh: the HTTP client settings and the landing zone."""

from __future__ import annotations

from dagster import ConfigurableResource

from pipelines.live.http import USER_AGENT, HttpClient
from pipelines.live.landing import LandingZone, landing_dir


class HttpResource(ConfigurableResource):
    """Settings of the shared HTTP client (see `pipelines.live.http`)."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    max_retries: int = 3
    backoff_seconds: float = 2.0
    max_wait_seconds: float = 120.0
    # Overrides every per-host interval when set (a local mirror, or tests).
    min_interval_seconds: float | None = None

    def client(self) -> HttpClient:
        spacing = {} if self.min_interval_seconds is None else {
            "min_interval": self.min_interval_seconds, "host_intervals": {}}
        return HttpClient(user_agent=self.user_agent,
                          timeout=(self.connect_timeout, self.read_timeout),
                          max_retries=self.max_retries, backoff=self.backoff_seconds,
                          max_wait=self.max_wait_seconds, **spacing)


class LandingResource(ConfigurableResource):
    """Where fetch assets write raw responses ($JOBSTACK_LANDING, default `<repo>/landing/`)."""

    root: str

    def zone(self) -> LandingZone:
        return LandingZone(self.root)


def live_resources() -> dict[str, object]:
    return {"landing": LandingResource(root=str(landing_dir())), "http": HttpResource()}
