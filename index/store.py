"""Chroma behind llama-index's ChromaVectorStore: embedded in an index generation, or a Chroma server."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from index.chunking import Chunk

ADD_BATCH = 512
ID_PAGE = 20000  # ids read per request when listing a collection


class StoreError(RuntimeError):
    """Chroma could not be opened or reached; the message says which and what to do."""


@dataclass(frozen=True)
class DenseHit:
    """A chunk id with its cosine similarity to the query."""

    chunk_id: str
    similarity: float


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

    def add(
        self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]], metadata: Sequence[dict]
    ) -> None:
        """Add chunks with their vectors and, for each, metadata (year, language) beside its source."""
        from llama_index.core.schema import TextNode

        nodes = [
            TextNode(
                id_=chunk.chunk_id,
                text=chunk.text,
                embedding=list(vector),
                metadata={"source": chunk.source, "seq": chunk.seq, **meta},
            )
            for chunk, vector, meta in zip(chunks, embeddings, metadata, strict=True)
        ]
        for start in range(0, len(nodes), ADD_BATCH):
            self.llama_store.add(nodes[start : start + ADD_BATCH])

    def remove(self, chunk_ids: Sequence[str]) -> None:
        """Delete the vectors of the given chunks (ids not stored are ignored)."""
        for start in range(0, len(chunk_ids), ADD_BATCH):
            self.collection.delete(ids=list(chunk_ids[start : start + ADD_BATCH]))

    def ids(self) -> set[str]:
        """The id of every vector stored."""
        found: set[str] = set()
        while True:
            page = self.collection.get(include=[], limit=ID_PAGE, offset=len(found))["ids"]
            found.update(page)
            if len(page) < ID_PAGE:
                return found

    def rename(self, chunk_ids: Sequence[str], source: str) -> None:
        """Give the vectors of a moved release its new source name, everywhere llama-index keeps it."""
        if not chunk_ids:
            return
        got = self.collection.get(ids=list(chunk_ids), include=["metadatas"])
        metadatas = []
        for metadata in got["metadatas"]:
            metadata = {**metadata, "source": source}
            if "_node_content" in metadata:
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
        if self.count():  # Chroma refuses to delete an empty list of ids
            self.llama_store.clear()

    def query(self, embedding: Sequence[float], top_k: int) -> list[DenseHit]:
        """The top_k nearest chunks."""
        if top_k <= 0:
            return []
        result = self.collection.query(
            query_embeddings=[list(embedding)], n_results=top_k, include=["distances"]
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
