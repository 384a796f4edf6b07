"""The hand-checked requirement samples with each posting's text read from the snapshot.

The sample files (models/labels/requirements/) hold keys, titles and labels only: each
posting's text is read from the snapshot by the source's own adapter (the description the
warehouse stores), so no snapshot text is committed.

`python -m tests.requirements.samples NAME` prints the scores and every disagreement for one
sample (never run it on a held-out sample while changing the extractor; see
models/labels/requirements/HELD_OUT.md).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from pipelines.common import settings
from pipelines.ingestion.sources import SOURCES
from pipelines.requirements import extract_requirements
from pipelines.requirements.evaluate import SAMPLES, disagreements, load_sample, score


def load(name: str, texts: dict[tuple[str, str], str] | None = None) -> list[dict]:
    """A sample's rows; with `texts` (from `snapshot_texts`), each row gets its `text`."""
    rows = load_sample(name)
    if texts is not None:
        for row in rows:
            row["text"] = texts[(row["source"], str(row["source_id"]))]
    return rows


def snapshot_texts(snapshot: Path, names: tuple[str, ...] = SAMPLES
                   ) -> dict[tuple[str, str], str]:
    """The description of every posting the samples name, as its source's adapter reads it."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for name in names:
        for row in load(name):
            wanted[row["source"]].add(str(row["source_id"]))
    texts: dict[tuple[str, str], str] = {}
    for source in SOURCES:
        if source.name in wanted:
            for posting in source.read(snapshot / source.folder).postings:
                if posting.source_id in wanted[source.name]:
                    texts.setdefault((source.name, posting.source_id), posting.description or "")
    return texts


def predict(rows: list[dict]) -> list:
    return [extract_requirements(row["text"], row["title"]) for row in rows]


if __name__ == "__main__":
    sample = load(sys.argv[1], snapshot_texts(settings.snapshot_dir(), (sys.argv[1],)))
    found = predict(sample)
    print("\n".join(disagreements(sample, found)))
    for key, value in score(sample, found).items():
        if value is not None:
            print(f"{key}: {value:.3f}")
