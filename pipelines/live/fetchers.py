"""One small function per public API. Each returns the raw response body (landed as is) after
checking that it has the shape the snapshot adapters read; anything else is a `FetchError`.

Field names were checked against the APIs' public documentation:
- Greenhouse Job Board API (developers.greenhouse.io/job-board.html): `GET /v1/boards/{token}/jobs`
  returns `{"jobs": [...], "meta": {"total": n}}`; `content=true` adds the HTML description and
  `pay_transparency=true` adds `pay_input_ranges: [{min_cents, max_cents, currency_type, title,
  blurb}]` on jobs whose board publishes pay.
- Lever Postings API (github.com/lever/postings-api): `GET /v0/postings/{site}?mode=json` returns a
  JSON array of postings (`id, text, categories, createdAt, hostedUrl, salaryRange, ...`); EU
  accounts answer on api.eu.lever.co; an unknown site is a 404.
- Ashby public posting API (developers.ashbyhq.com, "Public Job Posting API"):
  `GET /posting-api/job-board/{name}?includeCompensation=true` returns
  `{"jobs": [...], "apiVersion": "1"}`.
- Hacker News API (github.com/HackerNews/API): `/v0/user/{id}.json` has `submitted` (newest
  first); `/v0/item/{id}.json` has `id, by, time, text, kids, title, deleted, dead`; a missing
  item is `null`.
- ai-jobs.net salary export: `https://ai-jobs.net/salaries/download/salaries.csv`, columns as in
  the snapshot's `aijobs_salaries` (work_year ... company_size).
- BLS OEWS national file: `https://www.bls.gov/oes/special-requests/oesm{yy}nat.zip` holding
  `oesm{yy}nat/national_M{year}_dl.xlsx`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pipelines.live.http import FetchError, HttpClient

GREENHOUSE_URL = "https://boards-api.greenhouse.io/v1/boards/{token}/jobs"
LEVER_URLS = {None: "https://api.lever.co/v0/postings/{site}",
              "eu": "https://api.eu.lever.co/v0/postings/{site}"}
ASHBY_URL = "https://api.ashbyhq.com/posting-api/job-board/{name}"
HN_API = "https://hacker-news.firebaseio.com/v0"
AIJOBS_URL = "https://ai-jobs.net/salaries/download/salaries.csv"
BLS_URL = "https://www.bls.gov/oes/special-requests/oesm{yy:02d}nat.zip"
AIJOBS_COLUMNS = ("work_year", "experience_level", "employment_type", "job_title", "salary",
                  "salary_currency", "salary_in_usd", "company_location")
_THREAD_TITLE = re.compile(r"^Ask HN: Who is hiring\? \((\w+) (\d{4})\)")
_MONTHS = {name: i for i, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}


@dataclass
class Capture:
    """One usable response. `body` is None when the server said 304 Not Modified."""

    url: str
    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None
    records: int = 0
    warnings: list[str] = field(default_factory=list)


def conditional_headers(validators: dict | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from a previous capture's validators."""
    headers = {}
    if validators and validators.get("etag"):
        headers["If-None-Match"] = validators["etag"]
    if validators and validators.get("last_modified"):
        headers["If-Modified-Since"] = validators["last_modified"]
    return headers


def _get(client: HttpClient, url: str, params: dict | None = None,
         validators: dict | None = None) -> Capture:
    response = client.get(url, params=params, headers=conditional_headers(validators))
    return Capture(url=response.url or url,
                   body=None if response.status_code == 304 else response.content,
                   etag=response.headers.get("ETag"),
                   last_modified=response.headers.get("Last-Modified"))


def _json(capture: Capture) -> Any:
    try:
        return json.loads(capture.body)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise FetchError(f"invalid JSON: {err}", body=capture.body) from err


def _jobs_list(capture: Capture, doc: Any, required: tuple[str, ...]) -> list:
    """The list of jobs, with a warning for jobs lacking a required field (schema drift)."""
    jobs = doc.get("jobs") if isinstance(doc, dict) else doc
    if not isinstance(jobs, list):
        keys = sorted(doc)[:10] if isinstance(doc, dict) else type(doc).__name__
        raise FetchError(f"unexpected schema: no 'jobs' list (got {keys})", body=capture.body)
    incomplete = sum(not isinstance(j, dict) or any(j.get(k) in (None, "") for k in required)
                     for j in jobs)
    if incomplete:
        capture.warnings.append(f"schema drift: {incomplete} of {len(jobs)} jobs lack one of "
                                f"{', '.join(required)}")
    capture.records = len(jobs)
    return jobs


def greenhouse_board(client: HttpClient, token: str, validators: dict | None = None
                     ) -> Capture:
    capture = _get(client, GREENHOUSE_URL.format(token=token),
                   {"content": "true", "pay_transparency": "true"}, validators)
    if capture.body is not None:
        _jobs_list(capture, _json(capture), ("id", "title"))
    return capture


def lever_postings(client: HttpClient, site: str, region: str | None = None,
                   validators: dict | None = None) -> Capture:
    if region not in LEVER_URLS:
        raise FetchError(f"unknown Lever region {region!r}")
    capture = _get(client, LEVER_URLS[region].format(site=site), {"mode": "json"}, validators)
    if capture.body is not None:
        doc = _json(capture)
        if isinstance(doc, dict) and doc.get("ok") is False:
            raise FetchError(f"Lever error: {doc.get('error')}", body=capture.body)
        _jobs_list(capture, doc, ("id", "text"))
    return capture


def ashby_board(client: HttpClient, name: str, validators: dict | None = None) -> Capture:
    capture = _get(client, ASHBY_URL.format(name=name), {"includeCompensation": "true"},
                   validators)
    if capture.body is not None:
        _jobs_list(capture, _json(capture), ("id", "title"))
    return capture


def hn_item(client: HttpClient, item_id: int) -> dict | None:
    """An HN item, or None when the API has no such item (it answers `null`)."""
    doc = _json(_get(client, f"{HN_API}/item/{item_id}.json"))
    if doc is not None and not isinstance(doc, dict):
        raise FetchError(f"unexpected schema: item {item_id} is a {type(doc).__name__}")
    return doc


def thread_month(title: str | None) -> date | None:
    """The month (its first day) a "Ask HN: Who is hiring? (Month YYYY)" thread is for."""
    match = _THREAD_TITLE.match(title or "")
    if not match or match.group(1) not in _MONTHS:
        return None
    return date(int(match.group(2)), _MONTHS[match.group(1)], 1)


def hn_hiring_threads(client: HttpClient, user: str = "whoishiring", scan: int = 12
                      ) -> list[dict]:
    """The newest "Who is hiring?" threads among the user's last `scan` submissions.

    The account posts three threads a month (hiring, wants to be hired, freelancer), so
    `scan=12` covers about four months; a backfill of an older month passes a larger `scan`.
    """
    doc = _json(_get(client, f"{HN_API}/user/{user}.json"))
    submitted = doc.get("submitted") if isinstance(doc, dict) else None
    if not isinstance(submitted, list):
        raise FetchError("unexpected schema: user has no 'submitted' list")
    threads = []
    for item_id in submitted[:scan]:
        item = hn_item(client, item_id)
        if item and not item.get("deleted") and thread_month(item.get("title")):
            threads.append(item)
    return threads


def hn_thread_run(client: HttpClient, thread: dict, captured: datetime
                  ) -> tuple[dict, list[str]]:
    """The thread's top-level comments as the snapshot's run document, and per-comment failures.

    The shape is the one the `hn_firebase` adapter reads (github.com/gantryops/hn-jobs-data
    `runs/<date>/raw.json`). Deleted and dead comments are kept; the adapter quarantines them.
    """
    jobs, failures = [], []
    for kid in thread.get("kids") or []:
        try:
            item = hn_item(client, kid)
        except FetchError as err:
            failures.append(f"comment {kid}: {err.reason}")
            continue
        if item is None:
            failures.append(f"comment {kid}: missing")
            continue
        jobs.append({"id": item.get("id"), "source": "who_is_hiring", "by": item.get("by"),
                     "time": item.get("time"), "text": item.get("text"),
                     **{k: item[k] for k in ("deleted", "dead") if item.get(k)}})
    run = {
        "schema_version": "1.0",
        "date": captured.date().isoformat(),
        "run_id": f"jobstack-{captured.strftime('%Y%m%dT%H%M%SZ')}",
        "sources": {"who_is_hiring_thread_id": thread.get("id"),
                    "who_is_hiring_thread_title": thread.get("title"),
                    "direct_jobstories_count": 0},
        "jobs": jobs,
        "fetched_at": captured.astimezone(UTC).isoformat(),
        "total_jobs": len(jobs),
    }
    return run, failures


def aijobs_csv(client: HttpClient, url: str = AIJOBS_URL, validators: dict | None = None
               ) -> Capture:
    capture = _get(client, url, validators=validators)
    if capture.body is None:
        return capture
    text = capture.body.decode("utf-8", errors="replace")
    header = next(csv.reader(io.StringIO(text)), [])
    missing = [c for c in AIJOBS_COLUMNS if c not in header]
    if missing:
        raise FetchError(f"unexpected schema: CSV lacks columns {missing}", body=capture.body)
    capture.records = max(0, text.count("\n") - 1)
    if not text.endswith("\n"):
        capture.warnings.append("CSV does not end with a newline: possibly truncated")
    return capture


def bls_national(client: HttpClient, year: int, validators: dict | None = None) -> Capture:
    """The national OEWS workbook for May of `year`, unzipped (the snapshot keeps the xlsx)."""
    capture = _get(client, BLS_URL.format(yy=year % 100), validators=validators)
    if capture.body is None:
        return capture
    wanted = f"national_M{year}_dl.xlsx"
    try:
        with zipfile.ZipFile(io.BytesIO(capture.body)) as archive:
            member = next((n for n in archive.namelist() if n.endswith(wanted)), None)
            if member is None:
                raise FetchError(f"unexpected schema: zip has no {wanted}", body=capture.body)
            capture.body = archive.read(member)
    except (zipfile.BadZipFile, EOFError) as err:
        raise FetchError(f"unreadable zip: {err}", body=capture.body) from err
    return capture
