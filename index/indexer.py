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
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from index.catalog import Catalog
from index.generations import (
    VECTOR_COLLECTION,
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
from index.ledger import Ledger
from index.loader import MAX_FILE_BYTES, LoadError, discover_files, source_name
from index.prepare import (
    PREPARATION_VERSION,
    Embedder,
    EmbeddingSpec,
    PreparedRelease,
    in_parallel,
    prepared_releases,
)
from index.snapshot import VectorSnapshot, copy_snapshot, write_snapshot
from index.store import VectorStore

REPAIRS_NAMED = 3  # releases repaired for one reason named one a line; more are summed up in one
PREPARATION = "preparation_version"  # the catalog setting holding the PREPARATION_VERSION its releases have
PROGRESS_EVERY_SECONDS = 30
BATCHES_AHEAD = 2  # batches embedding while the indexer writes (bounds memory)
EMBED_BATCH = 512  # sentences embedded and added to Chroma per call (per-call costs dominate small batches)
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
    reindexed: int = 0  # releases prepared and embedded again: repaired, or prepared by an earlier version
    failed: list[str] = field(default_factory=list)  # one line per file: "path: reason"
    warnings: list[str] = field(default_factory=list)  # what the run could not do, one line each
    chunks_embedded: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0
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
        embedding_spec: EmbeddingSpec | None = None,
    ):
        self.home = home
        self.collection = collection
        self._open_embedding = open_embedding
        self._open_store = open_store
        self.shared_store = shared_store
        self.embedding_spec = embedding_spec  # to embed a large run in a process of its own
        self.catalog: Catalog | None = None  # of the generation being read or written
        self.ledger: Ledger | None = None
        self.store: VectorStore | None = None
        self.generation: Path | None = None
        self._written: set[str] = set()  # chunk ids whose vectors this run wrote

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
        self._written = set()
        with writer_lock(self.home, wait):
            files = self._scan(Path(seeds_dir), report)
            base = None if rebuild else self._resumable()
            resumed = base is not None and base != published(self.home)
            work = base or self._fresh_generation()
            self._open(work)
            plan = self._plan(files, report)
            # A generation without a snapshot of its sentences' vectors (written before snapshots, or when
            # Chroma lacked some) gets one, in a new generation: a published one never changes.
            snapshotless = VectorSnapshot.open(work, self.catalog.ordered_chunk_ids()) is None
            if (plan or snapshotless) and work == published(self.home):
                work = self._copy_of(work)
                self._open(work)
            if work != published(self.home):
                self.catalog.write_fast()
            if plan:
                self._apply(plan, Path(seeds_dir), {f.source for f in files}, report, progress)
                self.catalog.set_setting(PREPARATION, PREPARATION_VERSION)
            if work != published(self.home):
                self.catalog.settle()
                ids = self.catalog.ordered_chunk_ids()
                if write_snapshot(work, ids, PREPARATION_VERSION, self.store.vectors, self._written) is None:
                    report.warnings.append(
                        f"{work.name}: Chroma lacks vectors of some sentences, so answers read Chroma; "
                        "the next run repairs them"
                    )
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
        """An empty generation; with a Chroma server, its vectors go to a new collection of their own, named
        uniquely: a server outlives data folders, and a collection left by another one is no empty store."""
        work = new_generation(self.home)
        catalog = Catalog(database_path(work))
        unique = f"{self.collection}-{work.name}-{uuid.uuid4().hex[:12]}"
        name = unique if self.shared_store else self.collection
        catalog.set_setting(VECTOR_COLLECTION, name)
        catalog.set_setting(PREPARATION, PREPARATION_VERSION)
        catalog.close()
        (work / COPIED).touch()
        return work

    def _copy_of(self, base: Path) -> Path:
        """A new generation holding a consistent copy of `base` (Chroma's folder too, when embedded)."""
        work = new_generation(self.home)
        self.catalog.copy_to(database_path(work))
        if not self.shared_store and chroma_path(base).exists():
            shutil.copytree(chroma_path(base), chroma_path(work))
        copy_snapshot(base, work)  # its rows are reused for the sentences this run keeps
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
                digest = file_hash(path)
            except LoadError as err:
                report.failed.append(str(err))
                digest = ""  # present all the same: what was indexed from it stays
            files.append(FileSeen(path, source_name(path, seeds_dir), digest))
        return files

    def _plan(self, files: list[FileSeen], report: IndexReport) -> Plan:
        """Which files to embed, which releases move to a new name or leave, which stored ones to repair.

        A release whose file now holds other content is replaced when the new content indexes (a file
        that fails leaves its earlier version in place), so it is not removed up front.
        """
        indexed = {source: release.content_hash for source, release in self.catalog.releases().items()}
        where = {digest: source for source, digest in indexed.items()}
        disagreeing = self._disagreements()
        plan = Plan(repair=dict(disagreeing))
        version = self.catalog.setting(PREPARATION)
        if version != PREPARATION_VERSION:
            earlier = (
                f"prepared by an earlier version of the indexer ({version or 1}, now {PREPARATION_VERSION})"
            )
            plan.repair = {source: earlier for source in indexed} | plan.repair
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
            # A release whose stores disagree is removed first; one prepared by an earlier version is whole,
            # and is replaced only once its file prepares again (a file that fails now keeps it).
            if source in disagreeing or gone or (source in taken and not moving):
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
        by_problem: dict[str, list[str]] = {}
        for source, problem in plan.repair.items():
            by_problem.setdefault(problem, []).append(source)
        for problem, sources in by_problem.items():  # one line for many releases repaired for one reason
            if len(sources) > REPAIRS_NAMED:
                report.repaired.append(f"{len(sources)} releases ({sources[0]}, …): {problem}; re-indexed")
            else:
                report.repaired += [f"{source}: {problem}; re-indexed" for source in sources]
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
        files = [(item.path, item.content_hash) for item in plan.embed]
        prepared = prepared_releases(files, seeds_dir)
        embedder = Embedder(lambda: self.embedding, self.embedding_spec, in_parallel(len(files)))
        embedding: deque[tuple[list[PreparedRelease], Future]] = deque()
        batch: list[PreparedRelease] = []
        try:
            for release in progress(prepared, len(files)) if progress else prepared:
                if isinstance(release, LoadError):
                    report.failed.append(str(release))
                    continue
                batch.append(release)
                if sum(len(r.chunks) for r in batch) >= EMBED_BATCH:
                    embedding.append((batch, embedder.submit([t for r in batch for t in r.texts])))
                    batch = []
                while len(embedding) > BATCHES_AHEAD:  # write the oldest while the next ones embed
                    self._write(*embedding.popleft(), plan, indexed, report)
            if batch:
                embedding.append((batch, embedder.submit([t for r in batch for t in r.texts])))
            while embedding:
                self._write(*embedding.popleft(), plan, indexed, report)
        finally:
            embedder.close()

    def _write(
        self, batch: list[PreparedRelease], embedded: Future, plan: Plan, indexed: dict, report: IndexReport
    ) -> None:
        """Add a batch's vectors to Chroma at once, then write each release's sentences, tokens and deal rows
        in one SQLite transaction."""
        vectors, seconds = embedded.result()
        report.embed_seconds += seconds
        chunks = [chunk for r in batch for chunk in r.chunks]
        repaired = [chunk.chunk_id for r in batch if r.source in plan.repair for chunk in r.chunks]
        if repaired:
            self.store.remove(repaired)  # some of a repaired release's vectors may remain
        metadata = [
            {"year": r.meta.published.year if r.meta.published else 0, "language": r.meta.language}
            for r in batch
            for _ in r.chunks
        ]
        self.store.add(chunks, vectors, metadata)
        self._written.update(chunk.chunk_id for chunk in chunks)
        for release in batch:
            with self.catalog.transaction():  # a release's chunks, tokens and deal rows: all or nothing
                self.catalog.replace(
                    release.source,
                    release.content_hash,
                    release.meta,
                    zip(release.chunks, release.tokens, strict=True),
                    len(release.deals),
                )
                self.ledger.replace_source(release.source, list(release.deals))
            report.chunks_embedded += len(release.chunks)
            report.ledger_rows += len(release.deals)
            if release.source in plan.repair:
                report.reindexed += 1
            else:
                (report.updated if release.source in indexed else report.added).append(release.source)

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


def progress_reporter(stream=sys.stderr) -> Callable:
    """Progress over releases as they are indexed: a tqdm bar with an ETA on a terminal, else a plain line
    every PROGRESS_EVERY_SECONDS (so a short run prints none)."""
    if stream.isatty():
        from tqdm import tqdm

        return lambda items, total: tqdm(items, total=total, desc="indexing", unit="release", file=stream)
    return lambda items, total: _progress_lines(items, total, stream)


def _progress_lines(items: Iterable, total: int, stream) -> Iterator:
    started = last = time.monotonic()
    for done, item in enumerate(items, start=1):
        yield item
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY_SECONDS and done < total:
            last = now
            rate = done / (now - started)
            print(
                f"indexing: {done:,}/{total:,} releases, {rate:.1f}/s, about {(total - done) / rate:.0f}s left",
                file=stream,
                flush=True,
            )
