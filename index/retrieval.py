"""Hybrid retrieval: dense vectors from Chroma and BM25 keywords, fused, with year/language/source filters."""

from __future__ import annotations

from dataclasses import dataclass

from index.catalog import Catalog, Release, StoredChunk
from index.chunking import Chunk
from index.embeddings import LocalEmbedding
from index.keyword import BM25Index, question_tokens
from index.store import VectorStore

DENSE_CANDIDATES = 40
# Keyword scores are scaled to [0, 1] by the best keyword match and added with this weight to the dense
# cosine. A keyword match only counts where the question and the release share a script: an English
# question cannot keyword-match a Chinese release, and must not be outranked for that.
KEYWORD_WEIGHT = 0.25


@dataclass(frozen=True)
class Filters:
    """Optional restrictions on what is searched."""

    year: int | None = None
    language: str | None = None
    source: str | None = None

    def where(self) -> dict:
        """The same filters as Chroma metadata conditions."""
        pairs = {"year": self.year, "language": self.language, "source": self.source}
        return {key: value for key, value in pairs.items() if value is not None}

    def admits(self, chunk: Chunk, release: Release) -> bool:
        """Whether a chunk passes the filters."""
        year = int(release.published[:4]) if release.published else 0
        return (
            (self.year is None or self.year == year)
            and (self.language is None or self.language == release.language)
            and (self.source is None or self.source == chunk.source)
        )


@dataclass(frozen=True)
class Hit:
    """A retrieved sentence with its scores."""

    chunk: Chunk
    release: Release
    score: float
    dense: float
    keyword: float


class Retriever:
    """Finds the sentences that best answer a question."""

    def __init__(self, catalog: Catalog, store: VectorStore, embedding: LocalEmbedding):
        self._store = store
        self._embedding = embedding
        self.releases = catalog.releases()
        stored: list[StoredChunk] = catalog.chunks()
        self.chunks = [s.chunk for s in stored]
        self._by_id = {chunk.chunk_id: i for i, chunk in enumerate(self.chunks)}
        self._bm25 = BM25Index([s.tokens for s in stored])

    def search(self, question: str, top_k: int = 8, filters: Filters = Filters()) -> list[Hit]:
        """The top_k sentences for a question, best first."""
        if not self.chunks:
            return []
        vector = self._embedding.get_query_embedding(question)
        dense = {
            hit.chunk_id: hit.similarity
            for hit in self._store.query(vector, DENSE_CANDIDATES, filters.where() or None)
        }
        keyword = self._bm25.scores(question_tokens(question))
        best_keyword = max(keyword) or 1.0
        hits = []
        for i, chunk in enumerate(self.chunks):
            release = self.releases[chunk.source]
            if chunk.chunk_id not in dense and not keyword[i]:
                continue
            if not filters.admits(chunk, release):
                continue
            # A chunk outside the dense candidates gets the weakest dense score seen, not zero.
            similarity = dense.get(chunk.chunk_id, min(dense.values(), default=0.0))
            lexical = keyword[i] / best_keyword
            hits.append(Hit(chunk, release, similarity + KEYWORD_WEIGHT * lexical, similarity, lexical))
        hits.sort(key=lambda hit: hit.score, reverse=True)
        return hits[:top_k]

    def neighbours(self, chunk: Chunk, before: int = 1, after: int = 1) -> list[Chunk]:
        """The chunk with its neighbouring sentences of the same release."""
        i = self._by_id[chunk.chunk_id]
        window = self.chunks[max(i - before, 0) : i + after + 1]
        return [c for c in window if c.source == chunk.source]
