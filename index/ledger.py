"""The deal ledger: signing rows in SQLite, and the real-world signings they report, each counted once."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from datetime import date, timedelta

from index.catalog import Catalog, rename_steps
from index.deal_context import normalize_place
from index.deal_extraction import DealRow, extract_deals
from index.lang.places import canonical_ids

__all__ = ["DealRow", "Ledger", "Signing", "extract_deals", "group_signings", "same_signing"]

COLUMNS = tuple(field.name for field in fields(DealRow))
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS deal_rows (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    {", ".join(COLUMNS)}
);
CREATE INDEX IF NOT EXISTS deal_rows_source ON deal_rows (source);
CREATE INDEX IF NOT EXISTS deal_rows_year ON deal_rows (year);
"""
# Two reports agree on an amount when they differ by no more than rounding ("45 billion" vs "45.046").
AMOUNT_TOLERANCE = 0.01
# Two reports may date one signing a day apart (time zones, "yesterday" counted from publication).
DATE_TOLERANCE_DAYS = 1


@dataclass(frozen=True)
class Signing:
    """One real-world signing, possibly reported by several releases (cite every row)."""

    rows: tuple[DealRow, ...]
    projects: int | None
    amount_yuan: float | None
    event_date: str | None
    place: str | None
    year: int | None
    currency: str | None = None


class Ledger:
    """Deal rows of every release of an index generation, in the catalog's SQLite file (one transaction
    writes a release's chunks and its rows)."""

    def __init__(self, catalog: Catalog):
        self._catalog = catalog
        catalog.create_tables(SCHEMA)

    def replace_source(self, source: str, rows: Sequence[DealRow]) -> None:
        """Make `rows` the only rows of `source`, all at once."""
        strays = sorted({row.source for row in rows} - {source})
        if strays:
            raise ValueError(f"rows of {', '.join(strays)} cannot be stored as rows of {source}")
        placeholders = ", ".join("?" for _ in COLUMNS)
        with self._catalog.transaction() as db:
            db.execute("DELETE FROM deal_rows WHERE source = ?", (source,))
            db.executemany(
                f"INSERT INTO deal_rows ({', '.join(COLUMNS)}) VALUES ({placeholders})",
                [astuple(row) for row in rows],
            )

    def rename(self, moves: dict[str, str]) -> None:
        """Move rows to their release's new source name (old -> new)."""
        with self._catalog.transaction() as db:
            for step in rename_steps(moves):
                db.executemany("UPDATE deal_rows SET source = ? WHERE source = ?", step)

    def remove_source(self, source: str) -> None:
        """Forget every row of `source`."""
        with self._catalog.transaction() as db:
            db.execute("DELETE FROM deal_rows WHERE source = ?", (source,))

    def counts(self) -> dict[str, int]:
        """How many rows each source has."""
        return dict(self._catalog.query("SELECT source, COUNT(*) FROM deal_rows GROUP BY source"))

    def rows(
        self,
        year: int | None = None,
        month: int | None = None,
        place: str | None = None,
        source: str | None = None,
        include_cumulative: bool = False,
    ) -> list[DealRow]:
        """Rows matching every filter given, in date order; running tallies only when asked for."""
        where, params = ["1 = 1"], []
        for clause, value in (
            ("year = ?", year),
            ("CAST(substr(event_date, 6, 2) AS INTEGER) = ?", month),
            ("source = ?", source),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        if not include_cumulative:
            where.append("NOT cumulative")
        query = f"SELECT {', '.join(COLUMNS)} FROM deal_rows WHERE {' AND '.join(where)} ORDER BY seq"
        found = [_row(record) for record in self._catalog.query(query, params)]
        if place is not None:
            wanted = (normalize_place(place) or "").lower()
            found = [row for row in found if (row.place or "").lower() == wanted]
        return sorted(found, key=lambda row: (row.event_date or "", row.source, row.char_start))

    def signings(self, **filters) -> list[Signing]:
        """Distinct signings among the rows matching `filters` (see `rows`), reports of one signing merged."""
        return group_signings(self.rows(**filters))


def _row(record: tuple) -> DealRow:
    values = dict(zip(COLUMNS, record, strict=True))
    values["cumulative"] = bool(values["cumulative"])
    return DealRow(**values)


class PlaceIndex:
    """The signings of a period by the gazetteer places their reports name, so a place's signings are looked
    up instead of found by scanning the period."""

    def __init__(self, signings: Sequence[Signing]):
        self._order = {id(s): n for n, s in enumerate(signings)}
        self._by_place: dict[str, list[Signing]] = defaultdict(list)
        for signing in signings:
            for place_id in {p for row in signing.rows for p in canonical_ids(row.place or "")}:
                self._by_place[place_id].append(signing)

    def of(self, places: frozenset[str]) -> list[Signing]:
        """The signings any report places in one of `places`, in ledger order, each once."""
        found = {id(s): s for p in places for s in self._by_place.get(p, ())}
        return sorted(found.values(), key=lambda s: self._order[id(s)])


def group_signings(rows: Sequence[DealRow]) -> list[Signing]:
    """Merge rows that report the same signing: reports in different releases, or one release restating it.

    A row is compared only with the groups that share a nearby date or its year and city (the only rows
    `same_signing` can accept), so grouping stays fast on a year of many signings.
    """
    groups: list[list[DealRow]] = []
    index: dict[tuple, list[int]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r.event_date or "", r.source, r.char_start)):
        candidates = sorted({g for key in _merge_keys(row, DATE_TOLERANCE_DAYS) for g in index[key]})
        home = next((g for g in candidates if any(same_signing(row, other) for other in groups[g])), None)
        if home is None:
            home = len(groups)
            groups.append([])
        groups[home].append(row)
        for key in _merge_keys(row, 0):
            if home not in index[key]:
                index[key].append(home)
    return [_signing(group) for group in groups]


def _merge_keys(row: DealRow, days: int) -> list[tuple]:
    """Lookup keys for rows that may report the same signing: dates within `days`, and year with city."""
    keys: list[tuple] = []
    if row.event_date:
        day = date.fromisoformat(row.event_date)
        keys += [("day", day + timedelta(days=offset)) for offset in range(-days, days + 1)]
    if row.place is not None and row.year is not None:
        keys.append(("place", row.year, row.place.lower()))
    return keys


def same_signing(a: DealRow, b: DealRow) -> bool:
    """Whether two rows report one signing: same time, and the figures they share agree.

    Within one release that takes both figures, count and amount, agreeing: a release may restate its
    signing ("…signed 12 projects worth 3.5 billion yuan… In all, 12 projects worth 3.5 billion yuan"),
    but two signings of one release rarely share both figures, while a shared count alone is common.
    """
    if a.cumulative or b.cumulative:
        return False
    if a.source == b.source:
        both = None not in (a.projects, b.projects, a.amount_yuan, b.amount_yuan)
        return both and a.char_start != b.char_start and _same_time(a, b) and _same_figures(a, b)
    return _same_time(a, b) and _same_figures(a, b)


def _same_time(a: DealRow, b: DealRow) -> bool:
    if a.event_date and b.event_date:
        gap = abs((date.fromisoformat(a.event_date) - date.fromisoformat(b.event_date)).days)
        if gap <= DATE_TOLERANCE_DAYS:
            return True
    same_place = a.place is not None and (a.place or "").lower() == (b.place or "").lower()
    return a.year is not None and a.year == b.year and same_place


def _same_figures(a: DealRow, b: DealRow) -> bool:
    shared = False
    if a.projects is not None and b.projects is not None:
        if a.projects != b.projects:
            return False
        shared = True
    if a.amount_yuan is not None and b.amount_yuan is not None:
        larger = max(abs(a.amount_yuan), abs(b.amount_yuan))
        if a.currency != b.currency or abs(a.amount_yuan - b.amount_yuan) > AMOUNT_TOLERANCE * larger:
            return False
        shared = True
    return shared


def _signing(rows: list[DealRow]) -> Signing:
    """One signing from its reports: the most precise unqualified amount, the earliest date."""
    valued = sorted(
        (row for row in rows if row.amount_yuan is not None),
        key=lambda row: (row.amount_qualifier is not None, -_significant_digits(row.amount_yuan)),
    )
    dated = sorted(row.event_date for row in rows if row.event_date)
    places = Counter(row.place for row in rows if row.place)
    counts = Counter(row.projects for row in rows if row.projects is not None)
    event_date = dated[0] if dated else None
    return Signing(
        rows=tuple(rows),
        projects=counts.most_common(1)[0][0] if counts else None,
        amount_yuan=valued[0].amount_yuan if valued else None,
        event_date=event_date,
        place=places.most_common(1)[0][0] if places else None,
        year=int(event_date[:4]) if event_date else rows[0].year,
        currency=valued[0].currency if valued else None,
    )


def _significant_digits(value: float) -> int:
    return len(str(round(abs(value))).rstrip("0"))
