"""Chinese script helpers: traditional -> simplified (OpenCC) and full-width folding, both length-preserving."""

from __future__ import annotations

import functools
import re

# CJK unified ideographs (with extension A) and the compatibility block; enough for place names and numerals.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK}]+")
# Full-width digits, letters and signs fold to ASCII one for one; the ideographic space to a space.
FULL_WIDTH_PAIRS = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
FULL_WIDTH = str.maketrans(FULL_WIDTH_PAIRS)
# For reading numbers the Chinese comma stays: "1，2月" lists two months, it is not 1.2.
NUMBER_WIDTH = str.maketrans({wide: narrow for wide, narrow in FULL_WIDTH_PAIRS.items() if wide != "\uff0c"})


def has_cjk(text: str) -> bool:
    """True when `text` holds at least one Chinese character."""
    return CJK_RUN.search(text) is not None


def fold_width(text: str) -> str:
    """`text` with full-width digits, letters and signs as ASCII (same length, so offsets stay valid)."""
    return text.translate(FULL_WIDTH)


def fold_number_width(text: str) -> str:
    """Like fold_width, but the Chinese comma "，" stays: it separates words, never digit groups."""
    return text.translate(NUMBER_WIDTH)


def to_simplified(text: str) -> str:
    """`text` in simplified Chinese (OpenCC t2s), always of the same length so spans into it stay valid.

    OpenCC converts phrase by phrase; in the rare case a phrase changes length, the text is converted
    character by character instead, keeping any character whose conversion is not a single character.
    """
    if not has_cjk(text):
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_one_character(char) for char in text)


def _one_character(char: str) -> str:
    if not has_cjk(char):
        return char
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


@functools.cache
def _converter():
    """The OpenCC t2s converter: built once on first use (about 10 ms), read-only afterwards."""
    import opencc

    return opencc.OpenCC("t2s")


ROMANISED_WORD = re.compile(f"[{CJK}]{{2,4}}")
WORDS_REMEMBERED = 200_000


def is_romanised_word(word: str) -> bool:
    """Whether a word is one `romanised` writes: two to four Chinese characters (a name, not a particle)."""
    return ROMANISED_WORD.fullmatch(word) is not None


@functools.lru_cache(maxsize=WORDS_REMEMBERED)
def romanised(word: str) -> str:
    """A Chinese word's pinyin, without tones and run together ("楚商" -> "chushang"): how English and German
    text writes Chinese names (remembered: a corpus repeats its words)."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))
