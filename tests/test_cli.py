"""`python -m bot` as users run it: a subprocess over an index built once for this module."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOLD, ROOT, copy_seeds

CONTRACT_KEYS = {"question", "found", "answer", "citations", "latency_ms"}
OPTIONAL_KEYS = {"resolved"}  # a follow-up's stand-alone reading
CITATION_KEYS = {"n", "source", "title", "date", "line_start", "line_end", "quote"}
CLI_TIMEOUT_SECONDS = 180


def bot_env(workdir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a `python -m bot` run: no Slack tokens, this test's seeds and data, defaults pinned."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("SLACK_")}
    # Pinned so a developer's environment or .env never points a test at another model or server.
    env.update(SEEDS_DIR=str(workdir / "seeds"), DATA_DIR=str(workdir / ".data"), EMBED_BACKEND="use")
    env.update(ST_MODEL="", CHROMA_HOST="", CHROMA_PORT="8000")
    env.update(overrides)
    return env


def run_bot(workdir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run `python -m bot ARGS` from the project folder against `workdir`'s seeds and data."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=bot_env(workdir, **env),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_SECONDS,
    )


def squeeze(text: str) -> str:
    """Text without whitespace: quotes match their file 'whitespace aside'."""
    return "".join(text.split())


def assert_quotes_in_cited_lines(workdir: Path, citations: list[dict]) -> None:
    """Every quote is an exact substring (whitespace aside) of the lines its citation names."""
    for citation in citations:
        lines = (workdir / citation["source"]).read_text(encoding="utf-8").splitlines()
        assert 1 <= citation["line_start"] <= citation["line_end"] <= len(lines), citation
        cited = "\n".join(lines[citation["line_start"] - 1 : citation["line_end"]])
        assert squeeze(citation["quote"]) in squeeze(cited), citation


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A copy of the seeds indexed by `python -m bot index`."""
    workdir = tmp_path_factory.mktemp("cli")
    copy_seeds(workdir)
    result = run_bot(workdir, "index")
    assert result.returncode == 0, result.stderr
    assert "5 added" in result.stdout and "0 failed" in result.stdout
    return workdir


def test_ask_json_prints_the_contract_object(workdir):
    result = run_bot(workdir, "ask", "total signed in 2025", "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert_contract(answer)
    assert answer["question"] == "total signed in 2025"
    assert answer["found"] is True
    assert "45.046" in answer["answer"] and "83" in answer["answer"]
    assert isinstance(answer["latency_ms"], int | float)
    assert answer["citations"]
    assert all(set(c) == CITATION_KEYS for c in answer["citations"])
    assert [c["n"] for c in answer["citations"]] == list(range(1, len(answer["citations"]) + 1))
    assert "seeds/001_fceaf3afcab32c7e.txt" in {c["source"] for c in answer["citations"]}
    assert_quotes_in_cited_lines(workdir, answer["citations"])


def test_a_passage_question_reads_the_snapshot_and_without_one_chroma_alike(workdir, tmp_path):
    from index.generations import published
    from index.snapshot import IDS

    question = "Who led the Jiangmen delegation to Shenzhen?"
    answers = {}
    for case in ("snapshot", "chroma"):
        if case == "chroma":  # an index written before snapshots
            shutil.copytree(workdir, tmp_path / "old")
            workdir = tmp_path / "old"
            (published(next((workdir / ".data").glob("releases-*"))) / IDS).unlink()
        result = run_bot(workdir, "ask", question, "--json", PYTHONPROFILEIMPORTTIME="1")
        assert result.returncode == 0, result.stderr
        imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
        assert ("chromadb" in imported) == (case == "chroma")  # importing chromadb is 2-4 s of a cold start
        answers[case] = {k: v for k, v in json.loads(result.stdout).items() if k != "latency_ms"}
    assert answers["snapshot"]["found"] and "Xu Xiaoxiong" in answers["snapshot"]["answer"]
    assert answers["snapshot"] == answers["chroma"]


def test_ask_batch_prints_one_json_line_per_question(workdir, tmp_path):
    questions = [
        "total signed in 2025",
        "Who led the Jiangmen delegation to Shenzhen?",
        "total signed in 2024",
    ]
    batch = tmp_path / "questions.txt"
    batch.write_text(f"{questions[0]}\n\n{questions[1]}\n   \n{questions[2]}\n", encoding="utf-8")
    result = run_bot(workdir, "ask", "--json", "--batch", str(batch))
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == questions
    for answer in answers:
        assert_contract(answer)
        assert_quotes_in_cited_lines(workdir, answer["citations"])


def assert_contract(answer: dict) -> None:
    """The keys of the `ask --json` object: the contract's, and `resolved` only when it says something."""
    assert CONTRACT_KEYS <= set(answer) <= CONTRACT_KEYS | OPTIONAL_KEYS, set(answer)


def test_ask_batch_takes_json_lines_with_a_thread_history(workdir, tmp_path):
    lines = [
        json.dumps({"question": "and in 2024?", "history": ["total signed in 2025"]}),
        "total signed in 2025",
        json.dumps({"question": "总共签约多少？2025年"}, ensure_ascii=False),
    ]
    batch = tmp_path / "thread.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_bot(workdir, "ask", "--json", "--batch", str(batch))
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == [
        "and in 2024?",
        "total signed in 2025",
        "总共签约多少？2025年",
    ]
    for answer in answers:
        assert_contract(answer)
        assert_quotes_in_cited_lines(workdir, answer["citations"])
    follow_up, plain = answers[0], answers[1]
    assert follow_up["found"] and "84.793" in follow_up["answer"]  # read with its history: the 2024 total
    assert plain["found"] and "45.046" in plain["answer"]


def test_ask_batch_reports_a_bad_line_in_one_line_and_goes_on(workdir, tmp_path):
    batch = tmp_path / "mixed.jsonl"
    batch.write_text(
        '{"question": "total signed in\n'  # line 1: JSON cut short
        '{"history": ["total signed in 2025"]}\n'  # line 2: no question
        "total signed in 2025\n"
        '{"question": "and in 2024?", "history": "total signed in 2025"}\n'  # line 4: history not a list
        '{"question": "total signed in 2024", "history": []}\n',
        encoding="utf-8",
    )
    result = run_bot(workdir, "ask", "--json", "--batch", str(batch))
    assert result.returncode == 1  # some lines were bad; the others were answered
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == ["total signed in 2025", "total signed in 2024"]
    errors = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr and len(errors) == 3
    assert all(e.startswith("error:") for e in errors)
    assert all(f"line {n}:" in e for e, n in zip(errors, (1, 2, 4), strict=True))


def test_ask_batch_refuses_a_file_that_is_not_utf8_in_one_line(workdir, tmp_path):
    batch = tmp_path / "latin1.txt"
    batch.write_bytes("total signed in 2025\nwie viel wurde unterzeichnet? Größe\n".encode("latin-1"))
    result = run_bot(workdir, "ask", "--json", "--batch", str(batch))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error:") and "UTF-8" in result.stderr and "line 2" in result.stderr


def test_ask_batch_of_a_missing_file_is_one_line(workdir, tmp_path):
    result = run_bot(workdir, "ask", "--json", "--batch", str(tmp_path / "nowhere.jsonl"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_empty_question_is_refused_in_one_line(workdir):
    result = run_bot(workdir, "ask", "")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr


def test_sources_lists_every_release_with_language_and_date(workdir):
    result = run_bot(workdir, "sources")
    assert result.returncode == 0, result.stderr
    release_lines = {
        line.split()[0]: line.split() for line in result.stdout.splitlines() if line.startswith("seeds/")
    }
    assert sorted(release_lines) == sorted(f"seeds/{p.name}" for p in (workdir / "seeds").iterdir())
    assert release_lines["seeds/001_fceaf3afcab32c7e.txt"][1:3] == ["en", "2025-04-02"]
    assert release_lines["seeds/002_6b8c60359d9cb5c1.txt"][1] == "zh"
    assert release_lines["seeds/004_90020b831592080a.txt"][1] == "de"
    assert release_lines["seeds/003_a7989f5d7222c8d0.txt"][2] == "undated"


def test_facts_json_rows_quote_their_release(workdir):
    result = run_bot(workdir, "facts", "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 5
    for row in rows:
        text = (workdir / row["source"]).read_text(encoding="utf-8")
        assert row["quote"] in text
        assert text[row["char_start"] : row["char_end"]] == row["quote"]
    signed = {(row["source"], row["projects"], row["amount_yuan"]) for row in rows}
    assert ("seeds/001_fceaf3afcab32c7e.txt", 83, 45.046e9) in signed


def test_facts_csv_has_a_header_and_a_row_per_fact(workdir):
    result = run_bot(workdir, "facts", "--csv")
    assert result.returncode == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert {"source", "quote", "projects", "amount_yuan", "event_date"} <= set(reader.fieldnames)
    assert len(rows) == 5
    assert all(row["source"].startswith("seeds/") for row in rows)


def test_facts_year_keeps_only_that_year(workdir):
    result = run_bot(workdir, "facts", "--year", "2024", "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {row["year"] for row in rows} == {2024}
    assert {row["projects"] for row in rows} == {74, 19}
    table = run_bot(workdir, "facts", "--year", "2024")
    assert table.returncode == 0, table.stderr
    assert len(table.stdout.splitlines()) == len(rows)
    assert "2025" not in table.stdout


def test_check_supports_a_true_claim(workdir):
    result = run_bot(workdir, "check", "83 projects were signed in April 2025")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Supported")
    assert "seeds/001_fceaf3afcab32c7e.txt" in result.stdout


def test_check_contradicts_a_wrong_claim_with_the_right_figure(workdir):
    result = run_bot(workdir, "check", "90 projects were signed in 2025")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Not as claimed")
    assert "83 projects" in result.stdout
    assert "seeds/001_fceaf3afcab32c7e.txt" in result.stdout


def test_eval_prints_a_table_by_kind(workdir):
    result = run_bot(workdir, "eval", str(GOLD))
    assert result.returncode in (0, 1), result.stderr  # 1 = some gold question failed; the score isn't tested
    totals: dict[str, int] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        kind = json.loads(line)["kind"]
        totals[kind] = totals.get(kind, 0) + 1
    table = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.strip()}
    for kind, total in {**totals, "all": sum(totals.values())}.items():
        passed, counted = (int(cell) for cell in table[kind])
        assert counted == total and 0 <= passed <= total


def test_help_shows_an_example(tmp_path):
    result = run_bot(tmp_path, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert 'python -m bot ask "' in result.stdout


def test_terminal_output_drops_control_characters_and_json_keeps_them(capsys):
    from bot.answers import Answer, Citation
    from bot.commands import show

    hostile = "12 projects\x1b[2J\x1b]0;owned\x07 were signed\x9b"
    citation = Citation(1, "seeds/x.txt", "Title\x1b[31m", "2025-05-06", 3, 3, hostile)
    answer = Answer("q", True, f"Signed: {hostile} [1]", (citation,))
    show(answer, as_json=False, batch=False)
    printed = capsys.readouterr().out
    assert not any(ord(ch) < 32 and ch != "\n" or 0x7F <= ord(ch) <= 0x9F for ch in printed)
    assert "12 projects" in printed and "were signed" in printed
    show(answer, as_json=True, batch=False)
    assert json.loads(capsys.readouterr().out)["citations"][0]["quote"] == hostile


def test_ask_batch_says_in_one_line_which_question_failed_and_answers_the_rest(monkeypatch, tmp_path, capsys):
    import threading
    from types import SimpleNamespace

    import bot.factory
    from bot.answers import Answer
    from bot.commands import cmd_ask

    class Answerer:  # answers every question but one, which meets a bug
        def warm(self):
            thread = threading.Thread(target=lambda: None)
            thread.start()
            return thread

        def answer(self, question, history):
            if question == "the second":
                raise IndexError("list index out of range")
            return Answer(question, True, f"answer to {question}")

    monkeypatch.setattr(bot.factory, "build_answerer", lambda settings: Answerer())
    batch = tmp_path / "three.txt"
    batch.write_text("the first\nthe second\nthe third\n", encoding="utf-8")
    code = cmd_ask(SimpleNamespace(batch=batch, question=None, json=True), settings=None)
    printed = capsys.readouterr()
    assert code == 1
    assert [json.loads(line)["question"] for line in printed.out.splitlines()] == ["the first", "the third"]
    assert (
        printed.err.strip()
        == f"error: {batch} line 2: could not answer it (IndexError: list index out of range)"
    )
