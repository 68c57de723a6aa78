"""A synthetic corpus of signing releases (en/de/zh) with distractors, and the truth to score the ledger by.

Example: python -m devtools.synthetic /tmp/corpus --n 300 --seed 0
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from devtools.synthetic import templates as t
from devtools.synthetic.state import CorpusWriter
from devtools.synthetic.writers import write_release

RELEASES_PER_FOUR_YEARS = 2000
# Release kinds and how often each is drawn; a pair writes two releases of one signing.
KINDS = {"en": 20, "de": 10, "zh": 14, "zh_spun": 8, "pair": 12, "roundup": 5, "briefing": 8, "news": 12}


@dataclass(frozen=True)
class TruthSigning:
    """One real signing of the corpus and every file reporting it."""

    event_date: str
    place: str
    projects: int | None
    amount_yuan: float | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CorpusTruth:
    """What a perfect ledger finds in the corpus."""

    signings: tuple[TruthSigning, ...]
    amount_by_year: dict[int, float]  # yuan, distinct signings only
    projects_by_year: dict[int, int]
    languages: dict[str, str]  # file name → "en", "de" or "zh"
    distractor_amounts: tuple[float, ...]  # yuan figures that are not signings
    tallies: tuple[tuple[str, int, float], ...]  # running tallies (file, projects, yuan): cumulative rows

    def to_json(self) -> dict:
        """The truth as JSON-ready data."""
        return asdict(self)


def generate_corpus(out_dir: Path, n_releases: int = 300, seed: int = 0) -> CorpusTruth:
    """Write `n_releases` releases into `out_dir` and return what a perfect ledger finds in them."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    # Every signing must stay distinguishable from the others (see state._confusable); four years hold about
    # RELEASES_PER_FOUR_YEARS releases, so a larger corpus starts earlier.
    years = max(4, math.ceil(4 * n_releases / RELEASES_PER_FOUR_YEARS))
    first_day = t.FIRST_DAY if years == 4 else date(t.LAST_DAY.year - years + 1, 1, 10)
    corpus = CorpusWriter(out_dir, rng, first_day)
    while len(corpus.languages) < n_releases:
        kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
        if kind == "pair" and n_releases - len(corpus.languages) < 2:
            kind = "en"
        write_release(corpus, kind)
    return _truth(corpus)


def _truth(corpus: CorpusWriter) -> CorpusTruth:
    amounts: dict[int, float] = defaultdict(float)
    projects: dict[int, int] = defaultdict(int)
    signings = []
    for event in sorted(corpus.events, key=lambda e: e.day):
        if not event.sources:
            continue
        amount = event.millions * 1e6 if event.millions is not None else None
        signings.append(
            TruthSigning(event.day.isoformat(), event.city.en, event.projects, amount, tuple(event.sources))
        )
        amounts[event.day.year] += amount or 0.0
        projects[event.day.year] += event.projects or 0
    return CorpusTruth(
        tuple(signings),
        dict(amounts),
        dict(projects),
        dict(corpus.languages),
        tuple(corpus.distractors),
        tuple(corpus.tallies),
    )


def main(argv: list[str] | None = None) -> int:
    """Write a corpus and its truth (OUT_DIR/.truth.json, hidden from the indexer)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=300, help="number of releases (default 300)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    truth = generate_corpus(args.out_dir, args.n, args.seed)
    (args.out_dir / ".truth.json").write_text(json.dumps(truth.to_json(), ensure_ascii=False, indent=1))
    print(f"{len(truth.languages)} releases, {len(truth.signings)} signings → {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
