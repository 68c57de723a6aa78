"""Chroma, embedded in an index generation or a Chroma server, through Chroma's own client."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from index.chunking import Chunk

ADD_BATCH = 512
ID_PAGE = 20000  # ids read per request when listing a collection
VECTOR_PAGE = 2000  # vectors read per request when loading a collection
# The bot searches the vectors in memory (index/dense.py), never Chroma's HNSW graph, which Chroma builds
# anyway: a sparse graph (4 links, a short construction search instead of 16 and 100) cut Chroma's CPU time
# for adding 12,000 vectors from 18.3 s to 5.8 s (4.2 s without the sentences' text), and indexing shares
# its core with Chroma.
COLLECTION_SETTINGS = {"hnsw:space": "cosine", "hnsw:M": 4, "hnsw:construction_ef": 16}


class StoreError(RuntimeError):
    """Chroma could not be opened or reached; the message says which and what to do."""


def open_client(path: Path, host: str = "", port: int = 8000):
    """A Chroma client: a server at host:port when host is set, else embedded in the folder `path`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if host:
            return chromadb.HttpClient(host=host, port=port, settings=settings)
        return chromadb.PersistentClient(path=str(path), settings=settings)
    except Exception as err:  # chromadb raises bare Exception/ValueError for unreachable or corrupt stores
        where = f"Chroma server {host}:{port}" if host else f"{path}"
        raise StoreError(f"cannot open {where}: {err}") from err


class VectorStore:
    """The vectors of one embedding model in a Chroma collection (answering a question never imports
    llama-index, which costs about 2 s of a cold start)."""

    def __init__(self, client, collection: str):
        self.name = collection
        # No embedding function: vectors always come from our own model, and Chroma's default would
        # try to download one. A collection made earlier keeps the settings it was made with.
        self.collection = client.get_or_create_collection(
            self.name, metadata=COLLECTION_SETTINGS, embedding_function=None
        )

    def add(
        self,
        chunks: Sequence[Chunk],
        embeddings: np.ndarray | Sequence[Sequence[float]],
        metadata: Sequence[dict],
    ) -> None:
        """Add chunks with their vectors and, for each, metadata (year, language) beside its source.

        Written with Chroma's own client: llama-index's ChromaVectorStore would add a JSON copy of every node
        to its metadata, which nothing here reads and which made adding 40% slower. The sentences' text is
        kept in the catalog, not here (it was a quarter of Chroma's writing time)."""
        for start in range(0, len(chunks), ADD_BATCH):
            batch = chunks[start : start + ADD_BATCH]
            self.collection.add(
                ids=[chunk.chunk_id for chunk in batch],
                embeddings=np.asarray(embeddings[start : start + ADD_BATCH], dtype=np.float32),
                metadatas=[
                    {"source": chunk.source, "seq": chunk.seq, **meta}
                    for chunk, meta in zip(batch, metadata[start : start + ADD_BATCH], strict=True)
                ],
            )

    def remove(self, chunk_ids: Sequence[str]) -> None:
        """Delete the vectors of the given chunks (ids not stored are ignored)."""
        for start in range(0, len(chunk_ids), ADD_BATCH):
            self.collection.delete(ids=list(chunk_ids[start : start + ADD_BATCH]))

    def ids(self) -> set[str]:
        """The id of every vector stored."""
        return {chunk_id for page in self._pages([], ID_PAGE) for chunk_id in page["ids"]}

    def rename(self, chunk_ids: Sequence[str], source: str) -> None:
        """Give the vectors of a moved release its new source name, everywhere llama-index keeps it."""
        if not chunk_ids:
            return
        got = self.collection.get(ids=list(chunk_ids), include=["metadatas"])
        metadatas = []
        for metadata in got["metadatas"]:
            metadata = {**metadata, "source": source}
            if "_node_content" in metadata:  # a vector written by llama-index (earlier versions)
                node = json.loads(metadata["_node_content"])
                node.setdefault("metadata", {})["source"] = source
                metadata["_node_content"] = json.dumps(node)
            metadatas.append(metadata)
        self.collection.update(ids=got["ids"], metadatas=metadatas)

    def count(self) -> int:
        """Number of vectors stored."""
        return self.collection.count()

    def clear(self) -> None:
        """Drop every vector of this model."""
        self.remove(sorted(self.ids()))

    def pages(self) -> Iterator[tuple[list[str], np.ndarray]]:
        """Every stored vector, as (ids, vectors) a page at a time."""
        for page in self._pages(["embeddings"], VECTOR_PAGE):
            yield page["ids"], np.asarray(page["embeddings"], dtype=np.float32)

    def _pages(self, include: list[str], size: int) -> Iterator[dict]:
        """The collection read `size` records at a time, with the fields in `include` (none when empty)."""
        offset = 0
        while True:
            page = self.collection.get(include=include, limit=size, offset=offset)
            if page["ids"]:
                yield page
            offset += len(page["ids"])
            if len(page["ids"]) < size:
                return

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, list[float]]:
        """The stored vectors of the given chunks (ids not stored are left out)."""
        if not chunk_ids:
            return {}
        got = self.collection.get(ids=list(chunk_ids), include=["embeddings"])
        return dict(zip(got["ids"], got["embeddings"], strict=True))
