"""The vectors of a generation in a file of its own, one row per sentence in the catalog's order.

Answering reads this file instead of Chroma. It searches the vectors in memory anyway (index/dense.py), and
importing chromadb and opening a client took 2-4 s of a cold `ask` (measured). Chroma stays the store the
indexer writes and checks. The indexer writes the snapshot from it just before it publishes a generation.
A generation without a valid snapshot is read from Chroma as before: one written by an older version, or
one whose snapshot does not hold exactly the catalog's sentences.

    gen-N/vectors.npy     float32, one row per sentence, in the catalog's order (source, seq)
    gen-N/vectors.json    {"preparation": PREPARATION_VERSION of its rows, "ids": [chunk id per row]}

The json is written last and removed first, so a run killed halfway leaves no snapshot, never a wrong one.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

VECTORS = "vectors.npy"
IDS = "vectors.json"
PAGE = 2000  # rows read (from the file or from Chroma) at a time


class VectorSnapshot:
    """The vectors of a generation's sentences, memory-mapped: nothing is read before it is needed."""

    def __init__(self, ids: list[str], matrix: np.ndarray, preparation: str):
        self.ids = ids
        self.matrix = matrix
        self.preparation = preparation
        self.row = {chunk_id: i for i, chunk_id in enumerate(ids)}

    @classmethod
    def read(cls, generation: Path) -> VectorSnapshot | None:
        """The snapshot of a generation, or None when it has none or its two files disagree."""
        try:
            header = json.loads((generation / IDS).read_text(encoding="utf-8"))
            matrix = np.load(generation / VECTORS, mmap_mode="r")
        except (OSError, ValueError):
            return None
        ids = header.get("ids") if isinstance(header, dict) else None
        if not isinstance(ids, list) or matrix.ndim != 2 or matrix.shape[0] != len(ids):
            return None
        return cls(ids, matrix, str(header.get("preparation", "")))

    @classmethod
    def open(cls, generation: Path, ids: Sequence[str]) -> VectorSnapshot | None:
        """The snapshot of a generation if it holds exactly the sentences `ids`, in that order."""
        snapshot = cls.read(generation)
        return snapshot if snapshot is not None and snapshot.ids == list(ids) else None

    def pages(self) -> Iterator[tuple[list[str], np.ndarray]]:
        """Every vector, as (ids, vectors) a page at a time (what index/dense.py loads from)."""
        for start in range(0, len(self.ids), PAGE):
            yield self.ids[start : start + PAGE], np.asarray(self.matrix[start : start + PAGE])

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors of the given sentences (ids it does not hold are left out)."""
        return {c: np.asarray(self.matrix[self.row[c]]) for c in chunk_ids if c in self.row}


def copy_snapshot(source: Path, target: Path) -> None:
    """Copy the snapshot of generation `source` into generation `target` (nothing when it has none)."""
    if VectorSnapshot.read(source) is not None:
        shutil.copy2(source / VECTORS, target / VECTORS)
        shutil.copy2(source / IDS, target / IDS)


def write_snapshot(
    generation: Path,
    ids: Sequence[str],
    preparation: str,
    fetch: Callable[[Sequence[str]], dict[str, Sequence[float]]],
    rewritten: set[str],
) -> int | None:
    """Write the snapshot of `generation`, whose sentences are `ids` in order, and return how many vectors
    were read from the store with `fetch`.

    Rows of the snapshot already there (the one copied from the generation before) are kept for sentences
    this run did not write (`rewritten`) when they were prepared by the same version: a chunk id names a
    release's content and a position in it, so its vector changes only when the release is prepared
    again. When the store lacks a vector, no snapshot is written (None): the answerer then reads Chroma,
    and the next run repairs the release."""
    earlier = VectorSnapshot.read(generation)
    (generation / IDS).unlink(missing_ok=True)
    reusable = earlier if earlier is not None and earlier.preparation == preparation else None
    temporary = generation / f".vectors-{os.getpid()}.npy"  # np.save keeps a name ending .npy
    fetched = 0
    matrix = None
    try:
        for start in range(0, len(ids), PAGE):
            page = list(ids[start : start + PAGE])
            rows: dict[str, Sequence[float]] = {}
            if reusable is not None:
                rows = reusable.vectors([c for c in page if c not in rewritten])
            missing = [c for c in page if c not in rows]
            if missing:
                rows |= fetch(missing)
                fetched += len(missing)
            if len(rows) < len(page):
                return None
            block = np.asarray([rows[c] for c in page], dtype=np.float32)
            if matrix is None:
                matrix = np.lib.format.open_memmap(
                    temporary, mode="w+", dtype=np.float32, shape=(len(ids), block.shape[1])
                )
            matrix[start : start + len(page)] = block
        if matrix is None:  # a generation with no sentences
            np.save(temporary, np.zeros((0, 0), dtype=np.float32))
        else:
            matrix.flush()
            del matrix
        os.replace(temporary, generation / VECTORS)
        _write_atomically(generation / IDS, json.dumps({"preparation": preparation, "ids": list(ids)}))
        return fetched
    finally:
        Path(temporary).unlink(missing_ok=True)


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
