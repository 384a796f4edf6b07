"""BLS OEWS national tables (`bls_oews/national_M<year>_dl.xlsx`), one per May reference year.

Quirks: columns changed between years (PCT_RPT appears in 2024); wages above the published cap
are "#" (top-coded) and suppressed cells are "*" or "**"; both become NULL, with a flag for "#".
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, clean

SOURCE = "bls_oews"
_YEAR = re.compile(r"M(\d{4})")
WAGE_COLUMNS = ["H_MEAN", "A_MEAN", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90",
                "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"]


def _value(cell: Any) -> float | None:
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell or "").replace(",", "").strip()
    try:
        return float(text)
    except ValueError:
        return None


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    for path in sorted(folder.glob("*.xlsx")):
        name = rel(folder, path)
        year_match = _YEAR.search(path.name)
        if not year_match:
            batch.reject(name, "file name without a reference year")
            continue
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            rows = book.worksheets[0].iter_rows(values_only=True)
            header = [str(h).strip().upper() for h in next(rows)]
            records = [dict(zip(header, r, strict=False)) for r in rows]
            book.close()
        except (OSError, KeyError, ValueError, StopIteration, zipfile.BadZipFile) as err:
            batch.reject(name, f"unreadable workbook: {type(err).__name__}: {err}")
            continue
        missing = {"OCC_CODE", "OCC_TITLE", *WAGE_COLUMNS} - set(header)
        if missing:
            batch.reject(name, f"unexpected columns: missing {sorted(missing)}")
            continue
        for index, record in enumerate(records, start=2):
            code = clean(record.get("OCC_CODE"))
            if not code:
                batch.reject(name, "row without occupation code", str(record),
                             record_key=str(index))
                continue
            row = {
                "year": int(year_match.group(1)),
                "area": clean(record.get("AREA_TITLE")),
                "occ_code": code,
                "occ_title": clean(record.get("OCC_TITLE")),
                "o_group": clean(record.get("O_GROUP")),
                "tot_emp": _value(record.get("TOT_EMP")),
                "file": name,
            }
            for column in WAGE_COLUMNS:
                row[column.lower()] = _value(record.get(column))
            row["top_coded"] = any(str(record.get(c)).strip() == "#" for c in WAGE_COLUMNS)
            batch.add_row("wage_baselines", row, record, f"{year_match.group(1)}:{code}")
        batch.add_file(path, name, len(records))
    return batch
