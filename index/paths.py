"""Where an index keeps its files under DATA_DIR."""

from __future__ import annotations

import re
from pathlib import Path


def catalog_path(data_dir: Path, collection: str) -> Path:
    """Each embedding model's catalog sits beside its Chroma collection of the same name."""
    return data_dir / f"catalog-{collection}.sqlite"


def ledger_path(data_dir: Path) -> Path:
    """The deal ledger, shared by every embedding model."""
    return data_dir / "ledger.sqlite"


def collection_name(backend: str, st_model: str = "") -> str:
    """The Chroma collection (and catalog) of an embedding model: one per model, so vectors never mix."""
    if backend == "use":
        model = "use-multilingual-v3"
    else:
        model = f"st-{Path(st_model).name}" if st_model else "st-all-MiniLM-L6-v2"
    return "releases-" + re.sub(r"[^a-zA-Z0-9_-]+", "-", model).strip("-").lower()
