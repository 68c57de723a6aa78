"""Scored rows, strict tables by kind and language, citation precision, and the results files."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.evaluate import score, source_names
from devtools.eval.sets import EvalItem

NO_ANSWER = {"question": "", "found": None, "answer": "", "citations": []}


@dataclass(frozen=True)
class Row:
    """One scored question: its verdict and the answer it was given."""

    id: str
    kind: str
    lang: str
    passed: bool
    reasons: tuple[str, ...]
    question: str
    history: tuple[str, ...]
    answer: dict | None


def score_rows(
    items: list[EvalItem], answers: list[dict | None], read_source: Callable[[str], str], collapse: bool
) -> list[Row]:
    """Each item scored strictly against its answer (no answer: failed)."""
    rows = []
    for item, answer in zip(items, answers, strict=True):
        if answer is None:
            passed, reasons = False, ("no answer",)
        else:
            verdict = score(item.gold, answer, read_source, collapse_whitespace=collapse)
            passed, reasons = verdict.passed, verdict.reasons
        rows.append(Row(item.id, item.kind, item.lang, passed, reasons, item.question, item.history, answer))
    return rows


def table(rows: list[Row], key: str) -> str:
    """passed/total (and percent) per value of `key` ("kind" or "lang"), then all."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    lines = [f"{key:<15} {'passed':>6} {'total':>6} {'share':>6}"]
    for name in sorted(groups):
        lines.append(_line(name, groups[name]))
    lines.append(_line("all", rows))
    return "\n".join(lines)


def _line(name: str, rows: list[Row]) -> str:
    passed = sum(row.passed for row in rows)
    return f"{name:<15} {passed:>6} {len(rows):>6} {passed / len(rows):>6.0%}"


def citation_precision(items: Iterable[EvalItem], rows: Iterable[Row]) -> tuple[int, int]:
    """(cited files that are expected sources, cited files) over the answerable questions."""
    expected_cited = cited_total = 0
    for item, row in zip(items, rows, strict=True):
        if not item.gold["sources"] or row.answer is None:
            continue
        expected = set().union(*(source_names(entry) for entry in item.gold["sources"]))
        cited = {Path(citation["source"]).name for citation in row.answer["citations"]}
        cited_total += len(cited)
        expected_cited += len(cited & expected)
    return expected_cited, cited_total


def write_results(rows: list[Row], path: Path) -> None:
    """Every row as one JSON line, for later inspection."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")


def summary(title: str, items: list[EvalItem], rows: list[Row], results: Path, verbose: bool) -> str:
    """The printed block of one set: tables by kind and language, citation precision, failures."""
    good, cited = citation_precision(items, rows)
    precision = (
        f"{good / cited:.2f} ({good} of {cited} cited files expected)" if cited else "n/a (nothing cited)"
    )
    failed = [row for row in rows if not row.passed]
    lines = [
        f"## {title}",
        table(rows, "kind"),
        "",
        table(rows, "lang"),
        "",
        f"citation precision (answerable questions): {precision}",
    ]
    if verbose:
        lines += [f"FAIL {row.id} {row.question}  {'; '.join(row.reasons)}" for row in failed]
    elif failed:
        lines.append("failed: " + " ".join(row.id for row in failed))
    lines.append(f"results: {results}")
    return "\n".join(lines)
