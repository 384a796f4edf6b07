"""The board registry: ATS board tokens per company (`board_registry/<ats>.csv`) and a map of
well-known AI companies to their ATS (`ai_companies.json`, null where unknown)."""

from __future__ import annotations

from pathlib import Path

from pipelines.ingestion.adapters.common import rel
from pipelines.ingestion.batch import Batch, clean
from pipelines.ingestion.readers import iter_csv, load_json, read_text

SOURCE = "board_registry"


def read(folder: Path) -> Batch:
    batch = Batch(SOURCE)
    ai_path = folder / "ai_companies.json"
    ai_map = load_json(ai_path, batch, rel(folder, ai_path))
    if not isinstance(ai_map, dict):
        ai_map = {}
    ai_tokens = {str(k).lower() for k in ai_map}
    for path in sorted(folder.glob("*.csv")):
        name = rel(folder, path)
        ats = path.stem
        text = read_text(path, batch, name)
        if text is None:
            continue
        count = 0
        for row in iter_csv(text, batch, name):
            count += 1
            url = clean(row.get("url"))
            token = url.rstrip("/").rsplit("/", 1)[-1].lower() if url else None
            if not token:
                batch.reject(name, "row without a board url", str(row))
                continue
            batch.add_row("boards", {
                "ats": ats, "token": token, "name": clean(row.get("name")), "url": url,
                "ai_company": token in ai_tokens, "file": name,
            }, row, f"{ats}:{token}")
        batch.add_file(path, name, count)
    for company, ats in ai_map.items():
        batch.add_row("ai_companies", {"company": str(company).lower(), "ats": clean(ats),
                                       "file": rel(folder, ai_path)},
                      {company: ats}, f"ai:{company}")
    if ai_map:
        batch.add_file(ai_path, rel(folder, ai_path), len(ai_map))
    return batch
