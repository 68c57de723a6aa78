"""Shared fixtures: real seed files, the bundled models, embedded Chroma and a real `chroma run` server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "gold_seeds.jsonl"  # the gold questions over ./seeds
SERVER_START_SECONDS = 60


@pytest.fixture(autouse=True)
def no_slack_credentials(monkeypatch):
    """A developer's Slack tokens never reach a test."""
    for name in list(os.environ):
        if name.startswith("SLACK_"):
            monkeypatch.delenv(name)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def use_embedding():
    """The multilingual USE v3 model, loaded once."""
    from index.embeddings import create_embedding

    embedding = create_embedding("use")
    embedding.load()
    return embedding


def copy_seeds(target: Path) -> Path:
    """A private copy of the seed releases, named `seeds` like the project's folder."""
    seeds = target / "seeds"
    shutil.copytree(SEEDS, seeds)
    return seeds


def make_settings(workdir: Path, **overrides):
    """Settings for a test: its own seeds copy and data dir, never the developer's .env."""
    from bot.settings import Settings

    values = {"seeds_dir": workdir / "seeds", "data_dir": workdir / ".data", **overrides}
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory):
    """The seeds indexed once into embedded Chroma with USE; shared read-only by answer tests."""
    from bot.factory import build_indexer

    workdir = tmp_path_factory.mktemp("indexed")
    copy_seeds(workdir)
    settings = make_settings(workdir)
    indexer = build_indexer(settings)
    report = indexer.run(settings.seeds_dir)
    indexer.close()
    assert not report.failed and len(report.added) == 5
    return settings


@pytest.fixture(scope="session")
def answerer(indexed_settings):
    """The real answerer over the indexed seeds."""
    from bot.factory import build_answerer

    return build_answerer(indexed_settings)


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    """A real `chroma run` server storing in `path` on a loopback port, listening when this returns."""
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process)
    except BaseException:
        stop(process)
        raise
    return process


def stop(process: subprocess.Popen) -> None:
    """Stop a server started by a test."""
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def chroma_server(tmp_path):
    """A real `chroma run` server on a free loopback port, stopped after the test."""
    port = free_port()
    process = start_chroma(tmp_path / "server", port)
    try:
        yield "127.0.0.1", port
    finally:
        stop(process)


def _wait_for_port(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chroma run exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"chroma run did not listen on port {port} within {SERVER_START_SECONDS}s")
