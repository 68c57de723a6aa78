"""Misspelt English words in questions typed in a hurry ("foriegn-funded", "total invesment"), corrected
with pyspellchecker's English word frequencies.

A word is corrected only when it is written in lower case (a capitalised word is more often a name,
"Wilmar", than a typo), is long enough to be a word rather than an abbreviation, is no English word, names no
place (index/lang/places.py), cannot be read as pinyin ("chushang", "yibin": names of Chinese events and
places, which a dictionary would "correct" to "crushing" and "cabin"), and has a correction one edit away (a
letter missing, extra, wrong, or two swapped) that starts with the same letter. German is left alone: its
compounds are missing from any dictionary, and a correction there is more often wrong than right
("wieviele" -> "wievielte").
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.lang.places import canonical_ids

MIN_LENGTH = 6  # shorter words are as often abbreviations ("conf", "econ", "avg") as typos
WORD = re.compile(rf"(?<![\w-])[A-Za-z]{{{MIN_LENGTH},}}(?![\w])")


def corrected(text: str) -> str:
    """The text with its misspelt English words corrected; other words unchanged."""
    return WORD.sub(lambda m: _correction(m.group()) or m.group(), text)


def _correction(word: str) -> str | None:
    if not word.islower() or canonical_ids(word):  # "Wilmar", "McKinsey", "CAEXPO": names, left alone
        return None
    checker = _checker()
    if checker.known([word]) or is_pinyin(word):
        return None
    found = checker.correction(word)
    return found if found and found != word and found[0] == word[0] else None


@lru_cache(maxsize=1)
def _checker():
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)  # one edit; two would take about 0.5 s a word


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (from pypinyin's character readings)."""
    from pypinyin import Style
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    return frozenset(
        convert(reading, Style.NORMAL, strict=False)
        for readings in pinyin_dict.values()
        for reading in readings.split(",")
    )


def is_pinyin(word: str) -> bool:
    """Whether a lower-case word is a run of pinyin syllables ("chushang", "pingxiang")."""
    syllables = _syllables()
    ends = {0}
    for end in range(1, len(word) + 1):
        if any(start in ends and word[start:end] in syllables for start in range(max(0, end - 6), end)):
            ends.add(end)
    return len(word) in ends
