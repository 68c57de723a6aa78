"""Scoring against gold questions: `found` right, every `must` group met (case-insensitive), every expected
source cited (a list of twins: any one of them), every quote an exact substring of its file."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Verdict:
    """The score of one gold question."""

    id: str
    kind: str
    passed: bool
    reasons: tuple[str, ...]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def quote_is_exact(quote: str, file_text: str, collapse: bool = False) -> bool:
    """Whether `quote` is a substring of the file, white space aside (or, with `collapse`, after collapsing
    every run of white space to one space, the rule of the labelled corpus)."""
    if not quote.strip():
        return False
    if collapse:
        return _collapse(quote) in _collapse(file_text)
    return _squash(quote) in _squash(file_text)


def source_names(requirement: str | list[str]) -> set[str]:
    """The file names that satisfy one `sources` entry: a file, or a list of twins (any one will do)."""
    entries = [requirement] if isinstance(requirement, str) else requirement
    return {Path(entry).name for entry in entries}


def score(
    gold: dict, result: dict, read_source: Callable[[str], str], collapse_whitespace: bool = False
) -> Verdict:
    """Pass only if found is right, every must group is met, every source cited and every quote exact."""
    reasons = []
    expect_found = gold["kind"] != "unanswerable"
    if result["found"] != expect_found:
        reasons.append(f"found={result['found']}")
    answer = result["answer"].lower()
    for group in gold["must"]:
        if not any(option.lower() in answer for option in group):
            reasons.append(f"missing {group}")
    cited = {Path(c["source"]).name for c in result["citations"]}
    for requirement in gold["sources"]:
        if not source_names(requirement) & cited:
            reasons.append(f"not cited {requirement}")
    for citation in result["citations"]:
        if not quote_is_exact(citation["quote"], read_source(citation["source"]), collapse_whitespace):
            reasons.append(f"quote not in {citation['source']}")
    return Verdict(gold["id"], gold["kind"], not reasons, tuple(reasons))


def load_gold(path: Path) -> list[dict]:
    """Gold questions, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def table_by_kind(verdicts: list[Verdict]) -> str:
    """A plain-text table: passed/total per kind and overall."""
    by_kind: dict[str, list[Verdict]] = defaultdict(list)
    for verdict in verdicts:
        by_kind[verdict.kind].append(verdict)
    lines = [f"{'kind':<15} {'passed':>6} {'total':>6}"]
    for kind in sorted(by_kind):
        items = by_kind[kind]
        lines.append(f"{kind:<15} {sum(v.passed for v in items):>6} {len(items):>6}")
    lines.append(f"{'all':<15} {sum(v.passed for v in verdicts):>6} {len(verdicts):>6}")
    return "\n".join(lines)
