"""`python -m bot`: the argument parser and the entry point; the subcommands' bodies live in bot/commands.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot import commands
from bot.settings import Settings

EXAMPLES = """examples:
  python -m bot index                       # index ./seeds into ./.data (incremental)
  python -m bot ask "total signed in 2025"  # a cited answer
  python -m bot ask --json --batch questions.jsonl   # plain lines or {"question": ..., "history": [...]}
  python -m bot facts --year 2024 --csv
  python -m bot check "83 projects were signed in April 2025"
  python -m bot eval tests/data/gold_seeds.jsonl
  python -m bot web --port 8080             # the source page on http://127.0.0.1:8080/
  python -m bot feedback --csv > feedback.csv
"""
DEFAULT_GOLD = Path("tests/data/gold_seeds.jsonl")  # the gold questions over ./seeds, kept in the project


def build_parser() -> argparse.ArgumentParser:
    """The command line, one subcommand per task."""
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Cited answers about regional investment and trade releases.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subcommands = parser.add_subparsers(dest="command", required=True)
    index = subcommands.add_parser(
        "index", help="index SEEDS_DIR into DATA_DIR (incremental by content hash)"
    )
    index.add_argument("--rebuild", action="store_true", help="build a new index from scratch")
    index.add_argument(
        "--wait", action="store_true", help="wait for another indexer to finish instead of stopping"
    )
    ask = subcommands.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question", nargs="?", help='e.g. "total signed in 2025"')
    ask.add_argument("--json", action="store_true", help="print the JSON contract object")
    ask.add_argument(
        "--batch",
        type=Path,
        help='a file with one question a line, plain or JSON {"question": ..., "history": [...]}; '
        "one answer a line out",
    )
    subcommands.add_parser("chat", help="ask questions at a prompt; follow-ups like 'and in 2024?' work")
    subcommands.add_parser("sources", help="list the indexed releases with their metadata")
    evaluate = subcommands.add_parser("eval", help="score the gold questions; a table by kind")
    evaluate.add_argument("file", nargs="?", type=Path, default=DEFAULT_GOLD)
    evaluate.add_argument("--verbose", action="store_true", help="print every question's verdict")
    facts = subcommands.add_parser("facts", help="print the deal ledger")
    facts.add_argument("--year", type=int)
    facts.add_argument("--csv", action="store_true")
    facts.add_argument("--json", action="store_true")
    check = subcommands.add_parser("check", help="is a claim supported, contradicted or not found?")
    check.add_argument("claim", help='e.g. "83 projects were signed in April 2025"')
    feedback = subcommands.add_parser("feedback", help="export the 👍/👎 feedback given in Slack")
    feedback.add_argument("--csv", action="store_true", help="CSV with a header (default: JSON lines)")
    web = subcommands.add_parser(
        "web", help="serve the source page: releases with line numbers, cited lines highlighted, a search box"
    )
    web.add_argument("--host", help="address to listen on (default WEB_HOST, 127.0.0.1)")
    web.add_argument("--port", type=int, help="port (default WEB_PORT, 8080)")
    serve = subcommands.add_parser("serve", help="run the Slack bot (Socket Mode unless --http)")
    serve.add_argument("--http", action="store_true", help="serve /slack/events over HTTP")
    serve.add_argument("--port", type=int, default=3000)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: the only place that reads the environment."""
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
        return commands.run(args, settings)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `python -m bot ask … | head`: the reader left; nothing to report
        sys.stderr.close()
        return 0
    except Exception as err:  # one clear line for every known failure; tracebacks only for bugs
        if not commands.is_user_error(err):
            raise
        print(f"error: {err}", file=sys.stderr)
        return 2
