"""One adapter per snapshot format. Each exposes `read(folder: Path) -> Batch`."""
