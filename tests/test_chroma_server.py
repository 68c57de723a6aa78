"""The index on a real `chroma run` server on loopback, and a clear error when no server answers."""

from __future__ import annotations

import pytest

from bot.factory import build_answerer, build_indexer, collection, store_opener
from index.generations import VECTOR_COLLECTION, chroma_path, published
from index.snapshot import IDS, VectorSnapshot
from index.store import StoreError
from tests.conftest import copy_seeds, free_port, make_settings
from tests.test_cli import assert_quotes_in_cited_lines, run_bot

PASSAGE_QUESTION = "Who led the Jiangmen delegation to Shenzhen?"
PASSAGE_SOURCE = "seeds/003_a7989f5d7222c8d0.txt"


def test_index_and_answer_from_a_chroma_server(chroma_server, tmp_path):
    import chromadb

    host, port = chroma_server
    copy_seeds(tmp_path)
    settings = make_settings(tmp_path, chroma_host=host, chroma_port=port)
    indexer = build_indexer(settings)
    try:
        report = indexer.run(settings.seeds_dir)
        chunks = len(indexer.catalog.chunks())
        name = indexer.catalog.setting(VECTOR_COLLECTION)
    finally:
        indexer.close()
    assert len(report.added) == 5 and not report.failed
    assert not chroma_path(published(indexer.home)).exists()  # nothing went to an embedded store

    server = chromadb.HttpClient(host=host, port=port)
    assert name.startswith(collection(settings))
    assert server.get_collection(name).count() == report.chunks_embedded == chunks

    answerer = build_answerer(settings)
    answer = answerer.answer(PASSAGE_QUESTION).to_json()
    assert answer["found"] is True
    assert answer["citations"][0]["source"] == PASSAGE_SOURCE
    assert "Xu Xiaoxiong" in answer["answer"]
    assert_quotes_in_cited_lines(tmp_path, answer["citations"])
    best = max(
        answerer.index.nearest(answerer.index.embed(PASSAGE_QUESTION), 3).items(), key=lambda kv: kv[1]
    )
    assert answerer.index.chunks[best[0]].source == PASSAGE_SOURCE and best[1] > 0.3

    (published(indexer.home) / IDS).unlink()  # a generation without a snapshot reads the server's vectors
    from_server = build_answerer(settings)
    assert not isinstance(from_server.index._store, VectorSnapshot)
    again = from_server.answer(PASSAGE_QUESTION).to_json()
    assert {k: v for k, v in again.items() if k != "latency_ms"} == {
        k: v for k, v in answer.items() if k != "latency_ms"
    }


def test_a_fresh_index_never_writes_into_a_collection_another_data_folder_left_on_the_server(
    chroma_server, tmp_path
):
    import chromadb

    host, port = chroma_server
    names = []
    for folder in ("first", "second"):  # two data folders, one server: e.g. a benchmark run twice
        workdir = tmp_path / folder
        copy_seeds(workdir)
        settings = make_settings(workdir, chroma_host=host, chroma_port=port)
        indexer = build_indexer(settings)
        try:
            indexer.run(settings.seeds_dir)
            names.append(indexer.catalog.setting(VECTOR_COLLECTION))
        finally:
            indexer.close()
    assert names[0] != names[1]
    server = chromadb.HttpClient(host=host, port=port)
    assert server.get_collection(names[1]).count() == server.get_collection(names[0]).count() > 0


def test_unreachable_server_is_a_store_error_naming_it(tmp_path):
    port = free_port()
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=port)
    with pytest.raises(StoreError, match=f"127.0.0.1:{port}"):
        store_opener(settings)(tmp_path / "gen-000001", collection(settings))


def test_cli_index_against_an_unreachable_server_is_one_line(tmp_path):
    copy_seeds(tmp_path)
    port = str(free_port())
    result = run_bot(tmp_path, "index", CHROMA_HOST="127.0.0.1", CHROMA_PORT=port)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("error: ") and f"127.0.0.1:{port}" in result.stderr
