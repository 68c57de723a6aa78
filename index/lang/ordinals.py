"""Edition ordinals ("12th", "Twenty-first", "第十二届", "首届", "24. Messe"), relative editions and years.

German "24." is an ordinal before a word ("24. Lanzhou-Messe", "der 29. Ausgabe", "die 3. internationale")
or after an article with its noun left out ("als auf der 24. (2018)"), not before a month ("12. August",
"12. bis 14. März"), at the end of the text, or before a word that starts a sentence ("stieg auf 24. Die
Messe"). Ordinals before a month are dates in English too ("12th March").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from text_to_num import alpha2digit

from index.lang import de, en, zh
from index.lang.chinese import fold_number_width, to_simplified
from index.lang.numbers import chinese_numeral, read_number

LETTER = "A-Za-z\u00c0-\u024f"
MONTHS = frozenset({*en.MONTHS, *de.MONTHS})
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
AFTER_MONTH = re.compile(rf"(?:\s+of)?\s+(?:{MONTH})\b\.?")  # "12th March", "12th of March"
BEFORE_MONTH = re.compile(rf"\b(?:{MONTH})\.?\s+$")  # "March 12th"
# What follows "12." in "12. bis 14. März", "12. und 13. Mai", "12.-14. März".
DATE_RANGE = re.compile(rf"\s*(?:bis|und|oder|-|\u2013|/)\s*\d{{1,2}}\.\s*(?:{MONTH})\b")
ENGLISH_DIGITS = re.compile(rf"(?<![0-9{LETTER}])(\d{{1,4}})(?:st|nd|rd|th)(?![{LETTER}])", re.IGNORECASE)
GERMAN_DIGITS = re.compile(rf"(?<![0-9.,])(\d{{1,3}})\.(?=[ \u00a0]+([{LETTER}\d][\w-]*))")
# After an article, "24." names an edition with its noun left out: "als auf der 24. (2018)", "und der 5.?".
GERMAN_ELLIPTIC = re.compile(r"\b(?:der|die|das|dem|den|des)\s+(\d{1,3})\.(?=\s*(?:[(?,;!]|$))", re.I)
WORD = re.compile(f"[{LETTER}]+(?:-[{LETTER}]+)*")
ENGLISH_ENDINGS = ("st", "nd", "rd", "th")
GERMAN_ENDINGS = ("te", "ten", "ter", "tes", "tem")
CHINESE = re.compile(
    rf"第\s*(?P<number>\d+|[{zh.NUMERAL_CHARS}]+)\s*(?P<counter>[{zh.ORDINAL_COUNTERS}])?"
    rf"|{zh.FIRST}(?P<first>[{zh.ORDINAL_COUNTERS}])"
)
# A day, week, month, quarter or year counted by an ordinal is a time, not an edition.
TIME_UNIT_AFTER = re.compile(
    r"\s*(?:天|日|周|月|季度|年度|(?:day|week|month|quarter|year|half)s?\b"
    r"|(?:tag|tage[sn]?|woche|wochen|monat|monats|quartal|quartals|jahr|jahres|halbjahr)\b)",
    re.IGNORECASE,
)
TIME_BEFORE_SECOND = re.compile(r"(?:\bper|\d)\s*$")
MAX_NUMBER_WORDS = 5  # words before an ordinal word that may belong to it: "one hundred and twenty-first"


class Relative(Enum):
    """An edition named relative to the newest one."""

    LATEST = "latest"
    PREVIOUS = "previous"
    NEXT = "next"  # after the edition a thread is about


@dataclass(frozen=True)
class OrdinalMention:
    """An ordinal found in text: its value and span ("第十二届": 12)."""

    value: int
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class RelativeEdition:
    """A relative reference to an edition ("the previous edition", "上一届", "letztes Jahr")."""

    kind: Relative
    start: int
    end: int
    surface: str


def _edition_patterns() -> list[tuple[re.Pattern, Relative]]:
    en_noun = f"(?:{'|'.join(en.EDITION_NOUNS)})s?"
    de_noun = f"[\\w-]*(?:{'|'.join(de.EDITION_NOUNS)})\\w*"
    patterns = []
    for table, noun, edge in ((en, en_noun, r"\b"), (de, de_noun, r"\b"), (zh, "", "")):
        for pattern, kind in table.RELATIVE_EDITIONS.items():
            regex = f"{edge}(?:{pattern.replace('{noun}', noun)}){edge}"
            patterns.append((re.compile(regex, re.IGNORECASE), Relative(kind)))
    return patterns


def _year_patterns() -> list[tuple[re.Pattern, int]]:
    patterns = [
        (re.compile(rf"\b(?:{p})\b", re.IGNORECASE), o) for t in (en, de) for p, o in t.RELATIVE_YEARS.items()
    ]
    return patterns + [(re.compile(pattern), offset) for pattern, offset in zh.RELATIVE_YEARS.items()]


EDITION_PATTERNS = _edition_patterns()
YEAR_PATTERNS = _year_patterns()


def find_ordinals(text: str, language: str | None = None) -> list[OrdinalMention]:
    """Ordinals in `text`, in order; `language` ("en", "de", "zh") picks the word rules, None applies all."""
    folded = to_simplified(fold_number_width(text))  # same length: spans index `text`
    language = language[:2].lower() if language else None
    found = _chinese(folded) + _english_digits(folded)
    if language in (None, "en"):
        found += _ordinal_words(folded, "en", ENGLISH_ENDINGS, r"(\d+)(?:st|nd|rd|th)")
    if language in (None, "de"):
        starters = de.SENTENCE_STARTERS | (en.SENTENCE_STARTERS if language is None else frozenset())
        found += _german_digits(folded, starters) + _ordinal_words(folded, "de", GERMAN_ENDINGS, r"(\d+)\.")
    return [
        OrdinalMention(v, s, e, text[s:e])
        for v, s, e in _without_overlaps(found)
        # "第一天", "the first day", "am ersten Tag": no edition ("第五届周商大会" is one: 届 counts it)
        if folded[e - 1] in zh.ORDINAL_COUNTERS or not TIME_UNIT_AFTER.match(folded, e)
    ]


def find_relative_editions(text: str) -> list[RelativeEdition]:
    """References to the latest or the previous edition ("the latest edition", "上届", "die vorige Ausgabe")."""
    found = [(kind, m.start(), m.end()) for pattern, kind in EDITION_PATTERNS for m in pattern.finditer(text)]
    kept, end = [], -1
    for kind, start, stop in sorted(found, key=lambda item: (item[1], -item[2])):
        if start >= end:
            kept.append(RelativeEdition(kind, start, stop, text[start:stop]))
            end = stop
    return kept


def resolve_relative_year(text: str, today_year: int) -> int | None:
    """The year the first relative year phrase in `text` names ("last year", "去年", "im Vorjahr"), or None."""
    matches = [(m.start(), offset) for pattern, offset in YEAR_PATTERNS if (m := pattern.search(text))]
    return today_year + min(matches)[1] if matches else None


def _chinese(text: str) -> list[tuple[int, int, int]]:
    found = []
    for match in CHINESE.finditer(text):
        if match["first"]:
            found.append((1, match.start(), match.end()))
            continue
        number = match["number"]
        value = int(number) if number.isdigit() else chinese_numeral(number)
        if value is not None and value == int(value) and value > 0:
            found.append((int(value), match.start(), match.end()))
    return found


def _english_digits(text: str) -> list[tuple[int, int, int]]:
    found = []
    for match in ENGLISH_DIGITS.finditer(text):
        if not _is_date(text, match.start(), match.end()):
            found.append((int(match[1]), match.start(), match.end()))
    return found


def _german_digits(text: str, starters: frozenset[str]) -> list[tuple[int, int, int]]:
    found = [(int(m[1]), m.start(1), m.end(1) + 1) for m in GERMAN_ELLIPTIC.finditer(text)]
    for match in GERMAN_DIGITS.finditer(text):
        following = match[2]
        if following in starters or following in MONTHS or following[0].isdigit():
            continue
        if DATE_RANGE.match(text, match.end()):
            continue
        found.append((int(match[1]), match.start(), match.end()))
    return found


def _ordinal_words(
    text: str, language: str, endings: tuple[str, ...], shape: str
) -> list[tuple[int, int, int]]:
    """Ordinal words, with the number words before them: "twelfth", "Twenty-first", "fünften"."""
    words = list(WORD.finditer(text))
    found = []
    for index, word in enumerate(words):
        # The last word of an ordinal is one by itself: "first" in "one hundred and first".
        if not (
            word.group().lower().endswith(endings) and re.fullmatch(shape, _digits(word.group(), language))
        ):
            continue
        if _is_date(text, word.start(), word.end()) or _time_unit(text, word.start(), word.group()):
            continue
        for first in range(_first_number_word(words, index, text, language), index + 1):
            start, end = words[first].start(), word.end()
            value = re.fullmatch(shape, _digits(text[start:end], language))
            if value:
                found.append((int(value[1]), start, end))
                break
    return found


def _first_number_word(words: list[re.Match], index: int, text: str, language: str) -> int:
    """How far left of words[index] cardinal number words run ("one hundred and" before "first")."""
    connectors = (en if language == "en" else de).NUMBER_CONNECTORS
    first = index
    while first > 0 and index - first < MAX_NUMBER_WORDS:
        previous = words[first - 1]
        lower = previous.group().lower()
        if not text[previous.end() : words[first].start()].isspace():
            break
        if lower not in connectors and read_number(lower, language) is None:
            break
        first -= 1
    return first


def _digits(phrase: str, language: str) -> str:
    return alpha2digit(phrase, language, threshold=0).strip()


def _is_date(text: str, start: int, end: int) -> bool:
    return bool(AFTER_MONTH.match(text, end) or BEFORE_MONTH.search(text[max(0, start - 12) : start]))


def _time_unit(text: str, start: int, word: str) -> bool:
    """ "per second" and "30 second" are time."""
    return word.lower() == "second" and TIME_BEFORE_SECOND.search(text[max(0, start - 6) : start]) is not None


def _without_overlaps(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    kept, end = [], -1
    for value, start, stop in sorted(found, key=lambda item: (item[1], -item[2])):
        if start >= end:
            kept.append((value, start, stop))
            end = stop
    return kept
