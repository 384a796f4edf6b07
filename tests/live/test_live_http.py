"""The HTTP client: User-Agent, rate limits, retries with backoff, Retry-After, timeouts,
conditional requests and the per-host circuit breaker. No network: `responses` answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import requests
import responses

from pipelines.live.fetchers import greenhouse_board
from pipelines.live.http import USER_AGENT, FetchError, HttpClient, retry_after_seconds

URL = "https://api.example.test/v1/thing"


class FakeTime:
    """A clock that only moves when someone sleeps; records every wait."""

    def __init__(self):
        self.now = 1000.0
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(round(seconds, 3))
        self.now += seconds

    def clock(self) -> float:
        return self.now


def client(fake: FakeTime, **kwargs) -> HttpClient:
    return HttpClient(sleep=fake.sleep, clock=fake.clock, **{"max_retries": 2, **kwargs})


def test_retry_after_accepts_seconds_and_http_dates():
    now = datetime(2026, 11, 29, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Sun, 29 Nov 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


@responses.activate
def test_user_agent_and_429_retry_after_is_honoured():
    responses.get(URL, status=429, headers={"Retry-After": "7"})
    responses.get(URL, json={"ok": True})
    fake = FakeTime()
    response = client(fake).get(URL)
    assert response.json() == {"ok": True}
    assert 7.0 in fake.waits
    assert responses.calls[0].request.headers["User-Agent"] == USER_AGENT


@responses.activate
def test_retry_after_beyond_the_cap_fails_instead_of_stalling():
    responses.get(URL, status=429, headers={"Retry-After": "3600"})
    fake = FakeTime()
    with pytest.raises(FetchError, match="exceeds"):
        client(fake, max_wait=60).get(URL)
    assert fake.waits == []


@responses.activate
def test_500_then_success_backs_off_exponentially():
    responses.get(URL, status=500)
    responses.get(URL, status=503)
    responses.get(URL, json={"ok": True})
    fake = FakeTime()
    assert client(fake, backoff=1.0, min_interval=0).get(URL).status_code == 200
    assert fake.waits == [1.0, 2.0]


@responses.activate
def test_timeouts_are_retried_then_reported():
    responses.get(URL, body=requests.exceptions.ReadTimeout("read timed out"))
    fake = FakeTime()
    with pytest.raises(FetchError, match="timeout") as err:
        client(fake, backoff=0.5).get(URL)
    assert "3 attempts" in err.value.reason
    assert len(responses.calls) == 3


@responses.activate
def test_404_is_not_retried():
    responses.get(URL, status=404)
    with pytest.raises(FetchError, match="404") as err:
        client(FakeTime()).get(URL)
    assert err.value.status == 404 and len(responses.calls) == 1


@responses.activate
def test_per_host_rate_limit_spaces_requests():
    responses.get(URL, json={})
    responses.get("https://other.example.test/", json={})
    fake = FakeTime()
    http = client(fake, host_intervals={"api.example.test": 2.0}, min_interval=0)
    http.get(URL)
    http.get(URL)
    http.get("https://other.example.test/")  # another host is not held back
    assert fake.waits == [2.0]


@responses.activate
def test_unreachable_host_trips_the_breaker():
    responses.get(URL, body=requests.exceptions.ConnectionError("no route to host"))
    fake = FakeTime()
    http = client(fake, max_retries=10, breaker=3, backoff=0.1)
    with pytest.raises(FetchError, match="connection failed"):
        http.get(URL)
    with pytest.raises(FetchError, match="unreachable"):
        http.get(URL + "/2")
    assert len(responses.calls) == 3


@responses.activate
def test_conditional_request_gets_304():
    responses.get("https://boards-api.greenhouse.io/v1/boards/x/jobs", status=304)
    capture = greenhouse_board(client(FakeTime()), "x", {"etag": '"abc"'})
    assert capture.body is None
    assert responses.calls[0].request.headers["If-None-Match"] == '"abc"'
