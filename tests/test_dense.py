"""The in-memory nearest-sentence search: a function of the stored vectors alone, whatever order a store
returns them in, and close to the exact neighbours when the shortlist is a projection."""

from __future__ import annotations

import numpy as np
import pytest

from index import dense
from index.dense import DenseIndex


def _paged(ids, vectors, page, order=None):
    order = list(range(len(ids))) if order is None else order

    def pages():
        for start in range(0, len(order), page):
            rows = order[start : start + page]
            yield [ids[r] for r in rows], vectors[rows]

    return pages


def _exact(vectors, query, top_k):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    cosines = unit @ query
    return [int(i) for i in np.lexsort((np.arange(len(unit)), -cosines))[:top_k]]


def _clustered(rng, count, dim, centres):
    """Vectors around a few directions, as sentences of one genre are."""
    middle = rng.normal(size=(centres, dim))
    return (middle[rng.integers(0, centres, count)] + 0.3 * rng.normal(size=(count, dim))).astype(np.float32)


def test_the_neighbours_do_not_depend_on_the_order_or_paging_a_store_returns_vectors_in(monkeypatch):
    monkeypatch.setattr(dense, "SHORTLIST", 50)
    monkeypatch.setattr(dense, "RANK", 8)
    rng = np.random.default_rng(1)
    vectors = _clustered(rng, 600, 24, 6)
    ids = [f"c{i}" for i in range(len(vectors))]
    one = DenseIndex.load(ids, _paged(ids, vectors, 100))
    shuffled = [int(i) for i in rng.permutation(len(ids))]
    other = DenseIndex.load(ids, _paged(ids, vectors, 37, shuffled))
    for query in rng.normal(size=(20, 24)).astype(np.float32):
        query /= np.linalg.norm(query)
        assert one.nearest(query, 10) == other.nearest(query, 10)


def test_without_a_projection_the_neighbours_are_the_exact_ones_and_cosines_nearly_exact():
    rng = np.random.default_rng(2)
    vectors = rng.normal(size=(300, 128)).astype(np.float32)  # fewer than the shortlist: all are ranked
    ids = [f"c{i}" for i in range(len(vectors))]
    index = DenseIndex.load(ids, _paged(ids, vectors, 64))
    for query in rng.normal(size=(10, 128)).astype(np.float32):
        query /= np.linalg.norm(query)
        found = index.nearest(query, 5)
        assert set(found) == set(_exact(vectors, query, 5))
        for position, cosine in found.items():
            assert cosine == pytest.approx(
                vectors[position] @ query / np.linalg.norm(vectors[position]), abs=3e-3
            )


def test_the_projected_shortlist_keeps_nearly_all_true_neighbours(monkeypatch):
    monkeypatch.setattr(dense, "SHORTLIST", 200)
    monkeypatch.setattr(dense, "RANK", 12)
    rng = np.random.default_rng(3)
    spread = 1 / (1 + np.arange(48))  # variance falls off across directions, as in sentence embeddings
    vectors = (rng.normal(size=(4000, 48)) * spread).astype(np.float32)
    ids = [f"c{i}" for i in range(len(vectors))]
    index = DenseIndex.load(ids, _paged(ids, vectors, 1000))
    assert index.projected is not None
    recalls = []
    for row in rng.integers(0, len(vectors), 30):
        query = vectors[row] + 0.05 * (rng.normal(size=48) * spread).astype(np.float32)
        query /= np.linalg.norm(query)
        recalls.append(len(set(index.nearest(query, 20)) & set(_exact(vectors, query, 20))) / 20)
    assert np.mean(recalls) >= 0.95


def test_sentences_the_store_holds_no_vector_for_are_never_neighbours(monkeypatch):
    monkeypatch.setattr(dense, "SHORTLIST", 20)
    rng = np.random.default_rng(4)
    vectors = rng.normal(size=(100, 8)).astype(np.float32)
    ids = [f"c{i}" for i in range(len(vectors))]
    missing = set(range(0, 100, 3))
    held = [i for i in range(100) if i not in missing]
    index = DenseIndex.load(ids, _paged(ids, vectors, 10, held))
    query = vectors[0] / np.linalg.norm(vectors[0])  # the nearest sentence of all is one not stored
    found = index.nearest(query, 100)
    assert len(found) == len(held) and not missing & set(found)
