"""Nearest sentences by cosine, searched in memory over the stored vectors (a generation's snapshot, or Chroma).

Chroma's HNSW graph is approximate and depends on how it was built: an embedded store and a Chroma server
holding the very same vectors returned different neighbours for 2 of 48 questions at 10,000 releases. Here
the search is a function of the stored vectors alone, so every backend answers alike:

- a shortlist by inner product in the span of the vectors' main directions (the top eigenvectors of their
  second-moment matrix, which preserve inner products best among projections of that rank);
- the shortlist ranked by the full vectors, kept as int8 codes with a scale each (60,000 sentences: 31 MB,
  plus 23 MB for the projection), ties broken by position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np

RANK = 96  # dimensions of the shortlist's projection
SHORTLIST = 2000  # ranked by their full vectors (at 10,000 releases, recall of the true top 100: 0.9996)
BASIS_SAMPLE = 8000  # vectors the projection is fitted on, evenly spaced
PROJECT_BLOCK = 4096  # vectors projected at a time (the full vectors are never all in single precision)
LEVELS = 127  # a vector is kept as int8 codes times one scale: its largest component is ±127


class DenseIndex:
    """The unit vectors of the index's sentences, in the order of their positions, as int8 codes with one
    scale per vector (a quarter of single precision; cosines within about 0.002)."""

    def __init__(self, codes: np.ndarray, scales: np.ndarray, stored: np.ndarray):
        self.codes = codes
        self.scales = scales
        self.stored = stored  # False where no vector is stored for the sentence
        self.basis: np.ndarray | None = None
        self.projected: np.ndarray | None = None
        if len(codes) > SHORTLIST:
            every = slice(None, None, max(1, len(codes) // BASIS_SAMPLE))
            sample = self._vectors(every)
            _, directions = np.linalg.eigh(sample.T @ sample)
            self.basis = np.ascontiguousarray(directions[:, ::-1][:, :RANK], dtype=np.float32)
            self.projected = np.empty((len(codes), self.basis.shape[1]), dtype=np.float32)
            for start in range(0, len(codes), PROJECT_BLOCK):
                block = slice(start, start + PROJECT_BLOCK)
                self.projected[block] = self._vectors(block) @ self.basis

    def _vectors(self, rows: slice | np.ndarray) -> np.ndarray:
        """The unit vectors of the given rows, in single precision."""
        return self.codes[rows].astype(np.float32) * self.scales[rows, None]

    @classmethod
    def load(
        cls, ids: Sequence[str], pages: Callable[[], Iterator[tuple[list[str], np.ndarray]]]
    ) -> DenseIndex:
        """The vectors of the sentences `ids`, read page by page as (ids, vectors); ids not stored stay zero."""
        position = {chunk_id: i for i, chunk_id in enumerate(ids)}
        codes: np.ndarray | None = None
        scales = np.zeros(len(ids), dtype=np.float32)
        stored = np.zeros(len(ids), dtype=bool)
        for page_ids, vectors in pages():
            vectors = np.asarray(vectors, dtype=np.float32)
            if codes is None:
                codes = np.zeros((len(ids), vectors.shape[1]), dtype=np.int8)
            rows = [position.get(chunk_id, -1) for chunk_id in page_ids]
            kept = [k for k, row in enumerate(rows) if row >= 0]
            target = [rows[k] for k in kept]
            unit = vectors[kept] / np.maximum(np.linalg.norm(vectors[kept], axis=1, keepdims=True), 1e-12)
            scale = np.maximum(np.abs(unit).max(axis=1), 1e-12) / LEVELS
            codes[target] = np.rint(unit / scale[:, None]).astype(np.int8)
            scales[target] = scale
            stored[target] = True
        if codes is None:
            codes = np.zeros((len(ids), 1), dtype=np.int8)
        return cls(codes, scales, stored)

    def nearest(self, vector: np.ndarray, top_k: int) -> dict[int, float]:
        """The top_k stored sentences by cosine with a unit vector, as position -> cosine."""
        vector = np.asarray(vector, dtype=np.float32)
        size = max(SHORTLIST, top_k)
        if self.projected is not None and self.basis is not None and size < len(self.codes):
            scores = self.projected @ (self.basis.T @ vector)
            scores[~self.stored] = -np.inf
            shortlist = np.argpartition(-scores, size)[:size]
            shortlist = shortlist[self.stored[shortlist]]
        else:
            shortlist = np.flatnonzero(self.stored)
        cosines = self._vectors(shortlist) @ vector
        order = np.lexsort((shortlist, -cosines))[:top_k]
        return {int(shortlist[k]): float(cosines[k]) for k in order}
