"""Retrieval over the indexed seeds: cross-lingual hits, language-neutral tokens, keyword search per language."""

import pytest

from bot.qa.decide import rank_releases
from bot.qa.pipeline import RELEASES_READ
from bot.qa.retrieve import retrieve
from bot.qa.understand import understand
from index.keyword import BM25Index, question_terms, tokenize
from index.retrieval import annotate, ordinal_token, place_token


@pytest.fixture(scope="module")
def index(answerer):
    return answerer.index


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
def test_a_question_finds_the_release_in_another_language(answerer, index, question, source):
    ranked = rank_releases(retrieve(understand(question), index).releases, answerer.model)
    assert source in [c.source for c in ranked[:RELEASES_READ]]  # among the releases the answer reads


def test_places_and_editions_are_language_neutral_tokens():
    places_en, ordinals_en = annotate("The 12th fair in Shenzhen")
    places_zh, ordinals_zh = annotate("第十二届深圳博览会")
    assert places_en == places_zh and ordinals_en == ordinals_zh == (12,)
    assert place_token("x") != ordinal_token(12)


def test_keyword_tokens_per_language():
    assert tokenize("The conference signed 74 projects", "en") == ["confer", "sign", "74", "project"]
    assert tokenize("Die Projekte wurden unterzeichnet", "de") == ["projekt", "unterzeichn"]
    assert "签约" in tokenize("现场签约项目83个", "zh") and "83" in tokenize("现场签约项目83个", "zh")


def test_coverage_weighs_terms_no_release_mentions_most():
    index = BM25Index([["jiangxi", "provinc"], ["jiangxi", "fund"], ["jiangxi"]])
    covered = index.coverage(question_terms("population of Jiangxi province"), 0)
    assert 0 < covered < 0.5  # "population" occurs nowhere, and it outweighs the two terms found
    assert index.coverage(question_terms("Jiangxi province"), 0) == 1.0
