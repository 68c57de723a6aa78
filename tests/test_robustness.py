"""Random input never escapes as an undocumented exception: loaders, metadata, chunking, and the amount and
deal readers (hypothesis, no model; the question reader's property test is in test_understand.py)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.amounts import find_amounts, parse_amount
from index.chunking import chunk_document
from index.ledger import extract_deals
from index.loader import SUPPORTED_SUFFIXES, LoadError, load_document
from index.metadata import extract_metadata

# Text that looks like releases: digits, currency words, CJK numerals and punctuation mixed with anything.
RELEASE_ALPHABET = st.one_of(
    st.characters(),
    st.sampled_from(list("0123456789.,，。亿万元个项目签约年月日第届 \n-–$€¥%")),
    st.sampled_from(["billion", "million", "Mrd.", "Mio.", "yuan", "projects", "signed", "2025", "以上"]),
)
RELEASE_TEXT = st.lists(RELEASE_ALPHABET, max_size=120).map("".join)
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SLOW
@given(raw=st.binary(max_size=2000), suffix=st.sampled_from(SUPPORTED_SUFFIXES))
def test_any_bytes_load_or_fail_with_a_one_line_load_error(tmp_path: Path, raw: bytes, suffix: str):
    path = tmp_path / f"release{suffix}"
    path.write_bytes(raw)
    try:
        doc = load_document(path, tmp_path)
    except LoadError as err:
        assert str(err).startswith(f"{path}: ") and "\n" not in str(err)
        return
    meta = extract_metadata(doc)
    for chunk in chunk_document(doc, meta.language):
        assert doc.text[chunk.char_start : chunk.char_end] == chunk.text
    extract_deals(doc.text, doc.source, meta.published, meta.language, doc.body_spans)


@SLOW
@given(text=RELEASE_TEXT)
def test_amount_and_deal_readers_take_any_text(text: str):
    for amount in find_amounts(text):
        assert amount.value_yuan >= 0 and 0 <= amount.start < amount.end <= len(text)
    parse_amount(text)
    for language in ("en", "de", "zh"):
        for row in extract_deals(text, "seeds/x.txt", None, language, ((0, len(text)),)):
            assert row.quote in text
