"""The synthetic corpus: 300 releases in three languages, and a ledger that recovers every yearly total exactly."""

import json
import re
from collections import Counter, defaultdict

import pytest

from devtools.synthetic import templates
from devtools.synthetic.corpus import generate_corpus, main
from index.catalog import Catalog
from index.ledger import Ledger, extract_deals
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    truth = generate_corpus(out, n_releases=300, seed=0)
    catalog = Catalog(out.parent / f"{out.name}.sqlite")
    ledger = Ledger(catalog)
    for name, language in truth.languages.items():
        text = (out / name).read_text(encoding="utf-8")
        ledger.replace_source(name, extract_deals(text, name, None, language))  # dates from the text alone
    yield out, truth, ledger
    catalog.close()


def test_corpus_has_300_releases_in_three_languages_with_distractors(corpus):
    out, truth, _ = corpus
    files = sorted(path.name for path in out.glob("*.txt"))
    assert files == sorted(truth.languages) and len(files) == 300
    assert set(Counter(truth.languages.values())) == {"en", "de", "zh"}
    assert min(Counter(truth.languages.values()).values()) >= 30
    texts = [(out / name).read_text(encoding="utf-8") for name in files]
    assert sum("Mrd." in text for text in texts) > 10 and sum("亿元" in text for text in texts) > 50
    assert sum("口头" in text for text in texts) > 10  # spun copies
    assert len(truth.distractor_amounts) > 300 and len(truth.tallies) > 30
    reported_twice = [s for s in truth.signings if len(s.sources) > 1]
    assert len(reported_twice) > 15
    assert {truth.languages[s.sources[1]] for s in reported_twice} >= {"zh", "de"}


def test_every_yearly_total_equals_the_truth(corpus):
    _, truth, ledger = corpus
    amounts, projects = defaultdict(float), defaultdict(int)
    for signing in ledger.signings():
        amounts[signing.year] += signing.amount_yuan or 0.0
        projects[signing.year] += signing.projects or 0
    assert dict(amounts) == truth.amount_by_year
    assert dict(projects) == truth.projects_by_year
    for year in truth.amount_by_year:  # the year filter gives the same
        assert sum(s.amount_yuan or 0 for s in ledger.signings(year=year)) == truth.amount_by_year[year]


def test_every_signing_is_found_once_with_all_its_reports(corpus):
    _, truth, ledger = corpus
    found = {
        (s.event_date, s.place, s.projects, s.amount_yuan, frozenset(r.source for r in s.rows))
        for s in ledger.signings()
    }
    expected = {
        (s.event_date, s.place, s.projects, s.amount_yuan, frozenset(s.sources)) for s in truth.signings
    }
    assert found == expected


def test_no_distractor_is_counted_and_tallies_stay_cumulative(corpus):
    _, truth, ledger = corpus
    distractors = set(truth.distractor_amounts)
    assert not [row.quote for row in ledger.rows() if row.amount_yuan in distractors]
    tallies = {
        (r.source, r.projects, r.amount_yuan) for r in ledger.rows(include_cumulative=True) if r.cumulative
    }
    assert tallies == set(truth.tallies)


def test_generation_is_repeatable(tmp_path):
    first = generate_corpus(tmp_path / "a", n_releases=40, seed=7)
    second = generate_corpus(tmp_path / "b", n_releases=40, seed=7)
    assert first == second
    for name in first.languages:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert generate_corpus(tmp_path / "c", n_releases=40, seed=8) != first


def test_command_line_writes_releases_and_hidden_truth(tmp_path, capsys):
    assert main([str(tmp_path / "out"), "--n", "25", "--seed", "3"]) == 0
    assert len(list((tmp_path / "out").glob("*.txt"))) == 25
    truth = json.loads((tmp_path / "out" / ".truth.json").read_text(encoding="utf-8"))
    assert len(truth["languages"]) == 25 and "amount_by_year" in truth
    assert "25 releases" in capsys.readouterr().out


MIN_COPIED_CHARS = 30
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])|\n")
# Clause marks and figures: a template that copied a seed sentence around new figures still shares these pieces.
CLAUSE_BREAK = re.compile(r"[,;:，；：、()（）“”\"«»/]|--|[—–]|\d[\d.,]*")


def _squash(text: str) -> str:
    return " ".join(text.split())


def seed_pieces() -> set[str]:
    """Every sentence of the seeds, and every clause between punctuation or figures, of 30 chars or more."""
    pieces = set()
    for path in SEEDS.iterdir():
        for sentence in SENTENCE_END.split(path.read_text(encoding="utf-8")):
            pieces |= {_squash(p) for p in [sentence, *CLAUSE_BREAK.split(sentence)]}
    return {piece for piece in pieces if len(piece) >= MIN_COPIED_CHARS}


def template_strings(value) -> list[str]:
    """The strings of a templates constant (nested tuples and dicts included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, tuple | list):
        return [text for item in value for text in template_strings(item)]
    return []


def test_no_seed_sentence_is_reused(corpus):
    out, truth, _ = corpus
    pieces = seed_pieces()
    assert len(pieces) > 50  # the seeds do have long sentences and clauses to copy
    texts = {name: _squash((out / name).read_text(encoding="utf-8")) for name in truth.languages}
    texts |= {
        f"templates.{name}": _squash(" | ".join(template_strings(getattr(templates, name))))
        for name in dir(templates)
        if name.isupper()
    }
    copied = [(name, piece) for name, text in texts.items() for piece in pieces if piece in text]
    assert not copied
