"""Where, when and at which event a signing happened: datelines, dates, places, event names, organisers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from index.metadata import DateHit, find_dates

# Chinese city names as English releases spell them; the ledger stores places in English.
PLACES = {
    "北京": "Beijing", "上海": "Shanghai", "天津": "Tianjin", "重庆": "Chongqing", "深圳": "Shenzhen",
    "广州": "Guangzhou", "香港": "Hong Kong", "澳门": "Macao", "东莞": "Dongguan", "佛山": "Foshan",
    "珠海": "Zhuhai", "中山": "Zhongshan", "江门": "Jiangmen", "惠州": "Huizhou", "肇庆": "Zhaoqing",
    "汕头": "Shantou", "湛江": "Zhanjiang", "南昌": "Nanchang", "赣州": "Ganzhou", "吉安": "Ji'an",
    "九江": "Jiujiang", "上饶": "Shangrao", "景德镇": "Jingdezhen", "萍乡": "Pingxiang", "新余": "Xinyu",
    "鹰潭": "Yingtan", "宜春": "Yichun", "抚州": "Fuzhou (Jiangxi)", "南宁": "Nanning", "百色": "Baise",
    "柳州": "Liuzhou", "桂林": "Guilin", "北海": "Beihai", "钦州": "Qinzhou", "防城港": "Fangchenggang",
    "崇左": "Chongzuo", "梧州": "Wuzhou", "杭州": "Hangzhou", "宁波": "Ningbo", "温州": "Wenzhou",
    "南京": "Nanjing", "苏州": "Suzhou", "无锡": "Wuxi", "合肥": "Hefei", "武汉": "Wuhan", "长沙": "Changsha",
    "郑州": "Zhengzhou", "成都": "Chengdu", "西安": "Xi'an", "昆明": "Kunming", "贵阳": "Guiyang",
    "福州": "Fuzhou", "厦门": "Xiamen", "济南": "Jinan", "青岛": "Qingdao", "太原": "Taiyuan",
    "石家庄": "Shijiazhuang", "沈阳": "Shenyang", "大连": "Dalian", "长春": "Changchun", "哈尔滨": "Harbin",
    "兰州": "Lanzhou", "海口": "Haikou", "三亚": "Sanya", "乌鲁木齐": "Urumqi", "呼和浩特": "Hohhot",
    "银川": "Yinchuan", "西宁": "Xining", "拉萨": "Lhasa", "台北": "Taipei", "新加坡": "Singapore",
    "河内": "Hanoi", "高平": "Cao Bang",
}  # fmt: skip
EXONYMS = {"peking": "Beijing", "kanton": "Guangzhou", "hongkong": "Hong Kong", "macau": "Macao",
           "canton": "Guangzhou", "xian": "Xi'an", "jian": "Ji'an", "chungking": "Chongqing"}  # fmt: skip
KNOWN_PLACES = {name.lower(): name for name in PLACES.values()} | EXONYMS
NOT_PLACES = frozenset(
    "january february march april may june july august september october november december januar februar "
    "märz mai juni juli oktober dezember china chinese the this that addition total particular terms "
    "recent general order response line view short fact future accordance support".split()
)
PLACE_SUFFIX = re.compile(r"(?:'s|’s|\s+(?:City|Province|District|Municipality|Stadt))$|[市省区县]$")

CITY = r"[A-Z][A-Za-z'’-]+(?:\s[A-Z][a-z]+)?"
ZH_CITY_AT = re.compile(
    r"在(?P<place>[\u4e00-\u9fff]{2,5}?)[市省区]?(?:举行|举办|召开|开幕|隆重|签约|签署|签订|集中|成功|正式|顺利)"
)
IN_CITY = re.compile(rf"\b[Ii]n\s+(?P<place>{CITY})")
CITY_HOSTED = re.compile(rf"(?P<place>{CITY})\s+hosted\b")
SIGNING_PLACE = (
    re.compile(
        rf"\b(?:held|hosted|took place|signed|inked|sealed|penned|concluded|ceremony|conference|forum|expo|fair"
        rf"|summit|event|meeting|session|Konferenz|Messe|Forum|Veranstaltung|Tagung|Zeremonie)\s+in\s+(?P<place>{CITY})"
    ),
    re.compile(rf"^\W*In\s+(?P<place>{CITY})\b"),
    re.compile(rf"\bin\s+(?P<place>{CITY})\s+(?:on\b|am\b|wurden\b|fand\b|hat\b|haben\b)"),
    ZH_CITY_AT,
)

HELD = re.compile(
    r"\b(?:held|hosted|convened|staged|took place|kicked off|opened|inaugurated|stattgefunden|statt"
    r"|abgehalten|eröffnet)\b|举行|举办|召开|开幕|启幕|拉开帷幕",
    re.I,
)
PLANNED = re.compile(
    r"\bwill\b|\bto be held\b|\bscheduled\b|\bsoll(?:en)?\b|\bwird\b|定于|将于|将在|拟于|计划于"
)
EVENT_NOUNS_EN = (
    "Conference|Forum|Expo|Exposition|Fair|Summit|Week|Meeting|Symposium|Festival|Convention|Seminar"
)
EVENT_PATTERNS = (
    re.compile(
        r"(?:^|[,:;]\s+|--\s+|—\s+)(?:[Tt]he\s+)?(?P<ev>[^,:;]{6,160}?)\s+(?:(?:was|were)\s+(?:\w+\s+)?"
        r"(?:held|hosted|convened|staged|opened)|opened|kicked off|took place)\b"
    ),  # fmt: skip
    re.compile(r"\b(?:At|at|During|during)\s+the\s+(?P<ev>[^,;]{6,160}?)(?=\s+(?:held|in|on)\b|,)"),
    re.compile(
        r"\b(?:[Dd]ie|[Dd]er|[Dd]as)\s+(?P<ev>(?:[\w()-]+\s+){0,3}?(?:[A-ZÄÖÜ]\w*(?:konferenz|messe|forum|tagung"
        r"|woche|gipfel|kongress|veranstaltung)|Konferenz|Messe|Forum|Tagung|Woche|Gipfel|Kongress|Expo)"
        r"\b[^.;,]*?)(?=\s+(?:stattgefunden|statt|abgehalten|eröffnet|fand|findet|wurde)\b)"
    ),  # fmt: skip
    re.compile(r"\b(?:Auf|Bei)\s+(?:der|dem)\s+(?P<ev>[^,;]{6,160}?)(?=\s+(?:in|am|wurden)\b|,)"),
    re.compile(
        rf"(?P<ev>(?:\d{{4}}\s+)?(?:[A-Z(][\w&'’().-]*\s+|(?:and|of|for|on|the|&|-)\s+){{1,16}}"
        rf"(?:{EVENT_NOUNS_EN}))\b"
    ),  # fmt: skip
    re.compile(
        r"(?:由[^，。；,;]{2,30}?(?:主办|承办|举办)的)?"
        r"(?P<ev>[^，。；、“”,;\s]{2,40}?(?:大会|会议|推介会|洽谈会|博览会|论坛|活动周|经贸周|交易会|峰会"
        r"|对接会|签约仪式|招商会|交流会|座谈会|展览会|开幕式))"
    ),  # fmt: skip
)
ORGANISER_PATTERNS = (
    re.compile(
        r"\b(?:hosted|organi[sz]ed|sponsored|co-hosted|co-organi[sz]ed)\s+(?:jointly\s+)?by\s+"
        r"(?:the\s+)?(?P<org>[^,.;()]{3,100}?)(?=[,.;()]|\s+and\s+(?:was\s+)?(?:organi[sz]ed|led"
        r"|undertaken|co-hosted|supported)\b|$)"
    ),  # fmt: skip
    re.compile(
        r"\b(?:vom|von\s+der|von\s+dem|von\s+den)\s+(?P<org>[^,.;]{3,120}?)\s+"
        r"(?:ausgerichtet|organisiert|veranstaltet)"
    ),  # fmt: skip
    re.compile(r"由(?P<org>[^，。；,;]{2,40}?)(?:联合|共同)?(?:主办|举办|承办)"),
)

DATELINE_SCAN_CHARS = 400
DATELINE = re.compile(  # at the start of a line near the top: a headline may come first
    r"^\s*(?:date\s+\S+\s+)?(?P<city>[A-Z][A-Z.'’ -]{1,30}[A-Z])\s*,[^\n]{0,80}?"
    r"(?:/[^/\n]{2,40}/|\([^()\n]{2,40}\))?\s*(?:--|—|–)\s*",
    re.M,
)
ZH_DATELINE = re.compile(
    r"(?:新华社|中新社|中新网|人民网|央视网|中国日报网|本报)(?P<city>[\u4e00-\u9fff]{2,3}?)\d{1,2}月\d{1,2}日电"
    r"(?:\s*[（(][^）)\n]{0,30}[）)])?\s*"
)
PUBLISHED_LABEL = re.compile(
    r"(?:published|posted|veröffentlicht|发布时间|发布日期|发布于|日期)\s*(?:on|am)?\s*[:：]?\s*", re.I
)
# A year, not an amount or a count that happens to look like one ("2000万元", "2024 projects").
YEAR_MENTION = re.compile(
    r"(?<![\d.,])((?:19|20)\d{2})(?![\d.,%]|\s*(?:万|亿|个|家|名|人|多|余|[a-zA-Z]*(?:illion|rd|io)\b|yuan|元))"
)
# A date written without its year that falls this far after publication belongs to the year before.
ROLLOVER_DAYS = 7


@dataclass(frozen=True)
class Reference:
    """What a release's undated days ("3月20日") are resolved against."""

    day: date | None  # publication date, when known
    year: int | None  # the release's year, when only that is known


@dataclass(frozen=True)
class Dateline:
    """The dateline at the top of a release: where the body starts, its city and its date."""

    end: int = 0
    city: str | None = None
    hit: DateHit | None = None


@dataclass(frozen=True)
class Setting:
    """What a sentence says about an event: its date, place and name."""

    day: date | None
    place: str | None
    event: tuple[int, int] | None  # span of the event name in the sentence


def normalize_place(name: str | None) -> str | None:
    """One spelling per city: "SHENZHEN", "深圳市" and "Shenzhen City" are all "Shenzhen"."""
    if not name or not name.strip():
        return None
    name = PLACE_SUFFIX.sub("", name.strip())
    if name in PLACES:
        return PLACES[name]
    known = KNOWN_PLACES.get(name.lower().replace(" ", "")) or KNOWN_PLACES.get(name.lower())
    if known:
        return known
    return name.title() if name.isupper() or name.islower() else name


def find_dateline(text: str) -> Dateline:
    """The wire or news-agency dateline near the top of `text`, if any."""
    head = text[:DATELINE_SCAN_CHARS]
    match = DATELINE.search(head) or ZH_DATELINE.search(head)
    if not match:
        return Dateline()
    hits = [hit for hit in find_dates(text[: match.end()]) if hit.year]
    return Dateline(match.end(), normalize_place(match["city"]), hits[0] if hits else None)


def reference(text: str, published: date | None, dateline: Dateline) -> Reference:
    """Publication date (given, dateline, labelled) or else the year the release mentions most."""
    if published:
        return Reference(published, published.year)
    if dateline.hit:
        return Reference(resolve(dateline.hit, Reference(None, None)), dateline.hit.year)
    for label in PUBLISHED_LABEL.finditer(text):
        hit = next(
            (h for h in find_dates(text[label.end() : label.end() + 30]) if h.start == 0 and h.year), None
        )
        if hit:
            return Reference(resolve(hit, Reference(None, None)), hit.year)
    years = Counter(int(year) for year in YEAR_MENTION.findall(text))
    return Reference(None, max(years, key=lambda y: (years[y], y)) if years else None)


def resolve(hit: DateHit, ref: Reference) -> date | None:
    """The calendar date of `hit`, taking a missing year from the reference (and the year before if later)."""
    year = hit.year or (ref.day.year if ref.day else ref.year)
    if year is None:
        return None
    try:
        day = date(year, hit.month, hit.day)
        if hit.year is None and ref.day and day > ref.day + timedelta(days=ROLLOVER_DAYS):
            day = date(year - 1, hit.month, hit.day)
    except ValueError:  # 29 February of a year without one
        return None
    return day


def held_setting(sentence: str, ref: Reference) -> Setting | None:
    """Date, place and event name of a sentence saying an event was held, or None if it doesn't say so."""
    held = HELD.search(sentence)
    if not held or PLANNED.search(sentence):
        return None
    hit = min(find_dates(sentence), key=lambda h: abs(h.start - held.start()), default=None)
    place = first_place(sentence, (IN_CITY, CITY_HOSTED, ZH_CITY_AT))
    return Setting(resolve(hit, ref) if hit else None, place, event_span(sentence))


def sentence_setting(sentence: str, ref: Reference) -> Setting:
    """Date, place and event name a signing sentence states itself.

    With several dates ("2025年4月2日，记者获悉，4月1日，…推介会举行，…签约"), the one nearest the word saying
    the event took place is the event's; the others date the report.
    """
    hits = find_dates(sentence)
    held = HELD.search(sentence)
    if held and len(hits) > 1:
        hits = sorted(hits, key=lambda hit: abs(hit.start - held.start()))
    day = resolve(hits[0], ref) if hits else None
    return Setting(day, first_place(sentence, SIGNING_PLACE), event_span(sentence))


def first_place(sentence: str, patterns) -> str | None:
    """The earliest city the patterns find; a known city beats an unknown capitalised word."""
    found = []
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            name = normalize_place(match["place"])
            if name and name.split()[0].lower() not in NOT_PLACES:
                found.append((name.lower() not in KNOWN_PLACES, match.start(), name))
    return min(found)[2] if found else None


def event_span(sentence: str) -> tuple[int, int] | None:
    """Span of the event's name in a sentence, by the first pattern that finds one."""
    for pattern in EVENT_PATTERNS:
        match = pattern.search(sentence)
        if match:
            return match.span("ev")
    return None


def find_organiser(text: str) -> str | None:
    """Who hosted or organised the release's event, where it says."""
    for pattern in ORGANISER_PATTERNS:
        match = pattern.search(text)
        if match:
            return match["org"].strip()
    return None
