"""Traditional -> simplified (OpenCC) and full-width folding keep every offset."""

from __future__ import annotations

import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from index.lang.chinese import (
    fold_number_width,
    fold_width,
    has_cjk,
    is_romanised_word,
    romanised,
    to_simplified,
)


def test_to_simplified():
    assert to_simplified("廣西壯族自治區與越南簽約，臺灣") == "广西壮族自治区与越南签约，台湾"
    assert to_simplified("Guangxi 2024") == "Guangxi 2024"


def test_fold_width():
    assert fold_width("１２％，ＡＢ\u3000") == "12%,AB "
    assert fold_number_width("１，２．５") == "1，2.5"
    assert has_cjk("a广") and not has_cjk("abc")


def test_to_simplified_is_thread_safe():
    text = "廣西與越南簽約，臺灣、香港、澳門。" * 20
    expected, results = to_simplified(text), []
    workers = [
        threading.Thread(target=lambda: results.extend(to_simplified(text) for _ in range(200)))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert results == [expected] * 800


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=80))
def test_lengths_are_kept(text):
    assert len(to_simplified(text)) == len(text)
    assert len(fold_width(text)) == len(fold_number_width(text)) == len(text)


def test_chinese_words_are_romanised_as_english_and_german_text_writes_names():
    assert romanised("楚商") == "chushang" and romanised("武汉") == "wuhan"
    assert is_romanised_word("楚商") and is_romanised_word("楚商大会")
    assert not is_romanised_word("的") and not is_romanised_word("Wuhan")
