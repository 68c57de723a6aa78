"""Everything indexing does to a release before embedding it: load, metadata, sentences, keyword tokens and
deal rows. Many releases are prepared in a worker process while the indexer embeds and writes the ones
before (measured: parsing costs about as much as embedding, so doing both at once nearly halves a build)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from index.chunking import Chunk, chunk_document
from index.keyword import tokenize
from index.ledger import DealRow, extract_deals
from index.loader import LoadError, load_document
from index.metadata import ReleaseMetadata, extract_metadata

# Below this many releases a worker process costs more to start (imports, jieba) than it saves.
PARALLEL_FROM = 64
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
        tuple(tokenize(text, meta.language) for text in texts),
        tuple(deals),
    )


def _prepare(task: tuple[Path, Path, str]) -> PreparedRelease | LoadError:
    return prepare_release(*task)


def prepared_releases(
    files: Sequence[tuple[Path, str]], seeds_dir: Path
) -> Iterator[PreparedRelease | LoadError]:
    """(path, content hash) pairs prepared in order: in a worker process when there are many and more than
    one core, else here."""
    tasks: Iterable[tuple[Path, Path, str]] = [(path, seeds_dir, digest) for path, digest in files]
    if len(files) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        yield from map(_prepare, tasks)
        return
    # spawn, not fork: the parent holds Chroma's and BLAS's threads, which a forked child would inherit
    # in whatever state they were.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from pool.map(_prepare, tasks, chunksize=RELEASES_PER_TASK)
