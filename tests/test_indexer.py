"""Incremental indexing on real files, the real USE model and embedded Chroma: edits, deletions, bad input."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.factory import build_indexer, home
from index.catalog import Catalog
from index.generations import database_path, published
from index.indexer import PREPARATION
from index.ledger import Ledger
from index.loader import MAX_FILE_BYTES
from index.prepare import PREPARATION_VERSION
from index.snapshot import IDS, VectorSnapshot
from tests.conftest import make_settings
from tests.test_cli import run_bot

EDITED = "seeds/001_fceaf3afcab32c7e.txt"
OLD_SENTENCE = "83 projects worth a total of 45.046 billion yuan"
NEW_SENTENCE = "91 projects worth a total of 50.5 billion yuan"
DELETED = "seeds/000_5f199579b9a1294b.txt"
CORRUPTED = "seeds/003_a7989f5d7222c8d0.txt"
NEW_RELEASE = (
    "Ganzhou, May 6, 2025 -- The Ganzhou Investment Fair closed on Monday.\n\n"
    "Organisers said 12 projects worth 3.5 billion yuan were signed at the fair.\n"
)


@pytest.fixture
def workdir(indexed_settings, tmp_path) -> Path:
    """A private copy of the session's indexed seeds, data included, to change freely."""
    target = tmp_path / "work"
    shutil.copytree(indexed_settings.seeds_dir.parent, target)
    return target


@pytest.fixture
def indexer(workdir):
    """An indexer over the copy, after a run that found everything unchanged; closed after the test."""
    indexer = build_indexer(make_settings(workdir))
    assert indexer.run(workdir / "seeds").unchanged == 5
    yield indexer
    indexer.close()


def vector_ids(indexer, source: str) -> list[str]:
    """The chunk ids Chroma holds vectors of for one release, sorted."""
    return sorted(indexer.store.collection.get(where={"source": source}, include=[])["ids"])


def catalog_chunks(indexer, source: str):
    """The chunks the catalog holds for one release."""
    return [stored.chunk for stored in indexer.catalog.chunks() if stored.chunk.source == source]


def catalog_texts(indexer, source: str) -> list[str]:
    """The chunk texts the catalog holds for one release."""
    return [chunk.text for chunk in catalog_chunks(indexer, source)]


def assert_vectors_match_catalog(indexer, source: str) -> None:
    """Chroma holds a vector for each of the release's chunks in the catalog, and no other."""
    assert vector_ids(indexer, source) == sorted(chunk.chunk_id for chunk in catalog_chunks(indexer, source))


def assert_store_matches_catalog(indexer) -> None:
    """Chroma holds exactly one vector per catalog chunk: no strays, no duplicates; the published
    generation's snapshot holds the same vectors, in the catalog's order."""
    chunks = indexer.catalog.chunks()
    assert indexer.store.count() == len(chunks)
    assert sum(release.chunk_count for release in indexer.catalog.releases().values()) == len(chunks)
    ids = [stored.chunk.chunk_id for stored in chunks]
    assert indexer.generation == published(indexer.home)
    snapshot = VectorSnapshot.open(indexer.generation, ids)
    assert snapshot is not None
    stored = indexer.store.vectors(ids)
    assert np.array_equal(np.asarray(snapshot.matrix), np.asarray([stored[i] for i in ids], dtype=np.float32))


def test_index_holds_every_release_once(indexer):
    assert len(indexer.catalog.releases()) == 5
    assert_store_matches_catalog(indexer)
    for source in indexer.catalog.releases():
        assert_vectors_match_catalog(indexer, source)
    assert {row.source for row in indexer.ledger.rows(include_cumulative=True)} >= {EDITED, DELETED}


def test_second_run_embeds_nothing_loads_no_model_and_publishes_nothing(indexer, workdir):
    before = published(indexer.home)
    report = indexer.run(workdir / "seeds")
    assert (report.added, report.updated, report.removed, report.failed) == ([], [], [], [])
    assert report.unchanged == 5 and report.chunks_embedded == 0 and report.repaired == []
    assert "embedding" not in indexer.__dict__
    assert report.generation == "" and published(indexer.home) == before


def test_a_generation_without_a_vector_snapshot_gets_one_in_a_new_generation_without_embedding(
    indexer, workdir
):
    before = published(indexer.home)
    (before / IDS).unlink()  # as a generation written before snapshots
    report = indexer.run(workdir / "seeds")
    assert report.unchanged == 5 and report.chunks_embedded == 0 and "embedding" not in indexer.__dict__
    assert report.generation and published(indexer.home) != before
    assert_store_matches_catalog(indexer)


def test_a_snapshot_chroma_cannot_fill_is_reported_and_written_by_the_next_run(indexer, workdir, monkeypatch):
    from index.store import VectorStore

    real = VectorStore.vectors
    monkeypatch.setattr(VectorStore, "vectors", lambda store, ids: dict(list(real(store, ids).items())[1:]))
    (workdir / "seeds" / "005_new.txt").write_text(NEW_RELEASE, encoding="utf-8")
    report = indexer.run(workdir / "seeds")
    assert report.added == ["seeds/005_new.txt"] and len(report.warnings) == 1
    assert "answers read Chroma" in report.warnings[0]
    assert VectorSnapshot.read(published(indexer.home)) is None  # no snapshot rather than a wrong one
    monkeypatch.undo()
    again = indexer.run(workdir / "seeds")
    assert again.generation and again.chunks_embedded == 0 and again.warnings == []
    assert_store_matches_catalog(indexer)


def test_releases_prepared_by_an_earlier_indexer_version_are_prepared_again_once(indexer, workdir):
    indexer.catalog.set_setting(PREPARATION, "1")  # as an index built before acronyms were tokens
    with indexer.catalog.transaction() as db:  # ... whose tokens lack them
        db.execute("UPDATE chunks SET tokens = '[]'")
    report = indexer.run(workdir / "seeds")
    assert report.chunks_embedded == len(indexer.catalog.chunks()) and report.failed == []
    assert len(report.repaired) == 1 and report.repaired[0].startswith("5 releases (")
    assert report.reindexed == 5 and (report.added, report.updated, report.unchanged) == ([], [], 0)
    assert "earlier version of the indexer" in report.repaired[0]
    assert indexer.catalog.setting(PREPARATION) == PREPARATION_VERSION
    assert len(indexer.catalog.releases()) == 5
    assert_store_matches_catalog(indexer)
    tokens = {t for stored in indexer.catalog.chunks() for t in stored.tokens}
    assert "gba" in tokens  # "Greater Bay Area", prepared by this version
    again = indexer.run(workdir / "seeds")
    assert again.unchanged == 5 and again.repaired == [] and again.chunks_embedded == 0


def test_a_release_that_fails_to_prepare_again_keeps_its_earlier_version(indexer, workdir, monkeypatch):
    import index.prepare

    before = catalog_texts(indexer, EDITED)
    rows = indexer.ledger.rows(source=EDITED, include_cumulative=True)
    indexer.catalog.set_setting(PREPARATION, "1")
    real = index.prepare.chunk_document
    monkeypatch.setattr(  # as if this version of the code found nothing to index in one unchanged file
        index.prepare,
        "chunk_document",
        lambda doc, language: [] if doc.source == EDITED else real(doc, language),
    )
    report = indexer.run(workdir / "seeds")
    assert len(report.failed) == 1 and EDITED in report.failed[0] and report.reindexed == 4
    assert catalog_texts(indexer, EDITED) == before  # nothing already indexed is lost
    assert indexer.ledger.rows(source=EDITED, include_cumulative=True) == rows
    assert_vectors_match_catalog(indexer, EDITED)
    assert_store_matches_catalog(indexer)


def test_edit_replaces_chunks_vectors_and_ledger_rows(indexer, workdir):
    path = workdir / EDITED
    text = path.read_text(encoding="utf-8")
    assert OLD_SENTENCE in text
    path.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    report = indexer.run(workdir / "seeds")
    assert report.updated == [EDITED] and report.added == [] and report.unchanged == 4
    assert report.chunks_embedded == len(catalog_texts(indexer, EDITED))
    texts = catalog_texts(indexer, EDITED)
    assert any(NEW_SENTENCE in t for t in texts) and not any(OLD_SENTENCE in t for t in texts)
    assert_vectors_match_catalog(indexer, EDITED)
    edited = next(c for c in catalog_chunks(indexer, EDITED) if NEW_SENTENCE in c.text)
    stored = np.asarray(indexer.store.vectors([edited.chunk_id])[edited.chunk_id])
    fresh = np.asarray(indexer.embedding.vectors([edited.text])[0])
    assert float(stored @ fresh / np.linalg.norm(stored) / np.linalg.norm(fresh)) > 0.99  # re-embedded
    assert_store_matches_catalog(indexer)
    rows = indexer.ledger.rows(source=EDITED, include_cumulative=True)
    assert [(row.projects, row.amount_yuan) for row in rows] == [(91, 50.5e9)]
    assert NEW_SENTENCE in rows[0].quote


def test_delete_removes_chunks_vectors_and_ledger_rows(indexer, workdir):
    (workdir / DELETED).unlink()
    report = indexer.run(workdir / "seeds")
    assert report.removed == [DELETED] and report.unchanged == 4 and report.chunks_embedded == 0
    assert "embedding" not in indexer.__dict__  # forgetting a release needs no model
    assert DELETED not in indexer.catalog.releases()
    assert catalog_texts(indexer, DELETED) == [] and vector_ids(indexer, DELETED) == []
    assert indexer.ledger.rows(source=DELETED, include_cumulative=True) == []
    assert_store_matches_catalog(indexer)


def test_rebuild_starts_over(indexer, workdir):
    ledger_before = indexer.ledger.rows(include_cumulative=True)
    report = indexer.run(workdir / "seeds", rebuild=True)
    assert len(report.added) == 5 and report.updated == [] and report.unchanged == 0
    assert report.chunks_embedded == len(indexer.catalog.chunks())
    assert_store_matches_catalog(indexer)
    assert indexer.ledger.rows(include_cumulative=True) == ledger_before


def write_bad_files(seeds: Path) -> list[Path]:
    """One file of every kind the indexer must skip, each with its own name."""
    bad = {
        "empty.txt": b"",
        "scan.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),  # binary: NUL bytes
        "garbled.txt": bytes(range(0x80, 0x100)) * 4,  # no encoding makes text of this
        "broken.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage\n%%EOF\n",
    }
    for name, raw in bad.items():
        (seeds / name).write_bytes(raw)
    huge = seeds / "huge.txt"
    with huge.open("wb") as sparse:  # sparse: the size check must refuse it without reading 20 MB
        sparse.truncate(MAX_FILE_BYTES + 1)
    unreadable = seeds / "moved.txt"  # a link to a file that is gone: unreadable even for root
    unreadable.symlink_to(seeds / "no-such-release.txt")
    return [seeds / name for name in bad] + [huge, unreadable]


def assert_one_line_per_file(failed: list[str], paths: list[Path]) -> None:
    """Each bad file is named by exactly one single-line failure, and nothing else failed."""
    assert len(failed) == len(paths)
    assert all("\n" not in line for line in failed)
    for path in paths:
        assert sum(line.startswith(f"{path}: ") for line in failed) == 1, (path, failed)


def test_bad_files_fail_one_line_each_and_the_rest_is_indexed(indexer, workdir):
    seeds = workdir / "seeds"
    bad = write_bad_files(seeds)
    (seeds / "005_new.txt").write_text(NEW_RELEASE, encoding="utf-8")
    corrupted = workdir / CORRUPTED
    before = indexer.catalog.releases()[CORRUPTED]
    corrupted.write_bytes(b"")  # an indexed release truncated to nothing
    for added in (["seeds/005_new.txt"], []):  # failures are retried on the next run, and still lose nothing
        report = indexer.run(seeds)
        assert_one_line_per_file(report.failed, [*bad, corrupted])
        assert report.added == added and report.updated == [] and report.removed == []
        assert report.unchanged == 5 - len(added)
        assert indexer.catalog.releases()[CORRUPTED] == before
        assert catalog_texts(indexer, CORRUPTED)
        assert_vectors_match_catalog(indexer, CORRUPTED)
    assert "seeds/005_new.txt" in indexer.catalog.releases()
    assert any("Ganzhou" in text for text in catalog_texts(indexer, "seeds/005_new.txt"))
    assert_vectors_match_catalog(indexer, "seeds/005_new.txt")
    assert not {f"seeds/{path.name}" for path in bad} & set(indexer.catalog.releases())
    assert_store_matches_catalog(indexer)


def test_cli_index_exits_1_naming_each_skipped_file(workdir):
    bad = write_bad_files(workdir / "seeds")
    result = run_bot(workdir, "index")
    assert result.returncode == 1, result.stderr
    assert f"{len(bad)} failed" in result.stdout
    lines = result.stderr.splitlines()
    assert all(line.startswith("skipped ") for line in lines), result.stderr
    assert_one_line_per_file([line.removeprefix("skipped ") for line in lines], bad)
    for path in bad:
        path.unlink()
    result = run_bot(workdir, "index")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "0 failed" in result.stdout


def test_ask_without_an_index_says_to_run_index(tmp_path):
    (tmp_path / ".data").mkdir()
    result = run_bot(tmp_path, "ask", "x")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: ") and "run `python -m bot index`" in result.stderr


def scribble(path: Path) -> None:
    """Overwrite a database with bytes SQLite cannot read."""
    path.write_bytes(random.Random(path.name).randbytes(4096))


def test_corrupt_index_gives_one_line_and_rebuild_repairs_it(workdir):
    settings = make_settings(workdir)
    database = database_path(published(home(settings)))
    for command in (("ask", "total signed in 2025"), ("facts",)):
        scribble(database)
        result = run_bot(workdir, *command)
        assert result.returncode == 2, result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert (
            result.stderr.startswith(f"error: {database}")
            and "`python -m bot index --rebuild`" in result.stderr
        )
    result = run_bot(workdir, "index", "--rebuild")
    assert result.returncode == 0, result.stderr
    assert "5 added" in result.stdout
    rebuilt = Catalog(database_path(published(home(settings))), create=False)
    assert len(rebuilt.releases()) == 5
    assert {row.source for row in Ledger(rebuilt).rows()} >= {EDITED, DELETED}
    rebuilt.close()


def test_a_large_run_in_worker_processes_writes_what_a_run_in_one_process_writes(tmp_path, monkeypatch):
    from devtools.synthetic.corpus import generate_corpus
    from index import prepare

    seeds = tmp_path / "seeds"
    releases = prepare.PARALLEL_FROM + 6
    generate_corpus(seeds, n_releases=releases, seed=3)
    (seeds / "zz_broken.txt").write_bytes(b"\x00\x01binary")
    assert prepare.in_parallel(releases)  # the first run takes the worker processes
    stored = {}
    for mode in ("processes", "one process"):
        if mode == "one process":
            monkeypatch.setattr(prepare, "PARALLEL_FROM", 10**9)
        settings = make_settings(tmp_path / mode, seeds_dir=seeds)
        indexer = build_indexer(settings)
        report = indexer.run(seeds)
        store = indexer.store
        chunks = indexer.catalog.chunks()
        vectors = store.vectors([c.chunk.chunk_id for c in chunks])
        stored[mode] = (
            [(c.chunk, c.tokens) for c in chunks],
            indexer.ledger.rows(include_cumulative=True),
            [vectors[c.chunk.chunk_id] for c in chunks],
            sorted(report.added),
            report.failed,
        )
        indexer.close()
    assert len(stored["processes"][3]) == releases
    assert [line.split(": ", 1)[1] for line in stored["processes"][4]] == [
        "binary file (contains NUL bytes), not text"
    ]
    processes, single = stored["processes"], stored["one process"]
    assert processes[0] == single[0] and processes[1] == single[1] and processes[3] == single[3]
    assert (
        max(
            abs(a - b)
            for x, y in zip(processes[2], single[2], strict=True)
            for a, b in zip(x, y, strict=True)
        )
        < 1e-5
    )
