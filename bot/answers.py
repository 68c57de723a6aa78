"""The answer every front end shows: a lead text, whether the releases answer it, and numbered citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Citation:
    """One cited passage: `quote` is an exact substring of `source` (whitespace aside)."""

    n: int
    source: str  # "seeds/<file name>"
    title: str
    date: str | None  # ISO publication date of the release, None when undated
    line_start: int
    line_end: int
    quote: str
    publisher: str | None = None
    context: str = ""  # the quote with its neighbouring sentences, for "show source"

    def to_json(self) -> dict:
        """The contract's citation object (ARCHITECTURE.md)."""
        data = asdict(self)
        del data["context"], data["publisher"]
        return data


@dataclass(frozen=True)
class Answer:
    """A grounded answer; `found` is False when the releases don't answer the question."""

    question: str
    found: bool
    answer: str
    citations: tuple[Citation, ...] = ()
    latency_ms: float = 0.0
    details: dict = field(default_factory=dict)  # coverage, merged rows, arithmetic: for display
    resolved: str | None = None  # the stand-alone question a follow-up was read as

    def to_json(self) -> dict:
        """The `ask --json` object (ARCHITECTURE.md)."""
        return {
            "question": self.question,
            "found": self.found,
            "answer": self.answer,
            "citations": [c.to_json() for c in self.citations],
            "latency_ms": round(self.latency_ms, 1),
        } | ({"resolved": self.resolved} if self.resolved else {})


class Answerer(Protocol):
    """What front ends call: the one answer path for CLI and Slack."""

    def answer(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Answer `question`; `history` holds earlier questions of the same conversation, oldest first."""
        ...

    def examples(self) -> list[tuple[str, str]]:
        """Up to four (title, question) pairs the index answers, to suggest to a new user."""
        ...
