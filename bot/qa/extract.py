"""Extract: the values of each answer type a sentence states (counts, amounts, percentages, dates)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.amounts import NUMBER_WORD, QUALIFIER_WORDS, ZH_NUMERAL, find_amounts
from index.amounts import UNITS as SCALE_VALUES
from index.deal_extraction import CUMULATIVE, EDITIONS_TALLY
from index.keyword import CJK, counted_thing, tokenize
from index.lang import de, en
from index.lang.numbers import YEAR, find_numbers
from index.lang.ordinals import OrdinalMention, find_ordinals
from index.metadata import find_dates

PERCENT = re.compile(
    r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(?:%|％|percent\b|per\s+cent\b|prozent\b)", re.IGNORECASE
)
# A Chinese count is a number followed by a measure word: "108个", "20项", "3家".
# "3个月" is a duration, not three things.
CHINESE_MEASURE = re.compile(r"\s*(个(?!月|小时|工作日|季度)|項|项|家|名|对|對|场|場|批|位|人|国|條|条|座)")
# A count in English or German is a number followed by a word: "84 projects", "zehn Projekte".
# A number with one or two decimals ("3.0") is no count; three digits after the point are thousands ("1.100").
DECIMALS = re.compile(r"\d[.,]\d{1,2}$")
# "一批" (a batch of) says "some", not one.
VAGUE_BATCH = re.compile(r"\s*批")
WORD_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?[^\W\d_][\w-]*")
# A unit after a figure makes it a measure ("140,000 square metres", "3.000 Hektar"), not a count of things.
UNITS = "|".join(sorted(map(re.escape, en.MEASURE_UNITS | de.MEASURE_UNITS), key=len, reverse=True))
MEASURE_UNIT = re.compile(rf"\s*(?:{UNITS})(?:e|en|n|s)?(?![\w²])", re.IGNORECASE)  # German: "Quadratmetern"
# A bound on amounts rather than an amount: "5亿元以上", "above 1 billion yuan", "ab 10 Mio.", "more than 100
# million yuan each".
THRESHOLD_AFTER = re.compile(
    r"\s*(?:以上|以下|及以上|或以上|or\s+more|and\s+above|each\b|apiece\b|per\s+project\b|pro\s+Projekt\b)"
)
THRESHOLD_BEFORE = re.compile(
    r"(?:\babove|\bbelow|\bunder|\bat\s+least|\bab|\bunter|\bber|\bjeweils)\s*$", re.I
)
# A figure stated as a bound or a round one ("over 50%", "nearly 30 percent", "超过50%", "rund 40 Prozent"), by the
# words that qualify an amount: a share computed from the figures it approximates is exacter.
APPROXIMATE_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{QUALIFIER_WORDS})\s*$", re.IGNORECASE)
# Which side of a range an amount bounds: "above 1 billion yuan", "5亿元以上", "≥100 million yuan", "ab 10 Mio." a
# floor; "under 1 billion yuan", "不足1亿元", "unter 1 Mrd." a ceiling; "10亿至50亿元" both.
FLOOR_BEFORE = re.compile(
    r"(?:[≥>]|\b(?:over|above|more\s+than|at\s+least|not\s+less\s+than|exceeding|mehr\s+als|über|ab|mindestens)"
    r"|超过|超|逾|不低于|不少于|大于|高于)\s*$",
    re.IGNORECASE,
)
FLOOR_AFTER = re.compile(
    r"\s*(?:及以上|或以上|以上|or\s+(?:more|above)|and\s+(?:more|above)|und\s+mehr)", re.I
)
CEILING_BEFORE = re.compile(
    r"(?:[<≤]|\b(?:under|below|less\s+than|unter|weniger\s+als)|不足|低于|不到|小于)\s*$", re.IGNORECASE
)
CEILING_AFTER = re.compile(r"\s*(?:及以下|以下|or\s+(?:less|below)|and\s+below)", re.IGNORECASE)
RANGE_TO = re.compile(r"\s*(?:至|到|-|–|~|to|bis)\s*\d(?!\d{3}\s*年|\d*\s*月)", re.IGNORECASE)
# The lower end of a range before its upper amount: "10亿至", "1-", "between 1bn and", "zwischen 1 und".
SCALES = "|".join(sorted(map(re.escape, SCALE_VALUES), key=len, reverse=True))
RANGE_FROM = re.compile(
    rf"(?:(?:between|zwischen)\s+(?P<low>\d+(?:[.,]\d+)?)\s*(?P<scale>{SCALES})?\.?\s*(?:and|und)"
    rf"|(?P<low2>\d+(?:[.,]\d+)?)\s*(?P<scale2>{SCALES})?\.?\s*(?:元|yuan)?\s*(?:至|到|-|–|~|to|bis))\s*$",
    re.IGNORECASE,
)
# A number right after another, split by a space ("23 148 billion yuan" in a headline rebuilt from a web address,
# where 23.148 lost its point): no figure can be read from it.
LOST_POINT = re.compile(r"(?<![\d.,])\d{1,3}\s$")
# A count named before it: "the total number of attendees and exhibitors exceeded 11,200", "die Zahl der
# Messebesucher lag bei mehr als 40.000": what it counts is the noun after "number of".
NAMED_BEFORE = re.compile(
    r"\b(?:number|total)\s+of\s+(?P<en>[^\W\d_]+(?:\s+(?:and|&)\s+[^\W\d_]+)?)[^,.;:]{0,40}?"
    r"\b(?:reached|exceeded|was|were|stood\s+at|totall?ed|hit|topped|rose\s+to|amounted\s+to)"
    r"|\b(?:An)?[Zz]ahl\s+der\s+(?P<de>[^\W\d_]+)[^,.;:]{0,40}?\b(?:lag\s+bei|betrug|erreichte|überstieg|stieg\s+auf)"
)
NAMED_BEFORE_GAP = re.compile(
    r"\s+(?:more\s+than|over|about|nearly|almost|some|mehr\s+als|über|rund|fast|knapp)?\s*$"
)
# The words an amount's own text begins with, up to its number: "more than " of "more than 1 billion yuan",
# "mehr als " of "mehr als einer Milliarde Yuan", "超过" of "超过五十亿元".
LEADING_WORDS = re.compile(rf"\D*?(?=\d|{ZH_NUMERAL}|(?:{NUMBER_WORD})\b)|\D*", re.IGNORECASE)
SCALED = re.compile(r"\d\s*[^\d\s.,]")
SENTENCES_REMEMBERED = 100_000
COUNTED_CHARS = 24  # how far after a count (and in Chinese, before it) its noun is looked for
COUNTED_LATIN_CHARS = 40  # in English and German, whose nouns come after their modifiers
CLAUSE_BREAK = re.compile(r"[,，。;；、:：!！?？]")
LATIN_TAIL = re.compile(r"[^\W\d_]*")  # the rest of a word
# Where an English or German count's words end: a clause break, "and" ("5 awards and signed deals"), or another
# figure ("fünf Messen wurden 1.033 Projekte")
COUNT_PHRASE_BREAK = re.compile(rf"{CLAUSE_BREAK.pattern}|\b(?:and|und)\b|\d", re.IGNORECASE)
# An ordinal that counts a run ("the 23rd consecutive year", "zum 23. Mal in Folge", "连续第23年") states
# how many years or times there have been so far.
RUN_AFTER_ORDINAL = re.compile(
    r"\s*(?:consecutive|straight|successive)\s+\w+|\s*\w+\s+in\s+(?:a\s+row|Folge)\b|(?:年|次|届)", re.I
)
RUN_BEFORE_ORDINAL = re.compile(r"连续$")
PERSON = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}\b")


@dataclass(frozen=True)
class Value:
    """A value stated in a sentence, with its span there."""

    kind: str  # count | amount | percent | date | person
    value: float
    start: int
    end: int
    text: str
    currency: str | None = None
    threshold: bool = False  # a bound, not a figure: "projects above 1 billion yuan", "5亿元以上"
    approximate: bool = False  # given as a bound or round figure: "over 50%", "近500亿元"
    counted: str = ""  # for a count, the words naming what is counted ("major projects", "重大项目404个项目")
    measure: str = ""  # for a Chinese count, its measure word ("个", "家")


@lru_cache(maxsize=SENTENCES_REMEMBERED)
def sentence_values(text: str, language: str) -> tuple[Value, ...]:
    """Every value the sentence states, by position (remembered: the sentences of a release are read again
    for every question about it)."""
    amounts = find_amounts(text)
    lost = [(m.start(), a.end) for a in amounts for m in [LOST_POINT.search(text, 0, a.start)] if m]
    found: list[Value] = [
        Value(
            "amount",
            a.value_yuan,
            a.start,
            a.end,
            a.text,
            a.currency,
            _is_threshold(text, a.start, a.end),
            approximate=_is_approximate(text, a.start, a.end),
        )
        for a in amounts
        if not any(start < a.start < end for start, end in lost)
    ]
    found += [
        Value(
            "percent",
            float(m.group(1).replace(",", ".")),
            m.start(),
            m.end(),
            m.group(),
            approximate=_is_approximate(text, m.start(), m.end()),
        )
        for m in PERCENT.finditer(text)
    ]
    found += [Value("date", 0.0, d.start, d.end, text[d.start : d.end]) for d in _dates(text)]
    ordinals = find_ordinals(text)
    taken = [(v.start, v.end) for v in found] + [(o.start, o.end) for o in ordinals] + lost
    found += [run for run in (_run_count(text, o) for o in ordinals) if run]
    for number in find_numbers(text, language):
        if any(s <= number.start < e or s < number.end <= e for s, e in taken):
            continue
        if YEAR.fullmatch(number.surface.strip()) or number.value != int(number.value) or number.value <= 0:
            continue
        if SCALED.search(number.surface):  # "83.9 billion" without a currency is no count of things
            continue
        rest = text[number.end :]
        if DECIMALS.search(number.surface) or (number.surface == "一" and VAGUE_BATCH.match(rest)):
            continue  # "Freihandelsabkommen 3.0" is a version, "一批重大项目" is "a number of" projects
        named = _named_before(text, number.start) if language != "zh" else None
        if named and not (WORD_AFTER.match(rest) and not MEASURE_UNIT.match(rest)):
            found.append(
                Value("count", number.value, number.start, number.end, number.surface, counted=named)
            )
        elif CHINESE_MEASURE.match(rest) or (
            language != "zh" and WORD_AFTER.match(rest) and not MEASURE_UNIT.match(rest)
        ):
            # "271场次,签约项目1198个": 271 counts 场次; Latin words are read whole
            reach = COUNTED_CHARS if language == "zh" else COUNTED_LATIN_CHARS
            reach += len(LATIN_TAIL.match(rest, reach).group()) if language != "zh" else 0
            counted = (
                COUNT_PHRASE_BREAK.split(rest[:reach])[0]
                if language != "zh"
                else CLAUSE_BREAK.split(rest[:reach])[0]
            )
            if (
                language == "zh"
            ):  # "签订重大合作项目404个": Chinese names what it counts before the number too
                before = text[max(0, number.start - COUNTED_CHARS) : number.start]
                counted = CLAUSE_BREAK.split(before)[-1] + counted
            measure = CHINESE_MEASURE.match(rest)
            found.append(
                Value(
                    "count",
                    number.value,
                    number.start,
                    number.end,
                    number.surface,
                    counted=counted,
                    measure=measure.group(1) if measure else "",
                )
            )
    if language != "zh":
        found += [Value("person", 0.0, m.start(), m.end(), m.group()) for m in PERSON.finditer(text)]
    return tuple(sorted(found, key=lambda v: v.start))


def _named_before(text: str, start: int) -> str | None:
    """What a number counts when the sentence names it before: "the number of exhibitors exceeded 11,200"."""
    before = text[max(0, start - 90) : start]
    gap = NAMED_BEFORE_GAP.search(before)
    named = [m for m in NAMED_BEFORE.finditer(before[: gap.start()]) if m.end() == gap.start()] if gap else []
    return (named[-1]["en"] or named[-1]["de"]) if named else None


def _run_count(text: str, ordinal: OrdinalMention) -> Value | None:
    """The count an ordinal states when it counts a run ("the 23rd consecutive year": 23), else None."""
    after = RUN_AFTER_ORDINAL.match(text, ordinal.end)
    if not after:
        return None
    chinese = CJK.match(after.group()) is not None
    # "第23年" counts a run only after "连续"; "23rd consecutive year" and "23. Mal in Folge" on their own.
    if chinese and not RUN_BEFORE_ORDINAL.search(text[: ordinal.start]):
        return None
    return Value(
        "count",
        float(ordinal.value),
        ordinal.start,
        ordinal.end,
        text[ordinal.start : ordinal.end],
        counted=after.group(),
        measure=after.group() if chinese else "",  # "连续第23年": 23年
    )


def bound_side(text: str, start: int, end: int) -> str | None:
    """'floor' when the amount at text[start:end] is a lower bound ("above 1 billion yuan", "10亿至…"),
    'ceiling' when an upper one ("under 1 billion yuan", "…至50亿元"), None when it is a figure."""
    before, after = _words_before(text, start, end), text[end:]
    if FLOOR_BEFORE.search(before) or FLOOR_AFTER.match(after) or RANGE_TO.match(after):
        return "floor"
    if CEILING_BEFORE.search(before) or CEILING_AFTER.match(after) or RANGE_FROM.search(before):
        return "ceiling"
    return None


def amount_band(text: str) -> tuple[float | None, float | None] | None:
    """The range of amounts a phrase bounds ("projects under 1 billion yuan": (None, 1e9); "总投资10亿至50亿元
    的项目": (1e9, 5e9)), None when it bounds none."""
    low = high = None
    for amount in find_amounts(text):
        side = bound_side(text, amount.start, amount.end)
        if side == "floor":
            low = amount.value_yuan
        elif side == "ceiling":
            high = amount.value_yuan
            lower = RANGE_FROM.search(text[max(0, amount.start - 30) : amount.start])
            if lower and low is None:  # "1-5亿元", "between 1bn and 5bn yuan": a lower end that is no amount
                low = _lower_end(lower, amount.text, high)
    return None if low is None and high is None else (low, high)


def _lower_end(lower: re.Match, upper_text: str, upper: float) -> float:
    """The value of a range's lower end, scaled as written or else as its upper end ("1-5亿元": 1亿)."""
    number = float((lower["low"] or lower["low2"]).replace(",", "."))
    scale = (lower["scale"] or lower["scale2"] or "").lower()
    if scale:
        return number * SCALE_VALUES.get(scale, 1)
    upper_number = re.search(r"\d+(?:[.,]\d+)?", upper_text)
    return number * upper / float(upper_number.group().replace(",", ".")) if upper_number else number


# A percentage stating a change: "an increase of 30.51 percent", "up 12%", "增长47.2%", "ein Anstieg von 30,51 Prozent"
# (and "下降5%", "down 5%": a fall).
RISE = re.compile(
    r"(?:增长|增加|上涨|涨了?|提高|提升|(?<!made )(?<!make )(?<!makes )(?<!took )(?<!take )(?<!takes )\bup\b|\bincrease[ds]?\b|\brise\b|\brose\b|\bgrew\b|\bgrowth\b|"
    r"Anstieg|Zuwachs|Steigerung|Wachstum|gestiegen|gewachsen|\bPlus\b|[+＋])[^,，。;；]{0,24}$",
    re.IGNORECASE,
)
# Figures of projects planned, offered or proposed, not signed: "谋划了一批重大项目,投资总额约1800亿元",
# "projects with a planned investment of", "angebotene Projekte".
PLANNED = re.compile(
    r"\b(?:planned|proposed|offered|on\s+offer|to\s+be\s+signed|selected|shortlisted|geplant\w*|vorgesehen\w*"
    r"|angeboten\w*|ausgewählt\w*|wählte\w*)\b|谋划|推出|储备|拟签|遴选|筛选",
    re.IGNORECASE,
)
# A year something began in: "launched by the two countries in 2013", "成立于2013年", "2013 gegründet".
FOUNDED_BEFORE = re.compile(
    r"\b(?:launched|founded|established|set\s+up|inaugurated|built|opened|gegründet|eröffnet|gestartet)\b"
    r"|成立|设立|启动|创办|创建|开通|建成",
    re.IGNORECASE,
)
FOUNDED_REACH = 40  # characters before the year
# A share stated after a word of change: "the high-growth sector made up 40%", "增长最快的行业占比40%".
SHARE_VERB = re.compile(
    r"\bmade\s+up\b|\bmakes?\s+up\b|\baccount(?:ed|ing|s)?\s+for\b|\bmachten?\b|\bausmach\w*|占",
    re.IGNORECASE,
)
FALL = re.compile(
    r"(?:下降|减少|下滑|降低|\bdown\b|\bdecrease[ds]?\b|\bdecline[ds]?\b|\bfell\b|\bdropped\b|Rückgang|"
    r"gesunken|\bMinus\b)[^,，。;；]{0,24}$",
    re.IGNORECASE,
)


def changes_in(text: str) -> list[tuple[int, float]]:
    """The changes in percent a text states, with where each is: (start, +30.51) for "an increase of 30.51
    percent", (start, -5) for "下降5%"."""
    found = []
    for match in PERCENT.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()]
        number = float(match.group(1).replace(",", "."))
        rise, fall = RISE.search(before), FALL.search(before)
        # "the high-growth sector made up 40%" states a share, no change
        if rise and not SHARE_VERB.search(before, rise.start()):
            found.append((match.start(), number))
        elif fall and not SHARE_VERB.search(before, fall.start()):
            found.append((match.start(), -number))
    return found


def running_tally(text: str) -> bool:
    """Whether a sentence reports a tally over a period or several editions ("the previous five fairs signed
    1,033 projects", "累计签约") rather than one event."""
    return CUMULATIVE.search(text) is not None


def editions_tally(text: str) -> bool:
    """Whether a sentence reports a tally over earlier editions ("the previous five fairs signed 1,033
    projects", "前五届"): a running tally that is never the figure of one edition."""
    return EDITIONS_TALLY.search(text) is not None


def in_scope_of(text: str, value: Value, years: tuple[int, ...], ordinals: tuple[int, ...]) -> bool | None:
    """Whether the year or edition a sentence names last before `value` is one of these: in "2022: 853
    projects; 2023: 859 projects" 859 belongs to 2023. None when the sentence names no year or edition
    before the value, or the plan asks for none."""
    if not years and not ordinals:
        return None
    year_mentions, ordinal_mentions = _period_mentions(text)
    mentions = (year_mentions if years else ()) + (ordinal_mentions if ordinals else ())
    before = [(start, number) for start, number in mentions if start < value.start]
    if not before:
        return None
    number = max(before)[1]
    return number in years or number in ordinals


def dated_by_another_year(text: str, value: Value, years: tuple[int, ...]) -> bool:
    """Whether the year a sentence names last before `value` is none of these and dates it ("2015年贸易总额…,其中
    进口125.63亿元", "By the end of 2021, 234 firms"); the year something was founded or launched dates no
    figure ("a zone launched in 2013 … attracting 10 projects")."""
    before = [(start, year) for start, year in years_named(text) if start < value.start]
    if not before or before[-1][1] in years:
        return False
    start = before[-1][0]
    return not FOUNDED_BEFORE.search(text[max(0, start - FOUNDED_REACH) : start])


def years_named(text: str) -> tuple[tuple[int, int], ...]:
    """The years a sentence names, as (start, year), in order (read once per sentence)."""
    return _period_mentions(text)[0]


@lru_cache(maxsize=SENTENCES_REMEMBERED)
def _period_mentions(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """Where a sentence names years, and where editions: (start, number) pairs, read once per sentence."""
    years = tuple((m.start(), int(m.group())) for m in YEAR.finditer(text))
    return years, tuple((o.start, o.value) for o in find_ordinals(text))


def counts_what_is_asked(value: Value, stems: frozenset[str] | set[str], language: str) -> bool:
    """Whether a count's noun is one of the words the question counts ("84 projects" for "how many projects")."""
    return counted_overlap(value, stems, language) > 0


def counts_another_thing(value: Value, stems: frozenset[str] | set[str], language: str) -> bool:
    """Whether a count counts a thing of the shared vocabulary other than any the question counts ("5 awards",
    "1,100 Vertreter" for "how many agreements", "wie viele Aussteller"); False when either names none."""
    asked = {counted_thing(stem) for stem in stems} - {frozenset()}
    counted = {counted_thing(token) for token in tokenize(value.counted, language)} - {frozenset()}
    return bool(asked) and bool(counted) and not asked & counted


def counted_overlap(value: Value, stems: frozenset[str] | set[str], language: str) -> int:
    """How many of the words the question counts a count's words name: "404 major projects" names two of
    "how many major projects", "448 projects" one."""
    return len(stems & set(tokenize(value.counted, language))) if stems else 0


def _is_approximate(text: str, start: int, end: int) -> bool:
    """Whether the figure at text[start:end] is given as a bound or round figure ("over 50%", "近500亿元", "at
    least 30%")."""
    before = _words_before(text, start, end)
    return APPROXIMATE_BEFORE.search(before) is not None or FLOOR_BEFORE.search(before) is not None


def _words_before(text: str, start: int, end: int) -> str:
    """The words before a figure, with those its own text begins with ("more than 1 billion yuan")."""
    return text[max(0, start - 16) : start] + LEADING_WORDS.match(text, start, end).group()


def _is_threshold(text: str, start: int, end: int) -> bool:
    return bool(THRESHOLD_AFTER.match(text, end) or THRESHOLD_BEFORE.search(text[max(0, start - 12) : start]))


def _dates(text: str):
    try:
        return find_dates(text)
    except ValueError:
        return []
