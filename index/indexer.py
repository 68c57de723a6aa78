"""Incremental indexing into a new index generation (index/generations.py).

A release is its content: a file whose bytes are already indexed under another name is a move (a rename)
or a duplicate (reported, indexed once), never a second copy. New content is embedded; deleted releases
leave. Every run first checks that the stores agree (chunks per release in the catalog, ledger rows, vectors
in Chroma) and re-indexes a release that does not. Each release is written to SQLite in one transaction,
after its vectors; vectors no generation needs any more are deleted after the new generation is published.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from index.catalog import Catalog
from index.chunking import Chunk, chunk_document
from index.generations import (
    chroma_path,
    database_path,
    generations,
    new_generation,
    prune,
    publish,
    published,
    unpublished,
    writer_lock,
)
from index.keyword import tokenize
from index.ledger import Ledger, extract_deals
from index.loader import MAX_FILE_BYTES, LoadError, discover_files, load_document, source_name
from index.metadata import extract_metadata
from index.store import VectorStore

VECTOR_COLLECTION = (
    "vector_collection"  # catalog setting: the Chroma collection a generation's vectors are in
)
COPIED = ".copied"  # marks a generation whose copy of the one before it is complete


@dataclass
class IndexReport:
    """What one indexing run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # "old -> new"
    removed: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)  # "source: what disagreed"
    duplicates: list[str] = field(default_factory=list)  # "path: same content as source"
    skipped: list[str] = field(default_factory=list)  # not regular files
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)  # one line per file: "path: reason"
    chunks_embedded: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0
    ledger_seconds: float = 0.0
    ledger_rows: int = 0
    generation: str = ""  # the generation published by this run, or "" when nothing changed


@dataclass(frozen=True)
class FileSeen:
    """A release file on disk, named once."""

    path: Path
    source: str
    content_hash: str


@dataclass
class Plan:
    """What a run changes, decided before anything is written."""

    embed: list[FileSeen] = field(default_factory=list)
    moves: dict[str, str] = field(default_factory=dict)  # old source -> new source
    remove: list[str] = field(default_factory=list)
    repair: dict[str, str] = field(default_factory=dict)  # source -> what disagreed

    def __bool__(self) -> bool:
        return bool(self.embed or self.moves or self.remove or self.repair)


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes; unreadable, oversized or empty files raise LoadError (empty files would
    otherwise all share one content)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LoadError(path, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        raw = path.read_bytes()
    except OSError as err:
        raise LoadError(path, f"cannot read: {err.strerror}") from err
    if not raw.strip():
        raise LoadError(path, "empty file (no text)")
    return hashlib.sha256(raw).hexdigest()


def searchable_texts(chunks: Sequence[Chunk], text: str, dateline_end: int) -> list[str]:
    """What is embedded and keyword-indexed for each chunk: the sentence (measured better than the sentence
    with its title or neighbours), without a wire dateline, whose place and date are not content."""
    return [text[max(chunk.char_start, dateline_end) : chunk.char_end] or chunk.text for chunk in chunks]


class Indexer:
    """Brings one index (one embedding model's generations under `home`) in line with a folder of releases.

    `open_store(generation, collection)` opens the vectors of a generation: embedded Chroma keeps them in the
    generation's folder; with a Chroma server (`shared_store`) every generation shares one collection until
    a rebuild starts a new one. The model is loaded only when some file needs embedding.
    """

    def __init__(
        self,
        home: Path,
        collection: str,
        open_embedding: Callable,
        open_store: Callable[[Path, str], VectorStore],
        shared_store: bool = False,
    ):
        self.home = home
        self.collection = collection
        self._open_embedding = open_embedding
        self._open_store = open_store
        self.shared_store = shared_store
        self.catalog: Catalog | None = None
        self.ledger: Ledger | None = None
        self.store: VectorStore | None = None

    @cached_property
    def embedding(self):
        """The embedding model, loaded on first need."""
        return self._open_embedding()

    def run(
        self, seeds_dir: Path, rebuild: bool = False, progress: Callable | None = None, wait: bool = False
    ) -> IndexReport:
        """Index `seeds_dir` and publish the result as a new generation (when anything changed); files that
        fail are reported and leave their earlier version in place. Raises IndexBusyError when another
        indexer holds the lock (unless `wait`)."""
        started = time.perf_counter()
        report = IndexReport()
        with writer_lock(self.home, wait):
            files = self._scan(Path(seeds_dir), report)
            base = None if rebuild else self._resumable()
            resumed = base is not None and base != published(self.home)
            work = base or self._fresh_generation()
            self._open(work)
            plan = self._plan(files, report)
            if plan and work == published(self.home):
                work = self._copy_of(work)
                self._open(work)
            if plan:
                self._apply(plan, Path(seeds_dir), {f.source for f in files}, report, progress)
            if work != published(self.home):
                publish(self.home, work)
                report.generation = work.name
                prune(self.home)
            self._collect_garbage()
            if resumed:
                report.repaired.append(f"{work.name}: resumed a run that was stopped before it finished")
        report.seconds = time.perf_counter() - started
        return report

    # -- generations ---------------------------------------------------------------------------------

    def _resumable(self) -> Path | None:
        """The unpublished generation a stopped run left (if its copy was complete), else the published one."""
        left = unpublished(self.home)
        if left is not None and (left / COPIED).exists():
            return left
        if left is not None:
            shutil.rmtree(left, ignore_errors=True)
        return published(self.home)

    def _fresh_generation(self) -> Path:
        """An empty generation; with a Chroma server, its vectors go to a new collection of their own."""
        work = new_generation(self.home)
        catalog = Catalog(database_path(work))
        name = f"{self.collection}-{work.name}" if self.shared_store else self.collection
        catalog.set_setting(VECTOR_COLLECTION, name)
        catalog.close()
        (work / COPIED).touch()
        return work

    def _copy_of(self, base: Path) -> Path:
        """A new generation holding a consistent copy of `base` (Chroma's folder too, when embedded)."""
        work = new_generation(self.home)
        self.catalog.copy_to(database_path(work))
        if not self.shared_store and chroma_path(base).exists():
            shutil.copytree(chroma_path(base), chroma_path(work))
        (work / COPIED).touch()
        return work

    def _open(self, generation: Path) -> None:
        self.close()
        self.catalog = Catalog(database_path(generation))
        self.ledger = Ledger(self.catalog)
        name = self.catalog.setting(VECTOR_COLLECTION) or self.collection
        self.store = self._open_store(generation, name)
        self.generation = generation

    # -- planning ------------------------------------------------------------------------------------

    def _scan(self, seeds_dir: Path, report: IndexReport) -> list[FileSeen]:
        """Every readable release file with its one name and its content hash."""
        files = []
        for path in discover_files(seeds_dir, report.skipped):
            try:
                files.append(FileSeen(path, source_name(path, seeds_dir), file_hash(path)))
            except LoadError as err:
                report.failed.append(str(err))
                files.append(
                    FileSeen(path, source_name(path, seeds_dir), "")
                )  # present, keep what was indexed
        return files

    def _plan(self, files: list[FileSeen], report: IndexReport) -> Plan:
        """Which files to embed, which releases move to a new name or leave, which stored ones to repair.

        A release whose file now holds other content is replaced when the new content indexes (a file
        that fails leaves its earlier version in place), so it is not removed up front.
        """
        indexed = {source: release.content_hash for source, release in self.catalog.releases().items()}
        where = {digest: source for source, digest in indexed.items()}
        plan = Plan(repair=self._disagreements())
        canonical: dict[str, FileSeen] = {}
        for item in files:
            if not item.content_hash:
                continue
            first = canonical.get(item.content_hash)
            if first is None or where.get(item.content_hash) == item.source:  # keep the indexed name
                if first is not None:
                    report.duplicates.append(f"{first.path}: same content as {item.source}")
                canonical[item.content_hash] = item
            else:
                report.duplicates.append(f"{item.path}: same content as {first.source}")
        for item in canonical.values():
            old = where.get(item.content_hash)
            if old is None or old in plan.repair:
                plan.embed.append(item)
            elif old != item.source:
                plan.moves[old] = item.source
            else:
                report.unchanged += 1
        present = {item.source for item in files}
        taken = set(plan.moves.values())
        for source in indexed:
            moving = source in plan.moves
            gone = source not in present and not moving
            if source in plan.repair or gone or (source in taken and not moving):
                plan.remove.append(source)
        return plan

    def _disagreements(self) -> dict[str, str]:
        """Releases whose stores disagree: chunk rows, ledger rows or vectors missing."""
        stored = self.catalog.stored_counts()
        rows = self.ledger.counts()
        vectors = self.store.ids()
        missing: dict[str, int] = {}
        for chunk_id, source in self.catalog.chunk_ids().items():
            if chunk_id not in vectors:
                missing[source] = missing.get(source, 0) + 1
        found = {}
        for source, (chunk_count, deal_rows, chunks) in stored.items():
            if chunks != chunk_count:
                found[source] = f"{chunks} of {chunk_count} sentences in the catalog"
            elif rows.get(source, 0) != deal_rows:
                found[source] = f"{rows.get(source, 0)} of {deal_rows} ledger rows"
            elif source in missing:
                found[source] = f"{missing[source]} of {chunk_count} vectors missing in Chroma"
        return found

    # -- writing -------------------------------------------------------------------------------------

    def _apply(self, plan: Plan, seeds_dir: Path, present: set[str], report: IndexReport, progress) -> None:
        report.repaired += [f"{source}: {problem}; re-indexed" for source, problem in plan.repair.items()]
        with self.catalog.transaction():  # removals first: a move may take a removed release's name
            for source in plan.remove:
                self.catalog.remove(source)
                self.ledger.remove_source(source)
        report.removed += [s for s in plan.remove if s not in present]
        if plan.moves:
            with self.catalog.transaction():
                self.catalog.rename(plan.moves)
                self.ledger.rename(plan.moves)
            ids = self.catalog.chunk_ids()
            for new in plan.moves.values():
                self.store.rename([i for i, s in ids.items() if s == new], new)
            report.moved += [f"{old} -> {new}" for old, new in plan.moves.items()]
        indexed = self.catalog.releases()
        for item in progress(plan.embed) if progress and plan.embed else plan.embed:
            try:
                self._index_file(item, seeds_dir, report)
            except LoadError as err:
                report.failed.append(str(err))
                continue
            if item.source in plan.repair:
                continue
            (report.updated if item.source in indexed else report.added).append(item.source)

    def _index_file(self, item: FileSeen, seeds_dir: Path, report: IndexReport) -> None:
        doc = load_document(item.path, seeds_dir)
        if doc.content_hash != item.content_hash:  # its hash decided what to do with it
            raise LoadError(item.path, "changed while being indexed; run `python -m bot index` again")
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
            for row in extract_deals(doc.text, doc.source, meta.published, meta.language, doc.body_spans)
        ]
        report.ledger_seconds += time.perf_counter() - started
        year = meta.published.year if meta.published else 0
        self.store.remove(
            [chunk.chunk_id for chunk in chunks]
        )  # a repair re-adds vectors some of which remain
        self.store.add(chunks, vectors, {"year": year, "language": meta.language})
        tokens = [tokenize(text, meta.language) for text in texts]
        with self.catalog.transaction():  # a release's chunks, tokens and deal rows: all or nothing
            self.catalog.replace(
                doc.source, doc.content_hash, meta, zip(chunks, tokens, strict=True), len(deals)
            )
            self.ledger.replace_source(doc.source, deals)
        report.chunks_embedded += len(chunks)
        report.ledger_rows += len(deals)

    def _collect_garbage(self) -> None:
        """Delete vectors that no kept generation refers to (a replaced or removed release, a killed run's)."""
        keep = set(self.catalog.chunk_ids())
        if self.shared_store:
            name = self.catalog.setting(VECTOR_COLLECTION)
            for generation in generations(self.home):
                if generation == self.generation or not database_path(generation).exists():
                    continue
                other = Catalog(database_path(generation))
                if other.setting(VECTOR_COLLECTION) == name:
                    keep |= set(other.chunk_ids())
                other.close()
        stale = sorted(self.store.ids() - keep)
        if stale:
            self.store.remove(stale)

    def close(self) -> None:
        """Close the catalog (and with it the ledger)."""
        if self.catalog is not None:
            self.catalog.close()
            self.catalog = self.ledger = self.store = None


def progress_bar(stream=sys.stderr) -> Callable | None:
    """A tqdm progress bar over files when writing to a terminal, else nothing."""
    if not stream.isatty():
        return None
    from tqdm import tqdm

    return lambda items: tqdm(items, desc="indexing", unit="file", file=stream)
