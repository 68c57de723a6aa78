"""Batch files of `ask --batch`: one question a line, plain text or JSON `{"question", "history"}`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class BatchFileError(ValueError):
    """The batch file as a whole cannot be read (not UTF-8 text)."""


@dataclass(frozen=True)
class BatchQuestion:
    """One question of a batch, with the earlier questions of its thread, oldest first."""

    line: int
    question: str
    history: tuple[str, ...] = ()


@dataclass(frozen=True)
class BatchLineError:
    """A line that is not a question: reported on its own, the rest of the batch goes on."""

    line: int
    message: str


def read_batch(path: Path) -> list[BatchQuestion | BatchLineError]:
    """Every non-blank line of `path`, parsed; raises BatchFileError when the file is not UTF-8."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise BatchFileError(f"{path} is not UTF-8 text (line {line}, byte {err.start})") from None
    return list(_parse_lines(text))


def _parse_lines(text: str) -> Iterator[BatchQuestion | BatchLineError]:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("{"):
            yield parse_json_line(number, line)
        else:
            yield BatchQuestion(number, line)


def parse_json_line(number: int, line: str) -> BatchQuestion | BatchLineError:
    """`{"question": "...", "history": ["earlier question", ...]}`; anything else is a line error."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        return BatchLineError(number, f"not valid JSON ({err.msg} at column {err.colno})")
    if not isinstance(item, dict):
        return BatchLineError(number, 'a JSON line must be an object {"question": ..., "history": [...]}')
    question, history = item.get("question"), item.get("history", [])
    if not isinstance(question, str) or not question.strip():
        return BatchLineError(number, '"question" must be a non-empty string')
    if not isinstance(history, list) or not all(isinstance(turn, str) for turn in history):
        return BatchLineError(number, '"history" must be a list of earlier questions (strings)')
    return BatchQuestion(number, question.strip(), tuple(turn for turn in history if turn.strip()))
