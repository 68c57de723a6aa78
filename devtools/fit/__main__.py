"""`python -m devtools.fit`: fit the answer path's decisions on labelled questions, report 5-fold CV, ship weights.

Three logistic regressions (scikit-learn), fitted in order:
  release  - is this candidate release one the answer must cite?
  sentence - does this sentence (of the best releases) hold a required answer string?
  found    - do the releases answer the question at all (false for the unanswerable ones)?
Cross-validation splits the questions (threads included) into 5 folds; each fold's questions are answered
end to end by an answerer using weights fitted on the other four, and scored strictly. The weights fitted on
every question are written to bot/qa/weights.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bot.evaluate import score, source_names
from bot.qa.decide import WEIGHTS, LinearModel, Model, found_features, rank_releases, rank_sentences
from bot.qa.pipeline import RELEASES_READ, ReleaseAnswerer
from bot.qa.retrieve import Retrieval, retrieve, sentence_candidates
from bot.qa.understand import understand

FOLDS = 5
SEED = 0
REGULARISATION = 1.0


@dataclass
class Example:
    """One labelled question (a thread is its last turn with the earlier turns as history)."""

    item: dict
    question: str
    history: list[str]

    @property
    def answerable(self) -> bool:
        return bool(self.item["sources"])


def load_lines(path: Path) -> list[dict]:
    """JSON objects, one a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def expected_sources(item: dict) -> set[str]:
    """The file names an answer may cite: every required file and its twins."""
    return set().union(*(source_names(entry) for entry in item["sources"])) if item["sources"] else set()


def squash(text: str) -> str:
    """Text without white space."""
    return "".join(text.split())


def corpus_answerer(corpus: Path, data_dir: Path) -> ReleaseAnswerer:
    """An answerer over the corpus releases, indexed into `data_dir` first (incremental)."""
    import os
    import subprocess

    from bot.factory import build_answerer
    from bot.settings import Settings

    env = dict(os.environ, SEEDS_DIR=str(corpus / "docs"), DATA_DIR=str(data_dir))
    subprocess.run([sys.executable, "-m", "bot", "index"], env=env, check=True)
    return build_answerer(Settings(seeds_dir=corpus / "docs", data_dir=data_dir))


def examples(corpus: Path) -> list[Example]:
    """The labelled questions and threads of a corpus folder."""
    found = [Example(q, q["question"], []) for q in load_lines(corpus / "questions.jsonl")]
    for thread in load_lines(corpus / "threads.jsonl"):
        item = dict(thread, kind="thread", lang="thread")
        found.append(Example(item, thread["turns"][-1], thread["turns"][:-1]))
    return found


class FeatureCache:
    """Retrievals per question, computed once (they don't depend on the weights)."""

    def __init__(self, answerer: ReleaseAnswerer):
        self.answerer = answerer
        self._retrievals: dict[tuple, Retrieval] = {}

    def retrieval(self, example: Example) -> Retrieval:
        key = (example.question, tuple(example.history))
        if key not in self._retrievals:
            plan = understand(example.question, example.history)
            self._retrievals[key] = retrieve(plan, self.answerer.index)
        return self._retrievals[key]


def _sentence_label(text: str, must: list[list[str]]) -> int:
    text = squash(text).lower()
    return int(any(squash(option).lower() in text for group in must for option in group))


def fit_linear(rows: list[dict], labels: list[int]) -> LinearModel:
    """A standardised logistic regression over the rows' features."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for row in rows for name in row})
    matrix = np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=float)
    means = matrix.mean(axis=0)
    scales = matrix.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=2000)
    model.fit((matrix - means) / scales, labels)
    return LinearModel(
        tuple(names), tuple(model.coef_[0]), float(model.intercept_[0]), tuple(means), tuple(scales)
    )


def fit(train: list[Example], cache: FeatureCache) -> Model:
    """The three models fitted in order on `train`."""
    rows, labels = [], []
    for example in train:
        expected = expected_sources(example.item)
        for candidate in cache.retrieval(example).releases:
            rows.append(candidate.features)
            labels.append(int(candidate.source.split("/")[-1] in expected))
    release = fit_linear(rows, labels)
    neutral = LinearModel(("dense",), (1.0,), 0.0, (0.0,), (1.0,))
    staged = Model(release, neutral, neutral)
    rows, labels = [], []
    for example in train:
        retrieval = cache.retrieval(example)
        expected = expected_sources(example.item)
        for candidate in _read_releases(retrieval, staged, expected):
            for sentence in sentence_candidates(retrieval.plan, retrieval, candidate, cache.answerer.index):
                rows.append(sentence.features)
                in_source = candidate.source.split("/")[-1] in expected
                labels.append(int(in_source and _sentence_label(sentence.chunk.text, example.item["must"])))
    sentence = fit_linear(rows, labels)
    staged = Model(release, sentence, neutral)
    rows = [_found_row(example, cache, staged) for example in train]
    found = fit_linear(rows, [int(e.answerable) for e in train])
    return Model(release, sentence, found)


def _read_releases(retrieval: Retrieval, model: Model, expected: set[str]):
    """The releases the answerer reads, plus the expected ones (so the sentence model sees positives)."""
    ranked = rank_releases(retrieval.releases, model)
    return ranked[:RELEASES_READ] + [c for c in ranked[RELEASES_READ:] if c.source.split("/")[-1] in expected]


def _found_row(example: Example, cache: FeatureCache, model: Model) -> dict:
    retrieval = cache.retrieval(example)
    releases = rank_releases(retrieval.releases, model)
    sentences = []
    for candidate in releases[:RELEASES_READ]:
        sentences += sentence_candidates(retrieval.plan, retrieval, candidate, cache.answerer.index)
    return found_features(releases, rank_sentences(sentences, model))


def folds(items: list[Example]) -> list[list[Example]]:
    """FOLDS folds, each kind spread evenly, fixed seed."""
    by_kind = defaultdict(list)
    for example in items:
        by_kind[example.item["kind"]].append(example)
    result: list[list[Example]] = [[] for _ in range(FOLDS)]
    rng = random.Random(SEED)
    turn = 0
    for kind in sorted(by_kind):
        group = by_kind[kind]
        rng.shuffle(group)
        for example in group:
            result[turn % FOLDS].append(example)
            turn += 1
    return result


def cross_validate(items: list[Example], cache: FeatureCache, corpus: Path) -> list[dict]:
    """Every question answered by weights fitted without it; one scored row each."""
    rows = []
    for k, held_out in enumerate(folds(items)):
        train = [e for e in items if e not in held_out]
        cache.answerer.model = fit(train, cache)
        for example in held_out:
            answer = cache.answerer.answer(example.question, example.history).to_json()
            verdict = score(
                example.item, answer, lambda source: _read(corpus, source), collapse_whitespace=True
            )
            rows.append(
                {
                    "id": example.item["id"],
                    "kind": example.item["kind"],
                    "lang": example.item["lang"],
                    "fold": k,
                    "passed": verdict.passed,
                    "reasons": list(verdict.reasons),
                    "answer": answer["answer"],
                    "cited": [c["source"] for c in answer["citations"]],
                }
            )
        print(
            f"fold {k + 1}/{FOLDS}: {sum(r['passed'] for r in rows if r['fold'] == k)}/{len(held_out)}",
            file=sys.stderr,
        )
    return rows


def print_tables(rows: list[dict]) -> None:
    """Cross-validated strict passes by kind and by language."""
    for key in ("kind", "lang"):
        groups = defaultdict(list)
        for row in rows:
            groups[row[key]].append(row["passed"])
        print(f"{key:<15} {'passed':>6} {'total':>6}")
        for name in sorted(groups):
            print(f"{name:<15} {sum(groups[name]):>6} {len(groups[name]):>6}")
    questions = [r for r in rows if r["kind"] != "thread"]
    print(
        f"questions {sum(r['passed'] for r in questions)}/{len(questions)}; "
        f"threads {sum(r['passed'] for r in rows if r['kind'] == 'thread')}/{len(rows) - len(questions)}"
    )


def _read(corpus: Path, source: str) -> str:
    try:
        return (corpus / source).read_text(encoding="utf-8")
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.fit", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--data-dir", type=Path, default=Path(".data/eval-corpus"))
    parser.add_argument("--no-cv", action="store_true", help="fit and write the weights only")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args(argv)
    answerer = corpus_answerer(args.corpus, args.data_dir)
    cache = FeatureCache(answerer)
    items = examples(args.corpus)
    if not args.no_cv:
        rows = cross_validate(items, cache, args.corpus)
        out = args.data_dir / "cv-results.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print_tables(rows)
    model = fit(items, cache)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (fitted on {len(items)} questions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
