"""SQLite state of the Slack bot under DATA_DIR: claimed event keys, posted answers, feedback."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict
from pathlib import Path

from bot.answers import Answer, Citation

STORE_FILE = "slack.sqlite3"
KEEP_CLAIMS_SECONDS = 7 * 24 * 3600  # Slack retries an event for about an hour; a week is ample
BUSY_TIMEOUT_SECONDS = 10.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS processed (key TEXT PRIMARY KEY, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL, thread_ts TEXT NOT NULL, question TEXT NOT NULL,
    answer TEXT NOT NULL, found INTEGER NOT NULL, citations TEXT NOT NULL, created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_thread ON answers (channel, thread_ts);
CREATE TABLE IF NOT EXISTS feedback (
    answer_id INTEGER NOT NULL, user TEXT NOT NULL, value TEXT NOT NULL,
    question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (answer_id, user)
);
"""


class SlackStore:
    """Thread-safe access to the bot's SQLite file; several processes may share it."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        # isolation_level=None: we open transactions ourselves, so a claim is one atomic step.
        self._db = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
        self._db.row_factory = sqlite3.Row
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            self._db.execute("DELETE FROM processed WHERE created < ?", (time.time() - KEEP_CLAIMS_SECONDS,))

    @classmethod
    def in_dir(cls, data_dir: Path) -> SlackStore:
        """The store kept in DATA_DIR."""
        return cls(Path(data_dir) / STORE_FILE)

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def claim(self, *keys: str) -> bool:
        """Claim an event by all its keys; False when any of them was claimed before (a retry or duplicate)."""
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                inserted = [
                    self._db.execute(
                        "INSERT OR IGNORE INTO processed (key, created) VALUES (?, ?)", (key, now)
                    ).rowcount
                    for key in keys
                ]
                if all(inserted):
                    self._db.execute("COMMIT")
                    return True
                # Roll back so a duplicate seen under a new key doesn't claim that key either.
                self._db.execute("ROLLBACK")
                return False
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def save_answer(self, channel: str, thread_ts: str, question: str, answer: Answer) -> int:
        """Store a posted answer; its id goes into the message's buttons."""
        citations = json.dumps([asdict(c) for c in answer.citations], ensure_ascii=False)
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO answers (channel, thread_ts, question, answer, found, citations, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (channel, thread_ts, question, answer.answer, int(answer.found), citations, time.time()),
            )
            return int(cursor.lastrowid)

    def thread_questions(self, channel: str, thread_ts: str) -> list[str]:
        """Questions already answered in a thread, oldest first (empty: the bot hasn't answered there)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT question FROM answers WHERE channel = ? AND thread_ts = ? ORDER BY id",
                (channel, thread_ts),
            ).fetchall()
        return [row["question"] for row in rows]

    def citation(self, answer_id: int, n: int) -> Citation | None:
        """Citation number `n` of a stored answer, or None."""
        with self._lock:
            row = self._db.execute("SELECT citations FROM answers WHERE id = ?", (answer_id,)).fetchone()
        if row is None:
            return None
        found = [c for c in json.loads(row["citations"]) if c["n"] == n]
        return Citation(**found[0]) if found else None

    def record_feedback(self, answer_id: int, user: str, value: str) -> bool:
        """Record (or change) a user's 👍/👎 on an answer; False if the answer is unknown."""
        with self._lock:
            row = self._db.execute(
                "SELECT question, answer, citations FROM answers WHERE id = ?", (answer_id,)
            ).fetchone()
            if row is None:
                return False
            self._db.execute(
                "INSERT OR REPLACE INTO feedback"
                " (answer_id, user, value, question, answer, citations, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (answer_id, user, value, row["question"], row["answer"], row["citations"], time.time()),
            )
        return True

    def feedback_rows(self) -> list[dict]:
        """Every feedback row, oldest first."""
        with self._lock:
            rows = self._db.execute("SELECT * FROM feedback ORDER BY created").fetchall()
        return [dict(row) for row in rows]
