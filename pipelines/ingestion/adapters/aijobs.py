"""The aijobs salary survey (`aijobs_salaries/salaries.csv.gz`, ai-jobs.net export layout).

Each row is one self-reported salary; identical rows are separate responses, so rows are kept
as they are, keyed by their line number.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, clean
from pipelines.ingestion.readers import iter_csv, read_text

SOURCE = "aijobs_salaries"
_LEVELS = {"EN": "entry", "MI": "mid", "SE": "senior", "EX": "executive"}
_TYPES = {"FT": "full_time", "PT": "part_time", "CT": "contract", "FL": "freelance"}


def _number(value: str | None) -> float | None:
    try:
        return float(value) if clean(value) else None
    except ValueError:
        return None


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    for path in sorted(folder.glob("*.csv*")):
        name = rel(folder, path)
        text = read_text(path, batch, name)
        if text is None:
            continue
        count = 0
        for line, row in enumerate(iter_csv(text, batch, name), start=2):
            count += 1
            amount, amount_usd = _number(row.get("salary")), _number(row.get("salary_in_usd"))
            title = clean(row.get("job_title"))
            if not title or amount_usd is None:
                batch.reject(name, "row without job title or USD salary", str(row),
                             record_key=str(line))
                continue
            year = _number(row.get("work_year"))
            batch.add_row("salary_observations", {
                "observation_id": f"{name}:{line}",
                "year": int(year) if year else None,
                "observed_date": None,
                "company": None,
                "job_title": title,
                "level": _LEVELS.get(row.get("experience_level", ""), row.get("experience_level")),
                "tag": None,
                "employment_type": _TYPES.get(row.get("employment_type", ""),
                                              row.get("employment_type")),
                "years_experience": None,
                "years_at_company": None,
                "location": None,
                "country": clean(row.get("company_location")),
                "employee_residence": clean(row.get("employee_residence")),
                "company_size": clean(row.get("company_size")),
                "remote_ratio": _number(row.get("remote_ratio")),
                "currency": clean(row.get("salary_currency")),
                "amount": amount,
                "pay_kind": "salary",
                "base_usd": amount_usd,
                "stock_usd": None,
                "bonus_usd": None,
                "total_usd": amount_usd,
                "file": name,
            }, row, str(line))
        batch.add_file(path, name, count)
    return batch
