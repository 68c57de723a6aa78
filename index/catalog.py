"""SQLite catalog of indexed releases and their chunks: what incremental indexing and keyword search read.

One file per index generation holds the catalog and the deal ledger (index/ledger.py), so a release's
chunks, keyword tokens and deal rows are written in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from index.chunking import Chunk
from index.metadata import ReleaseMetadata

SCHEMA = """
CREATE TABLE IF NOT EXISTS releases (
    source TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE,  -- a release is its content: indexed once
    title TEXT, published TEXT, event_date TEXT, publisher TEXT, language TEXT, chunk_count INTEGER,
    deal_rows INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, source TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL,
    char_start INTEGER, char_end INTEGER, line_start INTEGER, line_end INTEGER, tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_source ON chunks (source, seq);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class CatalogError(RuntimeError):
    """The catalog is missing or unreadable; the message says how to rebuild it."""


@dataclass(frozen=True)
class Release:
    """A release as indexed: its metadata and the hash of the file it came from."""

    source: str
    content_hash: str
    title: str
    published: str | None
    event_date: str | None
    publisher: str | None
    language: str
    chunk_count: int


@dataclass(frozen=True)
class StoredChunk:
    """A chunk read back from the catalog, with its keyword tokens."""

    chunk: Chunk
    tokens: tuple[str, ...]


class Catalog:
    """Releases and chunks of one index generation (a release is its content: one hash, one source name).

    One connection guarded by a lock: Slack answers on worker threads, and SQLite's Python binding does not
    make one connection safe to share by itself.
    """

    def __init__(self, db_path: Path, create: bool = True):
        if not create and not db_path.exists():
            raise CatalogError(f"no index at {db_path.parent}: run `python -m bot index` first")
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self.path = db_path
        self._contexts: dict[tuple, str] = {}
        self._lock = threading.RLock()
        self._depth = 0  # nested transactions commit once, at the outermost
        try:
            self._db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
            self.create_tables(SCHEMA)
        except sqlite3.DatabaseError as err:
            raise CatalogError(f"{db_path}: {err}; rebuild with `python -m bot index --rebuild`") from err

    def write_fast(self) -> None:
        """For an indexing run: a write-ahead log and no fsync per commit (each release still commits
        atomically; `settle` makes the file durable before the generation is published)."""
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")

    def settle(self) -> None:
        """Fold the write-ahead log into the database file and sync it: one self-contained, durable file."""
        with self._lock:
            self._db.execute("PRAGMA journal_mode=DELETE")
            self._db.execute("PRAGMA synchronous=FULL")

    def create_tables(self, schema: str) -> None:
        """Create the tables of `schema` that are missing (the ledger keeps its rows in this file too)."""
        with self._lock:
            self._db.executescript(schema)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside commit together or not at all (nested uses join the outer transaction)."""
        with self._lock:
            self._contexts.clear()
            if self._depth == 0:
                self._db.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self._db
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._db.execute("ROLLBACK")
                raise
            self._depth -= 1
            if self._depth == 0:
                self._db.execute("COMMIT")

    def query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        """Every row of a read, fetched under the lock."""
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    def releases(self) -> dict[str, Release]:
        """Every indexed release by source."""
        rows = self.query(
            "SELECT source, content_hash, title, published, event_date, publisher, language, chunk_count "
            "FROM releases ORDER BY source"
        )
        return {row[0]: Release(*row) for row in rows}

    def replace(
        self,
        source: str,
        content_hash: str,
        meta: ReleaseMetadata,
        chunks: Iterable[tuple[Chunk, list[str]]],
        deal_rows: int,
    ) -> None:
        """Store a release and its chunks, replacing any earlier version, in one transaction; `deal_rows`
        is how many ledger rows the release has (written in the same transaction, checked on every run)."""
        chunk_rows = [
            (
                c.chunk_id,
                source,
                c.seq,
                c.text,
                c.char_start,
                c.char_end,
                c.line_start,
                c.line_end,
                json.dumps(t),
            )
            for c, t in chunks
        ]
        with self.transaction() as db:
            self._delete(db, source)
            db.execute(
                "INSERT INTO releases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    source,
                    content_hash,
                    meta.title,
                    _iso(meta.published),
                    _iso(meta.event_date),
                    meta.publisher,
                    meta.language,
                    len(chunk_rows),
                    deal_rows,
                ),
            )
            db.executemany("INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk_rows)

    def rename(self, moves: dict[str, str]) -> None:
        """Move releases to new source names (old -> new), swaps included, in one transaction."""
        with self.transaction() as db:
            for step in rename_steps(moves):
                for table in ("releases", "chunks"):
                    db.executemany(f"UPDATE {table} SET source = ? WHERE source = ?", step)

    def remove(self, source: str) -> None:
        """Forget a release and its chunks."""
        with self.transaction() as db:
            self._delete(db, source)

    @staticmethod
    def _delete(db: sqlite3.Connection, source: str) -> None:
        db.execute("DELETE FROM chunks WHERE source = ?", (source,))
        db.execute("DELETE FROM releases WHERE source = ?", (source,))

    def chunks(self) -> list[StoredChunk]:
        """Every chunk in release order."""
        rows = self.query(
            "SELECT chunk_id, source, seq, text, char_start, char_end, line_start, line_end, tokens "
            "FROM chunks ORDER BY source, seq"
        )
        return [StoredChunk(Chunk(*row[:8]), tuple(json.loads(row[8]))) for row in rows]

    def stored_counts(self) -> dict[str, tuple[int, int, int]]:
        """Per source: (chunks and deal rows the release row says, chunks actually stored)."""
        rows = self.query(
            "SELECT r.source, r.chunk_count, r.deal_rows, COUNT(c.chunk_id) FROM releases r "
            "LEFT JOIN chunks c ON c.source = r.source GROUP BY r.source"
        )
        return {row[0]: tuple(row[1:]) for row in rows}

    def ordered_chunk_ids(self) -> list[str]:
        """Every chunk id in release order (the order of `chunks()`)."""
        return [row[0] for row in self.query("SELECT chunk_id FROM chunks ORDER BY source, seq")]

    def chunk_ids(self) -> dict[str, str]:
        """Every chunk id with the source it belongs to."""
        return dict(self.query("SELECT chunk_id, source FROM chunks"))

    def context(self, source: str, start: int, end: int, around: int = 1) -> str:
        """The sentences covering a span of a release, with `around` neighbouring sentences each side
        (remembered while the catalog is open for reading: a published generation never changes)."""
        key = (source, start, end, around)
        if key not in self._contexts:
            self._contexts[key] = self._read_context(*key)
        return self._contexts[key]

    def _read_context(self, source: str, start: int, end: int, around: int) -> str:
        seqs = self.query(
            "SELECT MIN(seq), MAX(seq) FROM chunks WHERE source = ? AND char_end > ? AND char_start < ?",
            (source, start, end),
        )[0]
        if seqs[0] is None:
            return ""
        rows = self.query(
            "SELECT text FROM chunks WHERE source = ? AND seq BETWEEN ? AND ? ORDER BY seq",
            (source, seqs[0] - around, seqs[1] + around),
        )
        return " ".join(row[0] for row in rows)

    def setting(self, key: str) -> str | None:
        """A value stored with this generation (e.g. the Chroma collection its vectors are in)."""
        rows = self.query("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_setting(self, key: str, value: str) -> None:
        """Store a value with this generation."""
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def copy_to(self, path: Path) -> None:
        """A consistent copy of the whole database (SQLite's online backup) at `path`."""
        target = sqlite3.connect(path)
        try:
            with self._lock:
                self._db.backup(target)
        finally:
            target.close()

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()


def rename_steps(moves: dict[str, str]) -> list[list[tuple[str, str]]]:
    """(new, old) pairs in two steps through temporary names, so a swap never collides with itself."""
    parked = {old: f"\0moving\0{old}" for old in moves}
    return [
        [(parked[old], old) for old in moves],
        [(new, parked[old]) for old, new in moves.items()],
    ]


def _iso(value) -> str | None:
    return value.isoformat() if value else None
