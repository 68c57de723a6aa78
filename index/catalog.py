"""SQLite catalog of indexed releases and their chunks: what incremental indexing and keyword search read."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from index.chunking import Chunk
from index.metadata import ReleaseMetadata

SCHEMA = """
CREATE TABLE IF NOT EXISTS releases (
    source TEXT PRIMARY KEY, content_hash TEXT NOT NULL,
    title TEXT, published TEXT, event_date TEXT, publisher TEXT, language TEXT, chunk_count INTEGER
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, source TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL,
    char_start INTEGER, char_end INTEGER, line_start INTEGER, line_end INTEGER, tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_source ON chunks (source, seq);
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
    """Releases and chunks of one index; each embedding model has its own catalog beside its collection."""

    def __init__(self, db_path: Path, create: bool = True):
        if not create and not db_path.exists():
            raise CatalogError(f"no index at {db_path.parent}: run `python -m bot index` first")
        db_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(db_path, check_same_thread=False)  # read by Slack worker threads
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as err:
            raise CatalogError(f"{db_path}: {err}; rebuild with `python -m bot index --rebuild`") from err

    def releases(self) -> dict[str, Release]:
        """Every indexed release by source."""
        rows = self._db.execute(
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
    ) -> None:
        """Store a release and its chunks, replacing any earlier version, in one transaction."""
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
        with self._db:
            self._db.execute("DELETE FROM chunks WHERE source = ?", (source,))
            self._db.execute(
                "INSERT OR REPLACE INTO releases VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    source,
                    content_hash,
                    meta.title,
                    _iso(meta.published),
                    _iso(meta.event_date),
                    meta.publisher,
                    meta.language,
                    len(chunk_rows),
                ),
            )
            self._db.executemany("INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk_rows)

    def remove(self, source: str) -> None:
        """Forget a release and its chunks."""
        with self._db:
            self._db.execute("DELETE FROM chunks WHERE source = ?", (source,))
            self._db.execute("DELETE FROM releases WHERE source = ?", (source,))

    def chunks(self) -> list[StoredChunk]:
        """Every chunk in release order."""
        rows = self._db.execute(
            "SELECT chunk_id, source, seq, text, char_start, char_end, line_start, line_end, tokens "
            "FROM chunks ORDER BY source, seq"
        )
        return [StoredChunk(Chunk(*row[:8]), tuple(json.loads(row[8]))) for row in rows]

    def context(self, source: str, start: int, end: int, around: int = 1) -> str:
        """The sentences covering a span of a release, with `around` neighbouring sentences each side."""
        seqs = self._db.execute(
            "SELECT MIN(seq), MAX(seq) FROM chunks WHERE source = ? AND char_end > ? AND char_start < ?",
            (source, start, end),
        ).fetchone()
        if seqs[0] is None:
            return ""
        rows = self._db.execute(
            "SELECT text FROM chunks WHERE source = ? AND seq BETWEEN ? AND ? ORDER BY seq",
            (source, seqs[0] - around, seqs[1] + around),
        )
        return " ".join(row[0] for row in rows)

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def _iso(value) -> str | None:
    return value.isoformat() if value else None
