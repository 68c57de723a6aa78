"""`make bench`: index time, answer latency and retrieval quality beside the canonical LlamaIndex pipeline,
then the ledger on a synthetic corpus. Medians over repeated runs; everything in one run on this machine."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from devtools.bench.baseline import baseline_retrieve, build_baseline

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold_seeds.jsonl"  # the gold questions over ./seeds
WARM_ROUNDS = 5
COLD_RUNS = 3
OUR_TOP_K = 3


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def settings_for(workdir: Path, seeds: Path, backend: str):
    from bot.settings import Settings

    return Settings(_env_file=None, seeds_dir=seeds, data_dir=workdir / ".data", embed_backend=backend)


def bench_index(settings) -> dict:
    """Fresh index build, then a re-run over the unchanged corpus through the real CLI."""
    from bot.factory import build_indexer

    indexer = build_indexer(settings)
    report = indexer.run(settings.seeds_dir)
    indexer.close()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "index"],
        check=True,
        capture_output=True,
        env=_env(settings),
    )
    return {
        "build_s": report.seconds,
        "embed_s": report.embed_seconds,
        "sentences": report.chunks_embedded,
        "unchanged_cli_s": time.perf_counter() - started,
    }


def _env(settings) -> dict:
    import os

    return {
        **os.environ,
        "SEEDS_DIR": str(settings.seeds_dir),
        "DATA_DIR": str(settings.data_dir),
        "EMBED_BACKEND": settings.embed_backend,
    }


def bench_latency(settings, gold: list[dict]) -> dict:
    """Warm answer latency per question kind (ledger vs passages) and cold start of `ask`."""
    from bot.factory import build_answerer
    from bot.qa.understand import understand

    answerer = build_answerer(settings)
    answerer.answer("warm up the model")
    ledger, passages = [], []
    for _ in range(WARM_ROUNDS):
        for item in gold:
            started = time.perf_counter()
            answerer.answer(item["question"])
            elapsed = (time.perf_counter() - started) * 1000
            (ledger if understand(item["question"]).operation == "period_total" else passages).append(elapsed)
    every = ledger + passages
    return {
        "warm_p50_ms": statistics.median(every),
        "warm_p95_ms": percentile(every, 0.95),
        "ledger_p50_ms": statistics.median(ledger),
        "passage_p50_ms": statistics.median(passages),
        "cold_ledger_s": _cold_start(settings, "total signed in 2025"),
        "cold_passage_s": _cold_start(settings, "Who led the Jiangmen delegation to Shenzhen?"),
    }


def _cold_start(settings, question: str) -> float:
    runs = []
    for _ in range(COLD_RUNS):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", question, "--json"],
            check=True,
            capture_output=True,
            env=_env(settings),
        )
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def _answer_in(texts: list[str], must: list[list[str]]) -> bool:
    joined = "\n".join(texts)
    return all(any(option in joined for option in group) for group in must)


def bench_retrieval(settings, gold: list[dict], workdir: Path) -> dict:
    """Expected sources among our top 3 releases and among the answer's citations, answer-in-retrieved-text
    (our top 3 sentences), beside the canonical pipeline's top-2 chunks."""
    from bot.factory import build_answerer, open_embedding
    from bot.qa.decide import rank_releases
    from bot.qa.retrieve import retrieve
    from bot.qa.understand import understand

    answerable = [g for g in gold if g["sources"]]
    answerer = build_answerer(settings)
    baseline, baseline_build_s = build_baseline(
        settings.seeds_dir, workdir / "baseline", open_embedding(settings)
    )
    counts = dict.fromkeys(("top3", "cited", "text", "base_hit", "base_text"), 0)
    for item in answerable:
        expected = set(item["sources"])
        plan = understand(item["question"])
        ranked = rank_releases(retrieve(plan, answerer.index).releases, answerer.model)
        counts["top3"] += expected <= {Path(c.source).name for c in ranked[:OUR_TOP_K]}
        answer = answerer.answer(item["question"])
        counts["cited"] += expected <= {Path(c.source).name for c in answer.citations}
        counts["text"] += _answer_in([c.quote for c in answer.citations], item["must"])
        retrieved = baseline_retrieve(baseline, item["question"])
        counts["base_hit"] += expected <= {name for name, _ in retrieved}
        counts["base_text"] += _answer_in([text for _, text in retrieved], item["must"])
    return {
        "questions": len(answerable),
        "ours_source_in_top3_releases": counts["top3"],
        "ours_source_cited_by_answer": counts["cited"],
        "ours_answer_in_quotes": counts["text"],
        "baseline_source_in_top2_chunks": counts["base_hit"],
        "baseline_answer_in_top2_chunks": counts["base_text"],
        "baseline_build_s": baseline_build_s,
    }


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print one table per part."""
    parser = argparse.ArgumentParser(prog="python -m devtools.bench", description=__doc__)
    parser.add_argument("--backend", default="use", choices=["use", "sentence-transformers"])
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--skip-slack", action="store_true")
    args = parser.parse_args(argv)
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        settings = settings_for(workdir, ROOT / "seeds", args.backend)
        results["index"] = bench_index(settings)
        results["latency"] = bench_latency(settings, gold)
        results["retrieval"] = bench_retrieval(settings, gold, workdir)
        if not args.skip_synthetic:
            from devtools.bench.synthetic_ledger import bench_synthetic

            results["synthetic"] = bench_synthetic(workdir / "synthetic", args.backend)
        print_report(args.backend, results)
        if not args.skip_slack:
            print("\n## slack: 20 concurrent mentions, each answer held ≥ 2 s (real answerer)")
            sys.stdout.flush()
            slack = subprocess.run(
                [sys.executable, "-m", "devtools.bench.slack_acks", "--real"], cwd=ROOT, env=_env(settings)
            )
            return slack.returncode
    return 0


def print_report(backend: str, results: dict) -> None:
    """Plain tables, one line per figure."""
    print(f"# make bench — embedding backend: {backend}")
    for part, figures in results.items():
        print(f"\n## {part}")
        for name, value in figures.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"{name:<28} {shown}")


if __name__ == "__main__":
    sys.exit(main())
