"""Incremental indexing: new and edited releases are embedded, deleted ones leave, unchanged ones cost a hash."""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from index.catalog import Catalog
from index.chunking import Chunk, chunk_document
from index.keyword import tokenize
from index.ledger import Ledger, extract_deals
from index.loader import MAX_FILE_BYTES, LoadError, discover_files, load_document
from index.metadata import extract_metadata
from index.paths import catalog_path, ledger_path


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


@dataclass(frozen=True)
class PendingFile:
    """A file whose content is new to the index."""

    path: Path
    source: str
    replaces: bool  # an earlier version is indexed


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes; unreadable or oversized files raise LoadError."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LoadError(path, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        raise LoadError(path, f"cannot read: {err.strerror}") from err


def searchable_texts(chunks: Sequence[Chunk], text: str, dateline_end: int) -> list[str]:
    """What is embedded and keyword-indexed for each chunk: the sentence (measured better than the sentence
    with its title or neighbours), without a wire dateline, whose place and date are not content."""
    return [text[max(chunk.char_start, dateline_end) : chunk.char_end] or chunk.text for chunk in chunks]


class Indexer:
    """Brings one collection, its catalog and the deal ledger in line with a folder of releases.

    The model and Chroma are opened only when some file needs embedding or removing, so an unchanged
    corpus is checked in well under a second.
    """

    def __init__(self, data_dir: Path, collection: str, open_embedding: Callable, open_store: Callable):
        self.catalog = Catalog(catalog_path(data_dir, collection))
        self.ledger = Ledger(ledger_path(data_dir))
        self._open_embedding = open_embedding
        self._open_store = open_store

    @cached_property
    def embedding(self):
        """The embedding model, loaded on first need."""
        return self._open_embedding()

    @cached_property
    def store(self):
        """The vector store, opened on first need."""
        return self._open_store()

    def run(self, seeds_dir: Path, rebuild: bool = False, progress: Callable | None = None) -> IndexReport:
        """Index `seeds_dir`; files that fail are reported and leave their earlier version in place."""
        started = time.perf_counter()
        report = IndexReport()
        if rebuild:
            self._forget_everything()
        pending, present = self._plan(seeds_dir, report)
        if pending:
            self.store  # noqa: B018  an unreachable Chroma server is reported before any embedding work
        for item in progress(pending) if progress and pending else pending:
            try:
                self._index_file(item, seeds_dir, report)
            except LoadError as err:
                report.failed.append(str(err))
        for source in sorted(set(self.catalog.releases()) - present):
            self._forget(source)
            report.removed.append(source)
        report.seconds = time.perf_counter() - started
        return report

    def _plan(self, seeds_dir: Path, report: IndexReport) -> tuple[list[PendingFile], set[str]]:
        """Which files need indexing, and the sources present on disk (failed ones included)."""
        known = {source: release.content_hash for source, release in self.catalog.releases().items()}
        pending, present = [], set()
        for path in discover_files(seeds_dir):
            source = f"{seeds_dir.name}/{path.relative_to(seeds_dir).as_posix()}"
            present.add(source)
            try:
                digest = file_hash(path)
            except LoadError as err:
                report.failed.append(str(err))
                continue
            if known.get(source) == digest:
                report.unchanged += 1
            else:
                pending.append(PendingFile(path, source, source in known))
        return pending, present

    def _index_file(self, item: PendingFile, root: Path, report: IndexReport) -> None:
        doc = load_document(item.path, root)
        meta = extract_metadata(doc)
        chunks = chunk_document(doc, meta.language)
        if not chunks:
            raise LoadError(item.path, "no text to index after removing boilerplate")
        started = time.perf_counter()
        texts = searchable_texts(chunks, doc.text, meta.dateline_end)
        vectors = self.embedding.get_text_embedding_batch(texts)
        report.embed_seconds += time.perf_counter() - started
        started = time.perf_counter()
        deals = [
            # HTML and PDF text has its own lines: cite the original file's
            replace(row, line_start=doc.line_at(row.char_start), line_end=doc.line_at(row.char_end - 1))
            for row in extract_deals(doc.text, item.source, meta.published, meta.language, doc.body_spans)
        ]
        report.ledger_seconds += time.perf_counter() - started
        if item.replaces:
            self.store.remove_source(item.source)
        year = meta.published.year if meta.published else 0
        self.store.add(chunks, vectors, {"year": year, "language": meta.language})
        tokens = [tokenize(text, meta.language) for text in texts]
        self.catalog.replace(item.source, doc.content_hash, meta, zip(chunks, tokens, strict=True))
        self.ledger.replace_source(item.source, deals)
        (report.updated if item.replaces else report.added).append(item.source)
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
