"""Phrasings for the synthetic corpus: places, events, amounts, dates and sentences in English, German, Chinese.

Every sentence is written here, not taken from the seeds (tests/test_synthetic.py checks it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal


@dataclass(frozen=True)
class City:
    """A city as English, German and Chinese releases write it."""

    en: str
    de: str
    zh: str
    province: int  # index into PROVINCES


PROVINCES = (
    ("Jiangxi", "江西"),
    ("Guangxi", "广西"),
    ("Guangdong", "广东"),
    ("Hunan", "湖南"),
    ("Fujian", "福建"),
)
CITIES = (
    City("Nanchang", "Nanchang", "南昌", 0), City("Ganzhou", "Ganzhou", "赣州", 0),
    City("Jiujiang", "Jiujiang", "九江", 0), City("Nanning", "Nanning", "南宁", 1), City("Baise", "Baise", "百色", 1),
    City("Liuzhou", "Liuzhou", "柳州", 1), City("Shenzhen", "Shenzhen", "深圳", 2),
    City("Guangzhou", "Kanton", "广州", 2), City("Dongguan", "Dongguan", "东莞", 2),
    City("Changsha", "Changsha", "长沙", 3), City("Xiamen", "Xiamen", "厦门", 4), City("Beijing", "Peking", "北京", 4),
    City("Hong Kong", "Hongkong", "香港", 2), City("Shanghai", "Shanghai", "上海", 0),
)  # fmt: skip
PARTNERS = (("Greater Bay Area", "Greater Bay Area", "粤港澳大湾区"), ("ASEAN", "ASEAN", "东盟"),
            ("Yangtze River Delta", "Jangtse-Delta", "长三角"), ("Hong Kong", "Hongkong", "香港"))  # fmt: skip
EVENT_KINDS = (
    (
        "Trade and Investment Cooperation Conference",
        "Wirtschafts- und Handelskooperationskonferenz",
        "经贸合作推介会",
    ),
    ("Investment Promotion Forum", "Investitionsförderungskonferenz", "投资促进论坛"),
    ("Industrial Chain Matchmaking Conference", "Industriekettenkonferenz", "产业链对接会"),
    ("Economic and Trade Week", "Wirtschafts- und Handelswoche", "经贸活动周"),
)
COMPANIES = ("兆驰股份", "立讯精密", "比亚迪", "宁德时代", "欣旺达", "格力电器")
FILLER_EN = (
    "The event aimed to deepen ties in machinery, clean power and the digital economy.",
    "Officials said the province would keep improving its business environment for investors.",
    "Business leaders praised the efficiency of local government services and the quality of industrial parks.",
)
FILLER_DE = (
    "Die Veranstaltung soll die Zusammenarbeit in der modernen Fertigung und der digitalen Wirtschaft vertiefen.",
    "Vertreter der Stadt hoben die gute Anbindung an Schiene und Hafen hervor.",
)
FILLER_ZH = (
    "本次活动旨在深化双方在先进制造、新能源和数字经济等领域的合作。",
    "与会人员表示，将持续优化营商环境，推动重要产业链协同发展。",
    "未来，双方将在科技创新、人才交流等方面开展更深层次的合作。",
)
# How content farms spin Chinese copy (word → near-synonym), and the spam they insert mid-sentence.
SPIN = {"项目": "口头", "活动": "手脚", "人": "东谈主", "重要": "遑急", "持续": "抓续", "去年": "旧年",
        "今年": "本年", "总额": "总和", "推动": "激动", "未来": "昔时", "介绍": "先容", "表示": "默示"}  # fmt: skip
SPAM = ("体育游戏app平台", "开云体育", "九游会")
EN_MONTHS = "January February March April May June July August September October November December".split()
DE_MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
ZH_DIGITS = "零一二三四五六七八九"
FIRST_DAY, LAST_DAY = date(2022, 1, 10), date(2025, 12, 20)


def random_day(rng: random.Random, first_day: date = FIRST_DAY) -> date:
    """A day in the corpus period (from `first_day`, earlier for a large corpus, to LAST_DAY)."""
    return first_day + timedelta(days=rng.randrange((LAST_DAY - first_day).days))


def trimmed(value: Decimal) -> str:
    """A decimal without trailing zeros: 45.0460 → '45.046', 100.0 → '100'."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def zh_numeral(n: int) -> str:
    """1 ≤ n < 10000 in Chinese numerals: 320 → 三百二十, 105 → 一百零五, 15 → 十五."""
    parts, pending_zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit)
        if digit:
            if pending_zero:
                parts.append("零")
            parts.append(ZH_DIGITS[digit] + name)
            pending_zero = False
        elif parts:
            pending_zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def en_amount(millions: int, rng: random.Random) -> str:
    """An exact English amount: '45.046 billion yuan', 'RMB 850 million', '1,200 million yuan'."""
    if millions < 1000 or (millions < 10000 and rng.random() < 0.2):
        figure = f"{millions:,} million"
    else:
        figure = f"{trimmed(Decimal(millions) / 1000)} billion"
    return rng.choice((f"{figure} yuan", f"{figure} yuan", f"RMB {figure}", f"CNY {figure}"))


def rounded_millions(millions: int) -> int:
    """The amount to a tenth of a billion, as a rounded report states it."""
    return int(round(Decimal(millions) / 100)) * 100


def en_rounded_amount(millions: int) -> str:
    """A rounded English amount ('about 45 billion yuan'), within half a percent of the exact one."""
    return f"about {trimmed(Decimal(rounded_millions(millions)) / 1000)} billion yuan"


def de_amount(millions: int, rng: random.Random) -> str:
    """An exact German amount with decimal comma: '20,663 Mrd. Yuan', '850 Mio. Yuan'."""
    if millions < 1000:
        return f"{millions} {rng.choice(('Mio.', 'Millionen'))} Yuan"
    figure = trimmed(Decimal(millions) / 1000).replace(".", ",")
    return f"{figure} {rng.choice(('Mrd.', 'Mrd.', 'Milliarden'))} Yuan"


def zh_amount(millions: int, rng: random.Random) -> str:
    """An exact Chinese amount: '450.46亿元', '8500万元', '三百二十亿元'."""
    if millions < 100:
        return f"{millions * 100}万元"
    if millions % 100 == 0 and millions < 1_000_000 and rng.random() < 0.4:
        return f"{zh_numeral(millions // 100)}亿元"
    return f"{trimmed(Decimal(millions) / 100)}亿元"


def zh_count(n: int, rng: random.Random) -> str:
    """A project count, sometimes in Chinese numerals."""
    return zh_numeral(n) if n < 100 and rng.random() < 0.3 else str(n)


def en_date(day: date, rng: random.Random, year: bool = True) -> str:
    """'September 2, 2024', 'Sept. 2, 2024' or '2 September 2024'."""
    month = EN_MONTHS[day.month - 1]
    short = month if len(month) <= 4 else f"{'Sept' if day.month == 9 else month[:3]}."
    style = rng.randrange(3)
    if style == 2:
        return f"{day.day} {month}" + (f" {day.year}" if year else "")
    return f"{month if style == 0 else short} {day.day}" + (f", {day.year}" if year else "")


def de_date(day: date, year: bool = True) -> str:
    """'24. September 2024'."""
    return f"{day.day}. {DE_MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")


def zh_date(day: date, year: bool = True) -> str:
    """'2024年9月2日' or '9月2日'."""
    return (f"{day.year}年" if year else "") + f"{day.month}月{day.day}日"


def spin(text: str, rng: random.Random) -> str:
    """A content-farm copy: words swapped for near-synonyms, spam phrases inserted between two characters."""
    for word, spun in SPIN.items():
        text = text.replace(word, spun)
    gaps = [i for i in range(1, len(text)) if _han(text[i - 1]) and _han(text[i])]
    for at in sorted(rng.sample(gaps, min(2, len(gaps))), reverse=True):
        text = text[:at] + rng.choice(SPAM) + text[at:]
    return text


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


EN_SIGNING = (
    "Delegates signed {n} cooperation projects at the meeting, with contracts totalling {amount}, chiefly in "
    "battery materials, logistics and food processing.",
    "At a ceremony on the sidelines, partners signed {n} projects worth a combined {amount}.",
    "A total of {n} projects worth {amount} were signed at the event.",
    "During the event, {n} investment agreements valued at {amount} were inked.",
    "Organizers said {n} deals worth {amount} were sealed on the spot.",
    "At the signing ceremony, {n} key projects with a combined investment of {amount} were signed.",
)
EN_SIGNING_COUNT = (
    "{n} projects were signed at the conference, covering machinery, cold-chain logistics and farming.",
)
EN_SIGNING_AMOUNT = ("Contracts worth {amount} were signed at the conference.",)
DE_SIGNING = (
    "Im Rahmen des Treffens unterzeichneten die Partner {n} Projekte, deren Investitionssumme {amount} beträgt.",
    "Insgesamt wurden {n} Kooperationsprojekte im Wert von {amount} unterzeichnet.",
    "Bei der Veranstaltung unterzeichneten die Teilnehmer {n} Vereinbarungen mit einem Volumen von {amount}.",
    "Zudem wurden {n} Verträge im Gesamtwert von {amount} unterzeichnet.",
)
ZH_SIGNING = (
    "会上，现场集中签约项目{n}个，总金额{amount}。",
    "活动现场共签约{n}个项目，签约总额达{amount}。",
    "本次大会共签下合作项目{n}个，协议总额{amount}。",
    "{n}个重点项目集中签约，总投资{amount}。",
    "会上共签署合作协议{n}项，涉及金额{amount}。",
)
ZH_SIGNING_AMOUNT = ("现场签约金额达{amount}。",)
ZH_SIGNING_DATED = (
    "{date}，{company}牵头的{n}个制造业项目在{city}集中签约，涵盖新型显示、储能和汽车零部件等领域。"
)
EN_HELD = (
    "The {event} was held in {city} on {date}.",
    "On {date}, the {event} was held in {city}, China.",
    "The {event} took place in {city} on {date}.",
    "{city} hosted the {event} on {date}.",
)
DE_HELD = (
    "Am {date} wurde in {city} die {event} eröffnet; Gastgeber war die Provinzregierung von {province}.",
    "Am {date} fand in {city} die {event} statt.",
)
ZH_HELD = ("{date}，{event}在{city}举行。", "{date}，由{province}省人民政府主办的{event}在{city}隆重开幕。")
ZH_HELD_UNDATED = "近日，{event}在{city}举行。"
EN_ORGANISER = (
    "It was organised by the {province} provincial government, with several city bureaus taking part."
)

# Figures that are not signings; "{amount}" gets a fresh amount recorded as a distractor.
EN_DISTRACTORS = (
    "The province's guidance funds for industry managed {amount} at the close of {y}.",
    "Sales of the province's electronics makers came to {amount} in {y}.",
    "Exports to the region rose {p}% year on year to {amount}.",
    "Upwards of {k} firms sent representatives, several of them multinational groups.",
    "Investors from Guangdong now put up over {p}% of the money behind the province's new plants.",
    "The province will sign another {n} projects worth {amount} at the autumn trade fair.",
    "The two sides also signed an agreement to set up an industrial fund of {amount}.",
    "Annual two-way trade runs at roughly {amount}.",
)
DE_DISTRACTORS = (
    "Der Industriefonds der Stadt hat inzwischen ein Volumen von {amount} erreicht.",
    "Der Umsatz der Elektronikindustrie erreichte im Jahr {y} {amount}.",
    "Die Exporte in die Region stiegen um {p} Prozent auf {amount}.",
    "Rund {k} Firmen hatten Vertreter entsandt.",
    "Im nächsten Monat sollen weitere {n} Projekte im Wert von {amount} unterzeichnet werden.",
)
ZH_DISTRACTORS = (
    "全省各类产业基金在{y}年末的管理规模为{amount}。",
    "{y}年全省电子产品制造企业的营收合计{amount}。",
    "近{k}家企业参加了本次活动。",
    "下一步，将推动文旅项目签约。",
    "预计下半年还将签约项目{n}个，总投资{amount}。",
    "出口额同比增长{p}%，达{amount}。",
)
# Running tallies: extracted as cumulative rows, never counted as signings.
EN_TALLIES = (
    "Since {y0}, the province has signed a total of {n} projects worth {amount} with partners in the region.",
    "So far this year, the city has signed {n} investment projects worth {amount}.",
)
DE_TALLIES = ("Seit {y0} wurden insgesamt {n} Projekte mit einem Volumen von {amount} unterzeichnet.",)
ZH_TALLIES = (
    "今年以来，全市累计签约项目{n}个，总投资{amount}。",
    "{y0}年以来，全市累计签约湾区项目{n}个、占全市签约项目的{p}%，总投资{amount}；{k}家本地企业与湾区企业结成伙伴，每年合作额超{amount2}。",
)
# Breakdowns of the signing just reported: part of it, not another one.
BREAKDOWNS = {
    "en": "Among them, {n} foreign-funded projects worth {amount} were signed.",
    "de": "Darunter wurden {n} Projekte ausländischer Investoren im Wert von {amount} unterzeichnet.",
    "zh": "其中，外资项目{n}个，签约金额{amount}。",
}
