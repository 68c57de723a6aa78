"""Places named in English, German or Chinese text: sovereign states and China's divisions (places.tsv).

Chinese names match anywhere (Chinese has no word boundaries), after folding traditional characters to
simplified ones. Latin names match case-insensitively on whole words: "Hunan" is found in "Hunan-based" and
"Hunan's" and in German genitives ("Chinas"), not inside "Hunanese". Hyphens and spaces are interchangeable
("Hong-Kong"), apostrophes optional ("Xian" = "Xi'an"). The longest name wins ("Inner Mongolia" over
"Mongolia", "印度尼西亚" over "印度"). A name shared by several places resolves to the highest level (a
province over a prefecture); among places of one level it names the first and lists the others as
`alternatives` ("Taizhou": 泰州 and 台州). Regenerate the data with `python -m devtools.gazetteer`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from index.lang.chinese import CJK_RUN, has_cjk, to_simplified

PLACE_TEXTS_REMEMBERED = 65536
DATA = Path(__file__).with_name("places.tsv")
KIND_RANK = {"country": 0, "province": 1, "prefecture": 2, "area": 3, "county": 4}
LETTER = "0-9A-Za-z\u00c0-\u024f"
# Latin words: "U.S." (an abbreviation), "Xi'an", "China's", "Hunan"; names are looked up word by word.
WORD = re.compile(f"[{LETTER}](?:\\.[{LETTER}])+\\.?|[{LETTER}]+(?:['\u2019][{LETTER}]+)*")
# Between the words of one name: "Hong Kong", "Hong-Kong", "St. Lucia".
WORD_GAP = re.compile(r"\.?[\s\-]{1,3}")


@dataclass(frozen=True)
class Place:
    """A country or a Chinese division with its names; `parent` is the province (or China) it belongs to."""

    id: str  # "iso:VN", "cn:450000" (the division code)
    kind: str  # "country", "province", "prefecture", "area" (雄安新区) or "county" (济源市)
    parent: str | None
    zh: str  # 广西壮族自治区
    zh_short: str  # 广西 ("" for countries)
    pinyin: str  # Guangxi ("" for countries)
    en: tuple[str, ...]  # English names where they differ from the pinyin, preferred first
    de: tuple[str, ...]
    aliases: tuple[str, ...]  # other names: 海西州, 香港特区, Lvliang

    def name(self, language: str = "en") -> str:
        """The usual name in `language` ("en", "de" or "zh")."""
        if language == "zh":
            return self.zh_short or self.zh
        names = self.de if language == "de" else self.en
        return names[0] if names else self.pinyin

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the place, matched or not."""
        names = (self.zh, self.zh_short, self.pinyin, *self.en, *self.de, *self.aliases)
        return tuple(dict.fromkeys(name for name in names if name))


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in text; `alternatives` are other places of the same level with that name."""

    id: str
    start: int
    end: int
    surface: str
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    """The loaded data: places by id and the two name indexes (read-only after loading)."""

    places: Mapping[str, Place]
    cjk_names: Mapping[str, tuple[str, ...]]  # name -> ids, the chosen one first
    cjk_lengths: Mapping[str, tuple[int, ...]]  # first character -> name lengths, longest first
    latin_names: Mapping[str, tuple[str, ...]]  # normalised name -> ids
    latin_words: Mapping[str, tuple[int, ...]]  # normalised first word -> name lengths in words
    cased: Mapping[str, str]  # normalised name -> the only spelling that matches ("Turkey", not "turkey")


def find_places(text: str) -> list[PlaceMention]:
    """Every place named in `text`, in order, longest name first, no two overlapping."""
    mentions = _cjk_mentions(text) if has_cjk(text) else []
    mentions += _latin_mentions(text)
    return sorted(mentions, key=lambda mention: mention.start)


@lru_cache(maxsize=PLACE_TEXTS_REMEMBERED)
def canonical_ids(text: str) -> frozenset[str]:
    """The ids of every place `text` names, alternatives of ambiguous names included (remembered: ledger
    rows name the same few places question after question)."""
    return frozenset(pid for m in find_places(text) for pid in (m.id, *m.alternatives))


def place(place_id: str) -> Place:
    """The place with id `place_id` ("cn:440300", "iso:HU"); KeyError when there is none."""
    try:
        return GAZETTEER.places[place_id]
    except KeyError:
        raise KeyError(f"no place with id {place_id!r}") from None


def places(kind: str | None = None) -> tuple[Place, ...]:
    """All places, or those of one kind ("country", "province", "prefecture", "area", "county")."""
    return tuple(p for p in GAZETTEER.places.values() if kind is None or p.kind == kind)


def chinese_names() -> tuple[str, ...]:
    """Every Chinese name that find_places matches (simplified script)."""
    return tuple(GAZETTEER.cjk_names)


def _cjk_mentions(text: str) -> list[PlaceMention]:
    simplified = to_simplified(text)  # same length, so offsets hold for `text`
    lengths_at, ids_of = GAZETTEER.cjk_lengths.get, GAZETTEER.cjk_names.get
    mentions = []
    for run in CJK_RUN.finditer(simplified):
        position, end = run.start(), run.end()
        while position < end:
            step = 1
            for length in lengths_at(simplified[position], ()):
                ids = ids_of(simplified[position : position + length]) if position + length <= end else None
                if ids:
                    surface = text[position : position + length]
                    mentions.append(PlaceMention(ids[0], position, position + length, surface, ids[1:]))
                    step = length
                    break
            position += step
    return mentions


def _latin_mentions(text: str) -> list[PlaceMention]:
    words = [(match.start(), match.end()) for match in WORD.finditer(text)]
    mentions, index = [], 0
    while index < len(words):
        found = None
        for count in GAZETTEER.latin_words.get(_word_key(text, words[index]), ()):
            found = _latin_name(text, words[index : index + count]) if index + count <= len(words) else None
            if found is not None:
                mentions.append(found)
                index += count
                break
        if found is None:
            index += 1
    return mentions


def _latin_name(text: str, words: list[tuple[int, int]]) -> PlaceMention | None:
    """The place these consecutive words name, if they are one name; a genitive "s" is left out of it."""
    for (_, end), (start, _) in zip(words, words[1:], strict=False):
        if not WORD_GAP.fullmatch(text, end, start):
            return None
    start, end = words[0][0], words[-1][1]
    surface = text[start:end]
    key = latin_key(surface)
    if key not in GAZETTEER.latin_names and key.endswith("s"):  # "China's", "Chinas", "Xi'an's"
        end -= 2 if surface[-2] in "'\u2019" else 1
        surface, key = text[start:end], key[:-1]
    ids = GAZETTEER.latin_names.get(key)
    if ids is None or (key in GAZETTEER.cased and surface != GAZETTEER.cased[key]):
        return None  # "turkey" is a bird
    return PlaceMention(ids[0], start, end, surface, ids[1:])


def _word_key(text: str, word: tuple[int, int]) -> str:
    key = latin_key(text[word[0] : word[1]])
    return key if key in GAZETTEER.latin_words or not key.endswith("s") else key[:-1]


def latin_key(name: str) -> str:
    """The form Latin names are compared in: lower case, no apostrophes, one space for spaces and hyphens."""
    key = name.lower().replace("'", "").replace("\u2019", "")
    return re.sub(r"[\s\-]+", " ", key) if not key.isalnum() else key


def load(path: Path = DATA) -> Gazetteer:
    """Read the gazetteer TSV and build its name indexes."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    by_id, cjk, latin, cased, words = {}, {}, {}, {}, {}
    for row in rows:
        entry = _place(row)
        by_id[entry.id] = entry
        for name in _matchable(entry.names, set(_split(row["no_match"]))):
            if has_cjk(name):
                cjk.setdefault(name, []).append(entry)
            else:
                latin.setdefault(latin_key(name), []).append(entry)
                spans = [match.span() for match in WORD.finditer(name)]
                words.setdefault(latin_key(name[slice(*spans[0])]), set()).add(len(spans))
        cased.update((latin_key(name), name) for name in _split(row["cased"]))
    cjk_names = {name: _ranked(entries) for name, entries in cjk.items()}
    latin_names = {key: _ranked(entries) for key, entries in latin.items()}
    lengths: dict[str, set[int]] = {}
    for name in cjk_names:
        lengths.setdefault(name[0], set()).add(len(name))
    return Gazetteer(
        places=MappingProxyType(by_id),
        cjk_names=MappingProxyType(cjk_names),
        cjk_lengths=MappingProxyType({c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}),
        latin_names=MappingProxyType(latin_names),
        latin_words=MappingProxyType({w: tuple(sorted(ns, reverse=True)) for w, ns in words.items()}),
        cased=MappingProxyType(cased),
    )


def _place(row: dict[str, str]) -> Place:
    return Place(
        id=row["id"],
        kind=row["kind"],
        parent=row["parent"] or None,
        zh=row["zh"],
        zh_short=row["zh_short"],
        pinyin=row["pinyin"],
        en=_split(row["en"]),
        de=_split(row["de"]),
        aliases=_split(row["aliases"]),
    )


def _split(field: str) -> tuple[str, ...]:
    return tuple(name for name in field.split("|") if name)


def _matchable(names: Iterable[str], excluded: set[str]) -> list[str]:
    """The names to match, plus accent-free spellings of Latin ones (Ürümqi -> Urumqi)."""
    kept = [name for name in names if name not in excluded]
    folded = [_strip_accents(name) for name in kept if not has_cjk(name)]
    return list(dict.fromkeys(kept + folded))


def _strip_accents(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _ranked(entries: list[Place]) -> tuple[str, ...]:
    """Ids for one name: the highest-level place first, then others of the same level."""
    unique = sorted({entry.id: entry for entry in entries}.values(), key=lambda e: (KIND_RANK[e.kind], e.id))
    best = KIND_RANK[unique[0].kind]
    return tuple(entry.id for entry in unique if KIND_RANK[entry.kind] == best)


GAZETTEER = load()
