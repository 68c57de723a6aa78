"""The vector snapshot of a generation: rows kept, rows read from the store, and when there is none."""

from __future__ import annotations

import numpy as np

from index.snapshot import IDS, VECTORS, VectorSnapshot, copy_snapshot, write_snapshot


class Store:
    """A store of vectors that counts what is read from it."""

    def __init__(self, vectors: dict[str, list[float]]):
        self.held = vectors
        self.read: list[str] = []

    def vectors(self, ids):
        self.read += ids
        return {i: self.held[i] for i in ids if i in self.held}


def vector(seed: int) -> list[float]:
    return np.random.default_rng(seed).normal(size=8).astype(np.float32).tolist()


def test_a_snapshot_holds_the_stores_vectors_in_the_order_asked(tmp_path):
    store = Store({f"c{i}": vector(i) for i in range(5)})
    order = ["c3", "c0", "c4", "c1", "c2"]
    assert write_snapshot(tmp_path, order, "5", store.vectors, set()) == 5
    snapshot = VectorSnapshot.open(tmp_path, order)
    assert snapshot is not None
    assert np.array_equal(np.asarray(snapshot.matrix), np.asarray([store.held[i] for i in order], np.float32))
    pages = [(ids, np.asarray(rows)) for ids, rows in snapshot.pages()]
    assert [i for ids, _ in pages for i in ids] == order
    assert VectorSnapshot.open(tmp_path, sorted(order)) is None  # another order: not this snapshot
    assert VectorSnapshot.open(tmp_path, order[:4]) is None


def test_rows_of_sentences_a_run_kept_are_copied_and_only_new_or_rewritten_ones_read(tmp_path):
    store = Store({f"c{i}": vector(i) for i in range(6)})
    before, after = tmp_path / "gen-1", tmp_path / "gen-2"
    before.mkdir(), after.mkdir()
    write_snapshot(before, ["c0", "c1", "c2"], "5", store.vectors, set())
    copy_snapshot(before, after)
    store.held["c1"] = vector(99)  # c1 prepared again this run, under the same id
    store.read = []
    assert write_snapshot(after, ["c1", "c2", "c5"], "5", store.vectors, rewritten={"c1", "c5"}) == 2
    assert sorted(store.read) == ["c1", "c5"]
    rows = np.asarray(VectorSnapshot.open(after, ["c1", "c2", "c5"]).matrix)
    assert np.array_equal(rows, np.asarray([vector(99), vector(2), vector(5)], np.float32))
    assert np.array_equal(  # the published generation before is untouched
        np.asarray(VectorSnapshot.open(before, ["c0", "c1", "c2"]).matrix),
        np.asarray([vector(0), vector(1), vector(2)], np.float32),
    )


def test_rows_prepared_by_another_version_are_read_again(tmp_path):
    store = Store({f"c{i}": vector(i) for i in range(3)})
    write_snapshot(tmp_path, ["c0", "c1", "c2"], "4", store.vectors, set())
    store.read = []
    assert write_snapshot(tmp_path, ["c0", "c1", "c2"], "5", store.vectors, set()) == 3


def test_no_snapshot_when_the_store_lacks_a_vector_or_the_files_disagree(tmp_path):
    store = Store({"c0": vector(0)})
    assert write_snapshot(tmp_path, ["c0", "c1"], "5", store.vectors, set()) is None
    assert VectorSnapshot.read(tmp_path) is None and not (tmp_path / IDS).exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left either
    write_snapshot(tmp_path, ["c0"], "5", store.vectors, set())
    assert VectorSnapshot.read(tmp_path) is not None
    np.save(tmp_path / VECTORS, np.zeros((2, 8), np.float32))  # rows and ids disagree
    assert VectorSnapshot.read(tmp_path) is None
    (tmp_path / IDS).write_text("{not json", encoding="utf-8")
    assert VectorSnapshot.read(tmp_path) is None


def test_a_generation_with_no_sentences_has_an_empty_snapshot(tmp_path):
    assert write_snapshot(tmp_path, [], "5", Store({}).vectors, set()) == 0
    snapshot = VectorSnapshot.open(tmp_path, [])
    assert snapshot is not None and list(snapshot.pages()) == []
