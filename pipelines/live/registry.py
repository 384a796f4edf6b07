"""The versioned company registry (`registry.yaml`): which ATS boards the live refresh polls."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

REGISTRY_PATH = Path(__file__).with_name("registry.yaml")
ATS = ("greenhouse", "lever", "ashby")
SEGMENTS = ("ai_lab", "ai_infra", "ai_application", "baseline")


@dataclass(frozen=True)
class Board:
    company: str
    ats: str
    token: str
    segment: str
    region: str | None = None  # Lever only: "eu" for api.eu.lever.co


def load_registry(path: Path = REGISTRY_PATH) -> tuple[int, list[Board]]:
    """(version, boards); raises ValueError on an invalid or duplicated entry."""
    doc = yaml.safe_load(path.read_text())
    version = doc.get("version") if isinstance(doc, dict) else None
    if not isinstance(version, int):
        raise ValueError(f"{path}: missing integer 'version'")
    boards, seen = [], set()
    for entry in doc.get("boards") or []:
        board = Board(**entry)
        if board.ats not in ATS or board.segment not in SEGMENTS or not board.token:
            raise ValueError(f"{path}: invalid entry {entry}")
        key = (board.ats, board.token.lower())
        if key in seen:
            raise ValueError(f"{path}: duplicate board {key}")
        seen.add(key)
        boards.append(board)
    return version, boards
