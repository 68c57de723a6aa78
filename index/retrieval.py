"""The searchable index: sentences with their releases, dense vectors (snapshot or Chroma), BM25 over
sentences and over whole releases, and what each release is about (editions, years, places) in
language-neutral tokens."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from index.catalog import Catalog, Release
from index.chunking import Chunk
from index.dense import DenseIndex
from index.keyword import BM25Index, event_kinds
from index.lang.numbers import YEAR
from index.lang.ordinals import find_ordinals
from index.lang.places import canonical_ids


class QueryEncoder(Protocol):
    """Turns a question into a vector of the index's model (USE's own encoder, or a llama-index embedding)."""

    def get_query_embedding(self, text: str) -> list[float]:
        """The vector of one question."""
        ...


class StoredVectors(Protocol):
    """Where the sentences' vectors are read from: the generation's snapshot, or Chroma."""

    def pages(self) -> Iterator[tuple[list[str], np.ndarray]]:
        """Every stored vector, as (ids, vectors) a page at a time."""
        ...

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, Sequence[float]]:
        """The stored vectors of the given chunks (ids not stored are left out)."""
        ...


# The sentences that say what a release is about: its title and the opening of its body.
LEAD_SENTENCES = 4


def place_token(place_id: str) -> str:
    """The search token of a place: the same for 深圳, Shenzhen and Shenzhen's German name."""
    return f"@{place_id}"


def ordinal_token(value: int) -> str:
    """The search token of an edition number: the same for '12th', '第十二届' and '12.'."""
    return f"#{value}"


@dataclass(frozen=True)
class ReleaseFacts:
    """What a release is about, read from its text once when the index opens."""

    lead_ordinals: frozenset[int]  # editions named in the title and opening sentences
    lead_events: frozenset[str]  # kinds of event named there (index.keyword.event_kinds: "expo", "week")
    ordinals: frozenset[int]
    years: frozenset[int]  # publication and event year
    months: frozenset[tuple[int, int]]  # publication and event (year, month)
    mentioned_years: frozenset[int]
    places: frozenset[str]


def annotate(text: str, language: str | None = None) -> tuple[frozenset[str], tuple[int, ...]]:
    """The places and edition numbers a sentence names."""
    return canonical_ids(text), tuple(o.value for o in find_ordinals(text, language))


class SearchIndex:
    """Everything a question is searched against, opened once per index generation."""

    def __init__(self, catalog: Catalog, store: StoredVectors, embedding: QueryEncoder):
        self._store = store
        self._embedding = embedding
        self.releases: dict[str, Release] = catalog.releases()
        stored = catalog.chunks()
        self.chunks: list[Chunk] = [s.chunk for s in stored]
        self.position = {chunk.chunk_id: i for i, chunk in enumerate(self.chunks)}
        self.by_source: dict[str, list[int]] = defaultdict(list)
        tokens = []
        for i, item in enumerate(stored):
            places, ordinals = annotate(item.chunk.text, self.releases[item.chunk.source].language)
            self.by_source[item.chunk.source].append(i)
            tokens.append(
                list(item.tokens) + [place_token(p) for p in places] + [ordinal_token(o) for o in ordinals]
            )
        self.sentence_bm25 = BM25Index(tokens)
        self.sources = list(self.by_source)
        self.source_number = {source: i for i, source in enumerate(self.sources)}
        self.release_bm25 = BM25Index(
            [[t for i in self.by_source[s] for t in tokens[i]] for s in self.sources]
        )
        self.facts = {source: self._facts(source, tokens) for source in self.sources}
        self._dense = DenseIndex.load([chunk.chunk_id for chunk in self.chunks], store.pages)

    def _facts(self, source: str, tokens: list[list[str]]) -> ReleaseFacts:
        release = self.releases[source]
        rows = self.by_source[source]
        ordinals = [int(t[1:]) for i in rows for t in tokens[i] if t.startswith("#")]
        lead = [int(t[1:]) for i in rows[:LEAD_SENTENCES] for t in tokens[i] if t.startswith("#")]
        lead_events = event_kinds(t for i in rows[:LEAD_SENTENCES] for t in tokens[i])
        dates = [d for d in (release.published, release.event_date) if d]
        years = {int(d[:4]) for d in dates}
        months = {(int(d[:4]), int(d[5:7])) for d in dates}
        mentioned = {int(y) for i in rows for y in YEAR.findall(self.chunks[i].text)}
        places = {t[1:] for i in rows for t in tokens[i] if t.startswith("@")}
        return ReleaseFacts(
            frozenset(lead),
            lead_events,
            frozenset(ordinals),
            frozenset(years),
            frozenset(months),
            frozenset(mentioned),
            frozenset(places),
        )

    def embed(self, text: str) -> np.ndarray:
        """The query vector of a text, unit length."""
        vector = np.asarray(self._embedding.get_query_embedding(text), dtype=np.float32)
        return vector / (np.linalg.norm(vector) or 1.0)

    def nearest(self, vector: np.ndarray, top_k: int) -> dict[int, float]:
        """The top_k sentences by cosine, as chunk position -> cosine: searched in memory, so that an embedded
        store and a Chroma server holding the same vectors give the same neighbours."""
        return self._dense.nearest(vector, top_k)

    def vectors(self, positions: Sequence[int]) -> tuple[list[int], np.ndarray]:
        """The stored unit vectors of the given sentences (those that have one), with their positions."""
        ids = [self.chunks[i].chunk_id for i in positions]
        stored = self._store.vectors(ids)
        kept = [i for i, c in zip(positions, ids, strict=True) if c in stored]
        if not kept:
            return [], np.zeros((0, 0), dtype=np.float32)
        matrix = np.asarray([stored[self.chunks[i].chunk_id] for i in kept], dtype=np.float32)
        return kept, matrix / (np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-12)

    def cosines(self, vectors: Sequence[np.ndarray], positions: Sequence[int]) -> list[dict[int, float]]:
        """Exact cosines of the given sentences (their stored vectors, fetched once) with each query vector."""
        kept, matrix = self.vectors(positions)
        return [
            dict(zip(kept, (matrix @ vector).tolist(), strict=True)) if kept else {} for vector in vectors
        ]

    def knows(self, token: str) -> bool:
        """Whether a search token occurs anywhere in the indexed releases."""
        return self.sentence_bm25.knows((token,))
