"""`make bench-scale`: index N generated releases and measure build, re-index, memory and answer latency.

    python -m devtools.bench.scale                       # 1,000, 2,000 and 10,000 releases, embedded Chroma
    python -m devtools.bench.scale --sizes 1000 --server # also against a `chroma run` server on loopback

For each size, in one run: the build time of `python -m bot index` beside the pure embedding time of the
same sentences (USE, same thread count), sentences/s, peak RSS of the indexer, a re-index of the unchanged
corpus, and the latency of a fixed question set through `ask --json --batch` (peak RSS of that warm
answerer too); with --server the same against a Chroma server, and whether both answer byte-identically.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SIZES = (1000, 2000, 10000)
SEED = 0
QUESTIONS = 48
TOTAL_SHARE = 8  # of the questions, "total signed in YEAR" ones
PASSAGE_SHARE = 16  # questions about one event, answered from passages
HOSTED = re.compile(r"hosted the (\d{4} [A-Z][\w -]+?) on ")


def question_set(truth: dict, seeds: Path, count: int = QUESTIONS, seed: int = SEED) -> list[str]:
    """A fixed mix of total, place-figure and passage questions about the generated releases."""
    rng = random.Random(seed)
    years = sorted(truth["amount_by_year"])
    questions = [f"total signed in {rng.choice(years)}" for _ in range(TOTAL_SHARE)]
    events = sorted(
        {
            m.group(1)
            for path in sorted(seeds.glob("*_en.txt"))[:400]
            for m in HOSTED.finditer(path.read_text())
        }
    )
    passage = (
        "Who organised the {event}?",
        "How many projects were signed at the {event}?",
        "Which sectors did the projects signed at the {event} cover?",
        "Where was the {event} held?",
    )
    questions += [rng.choice(passage).format(event=rng.choice(events)) for _ in range(PASSAGE_SHARE)]
    forms = (
        "How many projects were signed in {place} on {day}?",
        "How much was signed in {place} in {year}?",
        "{year}年{place}签约了多少个项目？",
        "Wie viele Projekte wurden {year} in {place} unterzeichnet?",
        "Which projects were signed in {place} in {year}?",
    )
    signings = truth["signings"]
    while len(questions) < count:
        signing = rng.choice(signings)
        day = signing["event_date"]
        questions.append(rng.choice(forms).format(place=signing["place"], day=day, year=day[:4]))
    return questions


def run_measured(command: list[str], env: dict) -> tuple[float, float, str, str]:
    """Run a child; its wall seconds, its peak RSS in MB (from wait4), stdout and stderr."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = _drain(process)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {code}: {err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, out, err


def _drain(process: subprocess.Popen) -> tuple[str, str]:
    """Read a child's output to the end without reaping it (wait4 must see its rusage)."""
    import threading

    chunks: dict[str, bytes] = {}

    def read(name: str, stream) -> None:
        chunks[name] = stream.read()

    readers = [
        threading.Thread(target=read, args=(n, s))
        for n, s in (("out", process.stdout), ("err", process.stderr))
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    return chunks["out"].decode(errors="replace"), chunks["err"].decode(errors="replace")


def pure_embedding_seconds(seeds: Path) -> tuple[float, int]:
    """Seconds USE takes to embed exactly the sentences the indexer embeds (parsing not counted)."""
    from index.chunking import chunk_document
    from index.embeddings import create_embedding
    from index.indexer import EMBED_BATCH
    from index.loader import discover_files, load_document
    from index.metadata import extract_metadata
    from index.models import INDEX_THREADS
    from index.prepare import searchable_texts

    texts: list[str] = []
    for path in discover_files(seeds):
        doc = load_document(path, seeds)
        meta = extract_metadata(doc)
        texts += searchable_texts(chunk_document(doc, meta.language), doc.text, meta.dateline_end)
    embedding = create_embedding("use", threads=INDEX_THREADS)
    embedding.load()
    started = time.perf_counter()
    for start in range(0, len(texts), EMBED_BATCH):
        embedding.vectors(texts[start : start + EMBED_BATCH])
    return time.perf_counter() - started, len(texts)


def latencies(answers: list[dict], questions: list[str]) -> dict:
    values = [a["latency_ms"] for a in answers]
    totals = [a["latency_ms"] for a, q in zip(answers, questions, strict=True) if q.startswith("total")]
    ordered = sorted(values)
    return {
        "p50_ms": statistics.median(values),
        "p95_ms": ordered[max(0, int(round(0.95 * len(ordered))) - 1)],
        "max_ms": ordered[-1],
        "total_p50_ms": statistics.median(totals),
    }


def comparable(line: str) -> dict:
    data = json.loads(line)
    data.pop("latency_ms", None)
    return data


def bench_size(n: int, workdir: Path, server: tuple[str, int] | None) -> dict:
    """Generate n releases (kept between runs), build a fresh index, re-index, and ask the question set."""
    from devtools.synthetic.corpus import generate_corpus

    seeds = workdir / f"seeds-{n}"
    if not (seeds / ".truth.json").exists():
        shutil.rmtree(seeds, ignore_errors=True)
        truth = generate_corpus(seeds, n_releases=n, seed=SEED)
        (seeds / ".truth.json").write_text(json.dumps(truth.to_json()), encoding="utf-8")
    truth = json.loads((seeds / ".truth.json").read_text(encoding="utf-8"))
    questions = question_set(truth, seeds)
    batch = workdir / f"questions-{n}.txt"
    batch.write_text("\n".join(questions) + "\n", encoding="utf-8")
    data_dir = workdir / f"data-{n}{'-server' if server else ''}"
    shutil.rmtree(data_dir, ignore_errors=True)
    env = {**os.environ, "SEEDS_DIR": str(seeds), "DATA_DIR": str(data_dir), "EMBED_BACKEND": "use"}
    env.update(CHROMA_HOST=server[0] if server else "", CHROMA_PORT=str(server[1] if server else 8000))
    bot = [sys.executable, "-m", "bot"]
    build_s, build_rss, build_out, _ = run_measured([*bot, "index"], env)
    reindex_s, _, reindex_out, _ = run_measured([*bot, "index"], env)
    ask_s, ask_rss, ask_out, _ = run_measured([*bot, "ask", "--json", "--batch", str(batch)], env)
    answers = [json.loads(line) for line in ask_out.splitlines() if line.strip()]
    return {
        "releases": n,
        "build_s": build_s,
        "build_line": build_out.strip().splitlines()[-1],
        "index_peak_rss_mb": build_rss,
        "reindex_s": reindex_s,
        "reindex_embedded_nothing": " 0 sentences embedded" in reindex_out,
        "answerer_peak_rss_mb": ask_rss,
        "answers": [comparable(line) for line in ask_out.splitlines() if line.strip()],
        **latencies(answers, questions),
    }


def start_server(path: Path) -> tuple[subprocess.Popen, tuple[str, int]]:
    """A `chroma run` server on a free loopback port."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, ("127.0.0.1", port)
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise TimeoutError("chroma run did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--workdir", type=Path, default=ROOT / ".data" / "bench-scale")
    parser.add_argument("--server", action="store_true", help="also measure against a `chroma run` server")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in sorted(args.sizes):
        row = bench_size(n, args.workdir, None)
        embed_s, sentences = pure_embedding_seconds(args.workdir / f"seeds-{n}")
        row.update(embed_s=embed_s, sentences=sentences)
        if args.server:
            process, address = start_server(args.workdir / f"server-{n}")
            try:
                served = bench_size(n, args.workdir, address)
            finally:
                process.terminate()
                process.wait(timeout=30)
            row["server"] = {k: v for k, v in served.items() if k != "answers"}
            row["server_same_answers"] = served["answers"] == row["answers"]
        rows.append(row)
        print(f"{n} releases measured", file=sys.stderr, flush=True)
    print(report(rows))
    return 0


def report(rows: list[dict]) -> str:
    """A Markdown table per measurement, sizes side by side."""
    lines = [
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}",
        "",
        "| releases | sentences | build s | pure embedding s | build / embedding | sentences/s | index peak MB "
        "| re-index s (embeds 0) | answerer peak MB | p50 ms | p95 ms | max ms | total p50 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['releases']:,} | {r['sentences']:,} | {r['build_s']:.1f} | {r['embed_s']:.1f} "
            f"| {r['build_s'] / r['embed_s']:.2f} | {r['sentences'] / r['build_s']:.0f} "
            f"| {r['index_peak_rss_mb']:.0f} | {r['reindex_s']:.1f} ({'yes' if r['reindex_embedded_nothing'] else 'NO'}) "
            f"| {r['answerer_peak_rss_mb']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['max_ms']:.1f} "
            f"| {r['total_p50_ms']:.1f} |"
        )
    served = [r for r in rows if "server" in r]
    if served:
        lines += [
            "",
            "Chroma server on loopback:",
            "",
            "| releases | build s | re-index s | p50 ms | p95 ms | max ms | total p50 ms | answers identical |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in served:
            s = r["server"]
            lines.append(
                f"| {r['releases']:,} | {s['build_s']:.1f} | {s['reindex_s']:.1f} | {s['p50_ms']:.1f} "
                f"| {s['p95_ms']:.1f} | {s['max_ms']:.1f} | {s['total_p50_ms']:.1f} "
                f"| {'yes' if r['server_same_answers'] else 'NO'} |"
            )
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        lines.append(
            f"\np50 at {large['releases']:,} is {large['p50_ms'] / small['p50_ms']:.2f}x the p50 at "
            f"{small['releases']:,}."
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
