"""Release metadata from a loaded document: title, publication and event dates, publisher, language."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from langdetect import DetectorFactory, LangDetectException, detect

from index.lang import de, en

if TYPE_CHECKING:  # answering reads dates with find_dates; the loader's parsers are for indexing only
    from index.loader import SourceDocument


@dataclass(frozen=True)
class ReleaseMetadata:
    """What a citation shows about a release besides its quote."""

    title: str
    published: date | None  # publication date
    event_date: date | None  # date of the event the release reports, if stated
    publisher: str | None  # wire or publisher
    language: str  # ISO 639-1 code ("en", "de", "zh", ...); "und" when no language is detectable
    dateline_end: int = 0  # where the body starts after a wire dateline: the dateline is not content


def extract_metadata(doc: SourceDocument) -> ReleaseMetadata:
    """Title, dates, publisher and language of one release."""
    text = doc.text
    hits = find_dates(text)
    dateline = _dateline(text, hits)
    published_hit = _published_hit(text, hits, dateline)
    published = _resolve(published_hit, _text_year(text, hits)) if published_hit else None
    body = [(max(start, dateline.end), end) for start, end in doc.body_spans if end > dateline.end]
    event_year = published.year if published else _text_year(text, hits)
    return ReleaseMetadata(
        title=_title(text, doc.body_spans, dateline),
        published=published,
        event_date=_event_date(text, hits, dateline.end, published_hit, event_year),
        publisher=find_publisher(text),
        language=detect_language("\n".join(text[s:e] for s, e in body)[:LANGUAGE_SAMPLE_CHARS]),
        dateline_end=dateline.end,
    )


# --- language ---------------------------------------------------------------------------------

LANGUAGE_SAMPLE_CHARS = 3000
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA_OR_HANGUL = re.compile(r"[\u3040-\u30ff\u1100-\u11ff\uac00-\ud7af]")
CHINESE_HAN_SHARE = 0.3  # of all letters; below it Han characters are names inside another language
WORD = re.compile(r"[^\W\d_]+")
# English or German prose has about one function word in four; a text decides by them with at least this
# many words, this share of them one language's function words, and this lead over the other's.
FUNCTION_WORDS_MIN_WORDS = 30
FUNCTION_WORDS_SHARE = 0.12
FUNCTION_WORDS_LEAD = 3.0


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`: Chinese by its script, English or German by their function words when
    those decide clearly, anything else by langdetect (seeded, so repeatable); zh-cn/zh-tw → "zh"."""
    letters = sum(ch.isalpha() for ch in text)
    han = len(HAN.findall(text))
    if han and han >= CHINESE_HAN_SHARE * letters and not KANA_OR_HANGUL.search(text):
        return "zh"  # script decides; langdetect takes short traditional Chinese for Korean
    by_words = _by_function_words(text)
    if by_words:
        return by_words  # langdetect would agree, at a hundred times the cost (most of indexing's parsing)
    DetectorFactory.seed = 0  # langdetect is random without it
    try:
        code = detect(text)
    except LangDetectException:  # no letters to judge by
        return "und"
    return code.split("-")[0]


def _by_function_words(text: str) -> str | None:
    words = WORD.findall(text.lower())
    if len(words) < FUNCTION_WORDS_MIN_WORDS:
        return None
    shares = {
        code: sum(w in table for w in words) / len(words)
        for code, table in (("en", en.FUNCTION_WORDS), ("de", de.FUNCTION_WORDS))
    }
    (best, share), (_, other) = sorted(shares.items(), key=lambda kv: kv[1], reverse=True)
    return best if share >= FUNCTION_WORDS_SHARE and share >= FUNCTION_WORDS_LEAD * other else None


# --- dates ------------------------------------------------------------------------------------

EN_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DE_MONTH = r"(?P<mon>Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)"
YEAR = r"(?P<y>(?:19|20)\d{2})"
DATE_PATTERNS = (
    re.compile(rf"(?<!\d){YEAR}[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d)"),
    re.compile(rf"\b{EN_MONTH}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{YEAR}\b)?"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{EN_MONTH}\b\.?(?:,?\s+{YEAR}\b)?"),
    re.compile(rf"\b(?P<d>\d{{1,2}})\.\s*{DE_MONTH}\b(?:\s+{YEAR}\b)?"),
    re.compile(rf"(?:{YEAR}\s*年\s*)?(?<!\d)(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]"),
)
# first three letters of English and German month names, lower case
MONTH_PREFIXES = ("jan jän", "feb", "mar mär mae", "apr", "may mai", "jun", "jul", "aug", "sep", "oct okt", "nov",
                  "dec dez")  # fmt: skip
MONTHS = {prefix: number for number, names in enumerate(MONTH_PREFIXES, start=1) for prefix in names.split()}
YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class DateHit:
    """A date written in the text; `year` is None when the text leaves it out ("3月24日")."""

    start: int
    end: int
    year: int | None
    month: int
    day: int


def find_dates(text: str) -> list[DateHit]:
    """Every date in `text` (ISO, English, German, Chinese), in order, overlaps resolved to the longest."""
    hits = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = int(groups["m"]) if groups.get("m") else MONTHS[groups["mon"][:3].lower()]
            year = int(groups["y"]) if groups.get("y") else None
            hits.append(DateHit(m.start(), m.end(), year, month, int(groups["d"])))
    hits.sort(key=lambda h: (h.start, h.start - h.end))
    kept: list[DateHit] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return [hit for hit in kept if _resolve(hit, 2000)]  # drop impossible days like 31 February


def _resolve(hit: DateHit, default_year: int | None) -> date | None:
    year = hit.year or default_year
    if year is None:
        return None
    try:
        return date(year, hit.month, hit.day)
    except ValueError:
        return None


def _text_year(text: str, hits: list[DateHit]) -> int | None:
    """The year a text talks about most: "20xx年" mentions and dates with a year; ties go to the later."""
    years = Counter(int(y) for y in YEAR_IN_TEXT.findall(text))
    years.update(hit.year for hit in hits if hit.year)
    return max(years, key=lambda y: (years[y], y)) if years else None


@dataclass(frozen=True)
class Dateline:
    """A wire dateline ("CITY, Country, Oct. 16, 2024 /PRNewswire/ --"); `end` is where the body starts."""

    hit: DateHit | None = None
    end: int = 0


DATELINE_SCAN_CHARS = 400
DATELINE_TAIL = re.compile(r"\s*(?:/[^/\n]{2,40}/|\([^()\n]{2,40}\))\s*(?:--|—|–)\s*|\s+(?:--|—|–)\s+|--\s*")
PUBLISHED_MARKER = re.compile(
    r"(?:(?<![A-Za-z])(?:date|dated|published(?: on)?|posted(?: on)?|publication date|veröffentlicht(?: am)?"
    r"|datum)|发布于|发布时间|发布日期|发表于|日期)\s*[:：]?\s*",
    re.I,
)
CLAUSE_OPENERS = '。！？!?”’"」』)）\n'
CLAUSE_DATE_TAIL = re.compile(r"(?:[上下中]午|早上|晚上|晚间|凌晨)?\s*[,，]")
HEAD_LINES = 5
HEAD_LINE_MAX_CHARS = 80


def _dateline(text: str, hits: list[DateHit]) -> Dateline:
    """The wire dateline near the top: a dated place line ending in a dash, often with the wire's name."""
    for hit in hits:
        if hit.start >= DATELINE_SCAN_CHARS:
            break
        tail = DATELINE_TAIL.match(text, hit.end)
        if hit.year and tail:
            return Dateline(hit, tail.end())
    return Dateline()


def _published_hit(text: str, hits: list[DateHit], dateline: Dateline) -> DateHit | None:
    """The date the release was published, by the strongest evidence the text offers."""
    for marker in PUBLISHED_MARKER.finditer(text):
        hit = next((h for h in hits if marker.end() <= h.start <= marker.end() + 1), None)
        if hit:
            return hit
    if dateline.hit:
        return dateline.hit
    if hit := next((h for h in hits if text.startswith("电", h.end)), None):  # Xinhua "北京3月24日电"
        return hit
    if hit := _head_date(text, hits):
        return hit
    # a Chinese news lead opens with its day: "。3月24日,江西省政府新闻办…召开的新闻发布会"
    return next((h for h in hits if _opens_clause(text, h)), None)


def _head_date(text: str, hits: list[DateHit]) -> DateHit | None:
    """A full date opening the text or standing on one of its first short lines (web page bylines)."""
    lines = text.lstrip().split("\n", HEAD_LINES)[:HEAD_LINES]
    head_end = len(text) - len(text.lstrip()) + sum(len(line) + 1 for line in lines)
    for hit in (h for h in hits if h.year and h.start < head_end):
        line_start = text.rfind("\n", 0, hit.start) + 1
        line_end = text.find("\n", hit.end)
        line_length = (len(text) if line_end < 0 else line_end) - line_start
        if not text[: hit.start].strip() or line_length <= HEAD_LINE_MAX_CHARS:
            return hit
    return None


def _opens_clause(text: str, hit: DateHit) -> bool:
    before = text[: hit.start].rstrip(" \t")
    return (not before or before[-1] in CLAUSE_OPENERS) and bool(CLAUSE_DATE_TAIL.match(text, hit.end))


EVENT_CUES = re.compile(
    r"\b(?:held|hosted|took place|takes? place|convened|opened|kicked off|launched|signed|inaugurated"
    r"|staged|organi[sz]ed|unveiled|stattgefunden|stattfinden|findet|fand|unterzeichnet|eröffnet"
    r"|abgehalten|veranstaltet|ausgerichtet)\b|举办|举行|召开|开幕|签约|签署|启动|揭牌",
    re.I,
)
SENTENCE_BREAK = re.compile(r"[。！？!?\n]|\.\s")


def _event_date(
    text: str, hits: list[DateHit], body_start: int, skip: DateHit | None, default_year: int | None
) -> date | None:
    """The first body date whose sentence says something was held, opened or signed."""
    for hit in hits:
        if hit.start < body_start or hit == skip:
            continue
        left = max((m.end() for m in SENTENCE_BREAK.finditer(text, 0, hit.start)), default=0)
        right = SENTENCE_BREAK.search(text, hit.end)
        if EVENT_CUES.search(text, left, right.start() if right else len(text)):
            return _resolve(hit, default_year)
    return None


# --- publisher --------------------------------------------------------------------------------

WIRE_SCAN_CHARS = 600
WIRES = (
    (re.compile(r"/\s*PRNewswire(?:-[\w ]+)?\s*/", re.I), "PR Newswire"),
    (re.compile(r"\(\s*GLOBE\s*NEWSWIRE\s*\)", re.I), "GlobeNewswire"),
    (re.compile(r"\(\s*BUSINESS\s*WIRE\s*\)", re.I), "Business Wire"),
    (re.compile(r"\(\s*ACCESS\s*(?:NEWS)?WIRE\s*\)", re.I), "ACCESS Newswire"),
    (re.compile(r"\(\s*Newsfile Corp\.?\s*\)", re.I), "Newsfile"),
    (re.compile(r"\bXinhua\b|新华社"), "Xinhua"),
)
DOMAIN_IN_PARENS = re.compile(
    r"[(（]\s*(?:https?://)?(?:www\.)?(?P<domain>(?:[a-z0-9-]+\.)+(?:com|cn|net|org|gov|edu|hk|mo|tw|de|info|news))"
    r"/?\s*[)）]",
    re.I,
)
KNOWN_OUTLETS = {
    "thepaper.cn": "The Paper", "xinhuanet.com": "Xinhua", "news.cn": "Xinhua",
    "chinadaily.com.cn": "China Daily", "people.com.cn": "People's Daily", "chinanews.com.cn": "China News Service",
    "chinanews.com": "China News Service", "cgtn.com": "CGTN", "globaltimes.cn": "Global Times",
    "sina.com.cn": "Sina", "sohu.com": "Sohu", "163.com": "NetEase", "ifeng.com": "Phoenix New Media",
    "caixin.com": "Caixin", "yicai.com": "Yicai", "jxnews.com.cn": "Jiangxi News",
}  # fmt: skip
COPYRIGHT_ORG = re.compile(
    r"(?:copyright|©)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<org>[^\n]+?)\s*[.,]?\s*"
    r"all rights reserved",
    re.I,
)
SOURCE_LINE = re.compile(
    r"^\s*(?:(?i:quelle|source|来源)\s*[:：]|SOURCE\s)\s*(?P<org>[^\n]{2,80}?)\s*$", re.M
)


def find_publisher(text: str) -> str | None:
    """Wire or publisher: a wire marker near the top, a news site's domain, a copyright or source line."""
    head = text[:WIRE_SCAN_CHARS]
    for pattern, wire in WIRES:
        if pattern.search(head):
            return wire
    if m := DOMAIN_IN_PARENS.search(text):
        domain = m.group("domain").lower()
        outlet = next((name for site, name in KNOWN_OUTLETS.items() if domain.endswith(site)), None)
        return f"{outlet} ({domain})" if outlet else domain
    if m := COPYRIGHT_ORG.search(text):
        return m.group("org").strip(" .,")
    sources = SOURCE_LINE.findall(text)
    return sources[-1].strip() if sources else None


# --- title ------------------------------------------------------------------------------------

HEADLINE_MAX_CHARS = 150
TITLE_MAX_CHARS = 120
SENTENCE_END = re.compile(r"[。！？]|[.!?](?=[\"”’)]*(?:\s|$))")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st co ltd inc corp no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s e.g i.e approx".split()
)
WORD_BEFORE = re.compile(r"(\S+)$")


def _title(text: str, spans: tuple[tuple[int, int], ...], dateline: Dateline) -> str:
    """The headline if the release opens with one, else its first sentence, at most 120 chars."""
    spans = tuple(span for span in spans if not _is_date_only(text[span[0] : span[1]]))
    if not spans:
        return ""
    start, end = spans[0]
    before_dateline = dateline.hit is None or end <= dateline.hit.start
    if before_dateline and len(spans) > 1 and _is_headline(text[start:end]):
        return text[start:end]
    start, end = next(((max(s, dateline.end), e) for s, e in spans if e > dateline.end), spans[0])
    return _shorten(_first_sentence(text[start:end]).rstrip(".。"))


def _is_headline(line: str) -> bool:
    return len(line) <= HEADLINE_MAX_CHARS and not line.endswith(tuple(".!?。！？:：;；,，"))


def _is_date_only(line: str) -> bool:
    rest = PUBLISHED_MARKER.sub("", line)
    for hit in reversed(find_dates(rest)):
        rest = rest[: hit.start] + rest[hit.end :]
    return not any(ch.isalpha() for ch in rest)


def _first_sentence(line: str) -> str:
    for m in SENTENCE_END.finditer(line):
        word = WORD_BEFORE.search(line, 0, m.start())
        token = word.group(1).lower().lstrip('("“') if word and m.group() == "." else ""
        if token in ABBREVIATIONS or len(token) == 1 or (token.isdigit() and len(token) <= 2):
            continue  # "Co. Ltd.", "U.S.", German ordinals like "24. September"
        return line[: m.end()]
    return line


def _shorten(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: TITLE_MAX_CHARS - 1]
    space = cut.rfind(" ")
    if space >= TITLE_MAX_CHARS // 2:  # text without spaces (Chinese) is cut anywhere
        cut = cut[:space]
    return cut.rstrip(" ,;:，；：、") + "…"
