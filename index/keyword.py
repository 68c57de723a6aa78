"""Keyword search: BM25 over tokens from jieba (Chinese) and Snowball stemming (English, German)."""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

import numpy as np
import snowballstemmer

from index.lang.chinese import CJK as CJK_CHARS
from index.lang.chinese import is_romanised_word, romanised
from index.lang.concepts import COUNTED_THINGS, EVENT_KINDS, concepts

WORDS_REMEMBERED = 200_000
# A German compound's first part is a word of its own ("Handels" of "Handelswoche"): this long at least (so that
# "angemessen" is no "Messe").
COMPOUND_PREFIX_MIN = 5
BM25_K1 = 1.5
BM25_B = 0.75
CJK = re.compile(r"[\u3400-\u9fff]")
# An alternative set into a Chinese word in brackets ("国(境)外", "省(区、市)内") leaves the word whole for
# jieba: "国外", "省内".
CJK_INSERT = re.compile(f"([{CJK_CHARS}])[(（][{CJK_CHARS}、]{{1,5}}[)）]([{CJK_CHARS}])")
WORD = re.compile(r"[\u3400-\u9fff]+|[^\W_\u3400-\u9fff]+(?:[.,]\d+)*", re.UNICODE)
# Capitalised words next to each other (a hyphen or "&" may join them): a name whose initials may abbreviate it.
CAPITAL_WORD = re.compile(r"\b[A-Z][a-zäöü]+\b")
CAPITALISED_RUN = re.compile(r"\b[A-Z][a-zäöü]+(?:(?:\s+|\s*[-&]\s*)[A-Z][a-zäöü]+\b)+")
ACRONYM_WORDS = (3, 5)
# Aliases (pinyin of Chinese words) are tokens of their own kind: they match a question's Latin word but do
# not lengthen a document for BM25.
ALIAS = "~"
LATIN_TOKEN = re.compile(r"[a-z]{4,}")
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
    text = CJK_INSERT.sub(r"\1\2", text)
    for match in WORD.finditer(text):
        word = match.group()
        if CJK.match(word):
            tokens.extend(w for w in _jieba().lcut_for_search(word) if w not in STOPWORDS)
            continue
        word = word.lower()
        if word in STOPWORDS:
            continue
        tokens.append(word if word[0].isdigit() else _stem(word, language))
    return tokens


def chinese_words(text: str) -> list[str]:
    """A run of Chinese cut into words (jieba), as written: "市级签约项目" -> 市级, 签约, 项目."""
    return _jieba().lcut(text) or [text]


def document_tokens(text: str, language: str) -> list[str]:
    """A release text's search tokens, and the acronyms its names make ("Greater Bay Area" also gives "gba"),
    so that a question abbreviating a name finds the release spelling it out; for Chinese words, their pinyin
    as an alias ("楚商" also gives "~chushang"), so that a question romanising a name finds it. Only releases
    get these: in a question that spells a name out they would count as a second word to be found."""
    words = tokenize(text, language)
    aliases = [ALIAS + _stem(romanised(word), "en") for word in words if is_romanised_word(word)]
    return words + [_stem(a, language) for a in acronyms(text) if a not in STOPWORDS] + aliases


def alias(token: str) -> str | None:
    """The alias form a question's Latin word matches ("chushang" -> "~chushang"), None for other tokens."""
    return ALIAS + token if LATIN_TOKEN.fullmatch(token) else None


def acronyms(text: str) -> list[str]:
    """The initials of every run of ACRONYM_WORDS[0] to ACRONYM_WORDS[1] capitalised words in a row, lower-cased
    ("Greater Bay Area" -> "gba", "World Manufacturing Convention" -> "wmc"): a release that spells a name out
    matches a question that abbreviates it."""
    found = []
    for run in CAPITALISED_RUN.finditer(text):
        initials = [word[0].lower() for word in CAPITAL_WORD.findall(run.group())]
        low, high = ACRONYM_WORDS
        for size in range(low, min(high, len(initials)) + 1):
            found += ["".join(initials[i : i + size]) for i in range(len(initials) - size + 1)]
    return found


@lru_cache(maxsize=WORDS_REMEMBERED)
def _stem(word: str, language: str) -> str:
    """A word's Snowball stem (remembered: a corpus repeats its words, and Snowball is pure Python)."""
    return _stemmer(language).stemWord(word)


def question_terms(text: str) -> list[tuple[str, ...]]:
    """A question's terms, each with its English and German stem: the release's language may differ."""
    english = tokenize(text, "en")
    german = tokenize(text, "de")
    if len(english) != len(german):  # both tokenizers split alike; guard against a mismatch anyway
        return [(token,) for token in dict.fromkeys(english + german)]
    # A Latin word may romanise a Chinese name: its alias form is one more variant.
    pairs = [(en, de, alias(en)) for en, de in zip(english, german, strict=True)]
    return list(dict.fromkeys(tuple(dict.fromkeys(v for v in triple if v)) for triple in pairs))


@lru_cache(maxsize=WORDS_REMEMBERED)
def with_same_meaning(variants: tuple[str, ...]) -> tuple[str, ...]:
    """A term's variants and, for a word of the genre's shared vocabulary (index.lang.concepts), that
    concept's tokens in every language."""
    more = set().union(*map(same_meaning, variants)) - set(variants)
    return tuple(variants) + tuple(sorted(more))


def counted_thing(token: str) -> frozenset[str]:
    """The tokens of every language naming the thing `token` names, when it names a thing a figure counts
    (index.lang.concepts.COUNTED_THINGS: "projects", "Aussteller", "企业"); empty otherwise."""
    concept = same_meaning(token)
    return concept if concept & _counted_things() else frozenset()


def event_kinds(tokens: Iterable[str]) -> frozenset[str]:
    """The kinds of event the tokens name (index.lang.concepts.EVENT_KINDS: "Messe" and "博览会" name a fair,
    "论坛" and "conference" a meeting), German compounds ending in one included ("Handelswoche")."""
    return frozenset().union(*map(_event_kinds_of, tokens))


@lru_cache(maxsize=WORDS_REMEMBERED)
def _event_kinds_of(token: str) -> frozenset[str]:
    """The kinds of event one token names (remembered: every release's opening is read when an index opens)."""
    heads = _event_heads()
    found = {heads[t] for t in same_meaning(token) if t in heads}
    if token.isalpha() and not CJK.search(token):
        found |= {kind for head, kind in heads.items() if head.isascii() and _compound_of(token, head)}
    return frozenset(found)


def _compound_of(token: str, head: str) -> bool:
    return len(token) >= len(head) + COMPOUND_PREFIX_MIN and token.endswith(head)


@cache
def _event_heads() -> dict[str, str]:
    """Every token of a concept naming a kind of event, with its kind ("woch": "week", "论坛": "meeting")."""
    heads = {}
    for headword, kind in EVENT_KINDS.items():
        for token in same_meaning(tokenize(headword, "en")[0]):
            heads[token] = kind
    return heads


@cache
def _counted_things() -> frozenset[str]:
    return frozenset(tokenize(word, "en")[0] for word in COUNTED_THINGS)


def same_meaning(token: str) -> frozenset[str]:
    """The tokens of every language that mean what `token` means (empty when it names no shared concept)."""
    return _concept_tokens().get(token, frozenset())


@cache
def _concept_tokens() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for english, german, chinese in concepts():
        tokens = {t for w in english for t in tokenize(w, "en")}
        tokens |= {t for w in german for t in tokenize(w, "de")}
        tokens |= set(chinese)  # words jieba keeps whole; cutting them would load its dictionary (1.4 s)
        for token in tokens:
            found[token] |= tokens
    return {token: frozenset(tokens) for token, tokens in found.items()}


class BM25Index:
    """Okapi BM25 over pre-tokenized documents, as postings: each term holds the documents containing it and
    its BM25 weight in each, so a query costs the postings of its terms, not a pass over every document."""

    def __init__(self, documents: Sequence[Sequence[str]]):
        self._n = len(documents)
        lengths = np.array([sum(not t.startswith(ALIAS) for t in doc) for doc in documents], dtype=np.float64)
        average = float(lengths.mean()) if self._n else 0.0
        norms = BM25_K1 * (1 - BM25_B + BM25_B * lengths / (average or 1))
        docs: dict[str, list[int]] = defaultdict(list)
        freqs: dict[str, list[int]] = defaultdict(list)
        for number, doc in enumerate(documents):
            for term, tf in Counter(doc).items():
                docs[term].append(number)
                freqs[term].append(tf)
        self._idf = {t: math.log(1 + (self._n - len(d) + 0.5) / (len(d) + 0.5)) for t, d in docs.items()}
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, numbers in docs.items():
            where = np.array(numbers, dtype=np.int64)
            tf = np.array(freqs[term], dtype=np.float64)
            self._postings[term] = (where, self._idf[term] * tf * (BM25_K1 + 1) / (tf + norms[where]))

    def _contains(self, term: str, doc: int) -> bool:
        posting = self._postings.get(term)
        if posting is None:
            return False
        where = posting[0]
        at = int(np.searchsorted(where, doc))
        return at < len(where) and int(where[at]) == doc

    def coverage(self, terms: Sequence[tuple[str, ...]], doc: int) -> float:
        """IDF-weighted share of the terms (each a tuple of variants) that document `doc` contains.

        A term found nowhere in the corpus weighs most: a question about something no release mentions
        is not covered by any passage.
        """
        unknown = math.log(1 + (self._n + 0.5) / 0.5)
        total = found = 0.0
        for variants in terms:
            weight = self._weight(variants, unknown)
            total += weight
            if any(self._contains(variant, doc) for variant in with_same_meaning(variants)):
                found += weight  # in the document's language: "现场" covers "on site"
        return found / total if total else 0.0

    def heaviest_missing(self, terms: Sequence[tuple[str, ...]], doc: int) -> float:
        """The weight of the rarest term that document `doc` lacks (in no word of the same meaning either), as
        a share of the weight of a term found nowhere: "Vietnamese" missing from a release about an expo
        weighs more than a missing "money"."""
        unknown = math.log(1 + (self._n + 0.5) / 0.5)
        missing = [
            self._weight(variants, unknown)
            for variants in terms
            if not any(self._contains(variant, doc) for variant in with_same_meaning(variants))
        ]
        return max(missing, default=0.0) / unknown

    def _weight(self, variants: Sequence[str], unknown: float) -> float:
        """A term's weight: the IDF of its rarest word form (a form found nowhere weighs `unknown`). An alias
        only adds what it matches: a Latin word that romanises no Chinese word is weighed as a word."""
        words = [v for v in variants if not v.startswith(ALIAS)] or list(variants)
        weight = max(self._idf.get(variant, unknown) for variant in words)
        aliases = [self._idf[v] for v in variants if v.startswith(ALIAS) and v in self._idf]
        return min(weight, max(aliases)) if aliases and weight == unknown else weight

    def knows(self, variants: Sequence[str]) -> bool:
        """Whether any variant of a term, or a word of the same meaning, occurs in the corpus."""
        return any(variant in self._idf for variant in with_same_meaning(variants))

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """BM25 score of every document for the query tokens."""
        result = np.zeros(self._n, dtype=np.float64)
        for term in dict.fromkeys(query):
            posting = self._postings.get(term)
            if posting is not None:
                result[posting[0]] += posting[1]
        return result

    def scores_of(self, query: Sequence[str], docs: Sequence[int]) -> list[float]:
        """BM25 scores of the given documents for the query tokens."""
        return self.scores(query)[np.asarray(docs, dtype=np.int64)].tolist() if len(docs) else []


def best(scores: np.ndarray, k: int) -> list[int]:
    """The k documents with the highest positive scores, best first (ties in document order)."""
    positive = np.flatnonzero(scores > 0)
    return positive[np.argsort(-scores[positive], kind="stable")][:k].tolist()
