"""Incremental indexing: new and edited releases are embedded, deleted ones leave, unchanged ones cost a hash."""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from index.catalog import Catalog
from index.chunking import Chunk, chunk_document
from index.embeddings import LocalEmbedding
from index.keyword import tokenize
from index.ledger import Ledger, extract_deals
from index.loader import MAX_FILE_BYTES, LoadError, discover_files, load_document
from index.metadata import extract_metadata
from index.paths import catalog_path, ledger_path
from index.store import VectorStore

@dataclass
class IndexReport:
    """What one indexing run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)  # one line per file: "path: reason"
    chunks_embedded: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0
    ledger_seconds: float = 0.0
    ledger_rows: int = 0


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes (the size limit is the loader's to report)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LoadError(path, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        raise LoadError(path, f"cannot read: {err.strerror}") from err


def embedding_texts(chunks: Sequence[Chunk], title: str) -> list[str]:
    """What gets embedded for each sentence: the sentence, led by the release title for context."""
    return [f"{title}\n{chunk.text}" if title and chunk.seq else chunk.text for chunk in chunks]


class Indexer:
    """Brings one collection, its catalog and the deal ledger in line with a folder of releases."""

    def __init__(self, data_dir: Path, embedding: LocalEmbedding, store: VectorStore):
        self.embedding = embedding
        self.store = store
        self.catalog = Catalog(catalog_path(data_dir, store.name))
        self.ledger = Ledger(ledger_path(data_dir))

    def run(self, seeds_dir: Path, rebuild: bool = False, progress: Callable | None = None) -> IndexReport:
        """Index `seeds_dir`; files that fail are reported and leave their earlier version in place."""
        started = time.perf_counter()
        report = IndexReport()
        if rebuild:
            self._forget_everything()
        known = {source: release.content_hash for source, release in self.catalog.releases().items()}
        files = discover_files(seeds_dir)
        present = set()
        for path in progress(files) if progress else files:
            source = f"{seeds_dir.name}/{path.relative_to(seeds_dir).as_posix()}"
            present.add(source)
            try:
                self._index_file(path, seeds_dir, source, known.get(source), report)
            except LoadError as err:
                report.failed.append(str(err))
        for source in sorted(set(known) - present):
            self._forget(source)
            report.removed.append(source)
        report.seconds = time.perf_counter() - started
        return report

    def _index_file(self, path: Path, root: Path, source: str, old_hash: str | None, report: IndexReport):
        if old_hash is not None and file_hash(path) == old_hash:
            report.unchanged += 1
            return
        doc = load_document(path, root)
        meta = extract_metadata(doc)
        chunks = chunk_document(doc, meta.language)
        if not chunks:
            raise LoadError(path, "no text to index after removing boilerplate")
        started = time.perf_counter()
        vectors = self.embedding.get_text_embedding_batch(embedding_texts(chunks, meta.title))
        report.embed_seconds += time.perf_counter() - started
        started = time.perf_counter()
        deals = extract_deals(doc.text, source, meta.published, meta.language, doc.body_spans)
        report.ledger_seconds += time.perf_counter() - started
        year = meta.published.year if meta.published else 0
        if old_hash is not None:
            self.store.remove_source(source)
        self.store.add(chunks, vectors, {"year": year, "language": meta.language})
        tokens = [tokenize(chunk.text, meta.language) for chunk in chunks]
        self.catalog.replace(source, doc.content_hash, meta, zip(chunks, tokens, strict=True))
        self.ledger.replace_source(source, deals)
        (report.updated if old_hash is not None else report.added).append(source)
        report.chunks_embedded += len(chunks)
        report.ledger_rows += len(deals)

    def _forget(self, source: str) -> None:
        self.store.remove_source(source)
        self.catalog.remove(source)
        self.ledger.remove_source(source)

    def _forget_everything(self) -> None:
        self.store.clear()
        for source in self.catalog.releases():
            self.catalog.remove(source)
            self.ledger.remove_source(source)

    def close(self) -> None:
        """Close the catalog and the ledger."""
        self.catalog.close()
        self.ledger.close()


def progress_bar(stream=sys.stderr) -> Callable | None:
    """A tqdm progress bar over files when writing to a terminal, else nothing."""
    if not stream.isatty():
        return None
    from tqdm import tqdm

    return lambda items: tqdm(items, desc="indexing", unit="file", file=stream)
