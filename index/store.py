"""Chroma behind llama-index's ChromaVectorStore: embedded under DATA_DIR, or a Chroma server."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from index.chunking import Chunk

CHROMA_SUBDIR = "chroma"
ADD_BATCH = 512


class StoreError(RuntimeError):
    """Chroma could not be opened or reached; the message says which and what to do."""


@dataclass(frozen=True)
class DenseHit:
    """A chunk id with its cosine similarity to the query."""

    chunk_id: str
    similarity: float


def open_client(data_dir: Path, host: str = "", port: int = 8000):
    """A Chroma client: a server at host:port when host is set, else embedded under data_dir."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if host:
            return chromadb.HttpClient(host=host, port=port, settings=settings)
        return chromadb.PersistentClient(path=str(data_dir / CHROMA_SUBDIR), settings=settings)
    except Exception as err:  # chromadb raises bare Exception/ValueError for unreachable or corrupt stores
        where = f"Chroma server {host}:{port}" if host else f"{data_dir / CHROMA_SUBDIR}"
        raise StoreError(f"cannot open {where}: {err}") from err


class VectorStore:
    """The vectors of one embedding model in a Chroma collection: written through llama-index's
    ChromaVectorStore, read with Chroma's own client (answering a question never imports llama-index, which
    costs about 2 s of a cold start)."""

    def __init__(self, client, collection: str):
        self.name = collection
        # No embedding function: vectors always come from our own model, and Chroma's default would
        # try to download one.
        self.collection = client.get_or_create_collection(
            self.name, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )

    @cached_property
    def llama_store(self):
        """llama-index's view of the collection, for writing."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.collection)

    def add(self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]], meta: dict) -> None:
        """Add a release's chunks with their vectors; `meta` (year, language) goes on every chunk."""
        from llama_index.core.schema import TextNode

        nodes = [
            TextNode(
                id_=chunk.chunk_id,
                text=chunk.text,
                embedding=list(vector),
                metadata={"source": chunk.source, "seq": chunk.seq, **meta},
            )
            for chunk, vector in zip(chunks, embeddings, strict=True)
        ]
        for start in range(0, len(nodes), ADD_BATCH):
            self.llama_store.add(nodes[start : start + ADD_BATCH])

    def remove_source(self, source: str) -> None:
        """Delete every vector of a release."""
        self.collection.delete(where={"source": source})

    def count(self) -> int:
        """Number of vectors stored."""
        return self.collection.count()

    def clear(self) -> None:
        """Drop every vector of this model."""
        if self.count():  # Chroma refuses to delete an empty list of ids
            self.llama_store.clear()

    def query(self, embedding: Sequence[float], top_k: int) -> list[DenseHit]:
        """The top_k nearest chunks."""
        if not self.count():
            return []
        result = self.collection.query(
            query_embeddings=[list(embedding)], n_results=min(top_k, self.count()), include=["distances"]
        )
        # The collection's space is cosine: distance = 1 - cosine.
        return [
            DenseHit(chunk_id, 1.0 - distance)
            for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, list[float]]:
        """The stored vectors of the given chunks (ids not stored are left out)."""
        if not chunk_ids:
            return {}
        got = self.collection.get(ids=list(chunk_ids), include=["embeddings"])
        return dict(zip(got["ids"], got["embeddings"], strict=True))
