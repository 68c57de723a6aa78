"""Sentence-aware chunks (English, German, Chinese) that keep their place in the original file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the loader's parsers (pypdf, bs4) are not needed to answer questions
    from index.loader import SourceDocument

# A sentence ends at ., ! or ? followed by space, or at Chinese 。！？ (closing quotes stay with it).
SENTENCE_END = re.compile(r"[.!?](?:[\"'”’)\]]*)(?=\s)|[。！？；](?:[”’」』）)]*)")
# Tokens after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof co ltd inc corp no nr st vs etc jan feb mar apr jun jul aug sep sept oct nov dec "
    "mrd mio bzw ca dt inkl vgl z.b u.a d.h e.g i.e u.s".split()
)
MIN_SENTENCE_CHARS = 2
# A shorter sentence ("郭启东先容。", "He said.") joins the one before it on the same line: alone it
# answers nothing, yet short texts sit close to every short query in embedding space.
STANDALONE_CHARS = 12


@dataclass(frozen=True)
class Chunk:
    """One sentence of a release, with its exact place in the file."""

    chunk_id: str
    source: str
    seq: int  # order within the release
    text: str
    char_start: int
    char_end: int
    line_start: int
    line_end: int


def _ends_sentence(text: str, dot: int, language: str) -> bool:
    """Whether the period at `dot` ends a sentence (not an abbreviation or a German ordinal)."""
    if text[dot] != ".":
        return True
    word = re.search(r"(\S+)$", text[:dot])
    if not word:
        return True
    token = word.group(1).lower().lstrip("(\"'“")
    if token in ABBREVIATIONS or len(token) == 1 and token.isalpha():
        return False
    if language == "de" and token.isdigit() and len(token) <= 2:
        return False  # "Am 24. September": an ordinal, not a sentence end
    return not re.match(r"\s+[a-z0-9]", text[dot + 1 : dot + 3])


def sentence_spans(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end]; line breaks always end a sentence."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        line_start = start + line.start()
        cursor = line_start
        segment = line.group()
        for match in SENTENCE_END.finditer(segment):
            stop = line_start + match.end()
            if _ends_sentence(text, line_start + match.start(), language):
                spans.append((cursor, stop))
                cursor = stop
        spans.append((cursor, line_start + len(segment)))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Span without surrounding white space, or None when too short to cite."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end - start >= MIN_SENTENCE_CHARS else None


def _merge_short(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences too short to stand alone to the previous sentence of the same line."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        short = end - start < STANDALONE_CHARS
        if short and merged and "\n" not in text[merged[-1][1] : start]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def chunk_document(doc: SourceDocument, language: str) -> list[Chunk]:
    """Split the body of a release into sentence chunks."""
    chunks: list[Chunk] = []
    for body_start, body_end in doc.body_spans:
        spans = _merge_short(doc.text, sentence_spans(doc.text, body_start, body_end, language))
        for start, end in spans:
            seq = len(chunks)
            chunks.append(
                Chunk(
                    chunk_id=f"{doc.content_hash[:16]}-{seq}",
                    source=doc.source,
                    seq=seq,
                    text=doc.text[start:end],
                    char_start=start,
                    char_end=end,
                    line_start=doc.line_at(start),
                    line_end=doc.line_at(end - 1),
                )
            )
    return chunks
