"""Where an index keeps its files under DATA_DIR."""

from __future__ import annotations

from pathlib import Path


def catalog_path(data_dir: Path, collection: str) -> Path:
    """Each embedding model's catalog sits beside its Chroma collection of the same name."""
    return data_dir / f"catalog-{collection}.sqlite"


def ledger_path(data_dir: Path) -> Path:
    """The deal ledger, shared by every embedding model."""
    return data_dir / "ledger.sqlite"
