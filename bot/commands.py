"""The bodies of the CLI subcommands (bot/cli.py parses the arguments; this module never imports it)."""

from __future__ import annotations

import csv
import json
import re
import sys
import threading
from dataclasses import asdict

from bot.answers import Answer
from bot.batch import BatchFileError, BatchLineError, read_batch
from bot.settings import Settings

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def is_user_error(err: Exception) -> bool:
    """Errors that are the user's to fix (missing index, bad file, unreachable server), not bugs."""
    from bot.qa.pipeline import EmptyQuestionError
    from bot.slack.app import SlackConfigError
    from index.catalog import CatalogError
    from index.embeddings import ModelMissingError
    from index.generations import IndexBusyError
    from index.loader import LoadError
    from index.store import StoreError

    known = (
        EmptyQuestionError,
        CatalogError,
        ModelMissingError,
        StoreError,
        SlackConfigError,
        LoadError,
        BatchFileError,
        IndexBusyError,
        OSError,
    )
    return isinstance(err, known)


def run(args, settings: Settings) -> int:
    """Dispatch to the subcommand."""
    handler = {
        "index": cmd_index,
        "ask": cmd_ask,
        "chat": cmd_chat,
        "sources": cmd_sources,
        "eval": cmd_eval,
        "facts": cmd_facts,
        "check": cmd_check,
        "serve": cmd_serve,
        "web": cmd_web,
        "feedback": cmd_feedback,
    }[args.command]
    return handler(args, settings)


def cmd_index(args, settings: Settings) -> int:
    """Index SEEDS_DIR; exit 1 when some files failed (each named on its own line)."""
    from bot.factory import build_indexer, collection
    from index.indexer import progress_reporter

    if not settings.seeds_dir.is_dir():
        raise FileNotFoundError(f"SEEDS_DIR {settings.seeds_dir} is not a folder")
    indexer = build_indexer(settings)
    try:
        report = indexer.run(
            settings.seeds_dir, rebuild=args.rebuild, progress=progress_reporter(), wait=args.wait
        )
    finally:
        indexer.close()
    notes = [
        *(f"skipped {line}" for line in report.failed + report.skipped),
        *(f"indexed once: {line}" for line in report.duplicates),
        *(f"moved {line}" for line in report.moved),
        *(f"repaired {line}" for line in report.repaired),
        *(f"warning: {line}" for line in report.warnings),
    ]
    for line in notes:
        print(plain(line), file=sys.stderr)
    published = f"published {report.generation}" if report.generation else "nothing changed"
    print(
        f"indexed {settings.seeds_dir} into {settings.data_dir} ({collection(settings)}): "
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.moved)} moved, "
        f"{len(report.removed)} removed, {report.reindexed} re-indexed, {report.unchanged} unchanged, "
        f"{len(report.duplicates)} duplicates, "
        f"{len(report.failed)} failed; {report.chunks_embedded} sentences embedded, "
        f"{report.ledger_rows} ledger rows, {report.seconds:.2f}s; {published}"
    )
    return 1 if report.failed else 0


def plain(text: str) -> str:
    """Text safe for a terminal: control characters (escape codes a release may hold) become spaces."""
    return CONTROL.sub(" ", text)


def render(answer: Answer) -> str:
    """An answer for a terminal: the text, then numbered citations with their quotes (control characters
    removed; the JSON keeps the exact text)."""
    lines = [plain(answer.answer), ""]
    for c in answer.citations:
        lines.append(
            plain(
                f"[{c.n}] {c.source}, lines {c.line_start}-{c.line_end} — {c.title} ({c.date or 'undated'})"
            )
        )
        lines.append(plain(f"    “{c.quote}”"))
    return "\n".join(lines).rstrip()


def print_json(obj) -> None:
    """One JSON object on one line, non-ASCII kept readable."""
    print(json.dumps(obj, ensure_ascii=False))


def cmd_ask(args, settings: Settings) -> int:
    """Answer one question, or a batch file of them with the models loaded once; exit 1 if a line was bad."""
    from bot.factory import build_answerer
    from bot.qa.pipeline import EmptyQuestionError

    if args.batch is None and not (args.question or "").strip():
        raise EmptyQuestionError('the question is empty: ask something like "total signed in 2025"')
    items = read_batch(args.batch) if args.batch is not None else None  # a bad file fails before the index
    answerer = build_answerer(settings)
    if items is None:
        show(answerer.answer(args.question), args.json, batch=False)
        return 0
    answerer.warm().join()  # loaded once, before the first question: each answer's latency is its own
    bad_lines = 0
    for item in items:
        if isinstance(item, BatchLineError):
            bad_lines += 1
            print(f"error: {args.batch} line {item.line}: {item.message}", file=sys.stderr)
            continue
        try:
            answer = answerer.answer(item.question, list(item.history))
        except Exception as err:  # a bug answering one question: said in one line, the batch goes on
            bad_lines += 1
            reason = f"{type(err).__name__}: {err}"
            print(f"error: {args.batch} line {item.line}: could not answer it ({reason})", file=sys.stderr)
            continue
        show(answer, args.json, batch=True)
    return 1 if bad_lines else 0


def show(answer: Answer, as_json: bool, batch: bool) -> None:
    """Print one answer: the contract's JSON object on one line, or the terminal rendering."""
    text = json.dumps(answer.to_json(), ensure_ascii=False) if as_json else render(answer)
    print(text + ("\n" if batch and not as_json else ""), flush=batch)  # a batch's reader sees each answer


def cmd_chat(args, settings: Settings) -> int:
    """A prompt: each question may follow up the earlier ones."""
    from bot.factory import build_answerer

    answerer = build_answerer(settings)
    answerer.warm()
    history: list[str] = []
    print("Ask about the releases (empty line or Ctrl-D to quit).")
    while True:
        try:
            question = input("? ").strip()
        except EOFError:
            return 0
        if not question:
            return 0
        print(render(answerer.answer(question, history)) + "\n")
        history.append(question)


def cmd_sources(args, settings: Settings) -> int:
    """The indexed releases with their metadata."""
    from bot.factory import open_live_index

    for release in open_live_index(settings).view().releases.values():
        print(
            plain(
                f"{release.source}  {release.language}  {release.published or 'undated'}  "
                f"{release.publisher or '-'}  {release.chunk_count} sentences"
            )
        )
        print(f"    {plain(release.title)}")
    return 0


def cmd_eval(args, settings: Settings) -> int:
    """Score the gold questions and print a table by kind; exit 1 unless every question passes."""
    from bot.evaluate import load_gold, score, table_by_kind
    from bot.factory import build_answerer

    answerer = build_answerer(settings)
    verdicts = []
    for gold in load_gold(args.file):
        result = answerer.answer(gold["question"]).to_json()
        verdict = score(gold, result, lambda source: release_text(settings, source))
        verdicts.append(verdict)
        if args.verbose or not verdict.passed:
            print(
                f"{'PASS' if verdict.passed else 'FAIL'} {gold['id']} {gold['question']}  {'; '.join(verdict.reasons)}"
            )
    print(table_by_kind(verdicts))
    return 0 if all(v.passed for v in verdicts) else 1


def release_text(settings: Settings, source: str) -> str:
    """The text of a cited release: its source name is SEEDS_DIR's name, then the path below it."""
    below = source.split("/", 1)[1] if "/" in source else source
    return (settings.seeds_dir / below).read_text(encoding="utf-8", errors="replace")


def cmd_facts(args, settings: Settings) -> int:
    """The deal ledger as a table, CSV or JSON lines."""
    from bot.factory import open_live_index
    from index.amounts import format_billion

    rows = open_live_index(settings).view().ledger.rows(year=args.year, include_cumulative=True)
    records = [asdict(row) for row in rows]
    if args.json:
        for record in records:
            print_json(record)
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(records[0]) if records else ["source"])
        writer.writeheader()
        writer.writerows(records)
    else:
        for r in rows:
            amount = format_billion(r.amount_yuan) if r.amount_yuan is not None else "amount not stated"
            amount = f"{r.amount_qualifier} {amount}" if r.amount_qualifier else amount
            kind = "  (running tally)" if r.cumulative else ""
            print(
                plain(
                    f"{r.event_date or '-'}  {r.place or '-'}  {r.projects or '-'} projects, {amount}  "
                    f"{r.source}:{r.line_start}{kind}"
                )
            )
    return 0


def cmd_check(args, settings: Settings) -> int:
    """Supported / contradicted / not found, with citations."""
    from bot.factory import build_answerer

    claim = args.claim if args.claim.lower().startswith("is it true") else f"Is it true that {args.claim}"
    print(render(build_answerer(settings).answer(claim)))
    return 0


def cmd_feedback(args, settings: Settings) -> int:
    """The feedback stored by the Slack bot: question, answer, citations, user, value, time."""
    from bot.slack.state import STORE_FILE, SlackStore

    if not (settings.data_dir / STORE_FILE).exists():
        raise FileNotFoundError(f"no Slack feedback in {settings.data_dir}: nobody has rated an answer yet")
    store = SlackStore.in_dir(settings.data_dir)
    try:
        rows = store.feedback_rows()
    finally:
        store.close()
    if args.csv:
        fields = ["created", "user", "value", "question", "answer", "citations", "answer_id"]
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            print_json(row)
    return 0


def cmd_web(args, settings: Settings) -> int:
    """Serve the source page until interrupted."""
    from bot.factory import build_answerer
    from bot.web.app import run_web

    answerer = build_answerer(settings)
    answerer.warm()
    host, port = args.host or settings.web_host, args.port or settings.web_port
    print(f"source page on http://{host}:{port}/ (Ctrl-C stops it)", file=sys.stderr, flush=True)
    run_web(answerer, settings.seeds_dir, host, port)
    return 0


def cmd_serve(args, settings: Settings) -> int:
    """Run the Slack bot over Socket Mode, or HTTP with --http."""
    from bot.factory import build_answerer
    from bot.slack import serve as slack_serve

    slack_serve.check_settings(settings, http=args.http)  # a bad token fails before the index loads
    answerer = build_answerer(settings)
    answerer.warm()
    if settings.source_base_url:  # the citations link to it: serve it beside the bot
        from bot.web.app import run_web

        threading.Thread(
            target=run_web,
            args=(answerer, settings.seeds_dir, settings.web_host, settings.web_port),
            daemon=True,
        ).start()
    if args.http:
        slack_serve.run_http(settings, answerer, args.port)
    else:
        slack_serve.run_socket_mode(settings, answerer)
    return 0
