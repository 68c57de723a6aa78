"""The bot as users run it: `python -m bot index` and `python -m bot ask --json --batch` in subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from devtools.eval.sets import ROOT, EvalItem

INDEX_OK = (0, 1)  # 1: some files were skipped (each named on stderr); the rest is indexed


class RunError(RuntimeError):
    """A bot subprocess failed."""


def bot_env(seeds_dir: Path, data_dir: Path) -> dict[str, str]:
    """The caller's environment (embedding backend, Chroma server…) with this run's seeds and data; no Slack."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("SLACK_")}
    env.update(SEEDS_DIR=str(seeds_dir), DATA_DIR=str(data_dir))
    return env


def run_bot(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """`python -m bot ARGS` from the project folder, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def index(seeds_dir: Path, data_dir: Path) -> str:
    """Index `seeds_dir` into `data_dir` (incremental: unchanged files cost a hash); returns the summary line."""
    done = run_bot(["index"], bot_env(seeds_dir, data_dir))
    if done.returncode not in INDEX_OK:
        raise RunError(f"`python -m bot index` of {seeds_dir} failed:\n{done.stderr.strip()}")
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped")]
    return "\n".join([done.stdout.strip(), *skipped])


def ask(
    items: list[EvalItem], seeds_dir: Path, data_dir: Path, batch_file: Path
) -> tuple[list[dict | None], str]:
    """Every item's `ask --json` object (None where none came back), in order, and the run's stderr."""
    batch_file.parent.mkdir(parents=True, exist_ok=True)
    batch_file.write_text("".join(item.batch_line() + "\n" for item in items), encoding="utf-8")
    done = run_bot(["ask", "--json", "--batch", str(batch_file)], bot_env(seeds_dir, data_dir))
    answers: list[dict | None] = []
    for line in done.stdout.splitlines():
        try:
            answers.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # not an answer line
    if done.returncode != 0 or len(answers) != len(items):
        print(
            f"warning: `ask --batch` exited {done.returncode} with {len(answers)} answers for {len(items)} "
            f"questions; unanswered ones count as failed. stderr:\n{done.stderr.strip()[-2000:]}",
            file=sys.stderr,
        )
    return (answers + [None] * len(items))[: len(items)], done.stderr
