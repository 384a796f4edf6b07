"""HTTP for the live refresh: one `requests` session with a descriptive User-Agent, per-host rate
limits, timeouts, retries with exponential backoff that honour `Retry-After`, and a per-host
circuit breaker so an unreachable host costs seconds, not one backoff cycle per board.

Errors never escape as `requests` exceptions: every failure becomes a `FetchError` whose reason
says what happened (status, timeout, connection), which the landing code records per board.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests

USER_AGENT = "jobstack/0.1 (+https://github.com/jobstack)"
# Statuses worth another try: rate limited, or a server-side hiccup.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Polite defaults; the public job-board APIs publish no limits, BLS asks for restraint.
HOST_INTERVALS = {
    "boards-api.greenhouse.io": 0.5,
    "api.lever.co": 0.5,
    "api.eu.lever.co": 0.5,
    "api.ashbyhq.com": 0.5,
    "hacker-news.firebaseio.com": 0.05,
    "www.bls.gov": 2.0,
}


class FetchError(Exception):
    """A request or response the caller cannot use; `reason` is shown in the UI as is."""

    def __init__(self, reason: str, status: int | None = None, body: bytes | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.body = body  # the unusable response, kept for the rejected-files folder


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class HttpClient:
    """GET with rate limits and retries. `sleep` and `clock` are injectable for tests."""

    session: requests.Session = field(default_factory=requests.Session)
    user_agent: str = USER_AGENT
    timeout: tuple[float, float] = (10.0, 60.0)  # (connect, read) seconds
    max_retries: int = 3
    backoff: float = 2.0  # first wait without Retry-After; doubles per attempt
    max_wait: float = 120.0  # a longer Retry-After fails the request instead of stalling
    min_interval: float = 0.5  # between requests to one host, unless HOST_INTERVALS says
    host_intervals: Mapping[str, float] = field(default_factory=lambda: dict(HOST_INTERVALS))
    breaker: int = 5  # consecutive connection failures after which a host is skipped
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last_request: dict[str, float] = field(default_factory=dict)
    _host_failures: dict[str, int] = field(default_factory=dict)

    def get(self, url: str, params: Mapping[str, str] | None = None,
            headers: Mapping[str, str] | None = None) -> requests.Response:
        """The response (2xx or 304), or a FetchError once retries are exhausted."""
        host = urlsplit(url).hostname or ""
        if self._host_failures.get(host, 0) >= self.breaker:
            raise FetchError(f"skipped: {host} unreachable ({self.breaker} consecutive "
                             "connection failures in this run)")
        request_headers = {"User-Agent": self.user_agent, **(headers or {})}
        attempt = 0
        while True:
            self._throttle(host)
            status = wait = None
            try:
                response = self.session.get(url, params=params, headers=request_headers,
                                            timeout=self.timeout)
            except requests.Timeout as err:
                failure = f"timeout after {self.timeout[1]:.0f}s: {type(err).__name__}"
                self._host_failures[host] = self._host_failures.get(host, 0) + 1
            except requests.RequestException as err:
                failure = f"connection failed: {type(err).__name__}: {err}"
                self._host_failures[host] = self._host_failures.get(host, 0) + 1
            else:
                self._host_failures[host] = 0
                status = response.status_code
                if status not in RETRY_STATUSES:
                    if status == 404:
                        raise FetchError("not found (404): board removed or renamed", status)
                    if status >= 400:
                        raise FetchError(f"HTTP {status}", status, response.content[:2000])
                    return response
                failure = f"HTTP {status}"
                wait = retry_after_seconds(response.headers.get("Retry-After"))
            if self._host_failures.get(host, 0) >= self.breaker or attempt >= self.max_retries:
                raise FetchError(f"{failure} (gave up after {attempt + 1} attempts)", status)
            if wait is None:
                wait = self.backoff * 2**attempt
            if wait > self.max_wait:
                raise FetchError(f"{failure}: Retry-After {wait:.0f}s exceeds the "
                                 f"{self.max_wait:.0f}s cap", status)
            self.sleep(wait)
            attempt += 1

    def _throttle(self, host: str) -> None:
        interval = self.host_intervals.get(host, self.min_interval)
        last = self._last_request.get(host)
        if last is not None:
            remaining = interval - (self.clock() - last)
            if remaining > 0:
                self.sleep(remaining)
        self._last_request[host] = self.clock()
