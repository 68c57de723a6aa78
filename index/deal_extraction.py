"""Signing statements in a release → deal rows: exact quote, project count, amount, date, place and event."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from index.amounts import Amount, find_amounts
from index.chunking import sentence_spans
from index.deal_context import (
    Reference,
    Setting,
    find_dateline,
    find_organiser,
    held_setting,
    reference,
    sentence_setting,
)
from index.lang.chinese import fold_width
from index.lang.numbers import chinese_numeral
from index.metadata import find_dates


@dataclass(frozen=True)
class DealRow:
    """One signing statement of one release, with the figures and setting it states or implies."""

    source: str  # "seeds/<file>" as given by the caller
    quote: str  # the signing sentence (or its signing clauses), an exact substring of the text
    char_start: int
    char_end: int
    line_start: int  # 1-based lines of the quote in the text
    line_end: int
    event: str | None
    place: str | None  # city where the signing happened, in English
    organiser: str | None
    event_date: str | None  # ISO date
    year: int | None
    projects: int | None  # projects or agreements signed
    amount_yuan: float | None  # in units of `currency`
    amount_qualifier: str | None  # "more than", "about" or None
    currency: str | None
    cumulative: bool  # a running tally ("since last year"), not one event
    language: str


# Content farms swap words for near-synonyms and insert spam; matching undoes it, quotes stay verbatim.
SPUN_WORDS = {
    "口头": "项目", "手脚": "活动", "东谈主": "人", "遑急": "重要", "抓续": "持续", "旧年": "去年",
    "本年": "今年", "总和": "总额", "景况": "自", "激动": "推动", "昔时": "未来", "息争": "联合",
    "裸露": "透露", "先容": "介绍", "默示": "表示",
}  # fmt: skip
SPAM = (
    r"体育游戏app平台", r"开云体育(?:\(中国\))?(?:官方网站)?", r"开云(?:app|APP)", r"kaiyun(?:\.com)?",
    r"九游(?:会|体育)", r"华体会(?:体育)?", r"乐鱼体育", r"米兰体育", r"爱游戏(?:体育)?", r"半岛体育",
    r"[张展]开剩余\d{1,3}%",
)  # fmt: skip
SPAM_PATTERN = re.compile("|".join(SPAM), re.I)
SPUN_PATTERN = re.compile("|".join(re.escape(word) for word in sorted(SPUN_WORDS, key=len, reverse=True)))


@dataclass(frozen=True)
class Matchable:
    """Text as matched (spam dropped, spinner words undone, full width folded), mapped to the original."""

    text: str
    starts: tuple[int, ...]  # original offset where each matched char comes from
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of text[start:end]."""
        if end <= start:
            return (self.starts[start], self.starts[start]) if start < len(self.starts) else (0, 0)
        return self.starts[start], self.ends[end - 1]


def matchable(text: str) -> Matchable:
    """`text` with spam phrases removed and known spinner substitutions undone, for matching only."""
    view = Matchable(fold_width(text), tuple(range(len(text))), tuple(range(1, len(text) + 1)))
    view = _rewrite(view, SPAM_PATTERN, lambda _: "")  # spam first: it may split a spun word
    return _rewrite(view, SPUN_PATTERN, lambda word: SPUN_WORDS[word])


def _rewrite(view: Matchable, pattern: re.Pattern, replace) -> Matchable:
    chars, starts, ends = [], [], []
    cursor = 0
    for match in [*pattern.finditer(view.text), None]:
        stop = match.start() if match else len(view.text)
        chars.append(view.text[cursor:stop])
        starts += view.starts[cursor:stop]
        ends += view.ends[cursor:stop]
        if match:
            replacement = replace(match.group())
            chars.append(replacement)
            starts += [view.starts[match.start()]] * len(replacement)
            ends += [view.ends[match.end() - 1]] * len(replacement)
            cursor = match.end()
    return Matchable("".join(chars), tuple(starts), tuple(ends))


SIGN_VERB = re.compile(
    r"\b(?:sign(?:ed|ing)?|inked|penned|unterzeichne\w*|unterschrieben|Unterzeichnung\w*)\b|签约|签下|签署|签订|签定|签了",
    re.I,
)
# Verbs that mean signing only with a deal noun nearby ("deals were sealed", not "the fair concluded").
DEAL_VERB = re.compile(r"\b(?:concluded|sealed|clinched|struck|abgeschlossen|geschlossen)\b", re.I)
DEAL_NOUN = re.compile(
    r"\b(?:deals?|agreements?|contracts?|projects?|MoUs?|Verträge\w*|\w*vereinbarungen|Abkommen|\w*projekte\w*)\b",
    re.I,
)
DEAL_NOUN_DISTANCE = 80
BREAKDOWN_START = re.compile(
    r"^\W*(?:among them|among these|of these|of which|of them|darunter|davon|其中)", re.I
)
BREAKDOWN_INLINE = re.compile(
    r"[，,；;]\s*(?:among them|of which|of these|including|darunter|davon|其中)", re.I
)
PLANNED_BEFORE = re.compile(
    r"\b(?:will|would|shall|plans?|planned|planning|expects?|expected|aims?|intends?|set to|going to|to be"
    r"|hopes?|scheduled|upcoming|due to|soll|sollen|geplant|planen|voraussichtlich)\b"
    r"|将(?!近)|拟|计划|预计|有望|争取|推动|力争|推进|定于|准备|希望|促进|助推|预期",
    re.I,
)
PLANNED_AFTER = re.compile(r"^\w*\s+(?:werden|sollen)\b|^[^，。；,;]{0,12}?(?:将于|将在|拟于)")
# What a tally over several editions is counted over: "the previous seven expos", "der ersten fünf Messen".
EDITIONS_PLURAL_EN = r"(?:editions|sessions|expos|fairs|conferences|conventions|forums|meetings|events)"
EDITIONS_PLURAL_DE = r"(?:Ausgaben|Messen|Expos|Konferenzen|Kongresse|Foren|Treffen|Veranstaltungen)"
# How many editions: a tally "of the five fairs before the sixth" names its number.
SMALL_NUMBER_EN = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
SMALL_NUMBER_DE = r"(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)"
EDITIONS_BEFORE = (
    rf"(?:previous|preceding|past|first|last|all) (?:\d+|\w+) {EDITIONS_PLURAL_EN}"
    rf"|{SMALL_NUMBER_EN} {EDITIONS_PLURAL_EN} (?:before|prior to|preceding) (?:the|it|this)"
    rf"|(?:vorherigen|vorangegangenen|bisherigen|vergangenen|ersten|letzten) (?:\d+ |\w+ )?{EDITIONS_PLURAL_DE}"
    rf"|{SMALL_NUMBER_DE} {EDITIONS_PLURAL_DE} vor (?:der|dem|den)"
)
# A tally over earlier editions ("the previous five fairs", "前五届"): never the figure of one edition.
EDITIONS_TALLY = re.compile(
    rf"\b(?:{EDITIONS_BEFORE})\b|(?:前|过去|以往|之前的?|此前的?)[一二两三四五六七八九十\d]{{1,3}}届", re.I
)
CUMULATIVE = re.compile(
    r"\b(?:since|so far|to date|year-to-date|cumulative(?:ly)?|in total over|over the (?:past|last)"
    r"|in the (?:past|last) \w+ (?:years|months)|in the first (?:half|quarter|\w+ months)|this year alone"
    r"|seit|bisher|bislang|kumuliert|in den (?:vergangenen|letzten)|im ersten (?:Halbjahr|Quartal))\b"
    r"|以来|累计|迄今|至今|截至|截止|前[一二三四五六七八九十\d]{1,2}个?月|上半年|前三季度|今年来|近\d+年|多年来"
    rf"|{EDITIONS_TALLY.pattern}",
    re.I,
)
EN_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
# Words between a count and its noun ("74 cooperation projects") are never these, nor another number.
NOT_ADJECTIVE = (
    r"(?!(?:the|a|an|and|or|of|in|on|at|with|were|was|have|has|had|been|to|for|by|from|mit|von|und|\d+"
    rf"|{'|'.join(EN_NUMBERS)})\b)"
)
ZH_NUMBER = r"\d+|[一二两三四五六七八九十百千]+"
COUNT_PATTERNS = (
    re.compile(
        rf"(?<![\w.,])(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|{'|'.join(EN_NUMBERS)})\s+(?:{NOT_ADJECTIVE}[\w-]+\s+){{0,3}}?"
        r"(?:projects?|agreements?|contracts?|deals?|MoUs?|memoranda|memorandums|letters of intent)\b",
        re.I,
    ),
    re.compile(
        rf"(?<![\d.,])(?P<n>\d{{1,3}}(?:\.\d{{3}})+|\d+)\s+(?:{NOT_ADJECTIVE}[\w-]+\s+){{0,2}}?\w*?"
        r"(?i:projekten?|vereinbarungen|verträgen?|abkommen|absichtserklärungen)\b"
    ),
    re.compile(rf"(?<![\d.])(?P<n>{ZH_NUMBER})\s*个[^，。；,;:：]{{0,30}}?项目"),
    re.compile(rf"项目(?:共|达|合计|总计|共计)?\s*(?P<n>{ZH_NUMBER})\s*个"),
    re.compile(rf"(?:协议|合同)(?:共|达)?\s*(?P<n>{ZH_NUMBER})\s*[项份个]"),
    re.compile(rf"(?<![\d.])(?P<n>{ZH_NUMBER})\s*[项份](?:合作)?(?:项目|协议|合同)"),
)
NOT_DEAL_BEFORE = re.compile(
    r"fund|fonds|基金|revenue|sales|turnover|umsatz|营业收入|营收|收入|销售|export|ausfuhr|出口|import|进口|gdp"
    r"|output|产值|每年|年均|annual|per year|a year|jährlich|pro jahr|trade volume|贸易额|handelsvolumen"
    r"|registered capital|注册资本|profit|gewinn|利润|scale|规模",
    re.I,
)
NOT_DEAL_AFTER = re.compile(
    r"^\s*(?:fund|fonds|基金|in (?:annual )?(?:revenue|sales)|a year|per year|每年)", re.I
)
DEAL_CUE = re.compile(
    r"total|worth|valued|value|investment|amount|contracted|金额|总额|投资|签约额|协议额|合同额|volumen|wert"
    r"|investition|summe",
    re.I,
)
SEMICOLON = re.compile(r"[;；]\s*")
CLAUSE_BREAK = re.compile(r"[，；：]|[,;:](?!\d)")
AMOUNT_WINDOW = 40
# Wider signing sentences are cut to the clauses from the first telling of the signing to its last figure
# (a Chinese character counts two).
MAX_QUOTE_WIDTH = 200


@dataclass(frozen=True)
class Figures:
    """What a signing sentence states: the span it spans, and its figures."""

    start: int
    end: int
    projects: int | None
    amount: Amount | None
    cumulative: bool


def signing_figures(sentence: str) -> Figures | None:
    """Project count and amount of a sentence that reports a signing, or None if it doesn't."""
    verb = _signing_verb(sentence)
    if not verb or BREAKDOWN_START.match(sentence) or _planned(sentence, verb):
        return None
    count = _best(_counts(sentence), verb.start())
    amount = _best(_deal_amounts(sentence), verb.start())
    if count is None and amount is None:
        return None
    cut = BREAKDOWN_INLINE.search(sentence, min(m[1] for m in (count, amount) if m))
    if cut:
        return signing_figures(sentence[: cut.start()])
    cumulative = CUMULATIVE.search(sentence)
    spans = [verb.span()] + [(m[1], m[2]) for m in (count, amount) if m]
    start = min([s for s, _ in spans] + ([cumulative.start()] if cumulative else []))
    return Figures(
        start,
        max(e for _, e in spans),
        count[0] if count else None,
        amount[0] if amount else None,
        cumulative is not None,
    )


def _signing_verb(sentence: str) -> re.Match | None:
    """The first word that says something was signed."""
    verb = SIGN_VERB.search(sentence)
    for weak in DEAL_VERB.finditer(sentence, 0, verb.start() if verb else len(sentence)):
        window = sentence[max(0, weak.start() - DEAL_NOUN_DISTANCE) : weak.end() + DEAL_NOUN_DISTANCE]
        if DEAL_NOUN.search(window):
            return weak
    return verb


def _planned(sentence: str, verb: re.Match) -> bool:
    clause = _clause_start(sentence, verb.start())
    return bool(
        PLANNED_BEFORE.search(sentence, clause, verb.start()) or PLANNED_AFTER.match(sentence[verb.end() :])
    )


def _counts(sentence: str) -> list[tuple[int, int, int]]:
    found = []
    for pattern in COUNT_PATTERNS:
        for match in pattern.finditer(sentence):
            value = _count_value(match["n"])
            if value is not None:
                found.append((value, match.start(), match.end()))
    return found


def _count_value(text: str) -> int | None:
    if text.lower() in EN_NUMBERS:
        return EN_NUMBERS[text.lower()]
    if not text[0].isdigit():
        value = chinese_numeral(text)
        return None if value is None else int(value)
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return None  # a year ("the 2024 projects"), not a count
    return int(re.sub(r"[.,]", "", text))


def _deal_amounts(sentence: str) -> list[tuple[Amount, int, int]]:
    found = []
    for amount in find_amounts(sentence):
        before = sentence[
            max(_clause_start(sentence, amount.start), amount.start - AMOUNT_WINDOW) : amount.start
        ]
        if NOT_DEAL_BEFORE.search(before) or NOT_DEAL_AFTER.match(sentence[amount.end :]):
            continue
        # an amount introduced as a total or investment beats one that is merely nearby
        found.append((amount, amount.start, amount.end, not DEAL_CUE.search(before)))
    return [(a, s, e) for a, s, e, _ in sorted(found, key=lambda item: item[3])[:1]] if found else []


def _best(candidates: list, anchor: int):
    return min(candidates, key=lambda c: abs(c[1] - anchor), default=None)


def _clause_start(text: str, pos: int) -> int:
    return max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, pos)), default=0)


def _clause_end(text: str, pos: int) -> int:
    match = CLAUSE_BREAK.search(text, pos)
    return match.start() if match else len(text)


@dataclass(frozen=True)
class _Sentence:
    start: int  # offset in the release text
    view: Matchable
    held: Setting | None  # set when the sentence says an event was held

    def matched(self, span: tuple[int, int] | None) -> str | None:
        """A span of the matched sentence: the release's wording without spam or spinner words."""
        return self.view.text[span[0] : span[1]].strip() or None if span else None


def extract_deals(
    text: str,
    source: str,
    published: date | None,
    language: str,
    spans: Sequence[tuple[int, int]] | None = None,
) -> list[DealRow]:
    """One row per signing statement in `text`; `spans` limits the search to body text (default: all)."""
    dateline = find_dateline(text)
    ref = reference(text, published, dateline)
    sentences = []
    for start, end in _sentence_spans(text, spans, language, dateline.end):
        view = matchable(text[start:end])
        sentences.append(_Sentence(start, view, held_setting(view.text, ref)))
    release = _Release(text, source, language, ref, dateline.city, find_organiser(matchable(text).text))
    rows = []
    for index, sentence in enumerate(sentences):
        figures = signing_figures(sentence.view.text)
        if figures:
            rows.append(release.row(sentence, figures, _context(sentences, index)))
    return rows


def _sentence_spans(text: str, spans, language: str, body_start: int) -> list[tuple[int, int]]:
    """Sentences of the body, also cut at semicolons: a signing and the next statistic often share one."""
    found = []
    for start, end in spans or [(0, len(text))]:
        if end <= body_start:
            continue
        for s, e in sentence_spans(text, max(start, body_start), end, language):
            cuts = [m.end() for m in SEMICOLON.finditer(text, s, e)]
            found += [(a, b) for a, b in zip([s, *cuts], [*cuts, e], strict=True) if text[a:b].strip()]
    return found


def _context(sentences: list[_Sentence], index: int) -> _Sentence | None:
    """The nearest sentence before (else after) the signing that says where and when an event was held."""
    useful = [i for i, s in enumerate(sentences) if s.held and (s.held.day or s.held.place)]
    before = [i for i in useful if i <= index]
    chosen = before[-1] if before else next((i for i in useful if i > index), None)
    return sentences[chosen] if chosen is not None else None


@dataclass(frozen=True)
class _Release:
    text: str
    source: str
    language: str
    ref: Reference
    dateline_city: str | None
    organiser: str | None

    def row(self, sentence: _Sentence, figures: Figures, context: _Sentence | None) -> DealRow:
        """The ledger row of one signing sentence."""
        own = sentence_setting(sentence.view.text, self.ref)
        held = context.held if context else None
        if figures.cumulative or (held and own.day and held.day != own.day):
            context, held = None, None  # the context sentence tells of another event
        day = None if figures.cumulative else own.day or (held.day if held else None) or self.ref.day
        event = sentence.matched(own.event) if own.day or not context else None
        if context and not event:
            event = context.matched(held.event)
        place = own.place or (held.place if held else None)
        if place is None and not figures.cumulative:
            place = self.dateline_city
        start, end = (
            sentence.start + pos for pos in sentence.view.span(*_quote_span(sentence.view.text, figures))
        )
        amount = figures.amount
        return DealRow(
            source=self.source,
            quote=self.text[start:end],
            char_start=start,
            char_end=end,
            line_start=self.text.count("\n", 0, start) + 1,
            line_end=self.text.count("\n", 0, end - 1) + 1,
            event=event,
            place=place,
            organiser=self.organiser if context else None,
            event_date=day.isoformat() if day else None,
            year=day.year if day else self.ref.year,
            projects=figures.projects,
            amount_yuan=amount.value_yuan if amount else None,
            amount_qualifier=amount.qualifier if amount else None,
            currency=amount.currency if amount else None,
            cumulative=figures.cumulative,
            language=self.language,
        )


def _quote_span(sentence: str, figures: Figures) -> tuple[int, int]:
    """The whole sentence, or if it is wide, the clauses from its first telling of the signing to its figures."""
    start, end = 0, len(sentence)
    if _width(sentence) > MAX_QUOTE_WIDTH:
        dates = [hit.start for hit in find_dates(sentence)]
        start = _clause_start(sentence, min([figures.start, *dates]))
        end = _clause_end(sentence, figures.end)
    while start < end and sentence[start].isspace():
        start += 1
    while end > start and (sentence[end - 1].isspace() or sentence[end - 1] in ";；"):
        end -= 1
    return start, end


def _width(text: str) -> int:
    return len(text) + sum(1 for char in text if char >= "\u2e80")
