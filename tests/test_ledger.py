"""Deal extraction (signing statements → rows) and the SQLite ledger that de-duplicates signings."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from index.catalog import Catalog
from index.deal_extraction import matchable
from index.ledger import DealRow, Ledger, extract_deals, group_signings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_rows(prefix: str, published: date | None = None, language: str = "en") -> list[DealRow]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    rows = extract_deals(text, f"seeds/{path.name}", published, language)
    for row in rows:  # every quote is checkable against the file, lines included
        assert text[row.char_start : row.char_end] == row.quote
        lines = text.split("\n")
        assert row.quote.split("\n")[0] in lines[row.line_start - 1]
        assert row.quote.split("\n")[-1] in lines[row.line_end - 1]
    return rows


def figures(row: DealRow) -> tuple:
    return (row.projects, row.amount_yuan, row.place, row.event_date, row.cumulative)


# --- the seed releases --------------------------------------------------------------------------


def test_seed_000_english_conference():
    (row,) = seed_rows("000")
    assert figures(row) == (74, 64_130_000_000, "Shenzhen", "2024-09-02", False)
    assert row.quote.startswith("The conference signed 74 cooperation projects")
    assert "64.13 billion yuan" in row.quote and row.line_start == 9
    assert row.organiser == "People's Government of Jiangxi Province"
    assert "Greater Bay Area" in row.event and row.year == 2024 and row.currency == "CNY"


def test_seed_001_signing_ceremony_takes_the_conference_date_not_the_dateline():
    (row,) = seed_rows("001", date(2025, 4, 2))
    assert figures(row) == (83, 45_046_000_000, "Shenzhen", "2025-04-01", False)
    assert row.event == "Jiangxi & Greater Bay Area(GBA) Economic and Trade Cooperation Promotion Conference"
    assert "320.184" not in row.quote  # the fund size is not the signing


def test_seed_002_spun_chinese_signing_and_running_tally():
    rows = seed_rows("002", None, "zh")
    signing, tally = rows
    assert figures(signing) == (4, None, "Nanchang", "2025-03-20", False)
    assert signing.quote.startswith("3月20日") and "在南昌举行了签约" in signing.quote
    assert (tally.projects, tally.amount_yuan, tally.amount_qualifier) == (229, 1e11, "more than")
    assert tally.cumulative and tally.year == 2025
    assert tally.quote.startswith("旧年以来") and tally.quote.endswith("投资总和超千亿元")


def test_seed_003_has_no_signing():
    assert seed_rows("003") == []


def test_seed_004_german_decimal_comma():
    (row,) = seed_rows("004", None, "de")
    assert figures(row) == (19, 20_663_000_000, "Nanning", "2024-09-24", False)
    assert row.event.startswith("Konferenz über die Zusammenarbeit")
    assert row.organiser == "Stadtkomitee der KPC in Baise und der Stadtregierung Baise"


def test_seed_totals_per_year_match_the_gold_answers():
    rows = seed_rows("000") + seed_rows("001") + seed_rows("002", None, "zh") + seed_rows("004", None, "de")
    by_year = {}
    for signing in group_signings([row for row in rows if not row.cumulative]):
        projects, amount = by_year.get(signing.year, (0, 0.0))
        by_year[signing.year] = (projects + (signing.projects or 0), amount + (signing.amount_yuan or 0))
    assert by_year[2024] == (93, 84_793_000_000)
    assert by_year[2025] == (87, 45_046_000_000)
    assert 2023 not in by_year


# --- phrasings ----------------------------------------------------------------------------------

PUBLISHED = date(2025, 3, 10)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Jiangxi inked 56 deals worth 32.1 billion yuan with Hong Kong firms.", "en", (56, 32.1e9)),
        ("Some 30 agreements, with a combined value of $2.5 billion, were signed.", "en", (30, 2.5e9)),
        (
            "A total of 45 projects were signed on-site, with a total investment of 23.5 billion yuan.",
            "en",
            (45, 23.5e9),
        ),
        (
            "The province signed 17 investment projects worth 12.38 billion yuan ($1.74 billion).",
            "en",
            (17, 12.38e9),
        ),
        ("Deals worth 8.2 billion yuan were struck at the fair.", "en", (None, 8.2e9)),
        ("Organizers said 95 deals worth RMB 6.69 billion were sealed on the spot.", "en", (95, 6.69e9)),
        ("The two sides penned twelve agreements at the forum.", "en", (12, None)),
        (
            "Insgesamt wurden 36 Verträge mit einem Volumen von 4,2 Milliarden Euro abgeschlossen.",
            "de",
            (36, 4.2e9),
        ),
        (
            "Insgesamt wurden 128 Kooperationsprojekte im Wert von 850 Mio. Yuan unterzeichnet.",
            "de",
            (128, 850e6),
        ),
        ("开幕式上，共有58个项目现场签约，签约金额达1023.6亿元。", "zh", (58, 102.36e9)),
        ("会上，现场集中签约项目83个，总金额450.46亿元。", "zh", (83, 45.046e9)),
        ("本次大会共签下合作项目十二个，协议总额三百二十亿元。", "zh", (12, 32e9)),
        ("会上共签署合作协议26项，涉及金额8500万元。", "zh", (26, 85e6)),
        ("活动期间，共签约项目48个，总投资额约320亿元，其中外资项目12个，金额80亿元。", "zh", (48, 32e9)),
        # a content-farm copy: 项目 → 口头, 总额 → 总和, spam inside the figures
        ("本次手脚共签下合作口头四十二个，协议总和体育游戏app平台667.1亿元。", "zh", (42, 66.71e9)),
        ("会上，现场集中签约口开云体育头45个，总金额480.08亿元。", "zh", (45, 48.008e9)),
    ],
)
def test_signing_phrasings(text, language, expected):
    (row,) = extract_deals(text, "x.txt", PUBLISHED, language)
    assert (row.projects, row.amount_yuan) == (
        expected[0],
        pytest.approx(expected[1]) if expected[1] else None,
    )
    assert text[row.char_start : row.char_end] == row.quote
    assert not row.cumulative and row.event_date == "2025-03-10"


@pytest.mark.parametrize(
    "text",
    [
        "By the end of 2024, the total scale of these funds had reached 320.184 billion yuan.",
        "The two sides also signed an agreement to set up an industrial fund of 5 billion yuan.",
        "The province's electronic information industry achieved revenue of 1.16 trillion yuan.",
        "Exports to the region rose 12% year on year to 38.2 billion yuan.",
        "More than 300 companies attended the signing ceremony.",
        "Over 30% of Jiangxi's project funding comes from Guangdong.",
        "The city plans to sign 50 projects worth 30 billion yuan next month.",
        "Projects worth 3 billion yuan are expected to be signed.",
        "The expo concluded on Sunday, with turnover of 5 billion yuan.",
        "Among them, 12 foreign-funded projects worth 3 billion yuan were signed.",
        "Im nächsten Monat sollen weitere 40 Projekte im Wert von 3 Mrd. Yuan unterzeichnet werden.",
        "Darunter wurden 7 Projekte ausländischer Investoren im Wert von 7,6 Mrd. Yuan unterzeichnet.",
        "2024年结束营业收入1.16万亿元，不竭保抓寰球前方。",
        "组织文旅企业合作商酌洽谈会，激动文旅口头签约，促进资源互享。",
        "预计下半年还将签约项目35个，总投资120亿元。",
        "其中，签约工业项目20个，金额80亿元。",
        "促成吉安44家企业与东莞144家企业建立合作关系，每年合作金额超100亿元。",
        "会上，双方签署了战略合作框架协议。",
    ],
)
def test_figures_that_are_not_signings(text):
    assert extract_deals(text, "x.txt", PUBLISHED, "en") == []


@pytest.mark.parametrize(
    "text",
    [
        "Since 2020, the province has signed a total of 1,234 projects worth 560 billion yuan.",
        "So far this year, the city has signed 312 investment projects worth 210 billion yuan.",
        "In the first half of 2024, Jiangxi signed 1,024 projects worth 560 billion yuan.",
        "Seit 2021 wurden insgesamt 412 Projekte mit einem Volumen von 318,5 Mrd. Yuan unterzeichnet.",
        "截至目前，今年全市已累计签约亿元以上项目86个，总投资超500亿元。",
        "本年以来，全市累计签约口头394个，总投资811亿元。",
    ],
)
def test_running_tallies_are_cumulative(text):
    (row,) = extract_deals(text, "x.txt", PUBLISHED, "en")
    assert row.cumulative and row.event_date is None and row.year == 2025


def test_setting_comes_from_the_sentence_that_says_where_and_when_the_event_was_held():
    text = (
        "NANCHANG, Jan. 8, 2025 /PRNewswire/ -- On December 28, the 2024 Jiangxi-ASEAN Investment Forum "
        "was held in Ganzhou, China.\n\nThe event was hosted by the People's Government of Jiangxi Province, "
        "and organized by local departments.\n\nA total of 31 projects worth 9.87 billion yuan were signed."
    )
    (row,) = extract_deals(text, "x.txt", None, "en")
    assert (row.event_date, row.year, row.place) == (
        "2024-12-28",
        2024,
        "Ganzhou",
    )  # the year before publication
    assert row.event == "2024 Jiangxi-ASEAN Investment Forum"
    assert row.organiser == "People's Government of Jiangxi Province"
    assert row.line_start == row.line_end == 5


def test_chinese_event_place_and_organiser():
    text = (
        "发布时间：2024-09-03 10:15　来源：江西日报\n"
        "9月2日，由江西省人民政府主办的2024江西—粤港澳大湾区经贸合作推介会在深圳隆重开幕。\n"
        "会上，74个项目集中签约，总金额641.3亿元。"
    )
    (row,) = extract_deals(text, "x.txt", None, "zh")
    assert (row.projects, row.amount_yuan, row.place, row.event_date) == (
        74,
        64.13e9,
        "Shenzhen",
        "2024-09-02",
    )
    assert row.event == "2024江西—粤港澳大湾区经贸合作推介会" and row.organiser == "江西省人民政府"


def test_matching_undoes_spinning_but_maps_back_to_the_original():
    original = "签约口开云体育头229个，投资总和超千亿元"
    view = matchable(original)
    assert view.text == "签约项目229个,投资总额超千亿元"  # full-width punctuation folds too
    start = view.text.index("项目")
    assert original[slice(*view.span(start, start + 2))] == "口开云体育头"


# --- de-duplication -----------------------------------------------------------------------------


def row(source: str, **changes) -> DealRow:
    base = DealRow(
        source=source, quote="q", char_start=0, char_end=1, line_start=1, line_end=1, event=None,
        place="Shenzhen", organiser=None, event_date="2024-09-02", year=2024, projects=74,
        amount_yuan=64.13e9, amount_qualifier=None, currency="CNY", cumulative=False, language="en",
    )  # fmt: skip
    return replace(base, **changes)


def test_an_english_and_a_chinese_report_of_one_signing_merge():
    english = seed_rows("000")[0]
    chinese_text = (
        "新华社深圳9月3日电（记者 张伟）2024年9月2日，江西—粤港澳大湾区经贸合作推介会在深圳举行。"
        "会上，74个项目集中签约，总金额641.3亿元。"
    )
    (chinese,) = extract_deals(chinese_text, "seeds/zh.txt", None, "zh")
    (signing,) = group_signings([english, chinese])
    assert {r.source for r in signing.rows} == {english.source, "seeds/zh.txt"}
    assert (signing.projects, signing.amount_yuan, signing.place) == (74, 64.13e9, "Shenzhen")


def test_merging_needs_close_time_and_agreeing_figures():
    assert len(group_signings([row("a"), row("b", event_date="2024-09-03", place="深圳")])) == 1
    # a day later but the same city and year, one report rounded
    assert len(group_signings([row("a"), row("b", event_date="2024-09-05", amount_yuan=64e9)])) == 1
    assert len(group_signings([row("a"), row("b", projects=75)])) == 2
    assert len(group_signings([row("a"), row("b", amount_yuan=70e9)])) == 2
    assert len(group_signings([row("a"), row("b", event_date="2024-10-20", place="Nanning")])) == 2
    # a release restating its signing (count and amount) counts it once; a shared count alone is not enough
    assert len(group_signings([row("a"), row("a", char_start=5)])) == 1
    assert len(group_signings([row("a"), row("a", char_start=5, amount_yuan=None)])) == 2


def test_a_merged_signing_takes_the_precise_amount_and_the_earliest_date():
    rounded = row("a", amount_yuan=45e9, amount_qualifier="about", projects=83, event_date="2025-04-02")
    exact = row("b", amount_yuan=45.046e9, projects=83, event_date="2025-04-01", language="zh")
    (signing,) = group_signings([rounded, exact])
    assert (signing.amount_yuan, signing.event_date, signing.year) == (45.046e9, "2025-04-01", 2025)


def test_a_release_restating_its_signing_and_another_report_of_it_make_one_signing():
    signings = group_signings([row("a"), row("a", char_start=9), row("b")])
    assert [len(s.rows) for s in signings] == [3]


# --- the store ----------------------------------------------------------------------------------


def test_store_replace_remove_filter_and_reopen(tmp_path):
    path = tmp_path / "index.sqlite"
    catalog = Catalog(path)
    ledger = Ledger(catalog)
    ledger.replace_source(
        "seeds/a.txt", [row("seeds/a.txt"), row("seeds/a.txt", cumulative=True, event_date=None)]
    )
    ledger.replace_source(
        "seeds/b.txt", [row("seeds/b.txt", place="Nanning", event_date="2025-04-01", year=2025)]
    )
    ledger.replace_source("seeds/c.txt", [row("seeds/c.txt", event_date="2024-09-03", language="zh")])
    assert len(ledger.rows()) == 3 and len(ledger.rows(include_cumulative=True)) == 4
    assert [r.source for r in ledger.rows(year=2025)] == ["seeds/b.txt"]
    assert {r.source for r in ledger.rows(year=2024, month=9)} == {"seeds/a.txt", "seeds/c.txt"}
    assert ledger.rows(month=10) == []
    assert {r.source for r in ledger.rows(place="深圳市")} == {"seeds/a.txt", "seeds/c.txt"}
    assert len(ledger.signings(year=2024)) == 1 and len(ledger.signings()) == 2
    ledger.replace_source("seeds/a.txt", [row("seeds/a.txt", projects=5)])  # replaces, never appends
    assert [r.projects for r in ledger.rows(source="seeds/a.txt", include_cumulative=True)] == [5]
    catalog.close()

    catalog = Catalog(path)
    reopened = Ledger(catalog)
    reopened.remove_source("seeds/c.txt")
    assert [r.source for r in reopened.rows()] == ["seeds/a.txt", "seeds/b.txt"]
    assert reopened.rows(source="seeds/a.txt")[0] == row("seeds/a.txt", projects=5)
    catalog.close()


def test_store_refuses_rows_of_another_source(tmp_path):
    ledger = Ledger(Catalog(tmp_path / "index.sqlite"))
    with pytest.raises(ValueError, match="seeds/b.txt"):
        ledger.replace_source("seeds/a.txt", [row("seeds/b.txt")])


def test_the_event_date_is_the_one_next_to_the_event_not_the_report_date():
    text = (
        "2025年4月2日，记者从江西省商务厅获悉，4月1日，江西—粤港澳大湾区经贸合作推介会在深圳举行，"
        "现场集中签约项目83个，总金额450.46亿元。"
    )
    (deal,) = extract_deals(text, "seeds/zh.txt", None, "zh")
    assert (deal.event_date, deal.place, deal.projects) == ("2025-04-01", "Shenzhen", 83)


@pytest.mark.parametrize(
    "text",
    [
        "During the previous seven expos, 1,200 projects worth 560 billion yuan were signed.",
        "前五届西洽会累计签约项目1033个、投资金额近2万亿元。",
        "前六届湘商大会,共签约投资合作项目1652个,引进资金5817亿元。",
        "Auf den vorherigen fünf Messen wurden 1.033 Projekte im Wert von 200 Mrd. Yuan unterzeichnet.",
    ],
)
def test_a_tally_over_earlier_editions_is_cumulative(text):
    (row,) = extract_deals(text, "x.txt", PUBLISHED, "en")
    assert row.cumulative
