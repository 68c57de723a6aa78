"""The canonical LlamaIndex pipeline, measured beside ours: SimpleDirectoryReader → default splitter →
VectorStoreIndex on Chroma → top-2 retriever, with the same embedding model."""

from __future__ import annotations

import time
from pathlib import Path

BASELINE_TOP_K = 2


def build_baseline(seeds_dir: Path, data_dir: Path, embedding):
    """Index the seeds the textbook way; returns (retriever, build seconds)."""
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from index.store import VectorStore, open_client

    started = time.perf_counter()
    documents = SimpleDirectoryReader(str(seeds_dir)).load_data()
    store = VectorStore(open_client(data_dir / "baseline-chroma"), f"baseline-{embedding.model_name}")
    store.clear()
    context = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=store.collection))
    index = VectorStoreIndex.from_documents(
        documents, storage_context=context, embed_model=embedding, transformations=[SentenceSplitter()]
    )
    seconds = time.perf_counter() - started
    return index.as_retriever(similarity_top_k=BASELINE_TOP_K), seconds


def baseline_retrieve(retriever, question: str) -> list[tuple[str, str]]:
    """(file name, text) of the retrieved chunks."""
    return [
        (Path(n.node.metadata.get("file_name", "")).name, n.node.get_content())
        for n in retriever.retrieve(question)
    ]
