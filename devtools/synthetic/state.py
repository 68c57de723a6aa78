"""The synthetic corpus being written: its signings (events) and the writer that keeps every figure distinct."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from devtools.synthetic import templates as t


@dataclass
class Event:
    day: date
    city: t.City
    kind: int
    partner: int
    projects: int | None
    millions: int | None
    sources: list[str] = field(default_factory=list)

    def name(self, lang: str) -> str:
        """The event's name as a release in `lang` writes it."""
        province, province_zh = t.PROVINCES[self.city.province]
        kind, partner = t.EVENT_KINDS[self.kind], t.PARTNERS[self.partner]
        if lang == "en":
            return f"{self.day.year} {province}-{partner[0]} {kind[0]}"
        if lang == "de":
            return f"{kind[1]} {province}-{partner[1]} {self.day.year}"
        return f"{self.day.year}{province_zh}—{partner[2]}{kind[2]}"


class CorpusWriter:
    """Writes releases, keeping every figure distinct so that the truth is unambiguous."""

    def __init__(self, out_dir: Path, rng: random.Random, first_day: date = t.FIRST_DAY):
        self.out_dir, self.rng = out_dir, rng
        self.first_day = first_day  # a large corpus spans more years, so its signings stay distinguishable
        self.events: list[Event] = []
        self.used: set[int] = set()  # amounts in millions, signings and distractors alike
        self.languages: dict[str, str] = {}
        self.distractors: list[float] = []
        self.tallies: list[tuple[str, int, float]] = []
        self._pending_tallies: list[tuple[int, float]] = []

    def millions(self, low: int = 50, high: int = 90_000) -> int:
        """A fresh amount in millions of yuan, sometimes round, never used before."""
        while True:
            value = self.rng.randint(low, high)
            value -= value % self.rng.choice((1, 1, 10, 100)) if value > 1000 else 0
            if value not in self.used and value >= low:
                self.used.add(value)
                return value

    def reserve(self, millions: int) -> bool:
        """Claim an amount for a report of a signing; False if some figure already uses it."""
        if millions in self.used:
            return False
        self.used.add(millions)
        return True

    def event(self, projects: bool = True, amount: bool = True) -> Event:
        """A new signing whose time and figures no earlier signing could be mistaken for."""
        millions = self.millions() if amount else None
        while True:
            candidate = Event(
                t.random_day(self.rng, self.first_day),
                self.rng.choice(t.CITIES),
                self.rng.randrange(len(t.EVENT_KINDS)),
                self.rng.randrange(len(t.PARTNERS)),
                self.rng.randint(3, 180) if projects else None,
                millions,
            )
            if not any(_confusable(candidate, other) for other in self.events):
                self.events.append(candidate)
                return candidate

    def amount(self, lang: str, low: int = 50, high: int = 90_000) -> str:
        """A distractor amount, written in `lang`, recorded so no ledger row may count it."""
        value = self.millions(low, high)
        self.distractors.append(value * 1e6)
        return _written(lang, value, self.rng)

    def fill(self, template: str, lang: str, year: int) -> str:
        """A distractor sentence with fresh figures."""
        rng = self.rng
        values = {
            "y": year - 1,
            "y0": year - rng.randint(2, 5),
            "p": rng.randint(3, 60),
            "k": rng.randint(40, 900),
        }
        values["n"] = rng.randint(200, 1500)
        values |= {key: self.amount(lang) for key in ("amount", "amount2") if "{" + key + "}" in template}
        return template.format(**values)

    def tally(self, lang: str, year: int) -> str:
        """A running-tally sentence; its figures are remembered for the truth."""
        template = self.rng.choice({"en": t.EN_TALLIES, "de": t.DE_TALLIES, "zh": t.ZH_TALLIES}[lang])
        first = len(self.distractors)
        text = self.fill(template, lang, year)
        projects = int(re.search(r"(\d+)\s*(?:个|projects|investment projects|Projekte)", text)[1])
        self._pending_tallies.append((projects, self.distractors[first]))
        return text

    def write(self, lang: str, text: str, events: list[Event]) -> str:
        """Write one release file and credit it to the signings it reports."""
        name = f"syn{len(self.languages):04d}_{lang[:2]}.txt"
        (self.out_dir / name).write_text(text + "\n", encoding="utf-8")
        self.languages[name] = lang[:2]
        for event in events:
            event.sources.append(name)
        self.tallies += [(name, n, amount) for n, amount in self._pending_tallies]
        self._pending_tallies = []
        return name


def _confusable(a: Event, b: Event) -> bool:
    """Whether a ledger could take two signings for one: close in time or place, and a figure alike."""
    close = abs((a.day - b.day).days) <= 3 or (a.day.year == b.day.year and a.city == b.city)
    same_count = a.projects is not None and a.projects == b.projects
    near_amount = (
        a.millions is not None
        and b.millions is not None
        and abs(a.millions - b.millions) <= 0.02 * max(a.millions, b.millions)
    )
    return close and (same_count or near_amount)


def _written(lang: str, millions: int, rng: random.Random) -> str:
    return {"en": t.en_amount, "de": t.de_amount, "zh": t.zh_amount}[lang](millions, rng)
