"""An index that is always consistent: copies, renames, kills, two writers, readers during a run, a Chroma
server that lost its data, symlinks and FIFOs. After each, the answers equal those of a clean build of the
same files (real files, the real USE model, embedded Chroma or a real `chroma run` server)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.evaluate import load_gold
from bot.factory import build_answerer, collection, home, store_opener
from index.generations import VECTOR_COLLECTION, published, writer_lock
from index.indexer import Indexer
from tests.conftest import GOLD, ROOT, copy_seeds, free_port, make_settings, start_chroma, stop
from tests.test_cli import run_bot

DUPLICATED = "seeds/003_a7989f5d7222c8d0.txt"
RENAMED = "seeds/000_5f199579b9a1294b.txt"
OTHER = "seeds/001_fceaf3afcab32c7e.txt"
NEW_RELEASE = (
    "Ganzhou, May 6, 2025 -- The Ganzhou Investment Fair closed on Monday.\n\n"
    "Organisers said 12 projects worth 3.5 billion yuan were signed at the fair.\n"
)
TOTAL = "total signed in 2025"
QUESTIONS = [gold["question"] for gold in load_gold(GOLD)][:12] + [TOTAL, "How much was signed in Ganzhou?"]


def indexer_for(settings, embedding) -> Indexer:
    """The indexer `python -m bot index` builds, with the session's loaded model."""
    return Indexer(
        home(settings),
        collection(settings),
        lambda: embedding,
        store_opener(settings),
        shared_store=bool(settings.chroma_host),
    )


def run_index(settings, embedding, **options):
    indexer = indexer_for(settings, embedding)
    try:
        return indexer.run(settings.seeds_dir, **options)
    finally:
        indexer.close()


def answers(settings, embedding) -> list[dict]:
    """The JSON answers to QUESTIONS, latency aside."""
    answerer = build_answerer(settings, query_encoder=embedding)
    result = []
    for question in QUESTIONS:
        data = answerer.answer(question).to_json()
        del data["latency_ms"]
        result.append(data)
    return result


def clean_build_answers(settings, embedding, tmp_path: Path) -> list[dict]:
    """The answers of a fresh index of the files now in settings.seeds_dir (same folder name)."""
    clean = tmp_path / "clean"
    shutil.copytree(settings.seeds_dir, clean / settings.seeds_dir.name, symlinks=False)
    clean_settings = make_settings(clean, seeds_dir=clean / settings.seeds_dir.name)
    report = run_index(clean_settings, embedding)
    assert not report.failed
    return answers(clean_settings, embedding)


def stored_sources(settings) -> dict[str, int]:
    """Vectors per source name as Chroma's metadata says."""
    generation = published(home(settings))
    from index.catalog import Catalog
    from index.generations import database_path

    catalog = Catalog(database_path(generation), create=False)
    name = catalog.setting(VECTOR_COLLECTION)
    catalog.close()
    store = store_opener(settings)(generation, name)
    counts: dict[str, int] = {}
    for metadata in store.collection.get(include=["metadatas"])["metadatas"]:
        counts[metadata["source"]] = counts.get(metadata["source"], 0) + 1
    return counts


@pytest.fixture
def workdir(indexed_settings, tmp_path) -> Path:
    """A private copy of the session's indexed seeds, data included."""
    target = tmp_path / "work"
    shutil.copytree(indexed_settings.seeds_dir.parent, target)
    return target


def test_a_copy_is_indexed_once_and_named_and_a_rebuild_keeps_every_release(workdir, use_embedding, tmp_path):
    settings = make_settings(workdir)
    copy = workdir / "seeds" / "003_copy.txt"
    shutil.copy(workdir / DUPLICATED, copy)
    report = run_index(settings, use_embedding)
    assert report.duplicates == [f"{copy}: same content as {DUPLICATED}"]
    assert report.failed == [] and report.chunks_embedded == 0 and report.unchanged == 5
    assert "seeds/003_copy.txt" not in stored_sources(settings)
    expected = clean_build_answers(settings, use_embedding, tmp_path)
    assert answers(settings, use_embedding) == expected

    rebuilt = run_index(settings, use_embedding, rebuild=True)
    assert len(rebuilt.added) == 5 and len(rebuilt.duplicates) == 1
    assert answers(settings, use_embedding) == expected


def test_the_cli_reports_a_copy_in_one_line(workdir):
    shutil.copy(workdir / DUPLICATED, workdir / "seeds" / "003_copy.txt")
    result = run_bot(workdir, "index")
    assert result.returncode == 0, result.stderr
    assert "1 duplicates" in result.stdout
    assert result.stderr.splitlines() == [
        f"indexed once: {workdir / 'seeds' / '003_copy.txt'}: same content as {DUPLICATED}"
    ]


def test_renames_and_swaps_are_moves_not_new_releases(workdir, use_embedding, tmp_path):
    settings = make_settings(workdir)
    before = stored_sources(settings)
    seeds = workdir / "seeds"
    (workdir / RENAMED).rename(seeds / "000_renamed.txt")
    report = run_index(settings, use_embedding)
    assert report.moved == [f"{RENAMED} -> seeds/000_renamed.txt"]
    assert report.chunks_embedded == report.ledger_rows == 0 and report.removed == report.added == []
    (seeds / "000_renamed.txt").rename(seeds / "swap.tmp")
    (workdir / OTHER).rename(seeds / "000_renamed.txt")
    (seeds / "swap.tmp").rename(workdir / OTHER)
    report = run_index(settings, use_embedding)
    assert sorted(report.moved) == sorted(
        [f"{OTHER} -> seeds/000_renamed.txt", f"seeds/000_renamed.txt -> {OTHER}"]
    )
    after = stored_sources(settings)
    assert after["seeds/000_renamed.txt"] == before[OTHER] and after[OTHER] == before[RENAMED]
    assert RENAMED not in after
    assert answers(settings, use_embedding) == clean_build_answers(settings, use_embedding, tmp_path)


KILL_MID_TRANSACTION = """
import os, signal, sys
from index.ledger import Ledger
from bot.cli import main

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)  # vectors written, the release's SQLite transaction open

Ledger.replace_source = killed
sys.exit(main(["index"]))
"""


def test_a_kill_between_the_vectors_and_the_catalog_converges(workdir, use_embedding, tmp_path):
    settings = make_settings(workdir)
    (workdir / "seeds" / "005_new.txt").write_text(NEW_RELEASE, encoding="utf-8")
    old_total = answers(settings, use_embedding)[-2]
    killed = subprocess.run(
        [sys.executable, "-c", KILL_MID_TRANSACTION],
        cwd=workdir,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert answers(settings, use_embedding)[-2] == old_total  # readers still see the published index
    report = run_index(settings, use_embedding)
    assert report.added == ["seeds/005_new.txt"] and any("resumed" in line for line in report.repaired)
    final = answers(settings, use_embedding)
    assert "12 projects" in final[-2]["answer"]
    assert final == clean_build_answers(settings, use_embedding, tmp_path)


def test_a_second_writer_is_refused_naming_the_holder_or_waits(workdir):
    settings = make_settings(workdir)
    lock = writer_lock(home(settings))
    lock.__enter__()
    try:
        refused = run_bot(workdir, "index")
        assert refused.returncode == 2
        assert refused.stderr.splitlines() == [refused.stderr.strip()]
        assert f"PID {os.getpid()}" in refused.stderr and "--wait" in refused.stderr
        waiting = subprocess.Popen(
            [sys.executable, "-m", "bot", "index", "--wait"],
            cwd=workdir,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)
        assert waiting.poll() is None  # still waiting for the lock
    finally:
        lock.__exit__(None, None, None)
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "5 unchanged" in out


def test_questions_during_a_run_see_the_old_index_then_the_new_one(workdir, use_embedding):
    settings = make_settings(workdir)
    answerer = build_answerer(settings, query_encoder=use_embedding)
    answerer.warm().join()
    old = answerer.answer(TOTAL).answer
    assert "87 projects" in old
    (workdir / "seeds" / "005_new.txt").write_text(NEW_RELEASE, encoding="utf-8")
    (workdir / RENAMED).unlink()
    started, resume = threading.Event(), threading.Event()

    def paused(items, total):
        for item in items:
            started.set()
            assert resume.wait(60)
            yield item

    indexer = indexer_for(settings, use_embedding)
    run = threading.Thread(target=lambda: indexer.run(settings.seeds_dir, progress=paused))
    run.start()
    try:
        assert started.wait(60)
        assert answerer.answer(TOTAL).answer == old  # mid-run: the published generation only
        in_cli = run_bot(workdir, "ask", TOTAL)
        assert in_cli.returncode == 0 and "87 projects" in in_cli.stdout
    finally:
        resume.set()
        run.join(120)
        indexer.close()
    new = answerer.answer(TOTAL)  # the same answerer, no restart
    assert "99 projects" in new.answer and "seeds/005_new.txt" in {c.source for c in new.citations}
    assert RENAMED not in answerer.releases
    passage = answerer.answer("Where did the Ganzhou Investment Fair take place and when did it close?")
    assert passage.citations and passage.citations[0].source == "seeds/005_new.txt"


def test_a_chroma_server_restarted_empty_is_noticed_and_repaired(tmp_path, use_embedding):
    port = free_port()
    copy_seeds(tmp_path)
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=port)
    server = start_chroma(tmp_path / "server-data", port)
    try:
        assert len(run_index(settings, use_embedding).added) == 5
        expected = answers(settings, use_embedding)
    finally:
        stop(server)
    server = start_chroma(tmp_path / "empty-server-data", port)  # same address, no data
    try:
        report = run_index(settings, use_embedding)
        assert len(report.repaired) == 5 and all("vectors missing in Chroma" in r for r in report.repaired)
        assert report.added == report.updated == [] and report.chunks_embedded > 0
        assert answers(settings, use_embedding) == expected
        again = run_index(settings, use_embedding)
        assert again.repaired == [] and again.chunks_embedded == 0 and again.unchanged == 5
    finally:
        stop(server)


def test_a_symlinked_folder_gives_one_name_everywhere(tmp_path, use_embedding):
    real = copy_seeds(tmp_path / "real")
    link = tmp_path / "seeds"
    link.symlink_to(real, target_is_directory=True)
    settings = make_settings(tmp_path)  # SEEDS_DIR=seeds, a symlink to real/seeds
    assert len(run_index(settings, use_embedding).added) == 5
    sources = stored_sources(settings)
    assert set(sources) == set(build_answerer(settings, query_encoder=use_embedding).releases)
    assert all(source.startswith("seeds/") for source in sources)
    (link / "000_5f199579b9a1294b.txt").unlink()
    report = run_index(settings, use_embedding)
    assert report.removed == [RENAMED] and RENAMED not in stored_sources(settings)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_skipped_with_a_line_instead_of_hanging(workdir):
    fifo = workdir / "seeds" / "pipe.txt"
    os.mkfifo(fifo)
    result = run_bot(workdir, "index")  # run_bot has a timeout: a hang fails the test
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"skipped {fifo}: not a regular file (a FIFO, socket or device)"]
    assert "5 unchanged" in result.stdout
