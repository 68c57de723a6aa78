"""Sentence chunks in English, German and Chinese keep their exact place in the file."""

from pathlib import Path

import pytest

from index.chunking import chunk_document, sentence_spans
from index.loader import discover_files, load_document
from index.metadata import extract_metadata
from tests.conftest import SEEDS


def sentences(text: str, language: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, 0, len(text), language)]


def test_english_abbreviations_and_dates_do_not_split():
    text = "SHENZHEN, China, Oct. 16, 2024 -- Mr. Zheng of Foxconn Co., Ltd. spoke. The event ended."
    assert sentences(text, "en") == [
        "SHENZHEN, China, Oct. 16, 2024 -- Mr. Zheng of Foxconn Co., Ltd. spoke.",
        "The event ended.",
    ]


def test_german_ordinals_and_units_do_not_split():
    text = "Am 24. September wurden 19 Projekte mit 20,663 Mrd. Yuan unterzeichnet. Das ist viel."
    assert sentences(text, "de") == [
        "Am 24. September wurden 19 Projekte mit 20,663 Mrd. Yuan unterzeichnet.",
        "Das ist viel.",
    ]


def test_chinese_splits_on_full_stops_and_keeps_closing_quotes():
    text = "“江西将举办活动。”3月24日,发布会召开!签约项目83个？"
    assert sentences(text, "zh") == ["“江西将举办活动。”", "3月24日,发布会召开!签约项目83个？"]


def test_line_breaks_always_end_a_sentence():
    assert sentences("Heading without stop\nBody sentence here.", "en") == [
        "Heading without stop",
        "Body sentence here.",
    ]


@pytest.mark.parametrize("path", discover_files(SEEDS), ids=lambda p: p.name)
def test_every_seed_chunk_is_an_exact_span_with_its_lines(path: Path):
    doc = load_document(path, SEEDS)
    chunks = chunk_document(doc, extract_metadata(doc).language)
    assert chunks, "every seed has body text"
    raw_lines = path.read_text(encoding="utf-8").split("\n")
    for chunk in chunks:
        assert doc.text[chunk.char_start : chunk.char_end] == chunk.text
        assert chunk.text in "\n".join(raw_lines[chunk.line_start - 1 : chunk.line_end])
        assert chunk.source == f"seeds/{path.name}"


def test_boilerplate_is_never_a_chunk():
    path = SEEDS / "003_a7989f5d7222c8d0.txt"
    doc = load_document(path, SEEDS)
    texts = [chunk.text for chunk in chunk_document(doc, "en")]
    assert not any("Sitemap" in t or "Copyright" in t for t in texts)
