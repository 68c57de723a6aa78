"""The question sets `make eval` scores: gold over ./seeds, and the corpus questions and threads in ../shared."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold_seeds.jsonl"
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"  # third-party text: read from there, never copied here
SET_NAMES = ("gold", "corpus", "threads")

CJK = re.compile(r"[\u3400-\u9fff]")
GERMAN = re.compile(
    r"[äöüß]|\b(?:und|wie|viele|welche[rsn]?|wurden?|der|die|das|auf|bei|nicht|summe|messe|insgesamt)\b",
    re.I,
)


@dataclass(frozen=True)
class EvalItem:
    """One question to ask, with the labels it is scored by (`gold`: kind, sources, must)."""

    id: str
    kind: str
    lang: str
    question: str
    history: tuple[str, ...]
    gold: dict

    def batch_line(self) -> str:
        """Its line in an `ask --batch` file: plain text, or JSON when it has a history (or looks like JSON)."""
        question = " ".join(self.question.split())
        if self.history or question.startswith("{"):
            return json.dumps({"question": question, "history": list(self.history)}, ensure_ascii=False)
        return question


def language(text: str) -> str:
    """zh, de or en, from the text alone (threads carry no language label)."""
    if CJK.search(text):
        return "zh"
    return "de" if GERMAN.search(text) else "en"


def read_jsonl(path: Path) -> list[dict]:
    """One JSON object a line; blank lines skipped."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def question_items(path: Path) -> list[EvalItem]:
    """Labelled questions: {"id", "lang", "kind", "question", "sources", "must"} a line."""
    return [
        EvalItem(
            item["id"],
            item["kind"],
            item.get("lang") or language(item["question"]),
            item["question"],
            (),
            item,
        )
        for item in read_jsonl(path)
    ]


def thread_items(path: Path) -> list[EvalItem]:
    """Follow-up threads: the last turn is asked with the earlier ones as history, and scored.

    Kind is "thread" ("unanswerable" when nothing is expected); language is that of the last turn."""
    items = []
    for thread in read_jsonl(path):
        *history, question = thread["turns"]
        unanswerable = not thread["sources"] and not thread["must"]
        kind = "unanswerable" if unanswerable else "thread"
        items.append(
            EvalItem(
                thread["id"], kind, language(question), question, tuple(history), {**thread, "kind": kind}
            )
        )
    return items


def load_set(name: str, corpus: Path = CORPUS) -> list[EvalItem]:
    """The items of one set by name."""
    if name == "gold":
        return question_items(GOLD)
    if name == "corpus":
        return question_items(corpus / "questions.jsonl")
    return thread_items(corpus / "threads.jsonl")
