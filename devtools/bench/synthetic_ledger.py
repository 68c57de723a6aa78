"""The ledger on a generated corpus: build time beside index time, exact yearly totals, total-question latency."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

SYNTHETIC_RELEASES = 300
SYNTHETIC_SEED = 0
LATENCY_ROUNDS = 20


def bench_synthetic(workdir: Path, backend: str) -> dict:
    """Generate, index, and compare the ledger's yearly totals with the generator's truth."""
    from bot.factory import build_answerer, build_indexer
    from bot.settings import Settings
    from devtools.synthetic.corpus import generate_corpus

    seeds = workdir / "seeds"
    truth = generate_corpus(seeds, n_releases=SYNTHETIC_RELEASES, seed=SYNTHETIC_SEED)
    settings = Settings(_env_file=None, seeds_dir=seeds, data_dir=workdir / ".data", embed_backend=backend)
    indexer = build_indexer(settings)
    report = indexer.run(seeds)
    indexer.close()
    answerer = build_answerer(settings)
    exact_amounts = exact_counts = 0
    for year, amount in truth.amount_by_year.items():
        signings = answerer.live.view().signings(year)
        exact_amounts += abs(sum(s.amount_yuan or 0 for s in signings) - amount) < 1
        exact_counts += sum(s.projects or 0 for s in signings) == truth.projects_by_year[year]
    latencies = []
    for _ in range(LATENCY_ROUNDS):
        for year in truth.amount_by_year:
            started = time.perf_counter()
            answerer.answer(f"total signed in {year}")
            latencies.append((time.perf_counter() - started) * 1000)
    return {
        "releases": SYNTHETIC_RELEASES,
        "failed_files": len(report.failed),
        "index_s": report.seconds,
        "years": len(truth.amount_by_year),
        "years_amount_exact": exact_amounts,
        "years_projects_exact": exact_counts,
        "total_question_p50_ms": statistics.median(latencies),
    }
