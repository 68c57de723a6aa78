"""Figure answers from the deal ledger: totals, counts, comparisons, the largest signing, claim checks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from bot.question import Question
from bot.verify import short_date
from index.amounts import find_amounts, format_billion
from index.ledger import DealRow, Signing


@dataclass
class Draft:
    """An answer being written: text, the ledger rows it cites, the numbers its arithmetic computed."""

    lead: str = ""
    rows: list[DealRow] = field(default_factory=list)
    computed: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    numbers: dict[DealRow, int] = field(default_factory=dict)  # citation number of each row in `rows`

    def cite(self, signing: Signing) -> str:
        """Citation marks for every report of a signing, adding its rows to the citations."""
        marks = []
        for row in signing.rows:
            if row not in self.numbers:
                self.rows.append(row)
                self.numbers[row] = len(self.rows)
            marks.append(f"[{self.numbers[row]}]")
        if len(marks) > 1:
            self.notes.append(f"{' and '.join(marks)} report the same signing, counted once.")
        return "".join(marks)


def counted(n: int, noun: str) -> str:
    """'1 signing', '2 signings'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def made_in(signing: Signing, place: str) -> bool:
    """Whether any report of a signing places it in this city."""
    return any((row.place or "").lower() == place.lower() for row in signing.rows)


def named_by(signing: Signing, word: str) -> bool:
    """Whether a word occurs in the event or organiser name of any report of a signing."""
    word = word.lower()
    return any(word in (text or "").lower() for row in signing.rows for text in (row.event, row.organiser))


def in_scope(signing: Signing, question: Question) -> bool:
    """In one of the question's places (if any) and named by all of its scope words."""
    in_place = not question.places or any(made_in(signing, place) for place in question.places)
    return in_place and all(named_by(signing, word) for word in question.scope_words)


def resolve_scope(question: Question, rows: Sequence[DealRow]) -> Question:
    """The question with its selectors resolved against the ledger: cities of recorded signings
    ("Hong Kong", longest names first) and words of recorded event or organiser names ("Jiangxi")."""
    cities = {row.place.lower() for row in rows if row.place}
    named = " ".join(f"{row.event or ''} {row.organiser or ''}" for row in rows).lower()
    places, words, rest = [], [], list(question.selectors)
    while rest:
        size = next((n for n in (3, 2, 1) if " ".join(rest[:n]).lower() in cities), 0)
        if size:
            places.append(" ".join(rest[:size]))
            rest = rest[size:]
            continue
        if rest[0].lower() in named:
            words.append(rest[0])
        rest = rest[1:]
    resolved = sum(len(place.split()) for place in places) + len(words)
    scoped = 0 < resolved == len(question.selectors)
    return replace(question, places=tuple(places), scope_words=tuple(words), scoped=scoped)


def describe_period(question: Question) -> str:
    """'in Shenzhen in 2024', 'for “Baise-Cao Bang” in September 2024', or 'in the indexed releases'."""
    where = f"in {' and '.join(question.places)} " if question.places else ""
    if question.scope_words:
        where += f"for “{' '.join(question.scope_words)}” "
    if question.year and question.month:
        return f"{where}in {date(question.year, question.month, 1):%B %Y}"
    if question.year:
        return f"{where}in {question.year}"
    if question.month:
        return f"{where}in {date(2000, question.month, 1):%B}"
    return where.strip() or "in the indexed releases"


def _short_date(iso: str | None) -> str:
    return short_date(iso) if iso else "date not stated"


CURRENCY_UNITS = {"USD": "US dollars", "EUR": "euros", "HKD": "Hong Kong dollars"}


def _in_yuan(signing: Signing) -> bool:
    return signing.currency in (None, "CNY")


def describe_signing(signing: Signing) -> str:
    """'74 projects, 64.13 bn (Shenzhen, 2 Sep 2024)' with what the releases leave out said plainly."""
    projects = f"{signing.projects} projects" if signing.projects is not None else "projects not counted"
    amount = "amount not stated"
    if signing.amount_yuan is not None:
        qualifier = next(
            (r.amount_qualifier for r in signing.rows if r.amount_yuan == signing.amount_yuan), None
        )
        amount = format_billion(signing.amount_yuan).replace(" billion yuan", " bn")
        if not _in_yuan(signing):  # other currencies are named and never added to yuan
            amount = format_billion(
                signing.amount_yuan, CURRENCY_UNITS.get(signing.currency, signing.currency)
            )
        amount = f"{qualifier} {amount}" if qualifier else amount
    where = signing.place or "place not stated"
    return f"{projects}, {amount} ({where}, {_short_date(signing.event_date)})"


def named_signing_answer(question: Question, signing: Signing) -> Draft:
    """The figures of one signing the question names."""
    draft = Draft()
    event = next((row.event for row in signing.rows if row.event), None)
    lead = f"{event}: " if event else ""
    draft.lead = f"{lead}{describe_signing(signing)} {draft.cite(signing)}."
    return draft


def _totals(signings: Sequence[Signing]) -> tuple[int, float, int, int]:
    projects = sum(s.projects for s in signings if s.projects is not None)
    amount = sum(s.amount_yuan for s in signings if s.amount_yuan is not None and _in_yuan(s))
    counted = sum(1 for s in signings if s.projects is not None)
    valued = sum(1 for s in signings if s.amount_yuan is not None and _in_yuan(s))
    return projects, amount, counted, valued


def total_answer(question: Question, signings: Sequence[Signing]) -> Draft:
    """The sum over every signing in the period, with the arithmetic shown."""
    draft = Draft()
    parts = [f"{describe_signing(s)} {draft.cite(s)}" for s in signings]
    projects, amount, counted, valued = _totals(signings)
    period = describe_period(question)
    figure = " and ".join(
        text
        for text, present in (
            (f"{projects} projects", counted),
            (format_billion(amount), valued),
        )
        if present
    )
    if len(signings) == 1:
        draft.lead = f"Signed {period}: {parts[0]}."
    else:
        draft.computed += [projects, round(amount / 1e9, 3), len(signings)]
        draft.lead = f"Signed {period}: {figure} in {len(signings)} signings: {' + '.join(parts)} = {figure}."
    if 0 < counted < len(signings) or 0 < valued < len(signings):
        draft.notes.append(
            f"Project counts are stated for {counted} and amounts in yuan for {valued} "
            f"of the {len(signings)} signings."
        )
    return draft


def largest_answer(question: Question, signings: Sequence[Signing]) -> Draft:
    """The signing with the largest (or smallest) amount in the period."""
    valued = [s for s in signings if s.amount_yuan is not None]
    smallest = bool(re.search(r"smallest|kleinste|最小", question.text, re.IGNORECASE))
    pool = valued or list(signings)
    best = (min if smallest else max)(pool, key=lambda s: (s.amount_yuan or 0, s.projects or 0))
    draft = Draft()
    word = "smallest" if smallest else "largest"
    draft.lead = (
        f"The {word} signing {describe_period(question)}: {describe_signing(best)} {draft.cite(best)}."
    )
    draft.notes.append(f"Compared {counted(len(signings), 'signing')}.")
    return draft


def compare_answer(question: Question, signings: Sequence[Signing]) -> Draft:
    """Which place or signing signed more, every candidate listed with its figures."""
    if len(question.places) > 1:
        return _compare_places(question, signings)
    ranked = sorted(signings, key=lambda s: (s.amount_yuan or 0, s.projects or 0), reverse=True)
    draft = Draft()
    listed = [f"{describe_signing(s)} {draft.cite(s)}" for s in ranked]
    if len(ranked) == 1:
        draft.lead = f"Only one signing is recorded {describe_period(question)}: {listed[0]}."
        return draft
    top = ranked[0]
    label = f"{top.place or 'The signing'} ({_short_date(top.event_date)})"
    draft.lead = f"{label} signed the most: " + "; ".join(listed) + "."
    return draft


def _compare_places(question: Question, signings: Sequence[Signing]) -> Draft:
    """Each named place's signings added up, the larger total first."""
    draft = Draft()
    totals = []
    for place in question.places:
        own = [s for s in signings if made_in(s, place)]
        projects, amount, _, _ = _totals(own)
        parts = " + ".join(f"{describe_signing(s)} {draft.cite(s)}" for s in own) or "no signing recorded"
        totals.append((amount, projects, place, parts))
        if len(own) > 1:
            draft.computed += [projects, round(amount / 1e9, 3)]
    totals.sort(reverse=True)
    listed = "; ".join(
        f"{place}: {parts}" + (f" = {projects} projects, {format_billion(amount)}" if "+" in parts else "")
        for amount, projects, place, parts in totals
    )
    period = describe_period(replace(question, places=(), scope_words=()))
    period = "" if period == "in the indexed releases" else f" {period}"
    draft.lead = f"{totals[0][2]} signed more{period}: {listed}."
    return draft


def check_answer(question: Question, signings: Sequence[Signing]) -> Draft:
    """Supported / contradicted (with the right figure) for a claim about projects or amounts."""
    claimed_projects, claimed_amount = claimed_figures(question.text)
    projects, amount, _, _ = _totals(signings)
    candidates = list(signings) + ([] if len(signings) < 2 else [None])  # None stands for the period total
    for signing in candidates:
        got_projects = projects if signing is None else signing.projects
        got_amount = amount if signing is None else signing.amount_yuan
        if _agrees(claimed_projects, got_projects) and _agrees(claimed_amount, got_amount):
            draft = total_answer(question, signings) if signing is None else Draft()
            if signing is not None:
                draft.lead = f"{describe_signing(signing)} {draft.cite(signing)}."
            draft.lead = "Supported. " + draft.lead
            return draft
    draft = total_answer(question, signings)
    draft.lead = "Contradicted: the releases record something else. " + draft.lead
    return draft


def claimed_figures(text: str) -> tuple[int | None, float | None]:
    """The project count and amount (yuan) a claim states."""
    amounts = find_amounts(text)
    rest = text
    for amount in amounts:
        rest = rest.replace(amount.text, " ")
    count = re.search(r"(\d+)\s*(?:projects?|deals?|agreements?|Projekte|个|项)", rest, re.IGNORECASE)
    return (int(count.group(1)) if count else None), (amounts[0].value_yuan if amounts else None)


def _agrees(claimed: float | None, actual: float | None) -> bool:
    if claimed is None:
        return True
    return actual is not None and abs(claimed - actual) <= max(abs(actual) * 1e-6, 1e-9)


LEDGER_ANSWERS = {
    "total": total_answer,
    "count": total_answer,
    "largest": largest_answer,
    "compare": compare_answer,
    "check": check_answer,
}
