"""Nearest sentences by cosine, searched in memory over the vectors Chroma stores.

Chroma's HNSW graph is approximate and depends on how it was built: an embedded store and a Chroma server
holding the very same vectors returned different neighbours for 2 of 48 questions at 10,000 releases. Here
the search is a function of the stored vectors alone, so every backend answers alike:

- a shortlist by inner product in the span of the vectors' main directions (the top eigenvectors of their
  second-moment matrix, which preserve inner products best among projections of that rank);
- the shortlist ranked by the full vectors, kept in half precision (60,000 sentences: 61 MB plus 31 MB for
  the projection), ties broken by position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np

RANK = 128  # dimensions of the shortlist's projection
SHORTLIST = 2000  # sentences ranked by their full vectors (at 10,000 releases, recall of the true top 100: 1.0)
BASIS_SAMPLE = 8000  # vectors the projection is fitted on, evenly spaced
PROJECT_BLOCK = 8192  # vectors projected at a time (the full vectors are never all in single precision)


class DenseIndex:
    """The unit vectors of the index's sentences, in the order of their positions."""

    def __init__(self, full: np.ndarray, stored: np.ndarray):
        self.full = full.astype(np.float16, copy=False)
        self.stored = stored  # False where Chroma holds no vector for the sentence
        self.basis: np.ndarray | None = None
        self.projected: np.ndarray | None = None
        if len(full) > SHORTLIST:
            sample = self.full[:: max(1, len(full) // BASIS_SAMPLE)].astype(np.float32)
            _, directions = np.linalg.eigh(sample.T @ sample)
            self.basis = np.ascontiguousarray(directions[:, ::-1][:, :RANK], dtype=np.float32)
            self.projected = np.empty((len(full), self.basis.shape[1]), dtype=np.float32)
            for start in range(0, len(full), PROJECT_BLOCK):
                block = self.full[start : start + PROJECT_BLOCK].astype(np.float32)
                self.projected[start : start + PROJECT_BLOCK] = block @ self.basis

    @classmethod
    def load(
        cls, ids: Sequence[str], pages: Callable[[], Iterator[tuple[list[str], np.ndarray]]]
    ) -> DenseIndex:
        """The vectors of the sentences `ids`, read page by page as (ids, vectors); ids not stored stay zero."""
        position = {chunk_id: i for i, chunk_id in enumerate(ids)}
        full: np.ndarray | None = None
        stored = np.zeros(len(ids), dtype=bool)
        for page_ids, vectors in pages():
            vectors = np.asarray(vectors, dtype=np.float32)
            if full is None:
                full = np.zeros((len(ids), vectors.shape[1]), dtype=np.float16)
            rows = [position.get(chunk_id, -1) for chunk_id in page_ids]
            kept = [k for k, row in enumerate(rows) if row >= 0]
            target = [rows[k] for k in kept]
            norms = np.linalg.norm(vectors[kept], axis=1, keepdims=True)
            full[target] = vectors[kept] / np.maximum(norms, 1e-12)
            stored[target] = True
        return cls(full if full is not None else np.zeros((len(ids), 1), np.float16), stored)

    def nearest(self, vector: np.ndarray, top_k: int) -> dict[int, float]:
        """The top_k stored sentences by cosine with a unit vector, as position -> cosine."""
        vector = np.asarray(vector, dtype=np.float32)
        size = max(SHORTLIST, top_k)
        if self.projected is not None and self.basis is not None and size < len(self.full):
            scores = self.projected @ (self.basis.T @ vector)
            scores[~self.stored] = -np.inf
            shortlist = np.argpartition(-scores, size)[:size]
            shortlist = shortlist[self.stored[shortlist]]
        else:
            shortlist = np.flatnonzero(self.stored)
        cosines = self.full[shortlist].astype(np.float32) @ vector
        order = np.lexsort((shortlist, -cosines))[:top_k]
        return {int(shortlist[k]): float(cosines[k]) for k in order}
