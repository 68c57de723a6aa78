"""Numbers in English, German and Chinese text: "1,933", "1.933" (German), "一千二百", "1.2万", "fünfundvierzig".

Digits follow the text's language: in German "1.933" is 1933 and "20,663" is 20.663; in English (and
Chinese) "1,933" is 1933 and "285.415" is 285.415. Chinese numerals of any size are read by cn2an, number
words by text2num. Money amounts with their units and currencies are index/amounts.py's business.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

from index.lang import de, en, zh
from index.lang.chinese import fold_number_width, to_simplified
from index.lang.places import chinese_names

# A year a release or question can be about, as written in digits: "2024", "2024年".
YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")

WORD_TABLES = {"en": en, "de": de}
LETTER = "A-Za-z\u00c0-\u024f"
SCALE_WORDS = "|".join(sorted({*en.SCALE_WORDS, *de.SCALE_WORDS}, key=len, reverse=True))
NUMBER = re.compile(
    rf"""
    (?P<sign>(?<![0-9{LETTER}.,])[-\u2212](?=\d))?
    (?<![0-9{LETTER}])(?<![0-9][.,])
    (?P<digits>\d+(?:[.,]\d+)*)(?![.,]?\d)
    (?!(?:st|nd|rd|th)(?![{LETTER}]))
    (?:(?P<percent>\s?%)
      |(?P<unit>万亿|亿|千万|百万|万|千(?![{zh.METRIC_AFTER_THOUSAND}])|百(?!分))
      |\s(?P<scale>{SCALE_WORDS})(?![{LETTER}])(?:(?<=mrd|mio)\.)?)?
    |(?P<per>百分之)?(?P<zh>[{zh.NUMERAL_CHARS}]+(?:点[{zh.DIGIT_CHARS}]+)?)
    """,
    re.VERBOSE | re.IGNORECASE,
)
WORD = re.compile(f"[{LETTER}]+(?:-[{LETTER}]+)*")
# Place names holding numerals (三亚, 七台河, 十堰): a numeral inside one is not a number.
NUMERAL_PLACE_NAMES = sorted((n for n in chinese_names() if any(c in zh.NUMERAL_CHARS for c in n)), key=len)
NUMERAL_PLACES = re.compile("|".join(reversed(NUMERAL_PLACE_NAMES)))
PLACE_CONTEXT = len(NUMERAL_PLACE_NAMES[-1])


@dataclass(frozen=True)
class NumberMention:
    """A number found in text; `percent` when written as one ("5%", "百分之五": value 5)."""

    value: float
    start: int
    end: int
    surface: str
    percent: bool = False


def read_number(token: str, language: str) -> float | None:
    """The value of one number as written in `language` ("en", "de", "zh"), or None when it is none."""
    token, language = to_simplified(fold_number_width(token.strip())), _language(language)
    if token in zh.NON_NUMBERS:
        return None
    match = NUMBER.fullmatch(token)
    if match is not None:
        return _match_value(match, language)
    return _word_value(token, language if language in WORD_TABLES else "en")


def find_numbers(text: str, language: str) -> list[NumberMention]:
    """Digit numbers, Chinese numerals and number words in `text`, in order, with spans into `text`.

    Not counted: ordinals ("12th", "第五", which find_ordinals reads), lone Chinese numerals inside words
    (统一, 一带一路, 三亚; 一 counts before a measure word: 一个), approximate pairs (三四个), bare scale
    words ("million") and German articles ("ein Projekt"). German "24." is read as 24: whether it is an
    ordinal is find_ordinals' call.
    """
    folded, language = to_simplified(fold_number_width(text)), _language(language)  # 萬 -> 万, same offsets
    mentions: list[NumberMention] = []
    chinese: list[re.Match] = []
    for match in NUMBER.finditer(folded):
        if match["zh"] is not None:
            chinese.append(match)
            continue
        value = _match_value(match, language)
        if value is not None:
            mentions.append(_mention(value, match, text, percent=match["percent"] is not None))
    mentions += _chinese_mentions(chinese, folded, text)
    if language in WORD_TABLES:
        mentions += _word_mentions(folded, text, language, mentions)
    return sorted(mentions, key=lambda mention: mention.start)


def _language(language: str) -> str:
    return language[:2].lower()


def _mention(value: float, match: re.Match, text: str, percent: bool = False) -> NumberMention:
    return NumberMention(value, match.start(), match.end(), text[match.start() : match.end()], percent)


def _match_value(match: re.Match, language: str) -> float | None:
    if match["zh"] is not None:
        return chinese_numeral(match["zh"])
    number = arabic_number(match["digits"], german=language == "de")
    if number is None:
        return None
    if match["sign"]:
        number = -number
    if match["unit"]:
        number *= zh.UNIT_VALUES[match["unit"]]
    elif match["scale"]:
        number *= _scale(match["scale"].lower(), language)
    return float(number)


def _scale(word: str, language: str) -> int:
    """A scale word's value in `language` ("billion" is 10**9 in English, "Billion" 10**12 in German)."""
    tables = [WORD_TABLES[language]] if language in WORD_TABLES else []
    for table in [*tables, en, de]:
        if word in table.SCALE_WORDS:
            return table.SCALE_WORDS[word]
    raise KeyError(word)


def arabic_number(digits: str, german: bool) -> Decimal | None:
    """ "1,933" -> 1933, "20,663" (German) -> 20.663, "1.933" (German) -> 1933, "285.415" -> 285.415."""
    if "," in digits and "." in digits:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        whole, _, fraction = digits.rpartition(decimal_mark)
        if decimal_mark in whole or not _grouped(whole.split(thousands)):
            return None
        return _decimal(whole.replace(thousands, "") + "." + fraction)
    for mark in ",.":
        if mark in digits:
            groups = digits.split(mark)
            decimal_first = german == (mark == ",")  # the language's own decimal mark wins a single split
            if len(groups) == 2 and (decimal_first or not _grouped(groups)):
                return _decimal(groups[0] + "." + groups[1])
            return _decimal("".join(groups)) if _grouped(groups) else None
    return _decimal(digits)


def _grouped(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def chinese_numeral(text: str) -> float | None:
    """The value of a Chinese numeral: "一千二百" 1200, "两百" 200, "千亿" 1e11, "三点五" 3.5, "二〇二四" 2024."""
    if text and text[0] in "百千万亿佰仟":
        text = "一" + text  # cn2an wants the leading one that Chinese drops
    try:
        return float(_cn2an()(text, "smart"))
    except (ValueError, TypeError, KeyError, IndexError):
        return None


@functools.cache
def _cn2an():
    """cn2an's converter, imported on first use (importing it takes about 0.3 s); it keeps no state per call."""
    import cn2an

    return cn2an.cn2an


def _chinese_mentions(matches: list[re.Match], folded: str, text: str) -> list[NumberMention]:
    mentions = []
    for match in matches:
        numeral = match["zh"]
        if not _looks_numeric(numeral, match["per"] is not None, folded, match.start("zh"), match.end()):
            continue
        value = zh.DIGIT_VALUES.get(numeral) if len(numeral) == 1 else chinese_numeral(numeral)
        if value is None or _inside_place(folded, match.start(), match.end()):
            continue
        mentions.append(_mention(float(value), match, text, percent=match["per"] is not None))
    return mentions


def _inside_place(text: str, start: int, end: int) -> bool:
    """True when a place name covers part of text[start:end]: 七台河 and 三门峡 hold numerals."""
    offset = max(0, start - PLACE_CONTEXT)
    window = text[offset : end + PLACE_CONTEXT]
    return any(m.start() + offset < end and start < m.end() + offset for m in NUMERAL_PLACES.finditer(window))


def _looks_numeric(numeral: str, percent: bool, text: str, start: int, end: int) -> bool:
    if (
        text[start - 1 : start] == "第"
        or numeral in zh.NON_NUMBERS
        or text[start - 1 : end] in zh.NON_NUMBERS
    ):
        return False  # 第五 is an ordinal; 单一地区 is "a single region"
    if percent:
        return True
    follower = text[end : end + 1]
    if follower and follower in zh.APPROXIMATORS:
        follower = text[end + 1 : end + 2]
    counted = bool(follower) and follower in zh.MEASURE_WORDS
    if len(numeral) == 1 or numeral[0] in zh.MULTIPLIER_CHARS.replace("十", ""):
        return counted  # 一个 yes, 统一 and 千万 ("by all means") no
    digits_only = all(char in zh.DIGIT_CHARS for char in numeral)
    if digits_only and len(numeral) <= 3 and not any(char in "零〇" for char in numeral):
        return False  # 三四个, 七八十: "three or four", not 34
    return True


def _word_mentions(folded: str, text: str, language: str, taken: list[NumberMention]) -> list[NumberMention]:
    """Runs of number words ("twenty-one", "one hundred and five", "fünfundvierzig")."""
    covered = {index for mention in taken for index in range(mention.start, mention.end)}
    tokens = [match for match in WORD.finditer(folded) if match.start() not in covered]  # "5 million"
    mentions, index = [], 0
    while index < len(tokens):
        run = _number_run(tokens, index, folded, language)
        for last in range(index + len(run) - 1, index - 1, -1):
            mention = _word_mention(tokens[index], tokens[last], folded, text, language)
            if mention is not None:
                mentions.append(mention)
                index = last
                break
        index += 1
    return mentions


def _number_run(tokens: list[re.Match], index: int, text: str, language: str) -> list[re.Match]:
    """The tokens from `index` on that are number words or connectors, separated by spaces only."""
    connectors = WORD_TABLES[language].NUMBER_CONNECTORS
    run: list[re.Match] = []
    for token in tokens[index:]:
        if run and not text[run[-1].end() : token.start()].isspace():
            break
        word = token.group()
        if not ((run and word.lower() in connectors) or _word_value(word, language) is not None):
            break
        run.append(token)
    return run


def _word_mention(
    first: re.Match, last: re.Match, folded: str, text: str, language: str
) -> NumberMention | None:
    start, end = first.start(), last.end()
    phrase = folded[start:end]
    lower, table = phrase.lower(), WORD_TABLES[language]
    if lower.split()[-1] in table.NUMBER_CONNECTORS or lower in table.ARTICLES:
        return None
    if lower in table.SCALE_WORDS or lower in table.VAGUE_NUMBER_WORDS:
        return None  # "million" alone, "hundreds of firms"
    value = _word_value(phrase, language)
    return None if value is None else NumberMention(value, start, end, text[start:end])


def _word_value(phrase: str, language: str) -> float | None:
    try:
        return float(text2num(phrase, language))
    except (ValueError, TypeError):
        return None
