"""The verifier: every number in an answer is in a cited quote or computed from cited numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from index.amounts import find_amounts
from index.deal_extraction import matchable
from index.lang.numbers import chinese_numeral, find_numbers
from index.lang.ordinals import find_ordinals

# A figure as written in English ("1,200.5"), German ("20,663") or Chinese ("450.46亿") text.
# A comma after a word is punctuation ("洽谈,32个"); after a digit it groups or decimals ("1,933", "20,663").
NUMBER = re.compile(r"(?<![A-Za-z0-9.])(?<!\d,)\d+(?:[.,]\d+)*(?![A-Za-z0-9])")
CITATION_MARK = re.compile(r"\[\d+\]")
GERMAN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
CHINESE_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千]+")
QUOTES_REMEMBERED = 100_000
SHORT_DATE = re.compile(r"(?<!\d)\d{1,2} [A-Z][a-z]{2} \d{4}(?!\d)")  # as `short_date` writes one


@lru_cache(maxsize=QUOTES_REMEMBERED)
def short_date(iso: str) -> str:
    """How answers write a date: '2 Sep 2024'."""
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%b %Y}"


@lru_cache(maxsize=QUOTES_REMEMBERED)
def number_forms(token: str) -> frozenset[str]:
    """The canonical values a written number may stand for (comma as thousands or decimal separator;
    remembered: a period total writes hundreds of figures)."""
    forms = {token.replace(",", "")}
    if token.count(",") == 1 and "." not in token:
        forms.add(token.replace(",", "."))  # German decimal comma: "20,663" may be 20.663
    if GERMAN_THOUSANDS.fullmatch(token):
        forms.add(token.replace(".", "").replace(",", "."))  # German grouping: "1.100" may be 1100
    canonical = set()
    for form in forms:
        try:
            value = float(form)
        except ValueError:
            continue
        canonical.add(_canonical(value))
    return frozenset(canonical)


def _canonical(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def quoted_numbers(quotes: Iterable[str]) -> set[str]:
    """Every value a reader can find in the quotes: the numbers as written and amounts in billion yuan."""
    return set().union(*map(_numbers_in, quotes))


@lru_cache(maxsize=QUOTES_REMEMBERED)
def _numbers_in(quote: str) -> frozenset[str]:
    """The values one quote states (remembered: a period total cites the same rows question after question)."""
    allowed: set[str] = set()
    # As written, and as the ledger read it: with content-farm spam taken out ("三百三十一开云体育亿元").
    for text in {quote, matchable(quote).text}:
        for token in NUMBER.findall(text):
            allowed |= number_forms(token)
        for amount in find_amounts(text):  # the same amount in billions and in 亿 (10^8)
            allowed.add(_canonical(round(amount.value_yuan / 1e9, 3)))
            allowed.add(_canonical(round(amount.value_yuan / 1e8, 2)))
        for language in ("en", "de"):  # number words: "ten projects", "zehn Projekte"
            allowed |= {_canonical(n.value) for n in find_numbers(text, language)}
        allowed |= {_canonical(o.value) for o in find_ordinals(text)}  # "the 23rd consecutive year" states 23
        for numeral in CHINESE_NUMERAL.findall(text):  # "九十二个" states 92
            value = chinese_numeral(numeral)
            if value is not None:
                allowed.add(_canonical(value))
    return frozenset(allowed)


def unsupported_numbers(
    answer: str,
    quotes: Iterable[str],
    computed: Iterable[float] = (),
    dates: Iterable[str] = (),
    question: str = "",
) -> list[str]:
    """Numbers in `answer` that no quote, shown arithmetic (`computed`), cited event date or the question supports."""
    allowed = quoted_numbers([*quotes, question]) | {_canonical(round(value, 6)) for value in computed}
    text = CITATION_MARK.sub(" ", answer)
    written = {short_date(iso) for iso in dates}
    if written:  # a cited event's date as answers write it; "2 Dec 2024" is not the end of "22 Dec 2024"
        text = SHORT_DATE.sub(lambda m: " " if m.group() in written else m.group(), text)
    return [token for token in NUMBER.findall(text) if not number_forms(token) & allowed]
