"""Hybrid retrieval over the indexed seeds: filters, cross-lingual hits, keyword search per language."""

import pytest

from index.keyword import BM25Index, question_terms, tokenize
from index.retrieval import Filters


@pytest.fixture(scope="module")
def retriever(answerer):
    return answerer.retriever


@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        (Filters(language="de"), {"seeds/004_90020b831592080a.txt"}),
        (Filters(year=2025), {"seeds/001_fceaf3afcab32c7e.txt", "seeds/002_6b8c60359d9cb5c1.txt"}),
        (Filters(source="seeds/003_a7989f5d7222c8d0.txt"), {"seeds/003_a7989f5d7222c8d0.txt"}),
    ],
)
def test_filters_restrict_both_dense_and_keyword_hits(retriever, filters, allowed):
    hits = retriever.search("How many projects were signed at the conference?", top_k=50, filters=filters)
    assert hits and {hit.chunk.source for hit in hits} <= allowed


@pytest.mark.parametrize(
    ("question", "source"),
    [
        (
            "What revenue did Jiangxi's electronic information industry reach in 2024?",
            "seeds/002_6b8c60359d9cb5c1.txt",
        ),
        ("Which center was launched at the Baise conference?", "seeds/004_90020b831592080a.txt"),
        ("赣深高铁开通后，两地之间的通行时间缩短到多久？", "seeds/001_fceaf3afcab32c7e.txt"),
    ],
)
def test_a_question_finds_the_release_in_another_language(retriever, question, source):
    assert retriever.search(question, top_k=1)[0].chunk.source == source


def test_keyword_tokens_per_language():
    assert tokenize("The conference signed 74 projects", "en") == ["confer", "sign", "74", "project"]
    assert tokenize("Die Projekte wurden unterzeichnet", "de") == ["projekt", "unterzeichn"]
    assert "签约" in tokenize("现场签约项目83个", "zh") and "83" in tokenize("现场签约项目83个", "zh")


def test_coverage_weighs_terms_no_release_mentions_most():
    index = BM25Index([["jiangxi", "provinc"], ["jiangxi", "fund"], ["jiangxi"]])
    covered = index.coverage(question_terms("population of Jiangxi province"), 0)
    assert 0 < covered < 0.5  # "population" occurs nowhere, and it outweighs the two terms found
    assert index.coverage(question_terms("Jiangxi province"), 0) == 1.0
