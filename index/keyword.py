"""Keyword search: BM25 over tokens from jieba (Chinese) and Snowball stemming (English, German)."""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from functools import cache

import snowballstemmer

BM25_K1 = 1.5
BM25_B = 0.75
CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[\u3400-\u9fff]+|[^\W_\u3400-\u9fff]+(?:[.,]\d+)*", re.UNICODE)
STOPWORDS = frozenset(
    "a an the of in on at to for and or is are was were be been by with as from that this it its what which who "
    "how many much did does do when where why there their they has have had will would can into than about all "
    "across "
    "der die das und in im am an auf mit von zu zum zur den dem des ein eine einer eines ist sind wurde wurden "
    "wie viele was wer wo wann für über auch als bei "
    "的 了 和 是 在 与 及 等 有 为 将 也 都 对 中 从 到 年 月 日 多少 什么 哪些 哪个 吗 呢 个 项".split()
)


_STEMMERS = threading.local()  # a Snowball stemmer keeps state between calls: one per thread


def _stemmer(language: str):
    name = "german" if language == "de" else "english"
    stemmers = _STEMMERS.__dict__.setdefault("by_name", {})
    if name not in stemmers:
        stemmers[name] = snowballstemmer.stemmer(name)
    return stemmers[name]


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise
    return jieba


def tokenize(text: str, language: str = "en") -> list[str]:
    """Search tokens: Chinese words via jieba, other words lower-cased and stemmed, stopwords dropped."""
    tokens: list[str] = []
    for match in WORD.finditer(text):
        word = match.group()
        if CJK.match(word):
            tokens.extend(w for w in _jieba().lcut_for_search(word) if w not in STOPWORDS)
            continue
        word = word.lower()
        if word in STOPWORDS:
            continue
        tokens.append(word if word[0].isdigit() else _stemmer(language).stemWord(word))
    return tokens


def question_terms(text: str) -> list[tuple[str, ...]]:
    """A question's terms, each with its English and German stem: the release's language may differ."""
    english = tokenize(text, "en")
    german = tokenize(text, "de")
    if len(english) != len(german):  # both tokenizers split alike; guard against a mismatch anyway
        return [(token,) for token in dict.fromkeys(english + german)]
    return list(dict.fromkeys(tuple(dict.fromkeys(pair)) for pair in zip(english, german, strict=True)))


class BM25Index:
    """Okapi BM25 over pre-tokenized documents."""

    def __init__(self, documents: Sequence[Sequence[str]]):
        self._freqs = [Counter(doc) for doc in documents]
        self._lengths = [len(doc) for doc in documents]
        self._avg_length = sum(self._lengths) / max(len(documents), 1)
        document_frequency = Counter(term for freqs in self._freqs for term in freqs)
        n = len(documents)
        self._idf = {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in document_frequency.items()}

    def coverage(self, terms: Sequence[tuple[str, ...]], doc: int) -> float:
        """IDF-weighted share of the terms (each a tuple of variants) that document `doc` contains.

        A term found nowhere in the corpus weighs most: a question about something no release mentions
        is not covered by any passage.
        """
        unknown = math.log(1 + (len(self._freqs) + 0.5) / 0.5)
        total = found = 0.0
        for variants in terms:
            weight = max(self._idf.get(variant, unknown) for variant in variants)
            total += weight
            if any(variant in self._freqs[doc] for variant in variants):
                found += weight
        return found / total if total else 0.0

    def knows(self, variants: Sequence[str]) -> bool:
        """Whether any variant of a term occurs in the corpus."""
        return any(variant in self._idf for variant in variants)

    def scores(self, query: Sequence[str]) -> list[float]:
        """BM25 score of every document for the query tokens."""
        return self.scores_of(query, range(len(self._freqs)))

    def scores_of(self, query: Sequence[str], docs: Sequence[int]) -> list[float]:
        """BM25 scores of the given documents for the query tokens."""
        terms = [t for t in dict.fromkeys(query) if t in self._idf]
        result = []
        for doc in docs:
            freqs = self._freqs[doc]
            norm = BM25_K1 * (1 - BM25_B + BM25_B * self._lengths[doc] / (self._avg_length or 1))
            score = 0.0
            for term in terms:
                tf = freqs.get(term)
                if tf:
                    score += self._idf[term] * tf * (BM25_K1 + 1) / (tf + norm)
            result.append(score)
        return result
