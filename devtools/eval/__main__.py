"""`python -m devtools.eval` (`make eval`): strict tables by kind and language for the gold set over ./seeds and,
when ../shared/corpus is present, for its questions and threads; citation precision; result rows as JSON lines.

examples:
  python -m devtools.eval                       # every set
  python -m devtools.eval --only threads        # one set (gold, corpus or threads)
  python -m devtools.eval --ids tq001,tt04 -v   # a few questions, every failure with its reasons
  python -m devtools.eval --corpus DIR          # another corpus laid out alike, indexed in .data/eval-<DIR>-<hash>
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from devtools.eval.report import score_rows, summary, write_results
from devtools.eval.runner import RunError, ask, index
from devtools.eval.sets import CORPUS, ROOT, SEEDS, SET_NAMES, EvalItem, load_set

PROJECT_DATA = ROOT / ".data"  # the project's own index of ./seeds (the default DATA_DIR)
EVAL_DATA = ROOT / ".data" / "eval-corpus"  # ../shared/corpus's index, batch files and results


def eval_data(corpus: Path) -> Path:
    """Where a corpus is indexed and its batch and result files go: another corpus gets a folder of its own,
    so scoring it never re-indexes the shared one."""
    if corpus.resolve() == CORPUS.resolve():
        return EVAL_DATA
    digest = hashlib.sha1(str(corpus.resolve()).encode()).hexdigest()[:8]
    return EVAL_DATA.with_name(f"eval-{corpus.resolve().name}-{digest}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Options: --only, --ids, --corpus, --verbose."""
    parser = argparse.ArgumentParser(
        prog="python -m devtools.eval",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--only", choices=SET_NAMES, help="score one set only")
    parser.add_argument("--ids", help="comma-separated ids (d01, tq001, tt04…): score only these")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"the corpus folder (default {CORPUS})")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failure with its reasons")
    return parser.parse_args(argv)


def reader(seeds_dir: Path):
    """Reads a cited `source` ("<seeds folder name>/<file>") as the indexer named it; '' if it is gone."""

    def read(source: str) -> str:
        try:
            return (seeds_dir.parent / source).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    return read


def run_set(
    name: str, items: list[EvalItem], seeds_dir: Path, data_dir: Path, files: Path, verbose: bool
) -> str:
    """Ask every item through the CLI, score it, write the results file into `files`; returns the printed
    block."""
    print(f"asking {len(items)} {name} questions…", file=sys.stderr, flush=True)
    answers, _ = ask(items, seeds_dir, data_dir, files / f"batch-{name}.jsonl")
    rows = score_rows(items, answers, reader(seeds_dir), collapse=name != "gold")
    results = files / f"results-{name}.jsonl"
    write_results(rows, results)
    where = "./seeds" if name == "gold" else str(seeds_dir)
    return summary(f"{name}: {len(items)} questions over {where}", items, rows, results, verbose)


def main(argv: list[str] | None = None) -> int:
    """Index what is needed, then score each chosen set; exit 1 when a bot subprocess failed."""
    args = parse_args(argv)
    wanted = [args.only] if args.only else list(SET_NAMES)
    ids = {part.strip() for part in (args.ids or "").split(",") if part.strip()}
    corpus_present = (args.corpus / "docs").is_dir()
    if not corpus_present and wanted != ["gold"]:
        print(f"{args.corpus} not found: corpus and threads skipped", file=sys.stderr)
        wanted = [name for name in wanted if name == "gold"]
    files = eval_data(args.corpus)
    try:
        blocks, indexed = [], set()
        for name in wanted:
            items = [item for item in load_set(name, args.corpus) if not ids or item.id in ids]
            if not items:
                continue
            seeds_dir, data_dir = (SEEDS, PROJECT_DATA) if name == "gold" else (args.corpus / "docs", files)
            if seeds_dir not in indexed:  # corpus and threads share one index
                print(index(seeds_dir, data_dir), file=sys.stderr, flush=True)
                indexed.add(seeds_dir)
            blocks.append(run_set(name, items, seeds_dir, data_dir, files, args.verbose))
            print(blocks[-1] + "\n", flush=True)
    except RunError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if ids and not blocks:
        print(f"error: no question has an id in {sorted(ids)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
