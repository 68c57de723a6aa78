"""Compose: the answer text, with quotes, figures, the arithmetic shown and numbered citations."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from bot.qa.extract import (
    CLAUSE_BREAK,
    PLANNED,
    Value,
    amount_band,
    bound_side,
    changes_in,
    counted_overlap,
    counts_another_thing,
    counts_what_is_asked,
    dated_by_another_year,
    editions_tally,
    in_scope_of,
    running_tally,
    years_named,
)
from bot.qa.plan import Plan
from bot.qa.retrieve import SentenceCandidate
from bot.qa.totals import CURRENCY_UNITS
from index.amounts import format_billion
from index.deal_context import find_dateline
from index.deal_extraction import SIGN_VERB
from index.keyword import CJK, STOPWORDS, document_tokens, question_terms, tokenize, with_same_meaning
from index.lang.places import canonical_ids, find_places
from index.retrieval import place_token

FIGURE_KINDS = ("count", "amount", "percent")
# Where the words naming a figure's part end: a clause break or a conjunction ("5 billion yuan of foreign
# investment and 3 billion yuan of domestic").
PART_BREAK = re.compile(rf"{CLAUSE_BREAK.pattern}|\b(?:and|und|while|whereas|während)\b", re.IGNORECASE)
LATIN_WORDS = re.compile(r"[^\W\d_\u3400-\u9fff]+")
# An abbreviation as the question writes it ("NEV", "IT"): matched as written, since search tokens lower-case it
# (and "IT" is then a stopword).
ABBREVIATION = re.compile(r"\b[A-Z]{2,}\b")


@dataclass(frozen=True)
class Item:
    """One thing a sentence lists: a count, the amount stated for it, and the words describing it."""

    count: Value | None  # None for an amount listed on its own ("乐山签约459亿元")
    amount: Value | None
    sentence: SentenceCandidate
    clause: str  # the words describing it
    words: frozenset[str]  # the clause's search tokens, values left out


@dataclass(frozen=True)
class Banded:
    """A part defined by a range of amounts ("projects under 1 billion yuan"), made of the parts a release lists
    by range: the ranges tiling it added up, or the whole less the part in the opposite range."""

    band: tuple[float | None, float | None]
    items: list[Item]  # the ranges added up; for a rest, the whole and then the part taken away
    taken: tuple[float | None, float | None] | None = None  # for a rest: the range of the part taken away
    whole: tuple[float | None, float | None] | None = None  # for a rest: the range of the whole, if not all


@dataclass
class Finding:
    """What one lookup found: its quoted sentences and the figures read from them."""

    plan: Plan
    sentences: list[SentenceCandidate]
    figures: dict[str, Value] = field(default_factory=dict)
    wholes: dict[str, Value] = field(default_factory=dict)  # for a share or rest: the totals, by kind
    listed: list[Item] = field(default_factory=list)  # for a sum within one event: the parts it adds
    banded: Banded | None = None  # for a part defined by a range of amounts: how the release's parts make it


def read_figures(plan: Plan, ranked: list[SentenceCandidate]) -> dict[str, Value]:
    """The asked kinds of value from the likeliest sentences: one sentence stating every asked kind wins
    (a count and the amount of the same signing); otherwise the first sentence stating each (yuan first)."""
    kinds = [k for k in FIGURE_KINDS if k in plan.wants or (plan.operation == "average" and k != "percent")]
    if not kinds:
        return {}
    # A running tally ("so far", "累计") answers only a question asking for one; for any other, a sentence
    # about the event itself comes first, and a tally over earlier editions ("the previous five fairs signed
    # 1,033 projects") is no figure of it at all.
    # Nor, for a question about one edition ("第七批"), is any running tally ("迄今7个批次累计").
    if not plan.running:
        ranked = [
            s
            for s in ranked
            if not editions_tally(s.chunk.text)
            and not (plan.constraints.ordinals and running_tally(s.chunk.text))
        ]
    ranked = sorted(ranked, key=lambda s: running_tally(s.chunk.text) != plan.running)
    if plan.headline:  # the event's own figures: the largest its sentences state, each kind on its own
        ranked = sorted(ranked, key=lambda s: -headline_size(plan, s))
        if not plan.qualifier:
            return _each_kind_first_stated(plan, kinds, ranked)
    if plan.qualifier:  # a part's figure is read first from the sentences naming the part best
        coverage = {id(s): _part_coverage(plan, s) for s in ranked}
        named = max(coverage.values(), default=0.0)
        if named == 0:
            return {}  # no sentence names the part at all: none states its figure
        best = [s for s in ranked if coverage[id(s)] == named]
        # then from any sentence naming some of it, never from one naming none
        return _read_from(plan, kinds, best) or _read_from(
            plan, kinds, [s for s in ranked if coverage[id(s)] > 0]
        )
    return _read_from(plan, kinds, ranked)


def _read_from(plan: Plan, kinds: list[str], ranked: list[SentenceCandidate]) -> dict[str, Value]:
    stems = set(plan.counted)
    # the most of the counted words any count names: "21 Vorhaben mit ausländischer Beteiligung" names two of
    # "外资项目", "163 Projekte" one
    most = max(
        (
            counted_overlap(v, stems, s.release.language)
            for s in ranked
            for v in s.values
            if v.kind == "count"
        ),
        default=0,
    )
    # first a sentence whose count counts all that, then one whose count counts what the question counts
    for least, strict in ((most, True), (0, True), (0, False)):
        for sentence in ranked:
            found = _figures_of(sentence, kinds, stems, plan)
            language = sentence.release.language
            count = found.get("count")
            matched = count is None or (
                counts_what_is_asked(count, stems, language)
                and counted_overlap(count, stems, language) >= least
            )
            if len(found) == len(kinds) and (matched or not strict):
                return found
    return _each_kind_first_stated(plan, kinds, ranked)


def _each_kind_first_stated(
    plan: Plan, kinds: list[str], ranked: list[SentenceCandidate]
) -> dict[str, Value]:
    figures: dict[str, Value] = {}
    for sentence in ranked:
        for kind, value in _figures_of(sentence, kinds, set(plan.counted), plan).items():
            figures.setdefault(kind, value)
    return figures


def headline_size(plan: Plan, sentence: SentenceCandidate) -> float:
    """How large a figure a sentence states for the plan's edition or year: its largest amount in yuan, or in
    the currency asked (its largest count when no amount is asked), bounds and figures the question gives
    aside; 0 for a tally over earlier editions. A running tally competes: "since the season opened on July 15,
    1,198 projects were signed" is often how a season of events states its total."""
    if not plan.running and editions_tally(sentence.chunk.text):
        return 0.0
    kind = "amount" if "amount" in plan.wants else "count"
    c = plan.constraints
    return max(
        (
            v.value
            for v in _answering(plan, sentence, kind)
            if (kind != "amount" or (v.currency or "CNY") == (plan.currency or "CNY"))
            and in_scope_of(sentence.chunk.text, v, c.years, c.ordinals) is not False
        ),
        default=0.0,
    )


def _answering(plan: Plan, sentence: SentenceCandidate, kind: str) -> list[Value]:
    """The sentence's values of a kind that can answer the plan: no bounds ("5亿元以上"), no change read as a
    share, no figure the question gives ("how many of the 8 projects …": 8), and amounts in the currency asked,
    if one is; the amount of things a count names ("the 109 projects") in a sentence stating that count. A part
    of a count the question gives is smaller than it and counts the same thing or the part: "of the 10 foreign
    projects, how many …" is never 69, nor "2 sides"."""
    language = sentence.release.language
    text = sentence.chunk.text
    if plan.signed and kind in ("count", "amount") and PLANNED.search(text) and not SIGN_VERB.search(text):
        return []  # what was planned or offered is not what was signed
    years = plan.constraints.years
    # a figure dated by another year ("2015年贸易总额…", "Bis Ende 2021 hatten sich 234 Firmen …"), in a
    # sentence that names none of the years asked, is no figure of them
    other_year = bool(years) and not any(str(year) in text for year in years)
    # a share is no change: "500 billion yuan, up 9 percent" states no share of 9%
    changes = {start for start, _ in changes_in(text)} if plan.operation == "share" else set()
    return [
        v
        for v in sentence.values
        if v.kind == kind
        and not v.threshold
        and not (kind == "percent" and v.start in changes)
        and not (other_year and dated_by_another_year(text, v, years))
        and not any(math.isclose(v.value, figure) for figure in plan.given)
        and not (kind == "count" and counts_another_thing(v, plan.counted, language))
        and (kind != "amount" or not plan.currency or v.currency == plan.currency)
        and (kind != "amount" or not plan.amount_of or states_count(sentence, plan.amount_of))
        and not (
            kind == "count"
            and plan.whole
            and plan.qualifier
            and (v.value >= plan.whole or (plan.counted and not _counts_the_part(plan, v, language)))
        )
    ]


def states_count(sentence: SentenceCandidate, count: float) -> bool:
    """Whether a sentence states a count of this many."""
    return any(v.kind == "count" and math.isclose(v.value, count) for v in sentence.values)


def _counts_the_part(plan: Plan, count: Value, language: str) -> bool:
    """Whether a count counts what the question counts, or names the part it asks about ("3 foreign-funded
    ones" of "how many of the 8 projects were foreign-funded?"); "2 sides" does neither."""
    part = {stem for term in plan.qualifier for stem in term}
    return counts_what_is_asked(count, plan.counted, language) or counts_what_is_asked(count, part, language)


def _figures_of(
    sentence: SentenceCandidate, kinds: list[str], stems: set[str], plan: Plan
) -> dict[str, Value]:
    """The sentence's value of each kind: values under a mention of the plan's year or edition first (not
    under another year's), then counts of what the question counts, then amounts in yuan."""
    c = plan.constraints
    text = sentence.chunk.text
    found = {}
    language = sentence.release.language
    for kind in sorted(kinds, key=lambda k: k != "count"):  # a count first: its amount sits beside it
        values = _answering(plan, sentence, kind)
        if kind == "amount":
            values.sort(key=lambda v: v.currency != "CNY")
            if "count" in found:  # the amount of the counted signing: the nearest after its count
                count = found["count"]
                values.sort(key=lambda v: (v.start < count.start, abs(v.start - count.end)))
        if kind == "count":
            values.sort(key=lambda v: -counted_overlap(v, stems, language))
        if plan.qualifier:
            # the part's own figure: "甲类项目…20亿元;乙类项目…8亿元", "5 billion yuan of foreign investment"
            values.sort(key=lambda v: _where_part_is_named(plan, sentence, v))
        values.sort(key=lambda v: in_scope_of(text, v, c.years, c.ordinals) is False)
        if values:
            found[kind] = values[0]
    return {kind: found[kind] for kind in kinds if kind in found}


def _where_part_is_named(plan: Plan, sentence: SentenceCandidate, value: Value) -> int:
    """How closely a figure's own words name the part the question asks about: 0 when the words after it (to
    the next break or "and") do, as English and German may ("9 billion yuan was spent on local projects"), 1
    when the words since the last value of its kind before it do ("乙类项目…8亿元", "domestic investment of 3
    billion yuan"; Chinese names a figure's part only before it), 2 when neither does."""
    text, language = sentence.chunk.text, sentence.release.language
    same = [v for v in sentence.values if v.kind == value.kind]
    if language != "zh":
        stop = PART_BREAK.search(text, value.end)
        ends = [stop.start() if stop else len(text)] + [v.start for v in same if v.start >= value.end]
        if _names_part(plan, text[value.end : min(ends)], language):
            return 0
    start = max((v.end for v in same if v.end <= value.start), default=0)
    return 1 if _names_part(plan, text[start : value.start], language) else 2


def _part_coverage(plan: Plan, sentence: SentenceCandidate) -> float:
    """How much of the part a sentence names; a place named only in its dateline ("SHENYANG, Sept. 11 --",
    "新华社沈阳9月11日电") is where the report was filed, not a part of what it reports."""
    coverage = sentence.features.get("qualifier_coverage", 1.0)
    places = {term[0] for term in plan.qualifier if term[0].startswith(place_token(""))}
    if not coverage or len(places) < len(plan.qualifier):
        return coverage
    text = sentence.chunk.text
    body = text[find_dateline(text).end :]
    return coverage if places & {place_token(p) for p in canonical_ids(body)} else 0.0


def _names_part(plan: Plan, words: str, language: str) -> bool:
    """Whether words name the part a plan asks about: a word of it (or of the same meaning), or its place."""
    tokens = set(document_tokens(words, language)) | {place_token(p) for p in canonical_ids(words)}
    return any(set(with_same_meaning(term)) & tokens for term in plan.qualifier)


def names_its_part(finding: Finding) -> bool:
    """Whether each figure read is one whose own words name the part the plan asks about."""
    stated = {id(v): s for s in finding.sentences for v in s.values}
    return bool(finding.figures) and all(
        id(v) in stated and _where_part_is_named(finding.plan, stated[id(v)], v) < 2
        for v in finding.figures.values()
    )


def figure_sources(finding: Finding) -> list[SentenceCandidate]:
    """The quoted sentences the finding's figures were read from, in quote order."""
    used = {id(v) for v in finding.figures.values()}
    return [s for s in finding.sentences if any(id(v) in used for v in s.values)]


def amount_text(value_yuan: float, currency: str | None, chinese: bool = False) -> str:
    """'45.046 billion yuan', with the 亿 form beside it for a Chinese source."""
    unit = "yuan" if (currency or "CNY") == "CNY" else CURRENCY_UNITS.get(currency, currency)
    text = format_billion(value_yuan, unit)
    if chinese and (currency or "CNY") == "CNY":
        text += f" ({trim(value_yuan / 1e8, 2)}亿元)"
    return text


def value_text(value: Value, chinese: bool = False) -> str:
    """A value as an answer states it."""
    if value.kind == "amount":
        return amount_text(value.value, value.currency, chinese)
    if value.kind == "percent":
        return f"{trim(value.value, 2)}%"
    return trim(value.value, 3) if value.kind == "count" else value.text


GERMAN_CURRENCIES = {"CNY": "Yuan", "USD": "US-Dollar", "EUR": "Euro", "HKD": "Hongkong-Dollar"}
CHINESE_CURRENCIES = {"CNY": "元", "USD": "美元", "EUR": "欧元", "HKD": "港元"}


def amount_in(value: Value, language: str) -> str:
    """An amount as a reader of `language` writes it: '18 billion US dollars', '18 Milliarden US-Dollar',
    '180亿美元'."""
    currency = value.currency or "CNY"
    if language == "de":
        number = f"{value.value / 1e9:.3f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{number} Milliarden {GERMAN_CURRENCIES.get(currency, currency)}"
    if language == "zh":
        number = f"{value.value / 1e8:.2f}".rstrip("0").rstrip(".")
        return f"{number}亿{CHINESE_CURRENCIES.get(currency, currency)}"
    return amount_text(value.value, value.currency)


def figures_text(finding: Finding, numbers: dict[int, int] | None = None) -> str:
    """'Figures: 98 projects [1]; 100 billion yuan [2].': each asked figure read from the quotes, in the
    question's language too, with the number of the quote it was read from (`numbers`: citation number by
    sentence position, when the quotes are not numbered in order)."""
    plan = finding.plan
    numbers = numbers or {s.position: n for n, s in enumerate(finding.sentences, start=1)}
    shown = []
    for kind in FIGURE_KINDS:
        value = finding.figures.get(kind)
        if value is None:
            continue
        quote = next(numbers[s.position] for s in finding.sentences if any(v is value for v in s.values))
        text = count_text(value.value, value, plan.counted) if kind == "count" else value_text(value)
        if kind == "amount" and plan.language != "en":
            text = f"{amount_in(value, plan.language)} ({text})"
        shown.append(f"{text} [{quote}]")
    return f"Figures: {'; '.join(shown)}." if shown else ""


def trim(number: float, places: int) -> str:
    """A number with up to `places` decimals, trailing zeros cut, thousands grouped from 10,000."""
    text = f"{number:,.{places}f}".rstrip("0").rstrip(".")
    return text.replace(",", "") if abs(number) < 10000 else text


def quotes(sentences: list[SentenceCandidate]) -> str:
    """'“…” [1] “…” [2]'."""
    return " ".join(f"“{s.chunk.text}” [{n}]" for n, s in enumerate(sentences, start=1))


def share_a_figure(a: Finding, b: Finding) -> bool:
    """Whether two findings state a figure of a kind alike (to rounding): reports of one event do."""
    return any(
        kind in b.figures and _rounded_alike(a.figures[kind].value, b.figures[kind].value)
        for kind in a.figures
    )


def _rounded_alike(a: float, b: float) -> bool:
    """Whether the more precise of two figures, rounded to the digits of the other, is the other: 1.1713万亿 and
    1.17万亿 are; 448 and 450 are not."""
    if a == b:
        return True
    rough, fine = sorted((a, b), key=_significant_digits)
    if rough <= 0:
        return False
    places = _significant_digits(rough) - 1 - math.floor(math.log10(rough))
    return round(fine, places) == round(rough, places)


def _significant_digits(number: float) -> int:
    return len(Decimal(str(abs(number))).normalize().as_tuple().digits)


def agreement(findings: list[Finding]) -> str:
    """Which figures two reports state alike, alike to rounding, and differently: 'The reports agree on 448
    projects; to rounding on 1171.3 billion yuan against 1170 billion yuan.'"""
    same, rounded, differ = [], [], []
    for kind in FIGURE_KINDS:
        values = [f.figures.get(kind) for f in findings]
        if not all(values) or len({v.currency for v in values}) > 1:
            continue
        shown = " against ".join(value_text(v) for v in values)
        if all(v.value == values[0].value for v in values):
            same.append(count_text(values[0].value, values[0]) if kind == "count" else value_text(values[0]))
        elif kind != "count" and _rounded_alike(values[0].value, values[1].value):
            rounded.append(shown)
        else:
            differ.append(shown)
    said = [f"on {_listed(same)}"] if same else []
    said += [f"to rounding on {_listed(rounded)}"] if rounded else []
    text = f"The reports agree {'; '.join(said)}." if said else ""
    return f"{text} They differ: {'; '.join(differ)}.".strip() if differ else text


def claim_numbers(plan: Plan) -> list[float]:
    """The numbers a verdict may write for the claim's figures: as claimed, and amounts in billions and 亿."""
    return [n for c in plan.claim for n in ([c] + (_forms("amount", c) if c >= AMOUNT_LIKE else []))]


def states(sentence: SentenceCandidate, claimed: float) -> bool:
    """Whether the sentence states this figure."""
    return any(v.kind in FIGURE_KINDS and _close(claimed, v.value) for v in sentence.values)


def check_text(plan: Plan, finding: Finding) -> str:
    """Supported / not as claimed for a claim's figures, against the figures of the quoted sentences (amounts in
    the currency the claim names, if it names one other than yuan: "610 Mrd US-Dollar" is not 610 Mrd Yuan)."""
    stated = [
        (v.value, value_text(v))
        for s in finding.sentences
        for v in s.values
        if v.kind in FIGURE_KINDS
        and not (v.kind == "amount" and plan.currency and v.currency != plan.currency)
    ]
    return f"{claim_verdict(plan.claim, stated)} The releases say:"


def claim_verdict(claim: tuple[float, ...], stated: list[tuple[float, str]]) -> str:
    """'Supported' when every claimed figure is among the stated ones (value, as written), else 'Not as
    claimed', with the figures: what matches, and for a figure that doesn't, the nearest stated one."""
    if not claim:
        return "Check:"
    matched = [next((text for value, text in stated if _close(c, value)), None) for c in claim]
    if all(matched):
        return f"Supported: the releases state {_listed(matched)}."
    notes = []
    for c, match in zip(claim, matched, strict=True):
        if match:
            notes.append(f"{match} is stated")
            continue
        nearest = _nearest(c, stated)
        claimed = trim(c, 3) if c < AMOUNT_LIKE else format_billion(c, "")
        notes.append(
            f"the claim's {claimed.strip()} is not stated"
            + (f" (the nearest figure stated is {nearest})" if nearest else "")
        )
    return f"Not as claimed: {'; '.join(notes)}."


# A claimed figure this large is an amount ("80 billion"), a smaller one a count ("80 projects").
AMOUNT_LIKE = 1e6


def _nearest(claimed: float, stated: list[tuple[float, str]]) -> str | None:
    """The stated figure of the claim's kind (amount or count) nearest to it, as written."""
    alike = [(v, t) for v, t in stated if v > 0 and (v >= AMOUNT_LIKE) == (claimed >= AMOUNT_LIKE)]
    if not alike or claimed <= 0:
        return None
    return min(alike, key=lambda vt: abs(math.log(vt[0] / claimed)))[1]


def _listed(texts: list[str]) -> str:
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(abs(b) * 0.005, 1e-9)


@dataclass
class Arithmetic:
    """An operation's text and the numbers it computed (for the verifier)."""

    text: str
    computed: list[float]


def combine(plan: Plan, findings: list[Finding], labels: list[str], chinese: bool) -> Arithmetic | None:
    """Difference, sum, larger/smaller of the sub-lookups' figures, or each one's average and their
    difference, the arithmetic written out."""
    if plan.operation == "average":
        return _averages(findings, labels, chinese)
    kinds = [k for k in ("count", "amount") if all(k in f.figures for f in findings)]
    if "amount" in kinds and len({f.figures["amount"].currency for f in findings}) > 1:
        kinds.remove("amount")  # amounts in different currencies are never added or subtracted
    if len(findings) < 2 or not kinds:
        return None
    lines, computed = [], []
    for kind in kinds:
        values = [f.figures[kind] for f in findings]
        shown = [value_text(v, chinese) for v in values]
        numbers = [v.value for v in values]
        if plan.operation == "sum":
            total = sum(numbers)
            result = (
                count_text(total, values[0], plan.counted)
                if kind == "count"
                else _figure(kind, total, values[0], chinese)
            )
            lines.append(f"{' + '.join(shown)} = {result}")
            computed += _forms(kind, total)
        elif plan.operation in ("max", "min"):
            pick = (max if plan.operation == "max" else min)(range(len(numbers)), key=numbers.__getitem__)
            lines.append(
                f"{labels[pick]} has the {'larger' if plan.operation == 'max' else 'smaller'} figure"
            )
        else:
            # A change is the later edition (or year) less the earlier, in percent of the earlier, whichever
            # the question names first ("growth from the 5th to the 6th", "2023 vs 2022").
            later, earlier = (1, 0) if _chronological(findings) else (0, 1)
            a, b = numbers[later], numbers[earlier]
            diff = a - b
            more = "more" if diff >= 0 else ("fewer" if kind == "count" else "less")
            text = f"{shown[later]} − {shown[earlier]} = {_figure(kind, diff, values[later], chinese)}"
            difference = (
                count_text(abs(diff), values[later], plan.counted, more)
                if kind == "count"
                else f"{_figure(kind, abs(diff), values[later], chinese)} {more}"
            )
            text += f": {labels[later]} {difference} than {labels[earlier]}"
            if b:
                change = diff / b * 100
                text += f" ({change:+.1f}%)"
                computed.append(round(abs(change), 1))
            lines.append(text)
            computed += _forms(kind, diff) + _forms(kind, abs(diff))
    return Arithmetic("; ".join(lines) + ".", computed)


def _chronological(findings: list[Finding]) -> bool:
    """Whether two sub-lookups name their editions (or else years) earlier first."""
    constraints = [f.plan.constraints for f in findings]
    for keys in ([c.ordinals for c in constraints], [c.years for c in constraints]):
        if len(keys) == 2 and all(keys):
            return keys[0] < keys[1]
    return False


def listed_items(plan: Plan, sentence: SentenceCandidate, keep_given: bool = False) -> list[Item]:
    """The counted things a sentence lists, each with its amount: the first after it before the next count, or
    for counts followed by as many amounts ("66 NEV projects and 87 IT projects worth 146.37 and 91.73 billion
    yuan respectively"), the amounts in order. Each item's words are those of its clause: in Chinese, which
    names what it counts before the number, the clause around the count; else from the count to the next."""
    text, language = sentence.chunk.text, sentence.release.language
    if keep_given:  # "of the 48 projects signed on site, …": 48 is no answer, but it is a whole
        plan = replace(plan, given=())
    counts = _answering(plan, sentence, "count")
    amounts = [
        v
        for v in _answering(plan, sentence, "amount")
        if (v.currency or "CNY") == (plan.currency or "CNY") and not bound_side(text, v.start, v.end)
    ]
    if "count" not in plan.wants:
        return _amount_items(sentence, amounts)
    if not counts:
        return []
    ends = [c.start for c in counts[1:]] + [len(text)]
    own = [
        next((a for a in amounts if c.end <= a.start < end), None)
        for c, end in zip(counts, ends, strict=True)
    ]
    trailing = [a for a in amounts if a.start >= counts[-1].end]
    lacking = 1  # the last count, and the counts right before it with no amount of their own
    while lacking < len(counts) and own[-1 - lacking] is None:
        lacking += 1
    if len(trailing) > 1 and len(trailing) == lacking:  # "… respectively"
        own[-lacking:] = trailing
    items = []
    for count, amount, end in zip(counts, own, ends, strict=True):
        if language == "zh":
            start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, count.start)), default=0)
            stop = CLAUSE_BREAK.search(text, count.end)
            clause_start, clause_end = start, stop.start() if stop else len(text)
        else:
            clause_start, clause_end = count.start, end
        items.append(_item(count, amount, sentence, clause_start, clause_end))
    return items


def _amount_items(sentence: SentenceCandidate, amounts: list[Value]) -> list[Item]:
    """The amounts a sentence lists on their own ("乐山签约项目引资达459亿元,凉山…"), each with the words from
    the figure or clause break before it."""
    text, items = sentence.chunk.text, []
    for amount in amounts:
        before = [v.end for v in sentence.values if v.end <= amount.start and v.kind != "person"]
        breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, amount.start)]
        items.append(_item(None, amount, sentence, max(before + breaks, default=0), amount.end))
    return items


def _item(
    count: Value | None, amount: Value | None, sentence: SentenceCandidate, start: int, end: int
) -> Item:
    """An item with the clause text[start:end], and its search tokens with the figures left out."""
    text = sentence.chunk.text
    clause = words = text[start:end]
    for value in sorted(sentence.values, key=lambda v: -v.start):
        if start <= value.start and value.end <= end and value.kind != "person":
            words = words[: value.start - start] + " " + words[value.end - start :]
    return Item(count, amount, sentence, clause, frozenset(document_tokens(words, sentence.release.language)))


def listed_parts(plan: Plan, sentences: list[SentenceCandidate]) -> list[Item]:
    """For a sum within one event ("combined number of NEV and IT projects"): the items of the release whose
    clauses name most of the question's words that its title does not (those name the event, not a part), when
    at least two do; else none. Abbreviations count as written."""
    if not sentences:
        return []
    release = sentences[0].release
    title = set(document_tokens(release.title, release.language))
    terms = [set(t) for t in plan.focus_terms if not set(t) & title]
    abbreviations = set(ABBREVIATION.findall(plan.focus)) - set(ABBREVIATION.findall(release.title))
    # each of the question's words: its search stems, and as written when it is an abbreviation
    words = [(t, next((a for a in abbreviations if a.lower() in t), None)) for t in terms]
    words += [(set(), a) for a in abbreviations if not any(a.lower() in t for t in terms)]
    items = [item for sentence in sentences for item in listed_items(plan, sentence)]

    def naming(item: Item) -> frozenset[int]:
        return frozenset(
            n
            for n, (stems, a) in enumerate(words)
            if stems & item.words or (a is not None and re.search(rf"\b{re.escape(a)}", item.clause))
        )

    best = max((len(naming(item)) for item in items), default=0)
    chosen = _distinct([item for item in items if best and len(naming(item)) == best])
    # naming one word each, the parts name different words: two items naming the same one may be a total and
    # its part
    alike = best == 1 and len({naming(item) for item in chosen}) < len(chosen)
    return chosen if len(chosen) > 1 and not alike else _coordinated_items(plan, items)


def _distinct(items: list[Item]) -> list[Item]:
    """The items, each figure once: a headline (another sentence) restating a count of the text, with or without
    its amount, is no second part."""

    def value(figure: Value | None) -> float | None:
        return figure.value if figure else None

    out: list[Item] = []
    for item in items:
        if not any(
            kept.sentence is not item.sentence  # "5 NEV and 5 IT projects" in one sentence are two parts
            and value(item.count) == value(kept.count)
            and (item.amount is None or kept.amount is None or value(item.amount) == value(kept.amount))
            for kept in out
        ):
            out.append(item)
    return out


def _names(item: Item, part: str) -> bool:
    """Whether an item's clause names a part: one of its words, its place, or its abbreviation as written."""
    stems = {v for term in question_terms(part) for v in with_same_meaning(term)}
    if CJK.search(part):
        stems |= set(tokenize(part, "zh"))
    return bool(
        stems & item.words
        or canonical_ids(part) & canonical_ids(item.clause)
        or any(re.search(rf"\b{re.escape(a)}", item.clause) for a in ABBREVIATION.findall(part))
    )


def _coordinated_items(plan: Plan, items: list[Item]) -> list[Item]:
    """For parts a question names side by side ("省级+市级", "Leshan + Liangshan + Yibin"), the item naming
    each (by a word, a place, or an abbreviation as written), from the likeliest sentence; none unless every
    part has an item of its own."""
    if len(plan.coordinated) < 2:
        return []
    ranked = sorted(items, key=lambda item: (-item.sentence.probability, item.sentence.chunk.seq))
    chosen: list[Item] = []
    for part in plan.coordinated:
        match = next((item for item in ranked if _names(item, part) and item not in chosen), None)
        if match is None:
            return []
        chosen.append(match)
    return chosen if len(_distinct(chosen)) == len(chosen) else []


def sum_of_listed(finding: Finding, chinese: bool) -> Arithmetic | None:
    """The listed parts added up: their counts, and their amounts when each has one in one currency."""
    if len(finding.listed) < 2:
        return None
    return _worked(finding.plan, finding.listed, "Added up", chinese)


def _worked(plan: Plan, items: list[Item], lead: str, chinese: bool, less: bool = False) -> Arithmetic:
    """The items' counts, and their amounts when each has one in one currency, added up (or with `less`, the
    first less the others), the arithmetic written out."""
    sign = " − " if less else " + "

    def result(numbers: list[float]) -> float:
        return numbers[0] - sum(numbers[1:]) if less else sum(numbers)

    if len(items) == 1:  # the release states it: nothing to work out
        item = items[0]
        figures = [count_text(item.count.value, item.count, plan.counted)] if item.count else []
        if "amount" in plan.wants and item.amount:
            figures.append(value_text(item.amount, chinese))
        return Arithmetic(f"{lead}: {'; '.join(figures)}.", [])
    lines, computed = [], []
    if all(item.count for item in items) and ("count" in plan.wants or "amount" not in plan.wants):
        total = result([item.count.value for item in items])
        shown = sign.join(trim(item.count.value, 3) for item in items)
        named = {count_text(total, item.count, plan.counted) for item in items}  # one noun for all, or none
        lines.append(f"{shown} = {named.pop() if len(named) == 1 else trim(total, 3)}")
        computed += _forms("count", total)
    amounts = [item.amount for item in items]
    if "amount" in plan.wants and all(amounts) and len({a.currency for a in amounts}) == 1:
        total = result([a.value for a in amounts])
        shown = sign.join(value_text(a, chinese) for a in amounts)
        lines.append(f"{shown} = {amount_text(total, amounts[0].currency, chinese)}")
        computed += _forms("amount", total)
    return Arithmetic(f"{lead}: {'; '.join(lines)}.", computed)


def banded_parts(plan: Plan, sentences: list[SentenceCandidate]) -> Banded | None:
    """How the parts a release lists by range of amount make the range a question asks about: the part stating
    it, ranges that tile it ("≥1亿": 50亿元以上 + 10亿至50亿元 + 1亿至10亿元), or the whole less the opposite
    range ("under 1 billion": all projects less those above 1 billion yuan; the whole the question gives, if
    it gives one: "of the 48 projects signed on site, …")."""
    asked = plan.band
    if asked is None:
        return None
    items = [
        item
        for sentence in sentences
        for item in listed_items(plan, sentence, keep_given=True)
        if item.count and (not plan.counted or plan.counted & item.words)
    ]
    band = {id(item): amount_band(item.clause) for item in items}
    given = {id(item) for item in items if any(math.isclose(item.count.value, g) for g in plan.given)}
    parts = [item for item in items if id(item) not in given]
    made = _made_of(parts, band, asked)
    if made:
        return Banded(asked, made)
    if (
        asked[0] is not None and asked[1] is not None
    ):  # "between 1 and 5 billion": those above 1 less those above 5
        outer = next((item for item in parts if band[id(item)] == (asked[0], None)), None)
        inner = next((item for item in parts if band[id(item)] == (asked[1], None)), None)
        if outer and inner and outer.count.value > inner.count.value:
            return Banded(asked, [outer, inner], taken=(asked[1], None), whole=(asked[0], None))
    opposite = {(None, asked[1]): (asked[1], None), (asked[0], None): (None, asked[0])}.get(asked)
    taken = _made_of(parts, band, opposite) if opposite else []
    if not taken:
        return None
    count = sum(item.count.value for item in taken)
    amounts = [item.amount.value for item in taken if item.amount]
    wholes = [  # not a running tally ("迄今累计…"), unless one is asked for
        item
        for item in items
        if band[id(item)] is None
        and item.count.value > count
        and running_tally(item.sentence.chunk.text) == plan.running
    ]
    # the whole: the question's, else the one whose sentence has most of the question's words ("现场集中签约…48个"
    # over the day's "共计110个"), else the largest
    whole = max(
        wholes,
        key=lambda item: (
            id(item) in given,
            item.sentence.features.get("coverage", 0.0),
            item.count.value,
            item.amount is not None,
        ),
        default=None,
    )
    if whole is None or (amounts and whole.amount and whole.amount.value <= sum(amounts)):
        return None
    return Banded(asked, [whole, *taken], taken=opposite)


def _made_of(
    parts: list[Item],
    band: dict[int, tuple[float | None, float | None] | None],
    target: tuple[float | None, float | None],
) -> list[Item]:
    """The listed parts making a range: the one stating it, or ranges tiling it; none if neither."""
    stated = next((item for item in parts if band[id(item)] == target), None)
    if stated:
        return [stated]
    inside = sorted(
        (item for item in parts if band[id(item)] and _within(band[id(item)], target)),
        key=lambda item: band[id(item)][0] or 0.0,
    )
    return inside if len(inside) > 1 and _tiles([band[id(item)] for item in inside], target) else []


def _within(inner: tuple[float | None, float | None], outer: tuple[float | None, float | None]) -> bool:
    low_ok = outer[0] is None or (inner[0] is not None and inner[0] >= outer[0])
    return low_ok and (outer[1] is None or (inner[1] is not None and inner[1] <= outer[1]))


def _tiles(bands: list[tuple[float | None, float | None]], whole: tuple[float | None, float | None]) -> bool:
    """Whether ranges sorted by their floor cover `whole` end to end without gaps or overlaps."""
    edges = [whole[0]] + [edge for band in bands for edge in band] + [whole[1]]
    return all(edges[i] == edges[i + 1] for i in range(0, len(edges), 2))


def band_text(band: tuple[float | None, float | None]) -> str:
    """'under 1 billion yuan', '0.1 billion yuan or more', '1 billion to 5 billion yuan'."""
    low, high = band
    if low is None:
        return f"under {format_billion(high)}"
    if high is None:
        return f"{format_billion(low)} or more"
    return f"{format_billion(low, '').strip()} to {format_billion(high)}"


def banded_text(finding: Finding, chinese: bool) -> Arithmetic | None:
    """The asked range's figures from the release's ranges, the arithmetic written out."""
    banded = finding.banded
    if banded is None:
        return None
    asked = band_text(banded.band)
    if banded.taken is None:
        return _worked(finding.plan, banded.items, f"Those {asked}", chinese)
    whole = f"those {band_text(banded.whole)}" if banded.whole else "all"
    lead = f"Those {asked}, {whole} less those {band_text(banded.taken)}"
    return _worked(finding.plan, banded.items, lead, chinese, less=True)


def average(finding: Finding, chinese: bool) -> Arithmetic | None:
    """Amount per project: the quoted amount divided by the quoted count."""
    count, amount = finding.figures.get("count"), finding.figures.get("amount")
    if not count or not amount or not count.value:
        return None
    per = amount.value / count.value
    text = (
        f"Average per project: {value_text(amount, chinese)} / {trim(count.value, 0)} = "
        f"{amount_text(per, amount.currency, chinese)}."
    )
    return Arithmetic(text, _forms("amount", per))


def _averages(findings: list[Finding], labels: list[str], chinese: bool) -> Arithmetic | None:
    """Each sub-lookup's amount per project, and the later less the earlier."""
    averages = [average(finding, chinese) for finding in findings]
    if len(findings) != 2 or not all(averages):
        return None
    per = [f.figures["amount"].value / f.figures["count"].value for f in findings]
    currencies = {f.figures["amount"].currency for f in findings}
    lines = [
        f"{label}: {a.text.removeprefix('Average per project: ')}"
        for label, a in zip(labels, averages, strict=True)
    ]
    computed = [n for a in averages for n in a.computed]
    if len(currencies) == 1:
        later, earlier = (1, 0) if _chronological(findings) else (0, 1)
        diff = per[later] - per[earlier]
        currency = currencies.pop()
        text = f"{amount_text(per[later], currency, chinese)} − {amount_text(per[earlier], currency, chinese)} = "
        text += f"{amount_text(diff, currency, chinese)}"
        if per[earlier]:
            change = diff / per[earlier] * 100
            text += f" ({change:+.1f}%)"
            computed.append(round(abs(change), 1))
        lines.append(text)
        computed += _forms("amount", diff) + _forms("amount", abs(diff))
    return Arithmetic(f"Average per project: {'; '.join(line.rstrip('.') for line in lines)}.", computed)


def share_kind(plan: Plan) -> str:
    """What a share divides: amounts, unless only a count is asked."""
    return "amount" if "amount" in plan.wants else "count"


def whole_of(
    plan: Plan, part: Value, sentences: list[SentenceCandidate]
) -> tuple[Value, SentenceCandidate] | None:
    """The total a figure is a share or part of: a larger figure of its kind (and currency) in the sentences,
    from the earliest that states one for the event itself (a running tally only when no other does); an exact figure
    before a bound or round one ("超过1000亿元"), and for a count, one counting the same thing (the same measure
    word, or a word of what it counts) before any other."""
    # a running tally of the event itself ("since the season opened on July 15, …") only after every other
    # sentence, and never one over earlier editions or years ("since 2015 the fair has signed …")
    ordered = sorted(
        (s for s in sentences if not running_tally(s.chunk.text) or not _over_editions_or_years(s)),
        key=lambda s: (running_tally(s.chunk.text), s.chunk.seq),
    )
    if plan.whole_places:
        named = _whole_named(plan, part, ordered)
        if named:
            return named
    for same_thing in (True, False) if part.kind == "count" else (False,):
        for exact in (True, False):
            for sentence in ordered:
                larger = [
                    v
                    for v in sentence.values
                    if v.kind == part.kind
                    and not v.threshold
                    and v.currency == part.currency
                    and v.value > part.value
                    and not (exact and v.approximate)
                    and not (same_thing and not _counts_alike(v, part, sentence.release.language))
                ]
                if larger:
                    return max(larger, key=lambda v: v.value), sentence
    return None


def _whole_named(
    plan: Plan, part: Value, sentences: list[SentenceCandidate]
) -> tuple[Value, SentenceCandidate] | None:
    """The whole the question names by its place ("占河南全省的比重"): a larger figure of the part's kind written
    after a mention of the place, the nearest one."""
    for sentence in sentences:
        mentions = [
            m for m in find_places(sentence.chunk.text) if {m.id, *m.alternatives} & plan.whole_places
        ]
        larger = [
            (v.start - m.end, v)
            for m in mentions
            for v in sentence.values
            if v.kind == part.kind
            and v.currency == part.currency
            and not v.threshold
            and v.value > part.value
            and v.start >= m.end
        ]
        if larger:
            return min(larger, key=lambda pair: pair[0])[1], sentence
    return None


def _over_editions_or_years(sentence: SentenceCandidate) -> bool:
    """Whether a running tally spans earlier editions ("前五届") or years other than its release's ("since 2015")."""
    text = sentence.chunk.text
    own = (sentence.release.event_date or sentence.release.published or "")[:4]
    return editions_tally(text) or any(str(year) != own for _, year in years_named(text))


def _counts_alike(a: Value, b: Value, language: str) -> bool:
    """Whether two counts count the same thing: the same measure word ("个", not "家"), or a word in common."""
    if a.measure or b.measure:
        return a.measure == b.measure
    return bool(set(tokenize(a.counted, language)) & set(tokenize(b.counted, language)))


def share_is_computed(finding: Finding) -> bool:
    """Whether a share is computed from the part and its whole: the quotes state no percentage, or only a bound
    or round one ("over 50%"), which the figures it approximates state exactly."""
    percent = finding.figures.get("percent")
    return percent is None or percent.approximate


def share(finding: Finding, chinese: bool) -> Arithmetic | None:
    """The figure as a percentage of its whole, the division written out."""
    kind = share_kind(finding.plan)
    part, whole = finding.figures.get(kind), finding.wholes.get(kind)
    if part is None or whole is None or not whole.value:
        return None
    percent = part.value / whole.value * 100
    text = f"Share: {value_text(part, chinese)} / {value_text(whole, chinese)} = {percent:.1f}%."
    return Arithmetic(text, [round(percent, 1)])


def rest(finding: Finding, chinese: bool) -> Arithmetic | None:
    """The whole less the named part, for each asked kind with both, the subtraction written out."""
    lines, computed = [], []
    for kind in ("count", "amount"):
        part, whole = finding.figures.get(kind), finding.wholes.get(kind)
        if part is None or whole is None:
            continue
        left = whole.value - part.value
        shown = (  # what is left is counted as the whole is ("11 projects", not "11 foreign-funded")
            count_text(left, whole, finding.plan.counted)
            if kind == "count"
            else _figure(kind, left, part, chinese)
        )
        lines.append(f"{value_text(whole, chinese)} − {value_text(part, chinese)} = {shown}")
        computed += _forms(kind, left)
    return Arithmetic(f"The rest: {'; '.join(lines)}.", computed) if lines else None


def before_change(finding: Finding, chinese: bool) -> Arithmetic | None:
    """The figure before a change: the asked figure stated right before a change in percent ("1,172 contracts,
    an increase of 30.51 percent"), divided by one plus the change; the change the question states, if it
    states one, is looked for first."""
    plan = finding.plan
    kinds = [k for k in ("count", "amount") if k in plan.wants]
    for exact in (True, False) if plan.change is not None else (False,):
        for sentence in sorted(finding.sentences, key=lambda s: -s.probability):
            figures = sorted(
                (v for kind in kinds for v in _answering(plan, sentence, kind)), key=lambda v: v.end
            )
            for start, change in changes_in(sentence.chunk.text):
                if exact and not _close(abs(change), abs(plan.change)):
                    continue
                value = next((v for v in reversed(figures) if v.end <= start), None)
                if value is None or change <= -100:
                    continue
                return _before(plan, value, change, chinese)
    return None


def _before(plan: Plan, value: Value, change: float, chinese: bool) -> Arithmetic:
    before = value.value / (1 + change / 100)
    if value.kind == "count":
        shown = count_text(round(before), value, plan.counted)
    else:
        shown = _figure(value.kind, before, value, chinese)
    factor = 1 + change / 100
    change_text = f"{'a rise' if change >= 0 else 'a fall'} of {trim(abs(change), 2)}%"
    text = f"Before the change ({change_text}): {value_text(value, chinese)} / {trim(factor, 4)} ≈ {shown}."
    computed = _forms(value.kind, round(before) if value.kind == "count" else before)
    return Arithmetic(text, [*computed, round(factor, 4), abs(change)])


def _figure(kind: str, number: float, like: Value, chinese: bool) -> str:
    if kind == "amount":
        return amount_text(number, like.currency, chinese)
    return trim(number, 3)


def count_text(number: float, like: Value, stems: frozenset[str] = frozenset(), more: str = "") -> str:
    """A computed count with what it counts, as the quoted count wrote it: '60 projects', '20 fewer
    projects', '60个', '6个 more'."""
    if like.measure:
        return f"{trim(number, 3)}{like.measure} {more}".rstrip()
    words = LATIN_WORDS.findall(like.counted)
    noun = next((w for w in words if set(tokenize(w, "en")) & stems or set(tokenize(w, "de")) & stems), None)
    noun = noun or next((w for w in words if w.lower() not in STOPWORDS), "")
    return " ".join(part for part in (trim(number, 3), more, noun) if part)


def _forms(kind: str, number: float) -> list[float]:
    """The numbers a figure is written with: a count as is, an amount in billions and in 亿."""
    if kind == "amount":
        return [round(number / 1e9, 3), round(number / 1e8, 2)]
    return [round(number, 3)]
