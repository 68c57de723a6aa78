"""Release writers for the synthetic corpus: wire releases, Chinese news, spun copies, briefings, roundups."""

from __future__ import annotations

import random
from datetime import date, timedelta

from devtools.synthetic import templates as t
from devtools.synthetic.state import CorpusWriter, Event

WIRES = ("/PRNewswire/", "(GLOBE NEWSWIRE)", "/Xinhua/")
PAIRS = (("en", "zh"), ("de", "zh"), ("en", "de"), ("en", "zh_spun"))  # first report, second report
OUTLETS = ("Ganpo Business Wire", "Guangxi News Center", "Hunan Daily")
ZH_OUTLETS = ("江西日报", "广西日报", "澎湃新闻", "南方日报")
REPORTERS = ("张伟", "李娜", "王芳", "刘洋")
BREAKDOWN_SHARE = 0.2
TALLY_SHARE = 0.3
ROUNDED_SHARE = 0.4


def write_release(corpus: CorpusWriter, kind: str) -> None:
    """Write one release (two for a pair) of the given kind."""
    rng = corpus.rng
    if kind in ("en", "de"):
        full, count_only = kind == "de" or rng.random() > 0.25, rng.random() < 0.5
        event = corpus.event(projects=full or count_only, amount=full or not count_only)
        published = event.day + timedelta(days=rng.randint(0, 25))
        text = en_text(corpus, [event], published) if kind == "en" else de_text(corpus, event, published)
        corpus.write(kind, text, [event])
    elif kind in ("zh", "zh_spun"):
        event = corpus.event(amount=True, projects=rng.random() > 0.1)
        published = event.day + timedelta(days=rng.randint(0, 3))
        corpus.write("zh", zh_text(corpus, event, published, spun=kind == "zh_spun"), [event])
    elif kind == "pair":
        _pair(corpus)
    elif kind == "roundup":
        events = sorted((corpus.event(), corpus.event()), key=lambda e: e.day)
        published = events[-1].day + timedelta(days=rng.randint(1, 10))
        corpus.write("en", en_text(corpus, events, published), events)
    elif kind == "briefing":
        _briefing(corpus)
    else:
        _news(corpus)


def _pair(corpus: CorpusWriter) -> None:
    """One signing reported twice: a wire release in English or German, then Chinese (or German) news."""
    rng = corpus.rng
    first, second = rng.choice(PAIRS)
    event = corpus.event()
    published = event.day + timedelta(days=rng.randint(0, 1))
    rounded = first == "en" and event.millions >= 20_000 and rng.random() < ROUNDED_SHARE
    if rounded and t.rounded_millions(event.millions) != event.millions:
        rounded = corpus.reserve(t.rounded_millions(event.millions))  # a distractor may not share it
    text = (
        en_text(corpus, [event], published, rounded) if first == "en" else de_text(corpus, event, published)
    )
    corpus.write(first, text, [event])
    later = event.day + timedelta(days=rng.randint(1, 3))
    if second == "de":
        corpus.write("de", de_text(corpus, event, later), [event])
        return
    undated = later.year == event.day.year and rng.random() < 0.5
    corpus.write("zh", zh_text(corpus, event, later, spun=second == "zh_spun", undated=undated), [event])


def _place(lines: list[str], extra: list[str], rng: random.Random) -> list[str]:
    """`lines` with `extra` sentences scattered after the first line."""
    for sentence in extra:
        lines.insert(rng.randint(1, len(lines)), sentence)
    return lines


def _extras(corpus: CorpusWriter, lang: str, year: int, pool: tuple[str, ...]) -> list[str]:
    """Distractor sentences, and sometimes a running tally."""
    rng = corpus.rng
    extra = [corpus.fill(template, lang, year) for template in rng.sample(pool, rng.randint(1, 3))]
    if rng.random() < TALLY_SHARE:
        extra.append(corpus.tally(lang, year))
    return extra


def _with_breakdown(corpus: CorpusWriter, event: Event, lang: str, signing: str) -> str:
    """The signing sentence, sometimes followed by one naming a part of it (not another signing)."""
    rng = corpus.rng
    if not (event.projects and event.projects > 4 and event.millions) or rng.random() > BREAKDOWN_SHARE:
        return signing
    amount = corpus.amount(lang, 10, max(20, event.millions // 3))
    part = t.BREAKDOWNS[lang].format(n=rng.randint(1, event.projects - 1), amount=amount)
    return signing + ("" if lang == "zh" else " ") + part


def en_text(corpus: CorpusWriter, events: list[Event], published: date, rounded: bool = False) -> str:
    """An English wire release reporting one or more signings."""
    rng = corpus.rng
    city = events[0].city.en if rng.random() < 0.8 else "Beijing"
    head = f"{city.upper()}, China, {t.en_date(published, rng)} {rng.choice(WIRES)} -- "
    if rng.random() < 0.5:
        head += f"A report from {rng.choice(OUTLETS)}: "
    lines: list[str] = []
    for event in events:
        with_year = len(events) > 1 or rng.random() < 0.6
        held = rng.choice(t.EN_HELD).format(
            event=event.name("en"), city=event.city.en, date=t.en_date(event.day, rng, with_year)
        )
        lines += [("" if lines else head) + held[0].upper() + held[1:], rng.choice(t.FILLER_EN)]
        if rng.random() < 0.5:
            lines.append(t.EN_ORGANISER.format(province=t.PROVINCES[event.city.province][0]))
        lines.append(_with_breakdown(corpus, event, "en", _en_signing(corpus, event, rounded)))
    extra = _extras(corpus, "en", events[0].day.year, t.EN_DISTRACTORS)
    return "\n\n".join(lines + extra if len(events) > 1 else _place(lines, extra, rng))


def _en_signing(corpus: CorpusWriter, event: Event, rounded: bool) -> str:
    rng = corpus.rng
    if event.millions is None:
        return rng.choice(t.EN_SIGNING_COUNT).format(n=event.projects)
    amount = t.en_rounded_amount(event.millions) if rounded else t.en_amount(event.millions, rng)
    if event.projects is None:
        return rng.choice(t.EN_SIGNING_AMOUNT).format(amount=amount)
    return rng.choice(t.EN_SIGNING).format(n=event.projects, amount=amount)


def de_text(corpus: CorpusWriter, event: Event, published: date) -> str:
    """A German wire release (a translation of a Chinese city release) reporting one signing."""
    rng = corpus.rng
    head = f"{event.city.de.upper()}, China, {t.de_date(published)} {rng.choice(WIRES)} -- "
    held = rng.choice(t.DE_HELD).format(
        date=t.de_date(event.day, rng.random() < 0.5),
        city=event.city.de,
        event=event.name("de"),
        province=t.PROVINCES[event.city.province][0],
    )
    signing = rng.choice(t.DE_SIGNING).format(n=event.projects, amount=t.de_amount(event.millions, rng))
    lines = [head + held, rng.choice(t.FILLER_DE), _with_breakdown(corpus, event, "de", signing)]
    return "\n\n".join(_place(lines, _extras(corpus, "de", event.day.year, t.DE_DISTRACTORS), rng))


def zh_text(corpus: CorpusWriter, event: Event, published: date, spun: bool, undated: bool = False) -> str:
    """Chinese news of one signing, with a dated header or an agency dateline; spun copies have neither."""
    rng = corpus.rng
    header = "label" if undated else rng.choice(("label", "agency", "none"))
    province = t.PROVINCES[event.city.province][1]
    if undated:
        held = t.ZH_HELD_UNDATED.format(event=event.name("zh"), city=event.city.zh)
    else:
        day = t.zh_date(event.day, year=header != "label" or rng.random() < 0.5)
        held = rng.choice(t.ZH_HELD).format(
            date=day, event=event.name("zh"), city=event.city.zh, province=province
        )
    amount = t.zh_amount(event.millions, rng)
    if event.projects is None:
        signing = rng.choice(t.ZH_SIGNING_AMOUNT).format(amount=amount)
    else:
        signing = rng.choice(t.ZH_SIGNING).format(n=t.zh_count(event.projects, rng), amount=amount)
    lines = [held, rng.choice(t.FILLER_ZH), _with_breakdown(corpus, event, "zh", signing)]
    lines = _place(lines, _extras(corpus, "zh", event.day.year, t.ZH_DISTRACTORS), rng)
    return _zh_finish(corpus, lines, published, header, spun, event.city.zh)


def _zh_finish(
    corpus: CorpusWriter, lines: list[str], published: date, header: str, spun: bool, city: str
) -> str:
    """Spin the body if asked, then add the header (publication time or agency dateline) and footer."""
    rng = corpus.rng
    body = "\n".join(lines)
    if spun:
        body = t.spin(body, rng)
    if header == "label":
        body = f"发布时间：{published.isoformat()} {rng.randint(8, 21)}:{rng.randint(10, 59)}　来源：{rng.choice(ZH_OUTLETS)}\n{body}"
    elif header == "agency":
        reporter = rng.choice(REPORTERS)
        body = f"新华社{city}{published.month}月{published.day}日电（记者 {reporter}）{body}"
    return body + ("\n发布于：上海市" if spun else "")


def _briefing(corpus: CorpusWriter) -> None:
    """A Chinese press briefing on a coming trade week that mentions a dated signing and a running tally."""
    rng = corpus.rng
    labelled = rng.random() < 0.5
    event = corpus.event(amount=False)
    briefing = event.day + timedelta(days=rng.randint(3, 20))
    if not labelled and briefing.year != event.day.year:
        labelled = True  # an undated "12月28日" needs the publication date to find its year
    province, partner = t.PROVINCES[event.city.province][1], t.PARTNERS[event.partner][2]
    week = f"{briefing.year}年{province}—{partner}经贸活动周"
    start = briefing + timedelta(days=rng.randint(5, 30))
    lines = [
        f"{t.zh_date(briefing, False)}，{province}省政府新闻办就{week}的筹备情况召开新闻发布会。",
        f"据悉，{week}将于{t.zh_date(start, False)}开幕，主会场设在{event.city.zh}。",
        rng.choice(t.FILLER_ZH),
        t.ZH_SIGNING_DATED.format(
            date=t.zh_date(event.day, False),
            company=rng.choice(t.COMPANIES),
            n=t.zh_count(event.projects, rng),
            city=event.city.zh,
        ),
        corpus.tally("zh", briefing.year),
    ]
    lines = _place(lines, [corpus.fill(rng.choice(t.ZH_DISTRACTORS), "zh", briefing.year)], rng)
    text = _zh_finish(
        corpus, lines, briefing, "label" if labelled else "none", rng.random() < 0.5, event.city.zh
    )
    corpus.write("zh", text, [event])


def _news(corpus: CorpusWriter) -> None:
    """A release without any signing: a delegation visit with statistics, plans and tallies."""
    rng = corpus.rng
    published = t.random_day(rng, corpus.first_day)
    city = rng.choice(t.CITIES)
    if rng.random() < 0.5:
        head = f"{city.en.upper()}, China, {t.en_date(published, rng)} {rng.choice(WIRES)} -- "
        lines = [head + f"A delegation from {city.en} visited partners in the region to promote cooperation."]
        lines += _extras(corpus, "en", published.year, t.EN_DISTRACTORS) + [rng.choice(t.FILLER_EN)]
        corpus.write("en", "\n\n".join(lines), [])
        return
    lines = [f"{t.zh_date(published)}，{city.zh}市代表团赴湾区开展招商推介。", rng.choice(t.FILLER_ZH)]
    lines += _extras(corpus, "zh", published.year, t.ZH_DISTRACTORS)
    corpus.write("zh", _zh_finish(corpus, lines, published, "label", rng.random() < 0.3, city.zh), [])
