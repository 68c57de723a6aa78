"""The one answer path for the CLI and Slack: understand -> retrieve -> extract -> decide -> compose -> verify."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.answers import Answer, Citation
from bot.qa import compose
from bot.qa.decide import Model, found_features, is_found, rank_releases, rank_sentences
from bot.qa.plan import Plan
from bot.qa.retrieve import (
    ReleaseCandidate,
    SentenceCandidate,
    asked_events,
    names_a_signing,
    names_another_event,
    retrieve,
    sentence_candidates,
)
from bot.qa.totals import Draft, counted, describe_period, signing_amount, total_answer
from bot.qa.understand import is_period_question, ordinal_text, understand
from bot.qa.verify import unsupported_numbers
from index.amounts import format_billion
from index.catalog import Release
from index.lang import questions as cues
from index.ledger import DealRow
from index.retrieval import SearchIndex
from index.views import IndexView, LiveIndex

MAX_QUESTION_CHARS = 1000
# Sentences of the best releases weighed for the answer; quotes come from the best sentence's release.
RELEASES_READ = 2
MAX_QUOTES = 3
# A further sentence is quoted when it is this likely relative to the best one, or this likely and it
# states a kind of value the question asks for that the quotes so far lack.
QUOTE_RELATIVE = 0.5
QUOTE_FOR_MISSING_TYPE = 0.05
COMBINED_OPERATIONS = ("difference", "sum", "max", "min")
REPORTS_READ = 5  # releases read for two reports of one event to compare
WARM_QUESTIONS = (
    "Who signed the agreement in Shenzhen?",
    "2025年签约了多少个项目？",
    "Wie viel wurde unterzeichnet?",
)
WORDS = re.compile(r"[^\W_]", re.UNICODE)
CITATION_MARK = re.compile(r"\[(\d+)\]")  # "[3]": a citation's number in an answer's text


class EmptyQuestionError(ValueError):
    """The question was empty."""


@dataclass
class Lookup:
    """The outcome of one lookup: found or not, how sure, and what it would quote."""

    found: bool
    probability: float
    finding: compose.Finding
    ranked: list[SentenceCandidate]  # the sentences of the releases read, likeliest first
    unnamed: tuple[str, ...] = ()  # words of the question no release names in any language ("population")


class ReleaseAnswerer:
    """Answers from the published index, following it as the indexer publishes new generations; the search
    index (model + Chroma) opens on the first question needing it. Safe to share between threads."""

    def __init__(self, live: LiveIndex, model: Model | None = None):
        self.live = live
        self.model = model or Model.load()

    @property
    def releases(self) -> dict[str, Release]:
        """The releases of the published index."""
        return self.live.view().releases

    @property
    def index(self) -> SearchIndex:
        """The search index of the published generation."""
        return self.live.view().search

    def warm(self) -> threading.Thread:
        """In the background: open the search index, merge the ledger's signings, answer a question in each
        language once (loading jieba's dictionary, langdetect's profiles, the gazetteer) and each year's total
        once (reading its rows' quotes and contexts), so the first real question waits for none of it."""
        thread = threading.Thread(target=self._warm, daemon=True)
        thread.start()
        return thread

    def _warm(self) -> None:
        view = self.live.view()
        view.prepare()
        for question in [*WARM_QUESTIONS, *(f"total signed in {year}" for year in view.years())]:
            self.answer(question)

    def answer(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Answer `question`; `history` holds earlier questions of the conversation, oldest first."""
        started = time.perf_counter()
        if not question or not question.strip():
            raise EmptyQuestionError("the question is empty: ask something like 'total signed in 2025'")
        refusal = _refusal(question)
        plan = None if refusal else understand(question, history)
        refusal = refusal or _no_question(plan)
        if refusal:
            return Answer(question, False, refusal, latency_ms=(time.perf_counter() - started) * 1000)
        if plan.follow_up:
            plan = self._within_previous_answer(plan, history)
        answer = self.answer_plan(plan)
        latency = (time.perf_counter() - started) * 1000
        return Answer(
            question, answer.found, answer.answer, answer.citations, latency, answer.details, plan.resolved
        )

    def _within_previous_answer(self, plan: Plan, history: Sequence[str]) -> Plan:
        """A follow-up that names no other edition, year, month or place than the question before it is about
        that question's answer: it is answered from the releases that answer cited (when it found any) and the
        other reports of their signings."""
        previous = understand(history[-1], history[:-1])
        if _when_and_where(plan) != _when_and_where(previous):
            return plan  # it names another edition, year, month or place: searched afresh
        answer = self.answer_plan(previous)
        sources = self.live.view().twins([c.source for c in answer.citations]) if answer.found else ()
        return replace(plan, within=sources, parts=tuple(replace(p, within=sources) for p in plan.parts))

    def answer_plan(self, plan: Plan) -> Answer:
        """The answer to an understood question, read from one generation from start to end."""
        return Reply(self.live.view(), self.model).answer_plan(plan)

    def examples(self) -> list[tuple[str, str]]:
        """Up to four (title, question) pairs built from what the index holds: the latest year's total, the
        place of its largest signing, a claim to check against that total, and the total asked in Chinese."""
        view = self.live.view()
        years = view.years()
        if not years:
            return []
        year = years[-1]
        signings = view.signings(year)
        examples = [(f"Total signed in {year}", f"total signed in {year}")]
        largest = max(signings, key=lambda s: s.amount_yuan or 0, default=None)
        if largest is not None and largest.place:
            examples.append(
                (f"Signed in {largest.place}", f"How much was signed in {largest.place} in {year}?")
            )
        projects = sum(s.projects or 0 for s in signings)
        if projects:
            examples.append(("Check a figure", f"Is it true that {projects} projects were signed in {year}?"))
        examples.append((f"{year}年签约", f"{year}年一共签约了多少个项目？"))
        return examples[:4]


class Reply:
    """One answer, from one index view with one model (both fixed for the whole answer)."""

    def __init__(self, view: IndexView, model: Model):
        self.view = view
        self.model = model
        self.catalog = view.catalog
        self.releases = view.releases

    @property
    def index(self) -> SearchIndex:
        """The view's search index (figure questions never open it)."""
        return self.view.search

    def answer_plan(self, plan: Plan) -> Answer:
        """The answer to an understood question."""
        if plan.operation == "period_total" or (plan.operation == "check" and is_period_question(plan)):
            answer = self._period_total(plan)
            if not answer.found:
                # the ledger is a cache of signing statements, not the only source: the passages may state it
                passages = self._single(
                    replace(plan, operation="none") if plan.operation == "period_total" else plan
                )
                answer = passages if passages.found else answer
        elif plan.operation == "each":
            answer = self._each(plan)
        elif plan.operation == "agree":
            answer = self._agree(plan)
        elif plan.parts:
            answer = self._combined(plan)
        else:
            answer = self._single(plan)
        if plan.resolved:
            answer = Answer(
                plan.asked,
                answer.found,
                f"Read as: “{plan.resolved}”. {answer.answer}",
                answer.citations,
                details=answer.details,
            )
        return answer

    def lookup(self, plan: Plan, releases_read: int = RELEASES_READ) -> Lookup:
        """Retrieve, rank and decide for one lookup, reading the sentences of the best `releases_read`."""
        index, model = self.index, self.model
        retrieval = retrieve(plan, index)
        releases = rank_releases(retrieval.releases, model)
        sentences: list[SentenceCandidate] = []
        for candidate in _about_the_event(plan, _about_the_edition(releases[:releases_read])):
            sentences += sentence_candidates(plan, retrieval, candidate, index)
        sentences = rank_sentences(sentences, model)
        found, probability = is_found(found_features(retrieval, releases, sentences), model)
        found = found and not retrieval.unnamed  # what no release names, none states
        chosen = _quoted(plan, sentences)
        if plan.headline and chosen:
            plan, chosen = self._headline(plan, chosen, sentences)
        by_likelihood = sorted(chosen, key=lambda s: -s.probability)
        finding = compose.Finding(plan, chosen, compose.read_figures(plan, by_likelihood))
        same = [s for s in sentences if chosen and s.release.source == chosen[0].release.source]
        if plan.operation in ("share", "rest") and chosen:
            kinds = [compose.share_kind(plan)] if plan.operation == "share" else ["count", "amount"]
            for kind in kinds:
                part = finding.figures.get(kind)
                whole = compose.whole_of(plan, part, same) if part else None
                if whole:
                    finding.wholes[kind] = whole[0]
                    if whole[1] not in finding.sentences:
                        finding.sentences = sorted([*finding.sentences, whole[1]], key=lambda s: s.chunk.seq)
        if (plan.band or plan.operation == "sum") and chosen:
            # a part defined by a range of amounts, from the ranges the release lists; or for a sum with no
            # two editions or years, the parts it lists
            finding.banded = compose.banded_parts(plan, same)
            if finding.banded is None and plan.operation == "sum":
                finding.listed = compose.listed_parts(plan, same)
            items = finding.banded.items if finding.banded else finding.listed
            finding.sentences = sorted(
                {s.position: s for s in [*finding.sentences, *(item.sentence for item in items)]}.values(),
                key=lambda s: s.chunk.seq,
            )
        return Lookup(found, probability, finding, sentences, retrieval.unnamed)

    def _headline(
        self, plan: Plan, chosen: list[SentenceCandidate], sentences: list[SentenceCandidate]
    ) -> tuple[Plan, list[SentenceCandidate]]:
        """For a sub-lookup of a comparison, the quotes with the sentence stating the largest figure of the
        release; unless the question names a signing within the event ("the on-site signing"), whose
        figures it then asks for instead."""
        best = max(chosen, key=lambda s: s.probability)
        told = [s for s in sentences if s.release.source == best.release.source]
        largest = max(told, key=lambda s: compose.headline_size(plan, s), default=None)
        if largest is None or not compose.headline_size(plan, largest):
            return plan, chosen  # the release states no figure of the asked kind
        if names_a_signing(plan, best, largest, self.index):
            return replace(plan, headline=False), chosen
        if largest not in chosen:
            chosen = sorted([*chosen, largest], key=lambda s: s.chunk.seq)
        return plan, chosen

    def _single(self, plan: Plan) -> Answer:
        lookup = self.lookup(plan)
        finding = lookup.finding
        if plan.addends and not (lookup.found and (finding.listed or finding.banded)):
            added = self._added(plan)
            if added:
                return added
        if not lookup.found or not finding.sentences or _unstated(plan, finding):
            return self._not_found(plan, finding.sentences, lookup.unnamed)
        chinese = finding.sentences[0].release.language == "zh"
        lead, computed = "", []
        if finding.banded or (plan.operation == "sum" and finding.listed):
            arithmetic = compose.banded_text(finding, chinese) or compose.sum_of_listed(finding, chinese)
            lead, computed = arithmetic.text, arithmetic.computed
        elif plan.operation == "none" and plan.wants_figure():
            lead = compose.figures_text(finding)
        elif plan.operation == "check":
            lead = compose.check_text(plan, finding)
        elif plan.operation == "back":
            arithmetic = compose.before_change(finding, chinese)
            if arithmetic:
                lead, computed = arithmetic.text, arithmetic.computed
        elif plan.operation in COMBINED_OPERATIONS:
            # Nothing to split into two lookups (one release compares with the year before): the quotes
            # state both figures, and no arithmetic is claimed.
            lead = "The releases say (no two editions or years to compute between):"
        elif plan.operation in ("average", "rest") or (
            plan.operation == "share" and compose.share_is_computed(finding)
        ):
            combine = {"average": compose.average, "share": compose.share, "rest": compose.rest}[
                plan.operation
            ]
            arithmetic = combine(finding, chinese)
            if arithmetic:
                lead, computed = arithmetic.text, arithmetic.computed
        text = f"{lead} {compose.quotes(finding.sentences)}".strip()
        return self._verified(
            plan, text, finding.sentences, computed, {"probability": round(lookup.probability, 3)}
        )

    def _combined(self, plan: Plan) -> Answer:
        """A difference, sum or comparison: each sub-lookup answered, then the arithmetic."""
        lookups = [self.lookup(part) for part in plan.parts]
        findings = [lookup.finding for lookup in lookups]
        sources = [compose.figure_sources(f) or f.sentences[:1] for f in findings]
        quoted = list({s.position: s for group in sources for s in group}.values())
        if not all(lookup.found for lookup in lookups) or not all(sources):
            unnamed = tuple(dict.fromkeys(word for lookup in lookups for word in lookup.unnamed))
            return self._not_found(plan, quoted, unnamed)
        labels = [_label(part) for part in plan.parts]
        chinese = quoted[0].release.language == "zh"
        arithmetic = compose.combine(plan, findings, labels, chinese)
        if arithmetic is None:
            return self._not_found(plan, quoted)
        number = {s.position: n for n, s in enumerate(quoted, start=1)}
        parts = []
        for label, finding, group in zip(labels, findings, sources, strict=True):
            shown = ", ".join(compose.value_text(v, chinese) for v in finding.figures.values())
            cited = " ".join(f"“{s.chunk.text}” [{number[s.position]}]" for s in group)
            parts.append(f"{label}: {shown} {cited}")
        text = "; ".join(parts) + ". " + arithmetic.text
        return self._verified(plan, text, quoted, arithmetic.computed, {})

    def _added(self, plan: Plan) -> Answer | None:
        """A sum of parts no one release lists together: each part looked up on its own, its figures read from
        words naming it, then added up; none unless every part is found, each in sentences of its own."""
        lookups = [self.lookup(part) for part in plan.addends]
        findings = [lookup.finding for lookup in lookups]
        sources = [compose.figure_sources(f) for f in findings]
        read_from = [frozenset(s.position for s in group) for group in sources]
        if (
            not all(lookup.found for lookup in lookups)
            or not all(sources)
            or not all(compose.names_its_part(f) for f in findings)
            or len(set(read_from)) < len(read_from)
        ):
            return None
        chinese = sources[0][0].release.language == "zh"
        arithmetic = compose.combine(plan, findings, list(plan.coordinated), chinese)
        if arithmetic is None:
            return None
        quoted = list({s.position: s for group in sources for s in group}.values())
        number = {s.position: n for n, s in enumerate(quoted, start=1)}
        parts = []
        for label, finding, group in zip(plan.coordinated, findings, sources, strict=True):
            shown = ", ".join(compose.value_text(v, chinese) for v in finding.figures.values())
            cited = " ".join(f"“{s.chunk.text}” [{number[s.position]}]" for s in group)
            parts.append(f"{label}: {shown} {cited}")
        text = "; ".join(parts) + ". " + arithmetic.text
        return self._verified(plan, text, quoted, arithmetic.computed, {})

    def _agree(self, plan: Plan) -> Answer:
        """Two reports of one event compared: the asked figures each of the two likeliest releases states,
        and which of them are the same."""
        lookup = self.lookup(plan, REPORTS_READ)
        reports: dict[str, list[SentenceCandidate]] = {}
        for sentence in lookup.ranked:
            reports.setdefault(sentence.release.source, []).append(sentence)
        read = [
            compose.Finding(plan, ranked, compose.read_figures(plan, ranked)) for ranked in reports.values()
        ]
        first = next((f for f in read if f.figures), None)
        # the other report of the same event: the likeliest release stating a figure alike (to rounding)
        other = next((f for f in read if f is not first and first and compose.share_a_figure(first, f)), None)
        findings = [f for f in (first, other) if f]
        sources = [compose.figure_sources(f) for f in findings]
        if not lookup.found or len(findings) < 2 or not all(sources):
            return self._not_found(plan, lookup.finding.sentences)
        quoted = [s for group in sources for s in group]
        number = {s.position: n for n, s in enumerate(quoted, start=1)}
        parts = [compose.figures_text(finding, number) for finding in findings]
        text = f"{' '.join(parts)} {compose.agreement(findings)} {compose.quotes(quoted)}"
        return self._verified(plan, text, quoted, [], {})

    def _each(self, plan: Plan) -> Answer:
        """Several questions in one message: each answered on its own (a lookup, or its own arithmetic), one list
        of citations."""
        answers = [self._ask(part) for part in plan.parts]
        if not any(answer.found for answer in answers):
            return replace(answers[0], question=plan.asked)
        citations: list[Citation] = []
        numbers: dict[tuple[str, int, str], int] = {}
        pieces = []
        for part, answer in zip(plan.parts, answers, strict=True):
            if not answer.found:
                pieces.append(f"“{part.focus}”: the releases don't say.")
                continue
            renumbered = {}
            for citation in answer.citations:  # one number per passage across the asks
                key = (citation.source, citation.line_start, citation.quote)
                if key not in numbers:
                    numbers[key] = len(citations) + 1
                    citations.append(replace(citation, n=numbers[key]))
                renumbered[citation.n] = numbers[key]
            pieces.append(f"“{part.focus}”: {_renumbered(answer.answer, renumbered)}")
        return Answer(plan.asked, True, " ".join(pieces), tuple(citations))

    def _ask(self, part: Plan) -> Answer:
        """One ask of a message: its own arithmetic when it has an operation, else its figures and quotes."""
        return self._single(part) if part.operation == "none" else self.answer_plan(part)

    def _verified(self, plan: Plan, text: str, sentences, computed, details: dict) -> Answer:
        citations = tuple(self._citation(n, s) for n, s in enumerate(sentences, start=1))
        computed = [*computed, *compose.claim_numbers(plan)]
        # the years and editions the question was read to name ("2022-24": 2022, 2023, 2024) label its parts
        named = [str(n) for p in (plan, *plan.parts) for n in (*p.constraints.years, *p.constraints.ordinals)]
        problems = unsupported_numbers(
            text, [c.quote for c in citations], computed, (), " ".join([plan.text, *named])
        )
        if problems:
            text = (
                f"I could not verify {', '.join(problems)} against the cited releases, so I won't state it."
            )
            return Answer(plan.asked, False, text, citations, details={**details, "unverified": problems})
        return Answer(plan.asked, True, text, citations, details=details)

    def _not_found(
        self, plan: Plan, closest: list[SentenceCandidate], unnamed: tuple[str, ...] = ()
    ) -> Answer:
        text = f"The {len(self.releases)} indexed releases don't say: nothing answers “{plan.text}”."
        if unnamed:
            text += f" None of them mentions {', '.join(f'“{word}”' for word in unnamed)}, in any language."
        citations: tuple[Citation, ...] = ()
        if closest:
            text += " Closest passage, which does not answer it: " + compose.quotes(closest[:1])
            citations = (self._citation(1, closest[0]),)
        return Answer(plan.asked, False, text, citations)

    def _citation(self, n: int, sentence: SentenceCandidate) -> Citation:
        chunk = sentence.chunk
        context = self.catalog.context(chunk.source, chunk.char_start, chunk.char_end)
        return _citation(n, sentence.release, chunk.text, (chunk.line_start, chunk.line_end), context)

    def _period_total(self, plan: Plan) -> Answer:
        """'total signed in 2025': every signing of the plan's years (and month, and places), added up."""
        c = plan.constraints
        years = c.years or (None,)
        signings = [s for year in years for s in self.view.signings_in(c.places, year, c.month)]
        if not signings:
            text = (
                f"The {len(self.releases)} indexed releases don't record any signing {describe_period(plan)}."
            )
            return Answer(plan.asked, False, text)
        draft = total_answer(plan, signings)
        if plan.operation == "check":
            stated = [
                (float(s.projects), f"{s.projects} projects") for s in signings if s.projects is not None
            ]
            stated += [(s.amount_yuan, signing_amount(s)) for s in signings if s.amount_yuan is not None]
            stated += [(v, compose.trim(v, 3)) for v in draft.computed]
            stated += [(v * 1e9, format_billion(v * 1e9)) for v in draft.computed]  # totals are in billions
            draft.lead = f"{compose.claim_verdict(plan.claim, stated)} {draft.lead}"
        rows = sum(len(s.rows) for s in signings)
        coverage = (
            f"Searched {len(self.releases)} releases; {counted(len(signings), 'signing')} matched "
            f"({counted(rows, 'ledger row')})."
        )
        return self._ledger_answer(plan, draft, coverage)

    def _ledger_answer(self, plan: Plan, draft: Draft, coverage: str) -> Answer:
        citations = tuple(self._row_citation(n, row) for n, row in enumerate(draft.rows, start=1))
        dates = [row.event_date for row in draft.rows if row.event_date]
        computed = [*draft.computed, *compose.claim_numbers(plan)]
        problems = unsupported_numbers(draft.lead, [c.quote for c in citations], computed, dates, plan.text)
        details = {"coverage": coverage, "computed": draft.computed}
        if problems:
            text = (
                f"I could not verify {', '.join(problems)} against the cited releases, so I won't state it."
            )
            return Answer(plan.asked, False, text, citations, details={**details, "unverified": problems})
        return Answer(
            plan.asked, True, " ".join([draft.lead, *draft.notes, coverage]), citations, details=details
        )

    def _row_citation(self, n: int, row: DealRow) -> Citation:
        context = self.catalog.context(row.source, row.char_start, row.char_end) or row.quote
        return _citation(n, self.releases[row.source], row.quote, (row.line_start, row.line_end), context)


def _quoted(plan: Plan, ranked: list[SentenceCandidate]) -> list[SentenceCandidate]:
    """The best sentence, sentences of its release nearly as likely, and for each asked kind of value the
    quotes still lack, the likeliest sentence of that release stating one."""
    if not ranked:
        return []
    best = ranked[0]
    same = [c for c in ranked[1:] if c.release.source == best.release.source]
    chosen = [best] + [c for c in same if c.probability >= QUOTE_RELATIVE * best.probability][
        : MAX_QUOTES - 1
    ]
    for kind in plan.wants:
        if any(v.kind == kind for s in chosen for v in s.values):
            continue
        stating = next((c for c in same if c not in chosen and any(v.kind == kind for v in c.values)), None)
        if stating and stating.probability >= QUOTE_FOR_MISSING_TYPE * best.probability:
            chosen.append(stating)
    for claimed in plan.claim:  # a claim is checked against the sentence stating its figure, if any does
        if not any(compose.states(s, claimed) for s in chosen):
            stating = next((c for c in same if compose.states(c, claimed)), None)
            if stating:
                chosen.append(stating)
    return sorted(chosen, key=lambda s: s.chunk.seq)


def _about_the_edition(releases: list[ReleaseCandidate]) -> list[ReleaseCandidate]:
    """The releases to read: when one opens with the asked edition, none opening with another edition (the 8th
    expo's release states no figure of the 7th)."""
    if not any(r.features.get("ordinal_lead") for r in releases):
        return releases
    return [r for r in releases if not r.features.get("ordinal_conflict")]


def _about_the_event(plan: Plan, releases: list[ReleaseCandidate]) -> list[ReleaseCandidate]:
    """The releases to read: when one opens with the kind of event asked about (a "week"), none opening with
    only other kinds (a "conference" held during that week)."""
    if not any(asked_events(plan) & r.facts.lead_events for r in releases):
        return releases
    return [r for r in releases if not names_another_event(plan, r.facts)]


def _unstated(plan: Plan, finding: compose.Finding) -> bool:
    """A figure asked for and none stated in the quotes (a tally over earlier editions is no figure of one
    edition): the releases don't say it."""
    return plan.operation == "none" and plan.wants_figure() and not finding.figures and not finding.banded


def _when_and_where(plan: Plan) -> tuple:
    """The edition, year, month and places a plan names."""
    c = plan.constraints
    return c.years, c.month, c.ordinals, c.places


def _renumbered(text: str, numbers: dict[int, int]) -> str:
    """An answer's text with its citation numbers ("[2]") changed as `numbers` says."""
    return CITATION_MARK.sub(lambda m: f"[{numbers.get(int(m.group(1)), int(m.group(1)))}]", text)


def _label(part: Plan) -> str:
    c = part.constraints
    bits = [ordinal_text(o, "en") for o in c.ordinals] + [str(y) for y in c.years]
    return " ".join(bits) or part.text


def _refusal(question: str) -> str | None:
    """A one-line answer for what cannot be a question: too long, or no words at all."""
    if len(question) > MAX_QUESTION_CHARS:
        return (
            f"That question is {len(question):,} characters long; ask in under {MAX_QUESTION_CHARS:,}, "
            "e.g. 'total signed in 2025'."
        )
    if not WORDS.search(question):
        return "I couldn't find a question in that: ask in words, e.g. 'total signed in 2025'."
    return None


def _no_question(plan: Plan) -> str | None:
    """A one-line answer for text in another language, or with nothing a question is made of."""
    other = cues.other_language(plan.text)
    if other:
        return f"I answer questions in English, German or Chinese (this reads as “{other}”)."
    c = plan.constraints
    asks = plan.wants != ("text",) or plan.operation != "none" or cues.QUESTION_CUE.search(plan.text)
    if not asks and not (c.years or c.ordinals or c.places):
        return "I couldn't find a question in that: ask e.g. 'how many projects did the fair sign?'."
    return None


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
