"""Retrieve: the candidate releases and sentences of a plan, each with the features the fitted model weighs."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from bot.qa.extract import Value, counts_what_is_asked, sentence_values
from bot.qa.plan import Plan
from index.catalog import Release
from index.chunking import Chunk
from index.deal_extraction import SIGN_VERB
from index.keyword import best, event_kinds, question_terms, same_meaning, tokenize
from index.lang.ordinals import find_ordinals
from index.retrieval import LEAD_SENTENCES, ReleaseFacts, SearchIndex, ordinal_token, place_token

DENSE_CANDIDATES = 100
# Releases considered per question: those of the best dense sentences and of the best keyword matches.
RELEASES_FROM_DENSE = 30
RELEASES_FROM_KEYWORDS = 15
VALUE_KINDS = ("count", "amount", "percent", "date", "person")
# A question's word this long or longer may be the beginning of a release's longer word ("west" of "western").
SHORTENED_MIN = 4


@dataclass
class ReleaseCandidate:
    """A release that may answer the plan, with its features; `logit` and `gap` are set by decide."""

    source: str
    release: Release
    facts: ReleaseFacts
    features: dict[str, float]
    positions: list[int]  # its sentences, in order
    logit: float = 0.0
    gap: float = 0.0  # log-odds minus the best candidate's (0 for the best)


@dataclass
class SentenceCandidate:
    """A sentence of a candidate release, with its values and features."""

    position: int
    chunk: Chunk
    release: Release
    values: tuple[Value, ...]
    features: dict[str, float]
    probability: float = 0.0
    logit: float = 0.0


@dataclass
class Retrieval:
    """What one plan retrieved."""

    plan: Plan
    releases: list[ReleaseCandidate]
    cosines: dict[int, float]  # sentence position -> cosine with the question
    focus_cosines: dict[int, float]
    unknown_terms: float = 0.0  # share of the question's words that no indexed release contains
    # The question's words of the genre's shared vocabulary (index.lang.concepts: "population", "revenue") that no
    # indexed release contains in any language: what none of them names, none of them states.
    unnamed: tuple[str, ...] = ()


def query_tokens(plan: Plan, terms) -> list[tuple[str, ...]]:
    """The plan's words as search terms, with its places and editions as language-neutral tokens."""
    c = plan.constraints
    return (
        list(terms)
        + [(place_token(p),) for p in sorted(c.places)]
        + [(ordinal_token(o),) for o in c.ordinals]
    )


def names_a_signing(
    plan: Plan, best: SentenceCandidate, largest: SentenceCandidate, index: SearchIndex
) -> bool:
    """Whether the question picks out one signing within an event: one of its words is in the likeliest
    sentence, but neither in the sentence stating the release's largest figure nor in the release's title
    and opening, which name the event itself ("现场集中签约" in "…和2017年现场集中签约比")."""
    lead = index.by_source[best.release.source][:LEAD_SENTENCES]
    language = best.release.language
    # the opening's words, to which a shortened word of the question is a beginning ("west" of "Western China")
    opening = {w for p in lead for w in tokenize(index.chunks[p].text, language) if len(w) > SHORTENED_MIN}

    def has(term: tuple[str, ...], position: int) -> bool:
        return index.sentence_bm25.coverage([term], position) > 0

    def names_the_event(term: tuple[str, ...]) -> bool:
        return any(has(term, p) for p in lead) or any(
            word.startswith(v) for v in term if len(v) >= SHORTENED_MIN for word in opening
        )

    return any(
        has(term, best.position) and not has(term, largest.position) and not names_the_event(term)
        for term in plan.focus_terms
    )


def retrieve(plan: Plan, index: SearchIndex) -> Retrieval:
    """Candidate releases of a plan, with release-level features."""
    vector = index.embed(plan.text)
    terms = query_tokens(plan, plan.constraints.terms)
    flat = [v for term in terms for v in term]
    release_scores = index.release_bm25.scores(flat)
    # A follow-up about the previous answer reads that answer's releases; any other plan searches.
    chosen: list[str] = [source for source in plan.within if source in index.by_source]
    if not chosen:
        nearest = index.nearest(vector, DENSE_CANDIDATES)
        for position in sorted(nearest, key=nearest.get, reverse=True):
            source = index.chunks[position].source
            if source not in chosen and len(chosen) < RELEASES_FROM_DENSE:
                chosen.append(source)
        for i in best(release_scores, RELEASES_FROM_KEYWORDS):
            if index.sources[i] not in chosen:
                chosen.append(index.sources[i])
    positions = [p for source in chosen for p in index.by_source[source]]
    if plan.focus == plan.text:
        cosines = focus = index.cosines([vector], positions)[0]
    else:
        cosines, focus = index.cosines([vector, index.embed(plan.focus)], positions)
    keyword_of = {s: float(release_scores[index.source_number[s]]) for s in chosen}
    best_keyword = max(keyword_of.values(), default=0.0) or 1.0
    candidates = [
        ReleaseCandidate(
            source=s,
            release=index.releases[s],
            facts=index.facts[s],
            features={},
            positions=index.by_source[s],
        )
        for s in chosen
    ]
    terms = plan.constraints.terms
    absent = [term for term in terms if not any(index.knows(v) for v in term)]
    unknown = len(absent) / len(terms) if terms else 0.0
    unnamed = tuple(_as_written(term, plan.text) for term in absent if any(same_meaning(v) for v in term))
    retrieval = Retrieval(plan, candidates, cosines, focus, unknown, unnamed)
    for candidate in candidates:
        candidate.features = release_features(
            plan, candidate, retrieval, index, keyword_of[candidate.source] / best_keyword
        )
    _relative_features(candidates)
    return retrieval


def _as_written(term: tuple[str, ...], text: str) -> str:
    """The question's own word for a term ("bridge" for the stem "bridg")."""
    for word in re.findall(r"[^\W\d_]+", text):
        read = question_terms(word)
        if read and set(read[0]) & set(term):
            return word
    return term[0]


def release_features(
    plan: Plan, candidate: ReleaseCandidate, retrieval: Retrieval, index: SearchIndex, keyword: float
) -> dict[str, float]:
    """How well a release fits the plan: similarity, shared words, and the plan's constraints met."""
    sims = sorted((retrieval.cosines.get(p, 0.0) for p in candidate.positions), reverse=True)
    c, facts = plan.constraints, candidate.facts
    terms = query_tokens(plan, c.terms)
    doc = index.source_number[candidate.source]
    coverage = index.release_bm25.coverage(terms, doc) if terms else 0.0
    features = {
        "dense_max": sims[0] if sims else 0.0,
        "dense_top3": float(np.mean(sims[:3])) if sims else 0.0,
        "keyword": keyword,
        "coverage": coverage,
        "missing_weight": index.release_bm25.heaviest_missing(c.terms, doc),
        "same_language": float(candidate.release.language == plan.language),
    }
    features.update(_constraint_features(plan, facts))
    return features


def asked_events(plan: Plan) -> frozenset[str]:
    """The kinds of event the question names ("week", "fair", "meeting")."""
    return event_kinds(v for term in plan.constraints.terms for v in term)


def names_another_event(plan: Plan, facts: ReleaseFacts) -> bool:
    """Whether the release's title and opening name only other kinds of event than the question ("conference"
    for a question about a "week")."""
    asked = asked_events(plan)
    return bool(asked) and bool(facts.lead_events) and not (asked & facts.lead_events)


def _constraint_features(plan: Plan, facts: ReleaseFacts) -> dict[str, float]:
    c = plan.constraints
    wanted_ordinals = set(c.ordinals)
    wanted_years = set(c.years)
    lead_conflict = (
        bool(wanted_ordinals) and bool(facts.lead_ordinals) and not (wanted_ordinals & facts.lead_ordinals)
    )
    own_year = bool(wanted_years & facts.years)
    year_conflict = bool(wanted_years) and not own_year and not (wanted_years & facts.mentioned_years)
    places = len(c.places & facts.places) / len(c.places) if c.places else 0.0
    return {
        "ordinal_lead": float(bool(wanted_ordinals & facts.lead_ordinals)),
        "ordinal_any": float(bool(wanted_ordinals & facts.ordinals)),
        "ordinal_conflict": float(lead_conflict),
        "ordinal_missing": float(bool(wanted_ordinals) and not (wanted_ordinals & facts.ordinals)),
        "year_own": float(own_year),
        "year_mentioned": float(bool(wanted_years & facts.mentioned_years)),
        "year_conflict": float(year_conflict),
        "month_own": float(
            bool(c.month) and any((y, c.month) in facts.months for y in wanted_years or facts.years)
        ),
        "places": places,
        "places_missing": float(bool(c.places) and places == 0.0),
    }


def _relative_features(candidates: list[ReleaseCandidate]) -> None:
    """Each release against the best candidate: a margin means more than an absolute score."""
    for name in ("dense_max", "dense_top3", "coverage"):
        best = max((c.features[name] for c in candidates), default=0.0)
        for candidate in candidates:
            candidate.features[f"{name}_gap"] = candidate.features[name] - best
    for rank, candidate in enumerate(sorted(candidates, key=lambda c: -c.features["dense_max"])):
        candidate.features["dense_rank"] = 1.0 / (rank + 1)


def sentence_candidates(
    plan: Plan, retrieval: Retrieval, release: ReleaseCandidate, index: SearchIndex
) -> list[SentenceCandidate]:
    """The sentences of one release, with features for picking the one that answers."""
    terms = query_tokens(plan, plan.focus_terms)
    keyword = index.sentence_bm25.scores_of([v for term in terms for v in term], release.positions)
    best_keyword = max(keyword, default=0.0) or 1.0
    sims = [retrieval.focus_cosines.get(p, 0.0) for p in release.positions]
    language = release.release.language
    out = []
    for i, position in enumerate(release.positions):
        chunk = index.chunks[position]
        values = sentence_values(chunk.text, language)
        features = _sentence_features(plan, values, chunk.text, language)
        features |= {
            "dense": sims[i],
            "dense_gap": sims[i] - max(sims, default=0.0),
            "dense_question": retrieval.cosines.get(position, 0.0),
            "keyword": keyword[i] / best_keyword,
            "coverage": index.sentence_bm25.coverage(terms, position) if terms else 0.0,
            "qualifier_coverage": (
                index.sentence_bm25.coverage(plan.qualifier, position) if plan.qualifier else 1.0
            ),
            "is_title": float(i == 0),
            "position": i / max(len(release.positions) - 1, 1),
            "length": math.log1p(len(chunk.text)),
            "release_logit": max(min(release.logit, 10.0), -10.0),
            "release_gap": max(release.gap, -10.0),
        }
        # What a sentence is about matters most when no kind of value narrows the choice, and a value of
        # the asked kind counts most in a sentence that is about the question.
        features["dense_if_text"] = features["dense"] * features["wants_text"]
        features["dense_with_type"] = features["dense_gap"] * features["type_share"]
        out.append(SentenceCandidate(position, chunk, release.release, values, features))
    return out


def _sentence_features(plan: Plan, values: tuple[Value, ...], text: str, language: str) -> dict[str, float]:
    """What the sentence states against what the plan asks: kinds of value, the thing counted, the edition."""
    wanted = [k for k in plan.wants if k in VALUE_KINDS]
    kinds = {v.kind for v in values if not v.threshold}  # a bound ("5亿元以上") states no amount
    counts_asked = any(v.kind == "count" and counts_what_is_asked(v, plan.counted, language) for v in values)
    return {
        "type_share": (sum(k in kinds for k in wanted) / len(wanted)) if wanted else 0.0,
        "type_none": float(bool(wanted) and not any(k in kinds for k in wanted)),
        "has_number": float(any(v.kind != "person" for v in values)),
        "wants_text": float(not wanted),
        "ordinal_here": float(bool(set(plan.constraints.ordinals) & set(_ordinals(text, language)))),
        "counted_match": float(counts_asked),
        "counted_asked": float(bool(plan.counted)),
        # A count or amount asked: a sentence stating a signing ("signed", "签约", "unterzeichnet") holds it
        # more often than one stating a fund's size or a revenue.
        "signing_for_figure": float(
            any(k in ("count", "amount") for k in wanted) and bool(SIGN_VERB.search(text))
        ),
    }


def _ordinals(text: str, language: str) -> list[int]:
    return [o.value for o in find_ordinals(text, language)]
