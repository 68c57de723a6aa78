"""What answering reads: one published index generation at a time, switched when the indexer publishes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from index.catalog import Catalog, CatalogError, Release
from index.generations import database_path, published
from index.ledger import Ledger, PlaceIndex, Signing
from index.retrieval import SearchIndex


class IndexView:
    """One generation, read-only: its releases, catalog and ledger, and its search index once needed.

    A question is answered from one view from start to end, so it never mixes two generations.
    """

    def __init__(self, generation: Path, open_search: Callable[[IndexView], SearchIndex]):
        self.generation = generation
        self.catalog = Catalog(database_path(generation), create=False)
        self.ledger = Ledger(self.catalog)
        self.releases: dict[str, Release] = self.catalog.releases()
        self._open_search = open_search
        self._lock = threading.Lock()
        self._search: SearchIndex | None = None
        self._signings: dict[tuple, list[Signing]] = {}
        self._places: dict[tuple, PlaceIndex] = {}
        self._reporters: dict[str, dict[str, None]] | None = None

    def signings(self, year: int | None = None, month: int | None = None) -> list[Signing]:
        """The distinct signings of a year (and month), merged once per generation and then remembered."""
        key = (year, month)
        found = self._signings.get(key)
        if found is None:
            found = self._signings[key] = self.ledger.signings(year=year, month=month)
        return found

    def signings_in(
        self, places: frozenset[str], year: int | None = None, month: int | None = None
    ) -> list[Signing]:
        """The signings of a year (and month) made in one of `places` (every one when it names none)."""
        if not places:
            return self.signings(year, month)
        key = (year, month)
        index = self._places.get(key)
        if index is None:
            index = self._places[key] = PlaceIndex(self.signings(year, month))
        return index.of(places)

    def twins(self, sources: Sequence[str]) -> tuple[str, ...]:
        """The releases, and every other release reporting one of the signings they report (the same event
        in another paper or language), in that order."""
        if self._reporters is None:  # each release's fellow reporters, gathered once per generation
            reporters: dict[str, dict[str, None]] = {}
            for signing in self.signings():
                reported_by = dict.fromkeys(row.source for row in signing.rows)
                for source in reported_by:
                    reporters.setdefault(source, {}).update(reported_by)
            self._reporters = reporters
        found = dict.fromkeys(sources)
        for source in list(found):
            found.update(self._reporters.get(source, {}))
        return tuple(found)

    def years(self) -> list[int]:
        """The years the ledger has signings for, oldest first."""
        return [y for (y,) in self.catalog.query("SELECT DISTINCT year FROM deal_rows ORDER BY year") if y]

    def prepare(self) -> None:
        """Open the search index and merge every year's signings now, before questions need them."""
        self.search  # noqa: B018
        for year in self.years():
            self.signings(year)

    @property
    def search(self) -> SearchIndex:
        """The search index (model + Chroma), opened on first need: once, even when several threads ask."""
        with self._lock:
            if self._search is None:
                self._search = self._open_search(self)
            return self._search

    @property
    def search_loaded(self) -> bool:
        """Whether the search index is open already."""
        return self._search is not None

    def close(self) -> None:
        """Close the database (no question may be using this view any more)."""
        self.catalog.close()


class LiveIndex:
    """The published generation, followed: each question takes `view()`, which is the generation published
    last. When the indexer publishes a new one, the first thread to notice opens it completely (its search
    index too, if the old one had it open) before switching, while other threads go on with the old view.
    """

    def __init__(self, home: Path, open_search: Callable[[IndexView], SearchIndex]):
        self.home = home
        self._open_search = open_search
        self._switch = threading.Lock()
        self._retired: list[IndexView] = []
        self._view = self._open(required=True)

    def _open(self, required: bool = False) -> IndexView | None:
        generation = published(self.home)
        if generation is None:
            if required:
                raise CatalogError(f"no index in {self.home.parent}: run `python -m bot index` first")
            return None
        return IndexView(generation, self._open_search)

    def view(self) -> IndexView:
        """The view of the generation published last (the current one while a newer one is opening)."""
        current = self._view
        if published(self.home) in (None, current.generation) or not self._switch.acquire(blocking=False):
            return current
        try:
            newer = self._open()
            if newer is not None and newer.generation != current.generation:
                if current.search_loaded:
                    newer.prepare()  # fully open before any question sees it
                self._view = newer
                self._retire(current)
            return self._view
        finally:
            self._switch.release()

    def _retire(self, view: IndexView) -> None:
        """Close views two switches old: a question still reading the last one has long finished."""
        self._retired.append(view)
        while len(self._retired) > 1:
            self._retired.pop(0).close()
