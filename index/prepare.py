"""Everything indexing does to a release before writing it: load, metadata, sentences, keyword tokens, deal
rows, and the sentences' vectors.

A large run is a pipeline of three processes: one prepares releases, one embeds them (the model on one BLAS
thread), and the indexer writes what comes back. Measured on 2,000 generated releases: preparing takes about
half as long as embedding, and writing (Chroma, SQLite) about two thirds; in one process, or in threads of one
process (Python's lock), they add up to twice the embedding time.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from index.chunking import Chunk, chunk_document
from index.keyword import document_tokens
from index.ledger import DealRow, extract_deals
from index.loader import LoadError, load_document
from index.metadata import ReleaseMetadata, extract_metadata

if TYPE_CHECKING:
    import numpy as np

# Below this many releases a worker process costs more to start (imports, jieba) than it saves.
PARALLEL_FROM = 64
# What `prepare_release` makes of a file (sentences, search tokens, ledger rows) as of this version of the
# code: raise it when that changes, and releases an index holds from an earlier version are prepared again.
# 2: release tokens include the acronyms of names; 3: the ledger knows tallies "of the five fairs before
# the sixth"; 4: Chinese words get their pinyin as aliases; 5: a bracketed insert leaves a Chinese word whole
# ("国(境)外"); 6: "m" after a number with a currency is million ("$589m", "100m yuan"), plural units count
# ("3.9 billions"), number words before a unit too ("einer Milliarde Yuan"), and an ordinal counting days
# or weeks is no edition ("第一天"); 7: "US-Dollar" (hyphenated) is a currency ("1,92 Mrd. US-Dollar").
PREPARATION_VERSION = "7"
RELEASES_PER_TASK = 16


@dataclass(frozen=True)
class PreparedRelease:
    """One release ready to embed and write: its sentences, what is embedded of each, tokens, deal rows."""

    source: str
    content_hash: str
    meta: ReleaseMetadata
    chunks: tuple[Chunk, ...]
    texts: tuple[str, ...]  # what is embedded and keyword-indexed for each chunk
    tokens: tuple[list[str], ...]
    deals: tuple[DealRow, ...]


def searchable_texts(chunks: Sequence[Chunk], text: str, dateline_end: int) -> list[str]:
    """What is embedded and keyword-indexed for each chunk: the sentence (measured better than the sentence
    with its title or neighbours), without a wire dateline, whose place and date are not content."""
    return [text[max(chunk.char_start, dateline_end) : chunk.char_end] or chunk.text for chunk in chunks]


def prepare_release(path: Path, seeds_dir: Path, content_hash: str) -> PreparedRelease | LoadError:
    """A release file prepared for writing, or the LoadError that says why it cannot be (returned, not
    raised, so a worker process hands it back in order)."""
    try:
        doc = load_document(path, seeds_dir)
        if doc.content_hash != content_hash:  # its hash decided what to do with it
            raise LoadError(path, "changed while being indexed; run `python -m bot index` again")
        meta = extract_metadata(doc)
        chunks = chunk_document(doc, meta.language)
        if not chunks:
            raise LoadError(path, "no text to index after removing boilerplate")
    except LoadError as err:
        return err
    texts = searchable_texts(chunks, doc.text, meta.dateline_end)
    deals = [
        # HTML and PDF text has its own lines: cite the original file's
        replace(row, line_start=doc.line_at(row.char_start), line_end=doc.line_at(row.char_end - 1))
        for row in extract_deals(doc.text, doc.source, meta.published, meta.language, doc.body_spans)
    ]
    return PreparedRelease(
        doc.source,
        doc.content_hash,
        meta,
        tuple(chunks),
        tuple(texts),
        tuple(document_tokens(text, meta.language) for text in texts),
        tuple(deals),
    )


def _prepare(task: tuple[Path, Path, str]) -> PreparedRelease | LoadError:
    return prepare_release(*task)


def in_parallel(releases: int) -> bool:
    """Whether a run of this many releases is worth worker processes: there is a core for them, and a new
    process can import the program that started this one (not so for code read from stdin)."""
    main = sys.modules.get("__main__")
    importable = getattr(main, "__spec__", None) is not None or Path(getattr(main, "__file__", "")).is_file()
    return releases >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2 and importable


def _worker_pool(initializer=None, initargs=()) -> ProcessPoolExecutor:
    # spawn, not fork: the parent holds Chroma's and BLAS's threads, which a forked child would inherit
    # in whatever state they were.
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=initializer, initargs=initargs)


def prepared_releases(
    files: Sequence[tuple[Path, str]], seeds_dir: Path
) -> Iterator[PreparedRelease | LoadError]:
    """(path, content hash) pairs prepared in order: in a worker process for a large run, else here."""
    tasks: Iterable[tuple[Path, Path, str]] = [(path, seeds_dir, digest) for path, digest in files]
    if not in_parallel(len(files)):
        yield from map(_prepare, tasks)
        return
    with _worker_pool() as pool:
        yield from pool.map(_prepare, tasks, chunksize=RELEASES_PER_TASK)


@dataclass(frozen=True)
class EmbeddingSpec:
    """How to open the embedding model in another process (a loaded model cannot be sent there)."""

    backend: str
    st_model: str
    threads: int


_MODEL = None  # the embedding process's model


def _load_model(spec: EmbeddingSpec, core: int | None) -> None:
    global _MODEL
    from index.embeddings import create_embedding

    if core is not None:
        _pin({core})
    _MODEL = create_embedding(spec.backend, spec.st_model, threads=spec.threads)
    _MODEL.load()


def _ready() -> None:
    """A task that only makes the embedding process start (and load its model)."""


def _embed(texts: list[str]) -> tuple[np.ndarray, float]:
    started = time.perf_counter()
    vectors = _MODEL.vectors(texts)
    return vectors, time.perf_counter() - started


def _cores() -> set[int]:
    return os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()


def _pin(cores: set[int]) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, cores)


class Embedder:
    """Embeds batches of texts, returning futures: in a process of its own for a large run (see the module's
    note), else here, at once.

    The embedding process starts at once, so that its model loads while the first batch is prepared. Where
    the system allows it, it gets a core of its own, and the thread that writes (with the process preparing
    releases, started from it afterwards) keeps to the others until `close`: the embedder sets the pace,
    and on 2 cores, sharing both with the writer slowed it (affinity is per thread on Linux; Chroma's
    threads, started earlier, keep theirs)."""

    def __init__(self, open_model, spec: EmbeddingSpec | None, parallel: bool):
        self._open_model = open_model
        self._pool = None
        self._model = None
        self._cores = _cores()
        self._pinned = False
        if parallel and spec is not None:
            own = max(self._cores) if len(self._cores) >= 2 else None
            self._pool = _worker_pool(_load_model, (spec, own))
            self._pool.submit(_ready)
            if own is not None:
                _pin(self._cores - {own})
                self._pinned = True

    def submit(self, texts: list[str]) -> Future:
        """A future of (vectors as one float32 array, seconds spent embedding)."""
        if self._pool is not None:
            return self._pool.submit(_embed, texts)
        if self._model is None:
            self._model = self._open_model()
        done: Future = Future()
        started = time.perf_counter()
        done.set_result((self._model.vectors(texts), time.perf_counter() - started))
        return done

    def close(self) -> None:
        """Stop the embedding process, and give this process back every core it had."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        if self._pinned:
            _pin(self._cores)
            self._pinned = False
