"""One asset per snapshot source: read the folder with its adapter, land raw and staging rows.

A source whose folder is missing, or whose adapter fails outright, does not fail the run: its
previous rows stay in the warehouse, the failure is recorded in the quarantine with the reason,
and the source's asset checks turn red in the UI.
"""

import time
import traceback

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset
from dagster_duckdb import DuckDBResource

from pipelines.common.metadata import markdown_table
from pipelines.common.resources import SnapshotResource
from pipelines.ingestion.batch import Batch
from pipelines.ingestion.sources import SOURCES, Source
from pipelines.ingestion.store import write_batch, write_quarantine_only

GROUP = "sources"


def source_key(name: str) -> AssetKey:
    return AssetKey(["sources", name])


def build_source_asset(source: Source, deps: tuple[AssetKey, ...] = ()):
    @asset(
        key=source_key(source.name),
        group_name=GROUP,
        description=source.description,
        kinds={"python", "duckdb"},
        tags={"kind": source.kind},
        metadata={"snapshot_folder": source.folder},
        deps=deps,
    )
    def _ingest(
        context: AssetExecutionContext, snapshot: SnapshotResource, warehouse: DuckDBResource
    ) -> MaterializeResult:
        started = time.perf_counter()
        folder = snapshot.folder(source.folder)
        batch, failure = _read(source, folder)
        with warehouse.get_connection() as conn:
            if failure:
                write_quarantine_only(conn, batch)
            else:
                write_batch(conn, batch)
        summary = batch.summary()
        seconds = round(time.perf_counter() - started, 2)
        if failure:
            context.log.error(f"{source.name}: {failure}; previous rows kept")
        else:
            context.log.info(
                f"{source.name}: {summary['files']} files, {summary['postings']} posting rows "
                f"({summary['distinct_postings']} distinct), {summary['quarantined']} quarantined, "
                f"{summary['repaired']} repaired, {seconds}s"
            )
        return MaterializeResult(metadata=_metadata(batch, summary, seconds, failure))

    return _ingest


def _read(source: Source, folder) -> tuple[Batch, str | None]:
    """Run the adapter; a missing folder or an adapter crash becomes a quarantine record."""
    if not folder.is_dir():
        batch = Batch(source.name)
        reason = f"source missing: folder {folder} does not exist"
        batch.reject(str(folder), reason)
        return batch, reason
    try:
        return source.read(folder), None
    except Exception as err:  # one failing source must never stop the others
        batch = Batch(source.name)
        reason = f"adapter failed: {type(err).__name__}: {err}"
        batch.reject(str(folder), reason, traceback.format_exc())
        return batch, reason


def _metadata(batch: Batch, summary: dict, seconds: float, failure: str | None) -> dict:
    metadata: dict = {
        "status": "failed: " + failure if failure else "ok",
        "files": summary["files"],
        "raw_records": summary["raw_records"],
        "posting_rows": summary["postings"],
        "distinct_postings": summary["distinct_postings"],
        "sightings": summary["sightings"],
        "quarantined": summary["quarantined"],
        "repaired": summary["repaired"],
        "seconds": seconds,
    }
    for table, rows in batch.tables.items():
        metadata[f"{table}_rows"] = len(rows)
    if summary["quarantine_reasons"]:
        metadata["quarantine_reasons"] = MetadataValue.json(summary["quarantine_reasons"])
    if batch.postings:
        with_text = sum(bool(p.description) for p in batch.postings)
        with_pay = sum(bool(p.pay_text or p.pay_min) for p in batch.postings)
        with_country = sum(bool(p.country) for p in batch.postings)
        n = len(batch.postings)
        metadata["coverage"] = MetadataValue.json({
            "description": round(with_text / n, 4),
            "pay": round(with_pay / n, 4),
            "country": round(with_country / n, 4),
        })
        metadata["preview"] = markdown_table(
            [(p.source_id, p.title, p.company, p.country) for p in batch.postings[:10]],
            ("source_id", "title", "company", "country"),
        )
    return metadata


SOURCE_ASSETS = [build_source_asset(source) for source in SOURCES]
