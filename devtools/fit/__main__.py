"""`python -m devtools.fit`: fit the answer path's decisions on labelled questions, report 5-fold CV, ship weights.

Three logistic regressions (scikit-learn), fitted in order:
  release  - is this candidate release one the answer must cite?
  sentence - does this sentence (of the best releases) hold a required answer string?
  found    - do the releases answer the question at all (false for the unanswerable ones)? Its threshold
             is the one deciding most training questions right in a repeated inner cross-validation.
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
from bot.qa.understand import ordinal_text, understand
from index.lang.numbers import YEAR
from index.lang.ordinals import find_ordinals

FOLDS = 5
SEED = 0
REGULARISATION = 1.0


@dataclass
class Example:
    """One labelled question (a thread is its last turn with the earlier turns as history) over one index."""

    item: dict
    question: str
    history: list[str]
    cache: FeatureCache
    root: Path  # the folder cited sources are relative to

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


def indexed_answerer(seeds: Path, data_dir: Path) -> ReleaseAnswerer:
    """An answerer over the releases in `seeds`, indexed into `data_dir` first (incremental)."""
    import os
    import subprocess

    from bot.factory import build_answerer
    from bot.settings import Settings

    env = dict(os.environ, SEEDS_DIR=str(seeds), DATA_DIR=str(data_dir))
    subprocess.run([sys.executable, "-m", "bot", "index"], env=env, check=True, stdout=subprocess.DEVNULL)
    return build_answerer(Settings(_env_file=None, seeds_dir=seeds, data_dir=data_dir))


def examples(corpus: Path, cache: FeatureCache) -> list[Example]:
    """The labelled questions and threads of a corpus folder."""
    found = [Example(q, q["question"], [], cache, corpus) for q in load_lines(corpus / "questions.jsonl")]
    for thread in load_lines(corpus / "threads.jsonl"):
        item = dict(thread, kind="thread", lang="thread")
        found.append(Example(item, thread["turns"][-1], thread["turns"][:-1], cache, corpus))
    return found


def gold_examples(gold: Path, seeds: Path, cache: FeatureCache) -> list[Example]:
    """The gold questions over the project's seeds, marked as their own set."""
    return [Example(dict(q, set="gold"), q["question"], [], cache, seeds.parent) for q in load_lines(gold)]


class FeatureCache:
    """Retrievals per question, computed once: candidates and features do not depend on the weights (ranking
    sets each candidate's log-odds afresh every time it ranks them)."""

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


def fit_linear(rows: list[dict], labels: list[int], balanced: bool = True) -> LinearModel:
    """A standardised logistic regression over the rows' features; `balanced` weighs both classes alike
    (right for ranking, where only the order counts; a yes/no decision keeps the real class shares)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for row in rows for name in row})
    matrix = np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=float)
    means = matrix.mean(axis=0)
    scales = matrix.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=REGULARISATION, class_weight="balanced" if balanced else None, max_iter=2000)
    model.fit((matrix - means) / scales, labels)
    return LinearModel(
        tuple(names), tuple(model.coef_[0]), float(model.intercept_[0]), tuple(means), tuple(scales)
    )


def fit(train: list[Example]) -> Model:
    """The three models fitted in order on `train`."""
    rows, labels = [], []
    for example in train:
        expected = expected_sources(example.item)
        for candidate in example.cache.retrieval(example).releases:
            rows.append(candidate.features)
            labels.append(int(candidate.source.split("/")[-1] in expected))
    release = fit_linear(rows, labels)
    neutral = LinearModel(("dense",), (1.0,), 0.0, (0.0,), (1.0,))
    staged = Model(release, neutral, neutral)
    rows, labels = [], []
    for example in train:
        retrieval = example.cache.retrieval(example)
        expected = expected_sources(example.item)
        for candidate in _read_releases(retrieval, staged, expected):
            for sentence in sentence_candidates(
                retrieval.plan, retrieval, candidate, example.cache.answerer.index
            ):
                rows.append(sentence.features)
                in_source = candidate.source.split("/")[-1] in expected
                labels.append(int(in_source and _sentence_label(sentence.chunk.text, example.item["must"])))
    sentence = fit_linear(rows, labels)
    staged = Model(release, sentence, neutral)
    rows, labels, questions = [], [], []
    for example in train + unanswerable_variants(train):
        row, top = _found_row(example, staged)
        if example.answerable and top not in expected_sources(example.item):
            continue  # the right answer was not on offer: nothing to learn about "found" here
        rows.append(row)
        labels.append(int(example.answerable))
        questions.append(example.item["id"].removesuffix(VARIANT_SUFFIX))
    found = fit_linear(rows, labels, balanced=False)
    return Model(release, sentence, found, found_threshold(rows, labels, questions))


THRESHOLDS = [round(0.2 + 0.05 * i, 2) for i in range(13)]  # 0.2 … 0.8
THRESHOLD_REPEATS = 5  # inner cross-validations, each split its own way: one split's choice is noisy


def found_threshold(rows: list[dict], labels: list[int], questions: list[str]) -> float:
    """The probability from which the releases are taken to answer: the one deciding most training questions
    right when each is decided by a "found" model fitted without it (inner 5-fold cross-validation by
    question, a question's variants with it, repeated over differently shuffled splits), the one nearest 0.5
    among equals."""
    right = dict.fromkeys(THRESHOLDS, 0)
    names = sorted(set(questions))
    for repeat in range(THRESHOLD_REPEATS):
        random.Random(repeat).shuffle(names)
        fold_of = {name: n % FOLDS for n, name in enumerate(names)}
        for k in range(FOLDS):
            held = [i for i, name in enumerate(questions) if fold_of[name] == k]
            kept = [i for i, name in enumerate(questions) if fold_of[name] != k]
            if len({labels[i] for i in kept}) < 2:
                continue  # one kind of answer only: nothing to fit
            model = fit_linear([rows[i] for i in kept], [labels[i] for i in kept], balanced=False)
            for i in held:
                p = model.probability(rows[i])
                for threshold in THRESHOLDS:
                    right[threshold] += (p >= threshold) == bool(labels[i])
    return max(THRESHOLDS, key=lambda t: (right[t], -abs(t - 0.5)))


# Edition numbers and years no release is about: a labelled question moved there has no answer.
VARIANT_ORDINAL_SHIFT = 40
VARIANT_YEAR_SHIFT = 20
VARIANT_SUFFIX = "-moved"  # of a variant's question id


def unanswerable_variants(train: list[Example]) -> list[Example]:
    """More examples of "the releases don't say" for the found decision: each answerable question that names
    an edition or a year, asked about one far off (the 45th instead of the 5th, 2043 instead of 2023)."""
    variants = []
    for example in train:
        if not example.answerable or example.history:
            continue
        plan = understand(example.question)
        text = example.question
        mentions = find_ordinals(text, plan.language)
        if mentions:
            m = mentions[0]
            shifted = ordinal_text(m.value + VARIANT_ORDINAL_SHIFT, plan.language)
            text = text[: m.start] + shifted + text[m.end :]
        text = YEAR.sub(lambda y: str(int(y.group()) + VARIANT_YEAR_SHIFT), text)
        if text != example.question:
            item = dict(
                example.item, id=example.item["id"] + VARIANT_SUFFIX, sources=[], must=[], kind="unanswerable"
            )
            variants.append(Example(item, text, [], example.cache, example.root))
    return variants


def _read_releases(retrieval: Retrieval, model: Model, expected: set[str]):
    """The releases the answerer reads, plus the expected ones (so the sentence model sees positives)."""
    ranked = rank_releases(retrieval.releases, model)
    return ranked[:RELEASES_READ] + [c for c in ranked[RELEASES_READ:] if c.source.split("/")[-1] in expected]


def _found_row(example: Example, model: Model) -> tuple[dict, str]:
    """The found features of a question, and the file name of its top release."""
    retrieval = example.cache.retrieval(example)
    releases = rank_releases(retrieval.releases, model)
    sentences = []
    for candidate in releases[:RELEASES_READ]:
        sentences += sentence_candidates(retrieval.plan, retrieval, candidate, example.cache.answerer.index)
    top = releases[0].source.split("/")[-1] if releases else ""
    return found_features(retrieval, releases, rank_sentences(sentences, model)), top


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


def cross_validate(items: list[Example]) -> list[dict]:
    """Every question answered by weights fitted without it; one scored row each."""
    rows = []
    for k, held_out in enumerate(folds(items)):
        train = [e for e in items if e not in held_out]
        model = fit(train)
        for example in held_out:
            answerer = example.cache.answerer
            answerer.model = model
            answer = answerer.answer(example.question, example.history).to_json()
            verdict = score(
                example.item,
                answer,
                lambda source, root=example.root: _read(root, source),
                collapse_whitespace=example.item.get("set") != "gold",
            )
            rows.append(
                {
                    "id": example.item["id"],
                    "set": example.item.get("set", "corpus"),
                    "kind": example.item["kind"],
                    "lang": example.item["lang"],
                    "fold": k,
                    "passed": verdict.passed,
                    "reasons": list(verdict.reasons),
                    "answer": answer["answer"],
                    "cited": [c["source"] for c in answer["citations"]],
                    "expected": sorted(expected_sources(example.item)),
                }
            )
        done = [r for r in rows if r["fold"] == k]
        print(f"fold {k + 1}/{FOLDS}: {sum(r['passed'] for r in done)}/{len(done)}", file=sys.stderr)
    return rows


def print_tables(rows: list[dict]) -> None:
    """Cross-validated strict passes per set, by kind and by language, and citation precision."""
    for name in ("gold", "corpus"):
        subset = [r for r in rows if r["set"] == name]
        for key in ("kind", "lang"):
            groups = defaultdict(list)
            for row in subset:
                groups[row[key]].append(row["passed"])
            print(f"{name + ' by ' + key:<22} {'passed':>6} {'total':>6}")
            for group in sorted(groups):
                print(f"  {group:<20} {sum(groups[group]):>6} {len(groups[group]):>6}")
    questions = [r for r in rows if r["set"] == "corpus" and r["kind"] != "thread"]
    threads = [r for r in rows if r["kind"] == "thread"]
    gold = [r for r in rows if r["set"] == "gold"]
    print(
        f"corpus questions {sum(r['passed'] for r in questions)}/{len(questions)}; "
        f"threads {sum(r['passed'] for r in threads)}/{len(threads)}; "
        f"gold {sum(r['passed'] for r in gold)}/{len(gold)}"
    )
    for name, subset in (("corpus questions and threads", questions + threads), ("gold", gold)):
        cited = [(Path(c).name, r["expected"]) for r in subset if r["expected"] for c in set(r["cited"])]
        expected = sum(file in names for file, names in cited)
        print(f"citation precision, {name}: {expected / max(len(cited), 1):.2f} ({expected} of {len(cited)})")


def _read(corpus: Path, source: str) -> str:
    try:
        return (corpus / source).read_text(encoding="utf-8")
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.fit", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--data-dir", type=Path, default=Path(".data/eval-corpus"))
    parser.add_argument("--gold", type=Path, default=Path("tests/data/gold_seeds.jsonl"))
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--gold-data-dir", type=Path, default=Path(".data/fit-gold"))
    parser.add_argument("--no-cv", action="store_true", help="fit and write the weights only")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args(argv)
    corpus = FeatureCache(indexed_answerer(args.corpus / "docs", args.data_dir))
    gold = FeatureCache(indexed_answerer(args.seeds, args.gold_data_dir))
    items = examples(args.corpus, corpus) + gold_examples(args.gold, args.seeds, gold)
    if not args.no_cv:
        rows = cross_validate(items)
        out = args.data_dir / "cv-results.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print_tables(rows)
    model = fit(items)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (fitted on {len(items)} questions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
