"""Misspelt English words in questions, corrected; names, abbreviations and German left alone."""

from __future__ import annotations

import pytest

from bot.qa.understand import understand
from index.lang.spelling import corrected, is_pinyin


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("how many foriegn-funded projects?", "how many foreign-funded projects?"),
        (
            "total invesment and recieved goverment projcts",
            "total investment and received government projects",
        ),
        ("the fair in chongqng", "the fair in chongqing"),
    ],
)
def test_a_misspelt_english_word_is_corrected(typed, meant):
    assert corrected(typed) == meant


@pytest.mark.parametrize(
    "text",
    [
        "the chushang conference in huaihua, yibin and leshan",  # pinyin: no dictionary word
        "what did Hengyang and Changzhou sign",  # places, however near another place's name
        "econ & trade conf, avg size",  # abbreviations are short
        "CAEXPO and WCIF",  # acronyms
        "deals with Wilmar, McKinsey and Shopee",  # capitalised words are names
    ],
)
def test_names_and_abbreviations_are_left_alone(text):
    assert corrected(text) == text


def test_pinyin_is_recognised_and_english_is_not():
    assert is_pinyin("chushang") and is_pinyin("pingxiang")
    assert not is_pinyin("foriegn") and not is_pinyin("investment")


def test_a_question_is_read_with_its_words_corrected_and_says_so():
    plan = understand("how many foriegn-funded projects and total invesment?")
    assert set(plan.wants) == {"count", "amount"}
    assert plan.resolved == "how many foreign-funded projects and total investment?"
    german = understand("Wie viele Projekte wurden unterzeichnet, wieviele Verträge?")
    assert german.resolved is None  # German is never corrected


def test_a_follow_up_keeps_its_corrections():
    plan = understand("and how much foriegn invesment?", ["How many projects did the 5th expo sign?"])
    assert plan.follow_up and "foreign investment" in plan.resolved and "invesment" not in plan.resolved
