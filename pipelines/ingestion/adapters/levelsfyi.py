"""levels.fyi recent-submission tables (`levelsfyi_faangn/FAANGN_<dd-mm-yyyy-hh-mm-ss>.xlsx`).

Quirks: total compensation is text ("US$1,167,400") while base, stock and bonus are numbers;
years are text ("4 yrs"); row dates are relative to the crawl ("a day ago"), so the crawl time
from the file name dates each row; the crawls overlap (same day, and the 24 and 26 December
crawls), so a submission identical in every field but the relative date is kept once.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

from pipelines.common.geo import country_of
from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, clean, json_dumps

SOURCE = "levelsfyi_faangn"
_FILE_TIME = re.compile(r"(\d{2})-(\d{2})-(\d{4})-(\d{2})-(\d{2})-(\d{2})")
_RELATIVE = re.compile(r"(a|an|\d+)\s+(minute|hour|day|week|month)s?\s+ago", re.IGNORECASE)
_DAYS = {"minute": 0, "hour": 0, "day": 1, "week": 7, "month": 30}
_EXPECTED = ["Company", "Location", "Date", "Level Name", "Tag", "YearOfExperience",
             "Total/AtCompany", "TotalCompensation", "Base", "Stock(yr)", "Bonus"]


def money(value: Any) -> float | None:
    """US dollars from 214000 or "US$1,167,400"; None when it is not a dollar amount."""
    if isinstance(value, int | float):
        return float(value)
    digits = re.sub(r"[^\d.]", "", str(value or ""))
    return float(digits) if digits and "$" in str(value) else None


def years(value: Any) -> float | None:
    match = re.search(r"\d+(\.\d+)?", str(value or ""))
    return float(match.group(0)) if match else None


def observed_date(relative: Any, crawled: dt.datetime) -> str | None:
    """The submission date, from "3 days ago" and the crawl time."""
    match = _RELATIVE.search(str(relative or ""))
    if not match:
        return None
    count = 1 if match.group(1).lower() in {"a", "an"} else int(match.group(1))
    return (crawled - dt.timedelta(days=count * _DAYS[match.group(2).lower()])).date().isoformat()


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    kept: set[tuple[Any, ...]] = set()
    for path in sorted(folder.glob("*.xlsx")):
        name = rel(folder, path)
        stamp = _FILE_TIME.search(path.name)
        if not stamp:
            batch.reject(name, "file name without a crawl time")
            continue
        day, month, year, hour, minute, second = map(int, stamp.groups())
        crawled = dt.datetime(year, month, day, hour, minute, second)
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            rows = list(book.worksheets[0].iter_rows(values_only=True))
            book.close()
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as err:
            batch.reject(name, f"unreadable workbook: {type(err).__name__}: {err}")
            continue
        header = [clean(h) for h in rows[0]] if rows else []
        if [h for h in header if h] != _EXPECTED:
            batch.reject(name, f"unexpected columns: {header}")
            continue
        for index, values in enumerate(rows[1:], start=2):
            row = {h: v for h, v in zip(header, values, strict=False) if h}
            total = money(row.get("TotalCompensation"))
            if total is None or not clean(row.get("Company")):
                batch.reject(name, "row without company or total compensation",
                             json_dumps(row), record_key=str(index))
                continue
            identity = tuple(
                str(row.get(c)) for c in _EXPECTED if c != "Date")
            if identity in kept:
                continue
            kept.add(identity)
            location = clean(row.get("Location"))
            batch.add_row("salary_observations", {
                "observation_id": f"{name}:{index}",
                "year": crawled.year,
                "observed_date": observed_date(row.get("Date"), crawled),
                "company": clean(row.get("Company")),
                "job_title": "Software Engineer",
                "level": clean(row.get("Level Name")),
                "tag": clean(row.get("Tag")),
                "employment_type": None,
                "years_experience": years(row.get("YearOfExperience")),
                "years_at_company": years(row.get("Total/AtCompany")),
                "location": location,
                "country": country_of(location),
                "employee_residence": None,
                "company_size": None,
                "remote_ratio": None,
                "currency": "USD",
                "amount": total,
                "pay_kind": "total_comp",
                "base_usd": money(row.get("Base")),
                "stock_usd": money(row.get("Stock(yr)")),
                "bonus_usd": money(row.get("Bonus")),
                "total_usd": total,
                "file": name,
            }, row, f"{name}:{index}")
        batch.add_file(path, name, len(rows) - 1)
    return batch
