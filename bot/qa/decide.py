"""Decide: rank releases and sentences and say whether the releases answer, with small fitted models.

The weights are fitted by `python -m devtools.fit` on labelled questions (logistic regression, 5-fold
cross-validated) and shipped in weights.json beside this file.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from bot.qa.extract import running_tally
from bot.qa.retrieve import ReleaseCandidate, Retrieval, SentenceCandidate

WEIGHTS = Path(__file__).with_name("weights.json")
MAX_LOGIT = 40.0
# Log-odds handed on as features are clipped to the range fitting saw; an absent second release counts as
# a release this far behind.
FEATURE_LOGIT = 10.0


def sigmoid(z: float) -> float:
    """The probability of log-odds z."""
    return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over named features (standardised with the stored means and scales)."""

    names: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    means: tuple[float, ...]
    scales: tuple[float, ...]

    def logit(self, features: dict[str, float]) -> float:
        """The log-odds for one feature dict; a feature the model doesn't know is ignored, a missing one is 0."""
        z = self.intercept
        for name, w, mean, scale in zip(self.names, self.coef, self.means, self.scales, strict=True):
            z += w * (features.get(name, 0.0) - mean) / scale
        return max(min(z, MAX_LOGIT), -MAX_LOGIT)

    def probability(self, features: dict[str, float]) -> float:
        """P(positive) for one feature dict."""
        return sigmoid(self.logit(features))

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        """From the weights file's object."""
        n = len(data["names"])
        return cls(
            tuple(data["names"]),
            tuple(data["coef"]),
            float(data["intercept"]),
            tuple(data.get("means", [0.0] * n)),
            tuple(data.get("scales", [1.0] * n)),
        )

    def to_json(self) -> dict:
        """The weights file's object."""
        return {
            "names": list(self.names),
            "coef": [round(c, 6) for c in self.coef],
            "intercept": round(self.intercept, 6),
            "means": [round(m, 6) for m in self.means],
            "scales": [round(s, 6) for s in self.scales],
        }


@dataclass(frozen=True)
class Model:
    """The three fitted decisions: which release, which sentence, and whether the releases answer at all."""

    release: LinearModel
    sentence: LinearModel
    found: LinearModel
    found_threshold: float = 0.5

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> Model:
        """The shipped (or given) weights."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: dict) -> Model:
        """From the weights file's content."""
        return cls(
            LinearModel.from_json(data["release"]),
            LinearModel.from_json(data["sentence"]),
            LinearModel.from_json(data["found"]),
            float(data.get("found_threshold", 0.5)),
        )

    def to_json(self) -> dict:
        """The weights file's content."""
        return {
            "release": self.release.to_json(),
            "sentence": self.sentence.to_json(),
            "found": self.found.to_json(),
            "found_threshold": self.found_threshold,
        }


def rank_releases(releases: list[ReleaseCandidate], model: Model) -> list[ReleaseCandidate]:
    """The releases, most likely to answer first, each with its probability set."""
    for candidate in releases:
        candidate.logit = model.release.logit(candidate.features)
    ranked = sorted(releases, key=lambda c: c.logit, reverse=True)
    for candidate in ranked:
        candidate.gap = candidate.logit - ranked[0].logit
    return ranked


def rank_sentences(sentences: list[SentenceCandidate], model: Model) -> list[SentenceCandidate]:
    """The sentences, most likely to hold the answer first, each with its probability set."""
    for candidate in sentences:
        candidate.logit = model.sentence.logit(candidate.features)
        candidate.probability = sigmoid(candidate.logit)
    return sorted(sentences, key=lambda c: c.logit, reverse=True)


def found_features(
    retrieval: Retrieval, releases: list[ReleaseCandidate], sentences: list[SentenceCandidate]
) -> dict[str, float]:
    """What the 'found' decision weighs: how sure the rankings are and whether the constraints are met."""
    top = releases[0] if releases else None
    best = sentences[0] if sentences else None
    features = {
        "release_logit": _clip(top.logit) if top else -FEATURE_LOGIT,
        "release_margin": _clip(-releases[1].gap) if len(releases) > 1 else FEATURE_LOGIT,
        "sentence_logit": _clip(best.logit) if best else -FEATURE_LOGIT,
        "unknown_terms": retrieval.unknown_terms,
    }
    if top:
        for name in ("ordinal_missing", "year_conflict", "places_missing"):
            features[name] = top.features.get(name, 0.0)
        # Shared words say more within one language: a word the question uses that its own-language
        # release lacks ("visitors", "foreign") is a near miss.
        features["coverage_same_language"] = top.features["coverage"] * top.features["same_language"]
        features["same_language"] = top.features["same_language"]
        # Across languages only the shared vocabulary (index.lang.concepts) matches: weighed on its own.
        features["coverage"] = top.features["coverage"]
        features["missing_weight"] = top.features["missing_weight"]
        features["missing_weight_same_language"] = (
            top.features["missing_weight"] * top.features["same_language"]
        )
    if best:
        features["sentence_type_none"] = best.features.get("type_none", 0.0)
        features["sentence_counted_missing"] = best.features["counted_asked"] * (
            1 - best.features["counted_match"]
        )
        features["sentence_coverage_same_language"] = best.features["coverage"] * features.get(
            "same_language", 0.0
        )
        features["sentence_coverage"] = best.features["coverage"]
    if top and retrieval.plan.wants_figure():
        # The top release states the asked figure only as a running tally ("the previous five fairs signed
        # …"), and the question asks about one event: a near miss.
        stating = [s for s in sentences if s.release.source == top.source and not s.features["type_none"]]
        features["figure_only_running"] = float(
            bool(stating) and all(running_tally(s.chunk.text) != retrieval.plan.running for s in stating)
        )
    return features


def _clip(logit: float) -> float:
    return max(min(logit, FEATURE_LOGIT), -FEATURE_LOGIT)


def is_found(features: dict[str, float], model: Model) -> tuple[bool, float]:
    """Whether the releases answer, and the probability behind it."""
    p = model.found.probability(features)
    return p >= model.found_threshold, p
