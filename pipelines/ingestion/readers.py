"""Reading snapshot files defensively: every failure becomes a quarantine row, never a crash.

A truncated gzip, invalid JSON or undecodable bytes costs at most the file (for formats that
cannot be read in part, like one JSON document) or the records after the damage (for streams
like CSV and tar), and the reason is recorded in the batch.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import tarfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipelines.common.text import decode_bytes
from pipelines.ingestion.batch import Batch

log = logging.getLogger(__name__)

_READ_ERRORS = (OSError, EOFError, zlib.error, gzip.BadGzipFile)


def read_bytes(path: Path, batch: Batch, rel: str) -> bytes | None:
    """The file's bytes, gunzipped when it ends in .gz; None (quarantined) if unreadable."""
    try:
        data = path.read_bytes()
        return gzip.decompress(data) if path.suffix == ".gz" else data
    except _READ_ERRORS as err:
        batch.reject(rel, f"unreadable file: {type(err).__name__}: {err}")
        return None


def read_text(path: Path, batch: Batch, rel: str) -> str | None:
    """The file as text; non-UTF-8 bytes are decoded with a fallback and logged as repaired."""
    data = read_bytes(path, batch, rel)
    if data is None:
        return None
    text, repair = decode_bytes(data)
    if repair:
        batch.reject(rel, f"encoding: {repair}", data[:200].decode("latin-1"), action="repaired")
    return text


def load_json(path: Path, batch: Batch, rel: str) -> Any | None:
    """A parsed JSON document, or None with the file quarantined."""
    text = read_text(path, batch, rel)
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        snippet = text[max(0, err.pos - 200) : err.pos + 200]
        batch.reject(rel, f"invalid JSON: {err.msg} at line {err.lineno} col {err.colno}", snippet)
        return None


def iter_csv(text: str, batch: Batch, rel: str) -> Iterator[dict[str, str]]:
    """CSV records as dicts, resynchronising after a damaged record.

    A record whose field count differs from the header's (typically a stray or unclosed quote
    that swallowed the following lines) is quarantined, and parsing restarts on the line after
    the one where that record began, so the rows it swallowed are read again rather than lost.
    """
    lines = text.splitlines(keepends=True)
    if not lines:
        return
    header = next(csv.reader(lines[:1]))
    pos = 1
    while pos < len(lines):
        reader = csv.reader(lines[pos:])
        record_start = pos
        try:
            for record in reader:
                record_end = pos + reader.line_num
                if not record:
                    record_start = record_end
                    continue
                if len(record) != len(header):
                    batch.reject(
                        rel,
                        f"CSV record at line {record_start + 1} has {len(record)} fields, "
                        f"expected {len(header)} (broken quoting?)",
                        "".join(lines[record_start:record_end]),
                    )
                    pos = record_start + 1
                    break
                yield dict(zip(header, record, strict=True))
                record_start = record_end
            else:
                return
        except csv.Error as err:
            batch.reject(rel, f"CSV error at line {record_start + 1}: {err}",
                         "".join(lines[record_start : record_start + 3]))
            pos = record_start + 1


def iter_tar_gz(path: Path, batch: Batch, rel: str) -> Iterator[tuple[str, bytes]]:
    """(member name, bytes) for each regular file of a .tar.gz, streamed in archive order.

    Stream mode ("r|gz") decompresses the archive once, front to back; random access into a
    gzip stream would decompress it again for every member. A truncated or corrupt archive
    keeps every member read before the damage and quarantines the rest with the reason.
    """
    count = 0
    try:
        with tarfile.open(path, mode="r|gz") as archive:
            for member in archive:
                if not member.isfile():
                    continue
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                yield member.name, handle.read()
                count += 1
    except (tarfile.TarError, *_READ_ERRORS) as err:
        batch.reject(rel, f"archive damaged after {count} members: {type(err).__name__}: {err}")
