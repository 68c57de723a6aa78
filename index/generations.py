"""Index generations under DATA_DIR: readers open the published one, the one writer builds the next.

    DATA_DIR/<collection>/CURRENT        name of the published generation (replaced atomically)
    DATA_DIR/<collection>/writer.lock    held by the indexer that is writing; holds its PID
    DATA_DIR/<collection>/gen-000007/    index.sqlite (catalog, keyword tokens, ledger), vectors.npy and
                                         vectors.json (the snapshot answering reads, index/snapshot.py)
                                         and, for embedded Chroma, chroma/ (its vectors)

A generation is never changed once published: the indexer copies the published one into a new folder,
changes the copy, and publishes it by replacing CURRENT. A reader therefore sees the old index or the new
one, never a half-built one; a killed indexer leaves an unpublished generation that the next run resumes.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CURRENT = "CURRENT"
LOCK = "writer.lock"
DATABASE = "index.sqlite"
CHROMA = "chroma"
GENERATION = re.compile(r"gen-(\d{6})")
# The catalog setting that names the Chroma collection a generation's vectors are in.
VECTOR_COLLECTION = "vector_collection"
LOCK_POLL_SECONDS = 0.2


class IndexBusyError(RuntimeError):
    """Another indexer holds the writer lock; the message names its PID."""


def collection_name(backend: str, st_model: str = "") -> str:
    """The Chroma collection (and index folder) of an embedding model: one per model, so vectors never mix."""
    if backend == "use":
        model = "use-multilingual-v3"
    else:
        model = f"st-{Path(st_model).name}" if st_model else "st-all-MiniLM-L6-v2"
    return "releases-" + re.sub(r"[^a-zA-Z0-9_-]+", "-", model).strip("-").lower()


def index_home(data_dir: Path, collection: str) -> Path:
    """Where one embedding model's index generations live."""
    return Path(data_dir) / collection


def database_path(generation: Path) -> Path:
    """The SQLite file of a generation: releases, chunks with their keyword tokens, and the ledger."""
    return generation / DATABASE


def chroma_path(generation: Path) -> Path:
    """The embedded Chroma folder of a generation."""
    return generation / CHROMA


def published(home: Path) -> Path | None:
    """The published generation, or None before the first index run finished."""
    try:
        name = (home / CURRENT).read_text(encoding="ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return home / name if GENERATION.fullmatch(name) and (home / name).is_dir() else None


def generations(home: Path) -> list[Path]:
    """Every generation folder, oldest first."""
    if not home.is_dir():
        return []
    found = [path for path in home.iterdir() if GENERATION.fullmatch(path.name) and path.is_dir()]
    return sorted(found, key=lambda path: path.name)


def unpublished(home: Path) -> Path | None:
    """The newest generation that a killed run left unpublished (newer than the published one), if any."""
    current = published(home)
    newer = [g for g in generations(home) if current is None or g.name > current.name]
    return newer[-1] if newer else None


def new_generation(home: Path) -> Path:
    """A new, empty generation folder numbered after every existing one."""
    existing = generations(home)
    number = int(GENERATION.fullmatch(existing[-1].name).group(1)) + 1 if existing else 1
    path = home / f"gen-{number:06d}"
    path.mkdir(parents=True)
    return path


def publish(home: Path, generation: Path) -> None:
    """Make `generation` the one readers open, atomically (write a temporary file, fsync, rename)."""
    temporary = home / f".{CURRENT}.{os.getpid()}"
    with open(temporary, "w", encoding="ascii") as handle:
        handle.write(generation.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, home / CURRENT)


def prune(home: Path, keep: int = 2) -> list[Path]:
    """Delete all but the published generation and the `keep - 1` before it (a reader that has not
    noticed the switch yet still reads the one before). Unpublished newer ones are left to be resumed."""
    current = published(home)
    if current is None:
        return []
    older = [g for g in generations(home) if g.name <= current.name]
    doomed = older[:-keep] if keep else older
    for path in doomed:
        shutil.rmtree(path, ignore_errors=True)
    return doomed


@contextmanager
def writer_lock(home: Path, wait: bool = False) -> Iterator[None]:
    """Hold the one writer lock of `home`; a second writer is refused at once (or waits, with `wait`).

    flock is released by the kernel when the holder dies, so a killed indexer never leaves a stale lock.
    """
    home.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(home / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as err:
                if err.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if not wait:
                    raise IndexBusyError(
                        f"{home} is being indexed by another process (PID {_holder(descriptor)}): "
                        "wait for it to finish, or run `python -m bot index --wait`"
                    ) from None
                time.sleep(LOCK_POLL_SECONDS)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _holder(descriptor: int) -> str:
    """The PID written by the lock's holder ('unknown' in the instant before it writes it)."""
    text = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
    return text if text.isdigit() else "unknown"
