"""Question understanding: what is asked (lookup, total, count, compare, largest, check) and for which period."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan januar",
            "february feb februar",
            "march mar märz",
            "april apr",
            "may mai",
            "june jun juni",
            "july jul juli",
            "august aug",
            "september sep sept",
            "october oct oktober okt",
            "november nov",
            "december dec dezember dez",
        ],
        start=1,
    )
    for name in names.split()
}
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)\s*年?")
CHINESE_MONTH = re.compile(r"(?<!\d)(1[0-2]|[1-9])\s*月")
WORD_MONTH = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)

TOTAL_CUES = re.compile(
    r"\b(total|in total|altogether|overall|sum|combined|all together|insgesamt|gesamt\w*|summe)\b|合计|总共|一共|总计|总额|共计",
    re.IGNORECASE,
)
COUNT_CUES = re.compile(r"\bhow many\b|\bwie viele\b|多少个|几个|多少项", re.IGNORECASE)
AMOUNT_CUES = re.compile(r"\bhow much\b|\bwie viel\b|多少钱|多少亿|金额", re.IGNORECASE)
SIGNING_CUES = re.compile(
    r"\b(sign\w*|inked|sealed|concluded|deals?|contract\w*|projects?|agreements?|unterzeichn\w*|projekte?)\b"
    r"|签约|签下|签署|项目",
    re.IGNORECASE,
)
COMPARE_CUES = re.compile(
    r"\b(more|less|fewer|vs\.?|versus|compare\w*|mehr|weniger)\b|更多|比较", re.IGNORECASE
)
LARGEST_CUES = re.compile(r"\b(largest|biggest|smallest|größte\w*|kleinste\w*)\b|最大|最小", re.IGNORECASE)
CHECK_CUES = re.compile(
    r"^\s*(is it true|is it correct|true or false|check|stimmt es)\b|是否属实|是真的吗", re.IGNORECASE
)
FOLLOW_UP = re.compile(r"^\s*(and|what about|how about|und|was ist mit)\b|^\s*(那|那么)", re.IGNORECASE)
CUMULATIVE_CUES = re.compile(r"\bsince\b|\bso far\b|\bseit\b|以来", re.IGNORECASE)
# Words that say what kind of figure is wanted but not which signing: a question made only of these
# (and a period) asks about every signing in that period.
GENERIC_WORDS = frozenset(
    """
    a an the of in on at to for and or is was were be been by with as from that this it its what which who how
    many much did does do when where there their they has have had all across each every any overall total
    since last so far ago recent recently this next
    altogether sum combined together signed sign signing signings inked sealed concluded deal deals contract
    contracts contracted project projects cooperation agreement agreements amount amounts worth value investment
    investments conference conferences event events ceremony ceremonies year years month total's yuan billion
    money so far more less fewer compare vs versus than largest biggest smallest is it true that check
    insgesamt wie viele viel wurden wurde projekte projekt unterzeichnet im in der die das auf den dem und
    """.split()
)
CJK_SELECTOR = re.compile(r"[\u3400-\u9fff]{2,}")
CJK_GENERIC = re.compile(
    r"合计|总共|一共|总计|总额|共计|签约|签下|签署|项目|多少|几个|金额|年|月|了|的|是|吗|呢|在|个|亿元|元"
)


# The noun a question asks about: "What is the population of …", "Which center …", "How many companies …".
FOCUS_PATTERNS = (
    re.compile(
        r"^\s*(?:what|which)\s+(?:is|are|was|were)\s+(?:the\s+|a\s+|an\s+)?([^\W\d_]+)", re.IGNORECASE
    ),
    re.compile(
        r"^\s*(?:what|which)\s+(?!(?:is|are|was|were|did|does|do|has|have|had|will|can)\b)([^\W\d_]+)", re.I
    ),
    re.compile(r"^\s*how\s+(?:many|much)\s+([^\W\d_]+)", re.IGNORECASE),
    re.compile(r"^\s*(?:was|welche[rsmn]?)\s+(?:ist|sind|war|waren)\s+(?:der|die|das)\s+([^\W\d_]+)", re.I),
    re.compile(r"^\s*wie\s+viele\s+([^\W\d_]+)", re.IGNORECASE),
)


def focus_term(text: str) -> str | None:
    """The word naming what is asked for, in English or German questions; None when there is none."""
    for pattern in FOCUS_PATTERNS:
        match = pattern.search(text)
        if match:
            return match.group(1)
    return None


DATE_IN_TEXT = re.compile(
    r"\d{1,2}\s*月\s*\d{1,2}\s*日|\b\d{4}-\d{2}-\d{2}\b|"
    + r"\b(?:"
    + "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
    + r")\b\.?\s*\d{1,2}|\b\d{1,2}\.?\s+(?:"
    + "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
WHEN = re.compile(r"^\s*(?:when|wann)\b|什么时候|何时|哪天", re.IGNORECASE)
STEM_PREFIX = 5  # "companies"/"company", "projects"/"Projekte": the first letters name the thing counted


def answer_pattern(text: str) -> re.Pattern | None:
    """What a sentence answering this question must contain: a count of the focus noun, or a date."""
    if WHEN.search(text):
        return DATE_IN_TEXT
    count = re.search(r"\bhow\s+many\s+([^\W\d_]+)|\bwie\s+viele\s+([^\W\d_]+)", text, re.IGNORECASE)
    if count:
        noun = (count.group(1) or count.group(2))[:STEM_PREFIX]
        return re.compile(rf"\d[\d,.]*\s+(?:\S+\s+){{0,2}}{re.escape(noun)}", re.IGNORECASE)
    return None


@dataclass(frozen=True)
class Question:
    """A parsed question."""

    text: str
    intent: str  # lookup | total | count | compare | largest | check
    year: int | None = None
    month: int | None = None
    selectors: tuple[str, ...] = ()  # words naming a particular event, place or organiser
    cumulative: bool = False  # asks for a running tally ("since last year")
    # Set by the answerer from what the ledger holds: selectors naming cities of recorded signings
    # ("Hong Kong"), words of recorded event or organiser names ("Baise-Cao", "Jiangxi"), and whether
    # every selector is one or the other.
    places: tuple[str, ...] = ()
    scope_words: tuple[str, ...] = ()
    scoped: bool = False

    @property
    def without_period(self) -> str:
        """The question without its year and month: what keyword search should match (the year is a filter)."""
        return _strip_period(self.text)

    @property
    def is_ledger_question(self) -> bool:
        """Whether the deal ledger, not a single passage, answers it: a figure over a period or a scope."""
        return self.intent in {"total", "count", "compare", "largest", "check"} and not (
            self.intent in {"total", "count"} and self.selectors and not self.scoped
        )


def parse_period(text: str) -> tuple[int | None, int | None]:
    """The year and month a question restricts itself to, if any."""
    year_match = YEAR.search(text)
    month_match = CHINESE_MONTH.search(text) or WORD_MONTH.search(text)
    month = None
    if month_match:
        token = month_match.group(1)
        month = int(token) if token.isdigit() else MONTHS[token.lower()]
    return (int(year_match.group(1)) if year_match else None), month


def _strip_period(text: str) -> str:
    text = YEAR.sub(" ", text)
    text = CHINESE_MONTH.sub(" ", text)
    return WORD_MONTH.sub(" ", text)


def selectors(text: str) -> tuple[str, ...]:
    """Words that single out an event, place or organiser: what is left after generic words and dates."""
    text = _strip_period(text)
    latin = [
        word
        for word in re.findall(r"[^\W\d_][\w'’-]*", text)
        if word.lower() not in GENERIC_WORDS and not CJK_SELECTOR.match(word)
    ]
    chinese = [w for w in (CJK_GENERIC.sub(" ", m) for m in CJK_SELECTOR.findall(text)) for w in w.split()]
    return tuple(latin + [w for w in chinese if len(w) >= 2])


def _intent(text: str) -> str:
    if CHECK_CUES.search(text) and re.search(
        r"\d", text
    ):  # the ledger checks figures; other claims are looked up
        return "check"
    if not SIGNING_CUES.search(text) and not TOTAL_CUES.search(text):
        return "lookup"
    if LARGEST_CUES.search(text):
        return "largest"
    if COMPARE_CUES.search(text) and re.search(r"\b(?:which|or|vs|welche\w*|oder)\b|哪|还是", text, re.I):
        return "compare"
    if TOTAL_CUES.search(text) or AMOUNT_CUES.search(text):
        return "total"
    if COUNT_CUES.search(text) and SIGNING_CUES.search(text):
        return "count"
    return "lookup"


def with_history(text: str, history: Sequence[str]) -> str:
    """A follow-up ("and in 2024?") takes the topic of the previous question, with its own period."""
    if not history or not FOLLOW_UP.search(text):
        return text
    topic = _strip_period(history[-1]).strip(" ?？")
    follow = FOLLOW_UP.sub(" ", text, count=1)
    return re.sub(r"\s+", " ", f"{topic} {follow}").strip()


def parse_question(text: str, history: Sequence[str] = ()) -> Question:
    """Understand a question, using earlier questions of the conversation for follow-ups."""
    text = with_history(text.strip(), history)
    year, month = parse_period(text)
    return Question(
        text=text,
        intent=_intent(text),
        year=year,
        month=month,
        selectors=selectors(text),
        cumulative=bool(CUMULATIVE_CUES.search(text)),
    )
