"""Totals over a period from the deal ledger: the cache of signings for sums over many releases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from bot.qa.plan import Plan
from bot.qa.verify import short_date
from index.amounts import format_billion
from index.lang.places import place
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


def describe_period(plan: Plan) -> str:
    """'in Shenzhen in 2024', 'in September 2024', or 'in the indexed releases'."""
    c = plan.constraints
    names = sorted(place(p).name("en") for p in c.places)
    where = f"in {' and '.join(names)} " if names else ""
    year = c.years[0] if c.years else None
    if year and c.month:
        return f"{where}in {date(year, c.month, 1):%B %Y}"
    if year:
        return f"{where}in {year}"
    if c.month:
        return f"{where}in {date(2000, c.month, 1):%B}"
    return where.strip() or "in the indexed releases"


def _short_date(iso: str | None) -> str:
    return short_date(iso) if iso else "date not stated"


SIGNINGS_REMEMBERED = 100_000
CURRENCY_UNITS = {"USD": "US dollars", "EUR": "euros", "HKD": "Hong Kong dollars"}


def _in_yuan(signing: Signing) -> bool:
    return signing.currency in (None, "CNY")


@lru_cache(maxsize=SIGNINGS_REMEMBERED)
def describe_signing(signing: Signing) -> str:
    """'74 projects, 64.13 bn (Shenzhen, 2 Sep 2024)' with what the releases leave out said plainly
    (remembered: a period total describes every signing of its period)."""
    projects = f"{signing.projects} projects" if signing.projects is not None else "projects not counted"
    amount = signing_amount(signing) if signing.amount_yuan is not None else "amount not stated"
    where = signing.place or "place not stated"
    return f"{projects}, {amount} ({where}, {_short_date(signing.event_date)})"


def signing_amount(signing: Signing) -> str:
    """'64.13 bn', 'about 2 billion US dollars': a signing's amount as answers write it."""
    qualifier = next((r.amount_qualifier for r in signing.rows if r.amount_yuan == signing.amount_yuan), None)
    amount = format_billion(signing.amount_yuan).replace(" billion yuan", " bn")
    if not _in_yuan(signing):  # other currencies are named and never added to yuan
        amount = format_billion(signing.amount_yuan, CURRENCY_UNITS.get(signing.currency, signing.currency))
    return f"{qualifier} {amount}" if qualifier else amount


def period_totals(signings: Sequence[Signing]) -> tuple[int, float, int, int]:
    """Projects, amount in yuan, and how many signings state each."""
    projects = sum(s.projects for s in signings if s.projects is not None)
    amount = sum(s.amount_yuan for s in signings if s.amount_yuan is not None and _in_yuan(s))
    with_count = sum(1 for s in signings if s.projects is not None)
    valued = sum(1 for s in signings if s.amount_yuan is not None and _in_yuan(s))
    return projects, amount, with_count, valued


def total_answer(plan: Plan, signings: Sequence[Signing]) -> Draft:
    """The sum over every signing in the period, with the arithmetic shown."""
    draft = Draft()
    parts = [f"{describe_signing(s)} {draft.cite(s)}" for s in signings]
    projects, amount, with_count, valued = period_totals(signings)
    period = describe_period(plan)
    figure = " and ".join(
        text
        for text, present in (
            (f"{projects} projects", with_count),
            (format_billion(amount), valued),
        )
        if present
    )
    if len(signings) == 1:
        draft.lead = f"Signed {period}: {parts[0]}."
    else:
        draft.computed += [projects, round(amount / 1e9, 3), len(signings)]
        draft.lead = f"Signed {period}: {figure} in {len(signings)} signings: {' + '.join(parts)} = {figure}."
    if 0 < with_count < len(signings) or 0 < valued < len(signings):
        draft.notes.append(
            f"Project counts are stated for {with_count} and amounts in yuan for {valued} "
            f"of the {len(signings)} signings."
        )
    return draft
