"""The one answer path used by the CLI and Slack: question → ledger or retrieval → verified, cited answer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from bot.answers import Answer, Citation
from bot.ledger_answers import (
    LEDGER_ANSWERS,
    Draft,
    counted,
    describe_period,
    in_scope,
    named_signing_answer,
    resolve_scope,
)
from bot.question import Question, answer_pattern, focus_term, parse_question
from bot.verify import unsupported_numbers
from index.catalog import Catalog, Release
from index.keyword import names
from index.ledger import DealRow, Ledger

if TYPE_CHECKING:  # retrieval pulls in llama-index and the model: figure questions don't need them
    from index.retrieval import Hit, Retriever

# A passage answers a question when it is semantically close (dense cosine ≥ DENSE_FOUND), or when it is
# moderately close (dense or IDF-weighted term coverage ≥ the RELATED thresholds) and both the thing asked
# for (the focus noun: "population", "companies") and every name the question mentions ("France") occur
# somewhere in the releases. Calibrated on the gold set.
# Cosine scales differ by model: USE v3 puts answers from 0.45 up; all-MiniLM-L6-v2 (and sentence-transformers
# models generally) score unrelated sentences near 0.48, so their bar is higher.
DENSE_FOUND = {"use-multilingual-v3": 0.45}
DENSE_FOUND_OTHER_MODELS = 0.5
DENSE_RELATED = 0.3
COVERAGE_RELATED = 0.3
SIGNING_SEARCH_DEPTH = 40
PASSAGE_CANDIDATES = 10
# Further sentences are quoted when they score this close to the best one.
SUPPORT_MARGIN = 0.06
MAX_PASSAGES = 3
# The best sentence in another language than the best one is quoted too when it is this close on the
# semantic score: English keywords cannot match a Chinese or German release, so its evidence ranks low.
CROSS_LANGUAGE_MARGIN = 0.08
CROSS_LANGUAGE_MIN_DENSE = 0.35


class EmptyQuestionError(ValueError):
    """The question was empty."""


class ReleaseAnswerer:
    """Answers from one index: the ledger for figures, the retriever (opened on first need) for passages."""

    def __init__(self, catalog: Catalog, ledger: Ledger, open_retriever: Callable[[], Retriever]):
        self.catalog = catalog
        self.releases = catalog.releases()
        self.ledger = ledger
        self._open_retriever = open_retriever
        self._retriever: Retriever | None = None
        self._lock = threading.Lock()  # Slack answers on several threads; the retriever is opened once

    @property
    def retriever(self) -> Retriever:
        """The passage retriever; loading the model and Chroma is paid only by questions that need them."""
        with self._lock:
            if self._retriever is None:
                self._retriever = self._open_retriever()
            return self._retriever

    def warm(self) -> threading.Thread:
        """Open the retriever in the background, so the first passage question doesn't wait for it."""
        thread = threading.Thread(target=lambda: self.retriever, daemon=True)
        thread.start()
        return thread

    def answer(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Answer `question`; `history` holds earlier questions of the conversation, oldest first."""
        started = time.perf_counter()
        if not question or not question.strip():
            raise EmptyQuestionError("the question is empty: ask something like 'total signed in 2025'")
        parsed = self._with_places(parse_question(question, history))
        if parsed.is_ledger_question:
            answer = self._from_ledger(parsed)
        elif parsed.intent in {"total", "count"}:
            answer = self._named_signing(parsed)
        else:
            answer = self._from_passages(parsed)
        latency = (time.perf_counter() - started) * 1000
        return Answer(question, answer.found, answer.answer, answer.citations, latency, answer.details)

    @cached_property
    def _ledger_rows(self) -> list[DealRow]:
        """Every ledger row, read once: the index is fixed for the answerer's life, like `releases`."""
        return self.ledger.rows(include_cumulative=True)

    def _with_places(self, question: Question) -> Question:
        return resolve_scope(question, self._ledger_rows)

    def _from_ledger(self, question: Question) -> Answer:
        signings = self.ledger.signings(
            year=question.year, month=question.month, include_cumulative=question.cumulative
        )
        signings = [s for s in signings if in_scope(s, question)]
        coverage = f"Searched {len(self.releases)} releases"
        if not signings:
            text = (
                f"The {len(self.releases)} indexed releases don't record any signing "
                f"{describe_period(question)}."
            )
            return Answer(question.text, False, text, details={"coverage": coverage})
        draft = LEDGER_ANSWERS[question.intent](question, signings)
        merged = [s for s in signings if len(s.rows) > 1]
        rows = sum(len(s.rows) for s in signings)
        coverage += f"; {counted(len(signings), 'signing')} matched ({counted(rows, 'ledger row')}"
        coverage += f", {len(merged)} reported by more than one release)." if merged else ")."
        return self._compose(question, draft, coverage)

    def _named_signing(self, question: Question) -> Answer:
        """A count or amount for one named event or place: the signing whose release best fits the question."""
        signings = self.ledger.signings(
            year=question.year, month=question.month, include_cumulative=question.cumulative
        )
        if question.cumulative:  # "since last year" asks for a running tally, where the releases give one
            signings = [s for s in signings if all(r.cumulative for r in s.rows)] or signings
        # Search by the words that name the event, so the signing vocabulary every release shares doesn't decide.
        hits = self.retriever.search(
            " ".join(question.selectors), top_k=SIGNING_SEARCH_DEPTH, year=question.year
        )
        best_by_source: dict[str, Hit] = {}
        for hit in hits:
            best_by_source.setdefault(hit.chunk.source, hit)
        scored = [
            (max(best_by_source[r.source].score for r in s.rows if r.source in best_by_source), s)
            for s in signings
            if any(r.source in best_by_source for r in s.rows)
        ]
        if not scored:
            return self._not_found(question, "any signing matching")
        _, signing = max(scored, key=lambda pair: pair[0])
        evidence = best_by_source[next(r.source for r in signing.rows if r.source in best_by_source)]
        if not answers_question(evidence, self._focus_known(question), self._dense_found()):
            return self._not_found(question, "any signing matching")
        draft = named_signing_answer(question, signing)
        return self._compose(
            question,
            draft,
            f"Searched {len(self.releases)} releases; best match of {counted(len(signings), 'signing')}.",
        )

    def _not_found(self, question: Question, what: str) -> Answer:
        text = f"The {len(self.releases)} indexed releases don't record {what} “{question.text}”."
        return Answer(question.text, False, text)

    def _compose(self, question: Question, draft: Draft, coverage: str) -> Answer:
        citations = tuple(self._row_citation(n, row) for n, row in enumerate(draft.rows, start=1))
        dates = [row.event_date for row in draft.rows if row.event_date]
        problems = unsupported_numbers(
            draft.lead, [c.quote for c in citations], draft.computed, dates, question.text
        )
        details = {"coverage": coverage, "computed": draft.computed, "intent": question.intent}
        if problems:
            return _unverified(question, citations, problems, details)
        text = " ".join([draft.lead, *draft.notes, coverage])
        return Answer(question.text, True, text, citations, details=details)

    def _row_citation(self, n: int, row: DealRow) -> Citation:
        context = self.catalog.context(row.source, row.char_start, row.char_end) or row.quote
        return _citation(n, self.releases[row.source], row.quote, (row.line_start, row.line_end), context)

    def _from_passages(self, question: Question) -> Answer:
        hits = self.passages(question)
        known = self._focus_known(question) and self._names_known(question)
        if not hits or not answers_question(hits[0], known, self._dense_found()):
            text = (
                f"The {len(self.releases)} indexed releases don't say: no passage answers “{question.text}”."
            )
            return Answer(question.text, False, text, details={"best_score": hits[0].score if hits else None})
        chosen = _supporting(hits, self._dense_found())
        citations = tuple(
            _citation(
                n,
                hit.release,
                hit.chunk.text,
                (hit.chunk.line_start, hit.chunk.line_end),
                self.catalog.context(hit.chunk.source, hit.chunk.char_start, hit.chunk.char_end),
            )
            for n, hit in enumerate(chosen, start=1)
        )
        text = " ".join(f"“{hit.chunk.text}” [{n}]" for n, hit in enumerate(chosen, start=1))
        details = {"best_score": round(hits[0].score, 3)}
        problems = unsupported_numbers(text, [c.quote for c in citations])
        if problems:
            return _unverified(question, citations, problems, details)
        return Answer(question.text, True, text, citations, details=details)

    def passages(self, question: Question) -> list[Hit]:
        """The ranked sentences for a question: its year and the kind of answer it expects preferred."""
        pattern = answer_pattern(question.text)
        return self.retriever.search(
            question.text,
            PASSAGE_CANDIDATES,
            year=question.year,
            answer_pattern=pattern,
            keywords=question.without_period,
        )

    def _dense_found(self) -> float:
        return DENSE_FOUND.get(self.retriever.model_name, DENSE_FOUND_OTHER_MODELS)

    def _focus_known(self, question: Question) -> bool:
        """Whether the thing asked for ("population") occurs somewhere in the releases."""
        focus = focus_term(question.text)
        return focus is None or self.retriever.knows(focus)

    def _names_known(self, question: Question) -> bool:
        """Whether every name the question mentions ("France") occurs somewhere in the releases."""
        return all(self.retriever.knows(name) for name in names(question.text))


def answers_question(hit: Hit, focus_known: bool, dense_found: float) -> bool:
    """Whether the best passage is close enough to the question to answer it."""
    if hit.dense >= dense_found:
        return True
    return focus_known and (hit.dense >= DENSE_RELATED or hit.coverage >= COVERAGE_RELATED)


def _supporting(hits: Sequence[Hit], dense_found: float) -> list[Hit]:
    """The best sentence, the next ones when they score almost as well, and the best in another language."""
    best = hits[0]
    chosen = [best] + [
        hit
        for hit in hits[1:MAX_PASSAGES]
        if hit.score >= best.score - SUPPORT_MARGIN and answers_question(hit, True, dense_found)
    ]
    other_language = next((h for h in hits if h.release.language != best.release.language), None)
    if (
        other_language
        and other_language not in chosen
        and other_language.dense >= CROSS_LANGUAGE_MIN_DENSE
        and other_language.semantic_score >= best.semantic_score - CROSS_LANGUAGE_MARGIN
    ):
        chosen.append(other_language)
    return chosen


def _citation(n: int, release: Release, quote: str, lines: tuple[int, int], context: str) -> Citation:
    return Citation(
        n=n,
        source=release.source,
        title=release.title,
        date=release.published,
        line_start=lines[0],
        line_end=lines[1],
        quote=quote,
        publisher=release.publisher,
        context=context,
    )


def _unverified(question: Question, citations, problems: list[str], details: dict) -> Answer:
    """An answer whose numbers its citations don't support is not shown as found."""
    text = f"I could not verify {', '.join(problems)} against the cited releases, so I won't state it."
    return Answer(question.text, False, text, citations, details={**details, "unverified": problems})
