"""The `jobstack` command: refresh the warehouse, show its status."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import duckdb
from dagster import AssetSelection, DagsterEventType, DagsterInstance

from pipelines.common import settings
from pipelines.common.resources import make_resources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jobstack", description=__doc__)
    parser.add_argument("--warehouse", type=Path, default=None,
                        help="DuckDB file (default: $JOBSTACK_WAREHOUSE or "
                             "warehouse/jobstack.duckdb)")
    commands = parser.add_subparsers(dest="command", required=True)
    refresh = commands.add_parser("refresh", help="materialise the whole graph in-process")
    refresh.add_argument("--snapshot", type=Path, default=None,
                         help="snapshot folder (default: $JOBSTACK_SNAPSHOT or ../shared/snapshot)")
    refresh.add_argument("--select", default="*",
                         help="Dagster asset selection, e.g. 'key:sources/ashby+' (default: all)")
    commands.add_parser("status", help="row counts per table and per source")
    pay = commands.add_parser("pay", help="extract pay from JSON lines {id, text, country?, "
                                          "posted_at?}")
    pay.add_argument("--in", dest="input", type=Path, required=True)
    pay.add_argument("--out", dest="output", type=Path, required=True)
    requirements = commands.add_parser(
        "requirements", help="degree, years, seniority and skills from JSON lines "
                             "{id, title?, text}")
    requirements.add_argument("--in", dest="input", type=Path, required=True)
    requirements.add_argument("--out", dest="output", type=Path, required=True)
    classify = commands.add_parser("classify", help="AI-stack layer of JSON lines {id, title, "
                                                    "company?, team?, text?}")
    classify.add_argument("--in", dest="input", type=Path, required=True)
    classify.add_argument("--out", dest="output", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "classify":
        return run_classify(args.input, args.output, args.warehouse)
    if args.command == "refresh":
        return run_refresh(args.snapshot, args.warehouse, args.select)
    if args.command == "pay":
        return map_jsonl(args.input, args.output, _pay_record)
    if args.command == "requirements":
        return map_jsonl(args.input, args.output, _requirements_record)
    return print_status(args.warehouse or settings.warehouse_path())


def map_jsonl(source: Path, target: Path, handle) -> int:
    """Write one output line per input line, in order; a bad line gets an error line."""
    count = errors = 0
    with source.open(encoding="utf-8", errors="replace") as lines, \
            target.open("w", encoding="utf-8") as out:
        for number, line in enumerate(lines, start=1):
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("not a JSON object")
                record = handle(item)
            except ValueError as err:
                record = {"id": None, "error": f"line {number}: {err}"}
            errors += "error" in record
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    print(f"{count} lines written to {target} ({errors} with an error)", file=sys.stderr)
    return 0


def _requirements_record(item: dict) -> dict:
    from pipelines.requirements.extract import extract_requirements, to_record

    text, title = item.get("text"), item.get("title")
    if not isinstance(text, str | None) or not isinstance(title, str | None):
        return {"id": item.get("id"), "error": "text and title must be strings"}
    return to_record(extract_requirements(text, title), item.get("id"))


def _pay_record(item: dict) -> dict:
    from pipelines.pay.extract import extract_pay, to_record

    text = item.get("text")
    if not isinstance(text, str):
        return {"id": item.get("id"), "error": "missing text"}
    return to_record(extract_pay(text, item.get("country"), item.get("posted_at")),
                     item.get("id"))


def run_classify(source: Path, target: Path, warehouse: Path | None) -> int:
    """Classify JSON lines with the committed model, training it first if there is none."""
    from pipelines.classify.model import COMMITTED_MODEL, load_model, model_path

    path = COMMITTED_MODEL
    if not path.exists():
        database = warehouse or settings.warehouse_path()
        if not database.exists():
            print(f"no model at {COMMITTED_MODEL} and no warehouse at {database} to train it "
                  "from; run `jobstack refresh` first", file=sys.stderr)
            return 1
        print(f"no model at {COMMITTED_MODEL}: training it from {database}", file=sys.stderr)
        run_refresh(None, database, 'key:"core/posting_requirements" or key:"core/weak_labels" '
                                    'or key:"models/layer_classifier"')
        path = model_path(database)
        if not path.exists():
            print(f"training failed: no model at {path}", file=sys.stderr)
            return 1
    model = load_model(path)
    return map_jsonl(source, target, lambda item: _classify_record(model, item))


def _classify_record(model, item: dict) -> dict:
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        return {"id": item.get("id"), "error": "missing title"}
    text = item.get("text") if isinstance(item.get("text"), str) else ""
    row = {"title": title, "team": item.get("team") or "", "company": item.get("company") or "",
           "text": text}
    result = model.predict([row])[0]
    return {"id": item.get("id"), "layer": result["layer"],
            "confidence": round(result["confidence"], 4),
            "probabilities": {k: round(v, 4) for k, v in result["probabilities"].items()}}


def run_refresh(snapshot: Path | None, warehouse: Path | None, select: str = "*") -> int:
    """Run the refresh job in this process; print a line per finished step and a summary."""
    from pipelines.definitions import build_definitions

    resources = make_resources(snapshot, warehouse)
    print(f"jobstack refresh: snapshot {resources['snapshot'].root}, "
          f"warehouse {resources['warehouse'].database}", flush=True)
    defs = build_definitions(resources)
    job = defs.resolve_job_def("refresh")
    keys = None
    if select != "*":
        keys = list(AssetSelection.from_string(select).resolve(defs.resolve_asset_graph()))
    started = time.perf_counter()
    with DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            asset_selection=keys,
            run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
        )
        steps = _step_timings(instance.all_logs(result.run_id))
        checks = result.get_asset_check_evaluations()
    print(f"\n{'step':<40} {'status':<8} {'seconds':>8}")
    for step, (status, seconds) in steps.items():
        print(f"{step:<40} {status:<8} {seconds:>8.1f}")
    failed_checks = [c for c in checks if not c.passed]
    print(f"\nasset checks: {len(checks) - len(failed_checks)} passed, "
          f"{len(failed_checks)} failed")
    for check in failed_checks:
        print(f"  FAILED {check.asset_key.to_user_string()}:{check.check_name} "
              f"({check.severity.value})")
    outcome = "succeeded" if result.success else "FAILED"
    print(f"total {time.perf_counter() - started:.1f}s; run {outcome}")
    return 0 if result.success else 1


def _step_timings(entries) -> dict[str, tuple[str, float]]:
    """(status, seconds) per step, from the run's event log entries."""
    starts: dict[str, float] = {}
    out: dict[str, tuple[str, float]] = {}
    for entry in entries:
        event = entry.dagster_event
        step = entry.step_key
        if event is None or step is None:
            continue
        if event.event_type == DagsterEventType.STEP_START:
            starts[step] = entry.timestamp
        elif event.event_type in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
            status = "ok" if event.event_type == DagsterEventType.STEP_SUCCESS else "FAILED"
            out[step] = (status, entry.timestamp - starts.get(step, entry.timestamp))
    return out


STATUS_QUERIES = {
    "landed per source": """
        SELECT source, count(*) AS files, sum(records)::BIGINT AS records,
               round(sum(bytes) / 1e6, 1) AS megabytes
        FROM raw.files GROUP BY source ORDER BY source""",
    "postings per source": """
        SELECT coalesce(source, 'ALL') AS source, count(*) AS postings,
               count(*) FILTER (WHERE is_canonical) AS canonical,
               count(*) FILTER (WHERE has_description) AS with_text,
               count(*) FILTER (WHERE pay_text IS NOT NULL OR pay_min IS NOT NULL) AS with_pay,
               min(first_seen) AS first_seen, max(last_seen) AS last_seen
        FROM core.postings GROUP BY ROLLUP (source) ORDER BY source NULLS LAST""",
    "salary observations per source": """
        SELECT source, pay_kind, count(*) AS rows FROM core.salary_observations
        GROUP BY ALL ORDER BY source""",
    "wage baselines per year": """
        SELECT year::VARCHAR AS year, count(*) AS occupations FROM core.wage_baselines
        GROUP BY year ORDER BY year""",
    "pay per source (postings with a parsed pay range)": """
        SELECT c.source, count(*) AS postings,
               count(*) FILTER (WHERE p.n_ranges > 0) AS with_pay,
               round(100.0 * count(*) FILTER (WHERE p.n_ranges > 0) / count(*), 1) AS pct
        FROM core.postings AS c LEFT JOIN core.posting_pay AS p USING (posting_key)
        GROUP BY c.source ORDER BY c.source""",
    "quarantine per source": """
        SELECT source, action, count(*) AS records FROM core.quarantine
        GROUP BY ALL ORDER BY source, action""",
}


def print_status(database: Path) -> int:
    """Print row counts per table and per source from an existing warehouse."""
    if not database.exists():
        print(f"no warehouse at {database}; run `jobstack refresh` first", file=sys.stderr)
        return 1
    try:
        conn = duckdb.connect(str(database), read_only=True)
    except duckdb.Error as err:
        print(f"cannot open {database}: {err}", file=sys.stderr)
        return 1
    with conn:
        tables = conn.execute("""
            SELECT schema_name || '.' || table_name, estimated_size
            FROM duckdb_tables() WHERE schema_name IN ('raw', 'staging', 'core') ORDER BY 1
        """).fetchall()
        print(f"warehouse {database}\n\n{'table':<36} {'rows':>11}")
        for table, _ in tables:
            count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            print(f"{table:<36} {count:>11,}")
        existing = {t for t, _ in tables}
        for title, query in STATUS_QUERIES.items():
            if not set(re.findall(r"\b(?:raw|core)\.\w+", query)) <= existing:
                continue
            cursor = conn.execute(query)
            header = [d[0] for d in cursor.description]
            cells = [[_fmt(v) for v in row] for row in cursor.fetchall()]
            widths = [max(len(c) for c in column) for column in zip(header, *cells, strict=True)]
            print(f"\n{title}")
            for row in [header, *cells]:
                print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    return 0


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    return f"{value:,}" if isinstance(value, int) else str(value)


if __name__ == "__main__":
    sys.exit(main())
