"""Money amounts in English, German and Chinese text: "64.13 billion yuan", "20,663 Mrd. Yuan", "超千亿元"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from index.lang.chinese import fold_width
from index.lang.numbers import chinese_numeral, read_number

ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
ZH_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
UNITS = {
    "trillion": 10**12, "trillions": 10**12, "tn": 10**12, "trn": 10**12,
    "billion": 10**9, "billions": 10**9, "bn": 10**9, "bln": 10**9,
    "million": 10**6, "millions": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "thousand": 10**3, "billionen": 10**12, "milliarden": 10**9, "milliarde": 10**9, "mrd": 10**9,
    "millionen": 10**6, "mio": 10**6, "tausend": 10**3,
    "万亿": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4,
}  # fmt: skip
# The scale words written in Latin letters, longest first, as a regex alternation ("billion", "Mrd"): a number
# before one is an amount even when a question leaves the currency out ("the 15.192bn"). Not "m", a metre too.
SCALE_WORDS = "|".join(
    sorted((unit for unit in UNITS if unit.isascii() and unit != "m"), key=len, reverse=True)
)
GERMAN_UNITS = frozenset({"billionen", "milliarden", "milliarde", "mrd", "millionen", "mio", "tausend"})
# Written before the number ("RMB 5 billion", "US$3m"); 元 never is.
CURRENCY_PREFIX = r"rmb|cny|人民币|us\$|usd|hk\$|hkd|eur|€|\$|¥|￥"
CURRENCIES = {
    "CNY": r"yuan|rmb|cny|renminbi|元(?:人民币)?|人民币|¥|￥",
    "USD": r"(?:u\.?s\.?[\s-]?)?dollars?|usd|us\$|\$|美元",
    "EUR": r"euros?|eur|€|欧元",
    "HKD": r"hong kong dollars?|hkd|hk\$|港元|港币",
}
QUALIFIERS = {
    "more than": r"more than|over|in excess of|upwards of|mehr als|über|超过|超|逾",
    "about": r"about|around|approximately|roughly|nearly|almost|some|rund|etwa|circa|ca\.|fast|knapp|约|近",
}


def _alternation(words: str) -> str:
    """Longest first, spaces as any white space (the pattern is verbose, where a bare space means nothing)."""
    return "|".join(word.replace(" ", r"\s+") for word in sorted(words.split("|"), key=len, reverse=True))


# Words that make a figure a bound or a round one ("more than 100 billion", "约50亿元"), as a regex alternation.
QUALIFIER_WORDS = _alternation(QUALIFIERS["more than"] + "|" + QUALIFIERS["about"])
ZH_NUMERAL = "[" + "".join(ZH_DIGITS) + "".join(ZH_MULTIPLIERS) + "]+"
# Number words before a scale unit of their language: "one billion yuan", "einer Milliarde Yuan" (German
# articles are "one" there; German "Billion" is 10^12). Not a part of a compound ("twenty-one billion").
GERMAN_ONE = ("ein", "eine", "einer", "einem", "einen")
ENGLISH_NUMBER_WORD = "one|two|three|four|five|six|seven|eight|nine|ten"
GERMAN_NUMBER_WORD = "|".join(
    (*GERMAN_ONE, "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn")
)
NUMBER_WORD = f"{ENGLISH_NUMBER_WORD}|{GERMAN_NUMBER_WORD}"
GERMAN_NUMBER_WORDS = frozenset(GERMAN_NUMBER_WORD.split("|"))
NUMBER = (
    rf"\d+(?:[.,]\d+)*[十百千]?|{ZH_NUMERAL}"
    rf"|(?<![A-Za-zÀ-ÿ-])(?:(?:{ENGLISH_NUMBER_WORD})(?=\s+(?:trillion|billion|million)\b)"
    rf"|(?:{GERMAN_NUMBER_WORD})(?=\s+(?:Billion(?:en)?|Milliarden?|Million(?:en)?)\b))"
)
CURRENCY_ANY = "|".join(f"(?:{_alternation(pattern)})" for pattern in CURRENCIES.values())
AMOUNT = re.compile(
    rf"""
    (?:(?<![A-Za-z])(?P<qual>{QUALIFIER_WORDS})\s?)?
    (?:(?<![A-Za-z])(?P<cur1>{CURRENCY_PREFIX})\s?)?
    (?P<num>{NUMBER})
    (?P<qual2>多|余)?
    (?:\s?(?P<unit>万亿|亿|千万|百万|万
        |(?:trillions?|trn|tn|billions?|bln|bn|millions?|mn|mln|m|thousand|Billionen|Milliarden?|Millionen|Tausend)
            (?![A-Za-z])
        |(?:Mrd|Mio)(?:\.|(?![A-Za-z]))))?
    (?P<qual3>多|余)?
    (?:\s?(?P<cur2>{CURRENCY_ANY})(?![A-Za-z]))?
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Amount:
    """A money amount found in text; `value_yuan` is in units of `currency` (no exchange-rate conversion)."""

    value_yuan: float
    currency: str  # "CNY", "USD", "EUR" or "HKD"
    start: int  # span within the text searched
    end: int
    text: str
    qualifier: str | None = None  # "more than", "about" or None


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in `text`, in order."""
    folded = fold_width(text)
    amounts = []
    for match in AMOUNT.finditer(folded):
        amount = _amount(match, text)
        if amount is not None:
            amounts.append(amount)
    return amounts


def parse_amount(text: str) -> Amount | None:
    """The first money amount in `text`, or None."""
    amounts = find_amounts(text)
    return amounts[0] if amounts else None


def _amount(match: re.Match, original: str) -> Amount | None:
    number, unit = match["num"], (match["unit"] or "").lower().rstrip(".")
    chinese_number = not number[0].isdigit()
    currency_text = match["cur1"] or match["cur2"]
    if currency_text is None and not (unit in ("亿", "万亿") and not chinese_number):
        return None  # a bare number is not money; "450.46亿" is (yuan is implied), "千亿产业" is not
    if chinese_number and not unit and currency_text is None:
        return None
    german_word = number.lower() in GERMAN_NUMBER_WORDS
    if german_word and unit == "billion":
        unit = "billionen"  # "eine Billion Yuan" is a trillion
    number_value = _number_value(number, german=german_word or unit in GERMAN_UNITS)
    if number_value is None:
        return None  # characters of numerals that make no number ("十十")
    value = number_value * UNITS.get(unit, 1)
    start, end = match.start(), match.end()
    qualifier = _qualifier(match["qual"] or match["qual2"] or match["qual3"])
    return Amount(float(value), _currency(currency_text), start, end, original[start:end], qualifier)


def _currency(text: str | None) -> str:
    if text is None:
        return "CNY"
    for code, pattern in CURRENCIES.items():
        if re.fullmatch(pattern, text.strip(), re.IGNORECASE):
            return code
    return "CNY"


def _qualifier(text: str | None) -> str | None:
    if text is None:
        return None
    if text in ("多", "余"):  # "50多亿元": fifty-odd
        return "more than"
    for name, pattern in QUALIFIERS.items():
        if re.fullmatch(pattern, text, re.IGNORECASE):
            return name
    return None


def _number_value(number: str, german: bool) -> Decimal | None:
    """The value of "1,200", "20,663" (German), "1.200,5", "450.46", "一千", "3千", "千", "one" or "einer"."""
    if number.lower() in GERMAN_ONE:
        return Decimal(1)
    if number[0].isascii() and number[0].isalpha():  # a number word
        value = read_number(number, "de" if german else "en")
        return None if value is None else Decimal(str(value))
    if not number[0].isdigit():
        value = chinese_numeral(number)
        return None if value is None else Decimal(str(value))
    multiplier = 1
    if number[-1] in ZH_MULTIPLIERS:
        number, multiplier = number[:-1], ZH_MULTIPLIERS[number[-1]]
    return _arabic_value(number, german) * multiplier


def _arabic_value(number: str, german: bool) -> Decimal:
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
    elif "," in number:
        groups = number.split(",")[1:]
        thousands = all(len(group) == 3 for group in groups) and not (german and len(groups) == 1)
        decimal_mark = "." if thousands else ","
    else:
        decimal_mark = "." if number.count(".") <= 1 else ","  # "1.200.000" groups thousands
    thousands_mark = "." if decimal_mark == "," else ","
    return Decimal(number.replace(thousands_mark, "").replace(decimal_mark, "."))


def format_billion(value_yuan: float, unit: str = "yuan") -> str:
    """'45.046 billion yuan': billions with up to three decimals, trailing zeros trimmed."""
    billions = (Decimal(repr(value_yuan)) / Decimal(10**9)).quantize(Decimal("0.001"))
    text = f"{billions:f}".rstrip("0").rstrip(".")
    return f"{text if text != '-0' else '0'} billion {unit}"
