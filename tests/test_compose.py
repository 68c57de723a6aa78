"""Composing answers from quoted sentences: figures read, arithmetic written out, claims judged (no model)."""

import pytest

from bot.qa.compose import (
    Finding,
    agreement,
    average,
    banded_parts,
    banded_text,
    before_change,
    check_text,
    claim_verdict,
    combine,
    figures_text,
    headline_size,
    listed_items,
    listed_parts,
    read_figures,
    rest,
    share,
    share_a_figure,
    share_is_computed,
    sum_of_listed,
    whole_of,
)
from bot.qa.extract import sentence_values
from bot.qa.retrieve import SentenceCandidate
from bot.qa.understand import understand
from index.catalog import Release
from index.chunking import Chunk


def sentence(text, language="en", position=0, logit=0.0, source=None, title="t"):
    release = Release(source or f"docs/{position}.txt", "h", title, "2024-01-01", None, None, language, 1)
    chunk = Chunk(f"c{position}", release.source, position, text, 0, len(text), 1, 1)
    candidate = SentenceCandidate(position, chunk, release, sentence_values(text, language), {})
    candidate.logit = logit
    return candidate


def finding(question, *texts, language="en"):
    plan = understand(question)
    sentences = [sentence(t, language, n) for n, t in enumerate(texts)]
    return Finding(plan, sentences, read_figures(plan, sentences))


def test_one_sentence_stating_every_asked_kind_is_preferred():
    found = finding(
        "how many projects and how much investment?",
        "Over 1,000 guests attended and 12 billion yuan of trade was reported.",
        "A total of 84 projects were signed with an investment of 285.415 billion yuan.",
    )
    assert found.figures["count"].value == 84 and found.figures["amount"].value == pytest.approx(285.415e9)


def test_the_count_naming_most_of_what_is_counted_wins_over_an_earlier_total():
    found = finding(
        "how many foreign projects were signed, and for how much?",
        "Insgesamt wurden 163 Projekte mit 108,45 Mrd. Yuan unterzeichnet.",
        "Darunter sind 21 Vorhaben mit ausländischer Beteiligung und einem Auslandskapital von 1,92 Mrd. US-Dollar.",
        language="de",
    )
    assert found.figures["count"].value == 21 and found.figures["amount"].value == pytest.approx(1.92e9)


def test_a_bound_is_never_read_as_the_figure():
    found = finding(
        "how much was invested?", "共签约投资额3000万元以上的项目842个,总投资额6015.6亿元。", language="zh"
    )
    assert found.figures["amount"].value == pytest.approx(6015.6e8)


def test_a_difference_shows_both_figures_and_the_arithmetic():
    plan = understand("4th vs 5th fair: difference in projects and investment?")
    newer = finding(plan.text, "84 projects were signed, worth 285.415 billion yuan.")
    older = finding(plan.text, "104 projects were signed, worth 323.96 billion yuan.")
    result = combine(plan, [newer, older], ["5th", "4th"], chinese=False)
    assert "84 − 104 = -20" in result.text and "20 fewer" in result.text
    assert "38.545 billion yuan" in result.text
    assert 38.545 in result.computed and 20 in result.computed


@pytest.mark.parametrize(
    "question",
    [
        "the river fair: growth in signed value from the 5th to the 6th edition (abs + %)?",
        "the river fair: 6th vs 5th edition, difference in signed value?",
    ],
)
def test_a_change_is_the_later_edition_less_the_earlier_in_percent_of_the_earlier(question):
    plan = understand(question)
    texts = {5: "The fair signed 32 projects worth 72.22 billion yuan.", 6: "It signed 116.62 billion yuan."}
    findings = []
    for part in plan.parts:
        quoted = [sentence(texts[part.constraints.ordinals[0]])]
        findings.append(Finding(part, quoted, read_figures(part, quoted)))
    labels = [f"{part.constraints.ordinals[0]}th" for part in plan.parts]
    result = combine(plan, findings, labels, chinese=False)
    assert "116.62 billion yuan − 72.22 billion yuan = 44.4 billion yuan" in result.text
    assert "6th 44.4 billion yuan more than 5th (+61.5%)" in result.text and 61.5 in result.computed


def test_a_sum_adds_both_figures():
    plan = understand("5th and 6th conference combined: how many projects, how much?")
    parts = [
        finding(plan.text, "32 projects worth 72.22 billion yuan"),
        finding(plan.text, "28 projects worth 116.62 billion yuan"),
    ]
    result = combine(plan, parts, ["5th", "6th"], chinese=False)
    assert "32 + 28 = 60" in result.text and "188.84 billion yuan" in result.text


def test_amounts_in_different_currencies_are_never_combined():
    plan = understand("2019 vs 2020: difference in investment and projects?")
    parts = [
        finding(plan.text, "9 projects worth $9.97 billion"),
        finding(plan.text, "7 projects worth 12.4 billion yuan"),
    ]
    result = combine(plan, parts, ["2019", "2020"], chinese=False)
    assert "9 − 7 = 2" in result.text and "dollar" not in result.text and "yuan" not in result.text


def test_an_average_divides_the_quoted_amount_by_the_quoted_count():
    found = finding("average size per project?", "会上共签约项目85个,总金额达1119.84亿元。", language="zh")
    result = average(found, chinese=True)
    assert "1.317 billion yuan" in result.text and "13.17亿元" in result.text


STATED = [(83.0, "83"), (45.046e9, "45.046 billion yuan"), (2.0, "2")]


def test_a_claim_is_supported_only_when_every_figure_is_stated_and_the_verdict_names_the_figures():
    assert (
        claim_verdict((83, 45.046e9), STATED) == "Supported: the releases state 83 and 45.046 billion yuan."
    )
    verdict = claim_verdict((90,), STATED)
    assert verdict == "Not as claimed: the claim's 90 is not stated (the nearest figure stated is 83)."
    verdict = claim_verdict((83, 50e9), STATED)
    assert verdict.startswith("Not as claimed: 83 is stated; the claim's 50 billion is not stated")
    assert verdict.endswith("(the nearest figure stated is 45.046 billion yuan).")


def test_a_check_quotes_the_sentence_stating_the_claimed_figure():
    from bot.qa.pipeline import _quoted

    plan = understand("The fair signed ninety-eight projects, right?")
    assert plan.operation == "check" and plan.claim == (98.0,)
    headline = sentence(
        "The fair closed with 87 projects signed by domestic firms.", position=0, source="docs/a.txt"
    )
    stating = sentence(
        "In all, deals involving 98 investment projects were signed.", position=1, source="docs/a.txt"
    )
    headline.probability, stating.probability = 0.9, 0.05
    quoted = _quoted(plan, [headline, stating])
    assert stating in quoted
    assert check_text(plan, Finding(plan, quoted)).startswith("Supported: the releases state 98.")


def test_a_sentence_covering_two_years_gives_each_year_its_own_figures():
    both = "2021年博览会签约项目120个,签约金额300亿元;2022年博览会签约项目135个,签约金额320亿元。"
    question = "2022年和2021年博览会签约项目和金额相差多少?"
    plan = understand(question)
    later, earlier = plan.parts
    assert (later.constraints.years, earlier.constraints.years) == ((2022,), (2021,))
    for part, count, amount in ((later, 135, 320e8), (earlier, 120, 300e8)):
        figures = read_figures(part, [sentence(both, "zh")])
        assert figures["count"].value == count and figures["amount"].value == pytest.approx(amount)


def test_computed_counts_say_what_they_count_as_the_quotes_do():
    plan = understand("how many projects did the 4th and the 5th fair sign combined?")
    first = finding(plan.text, "The 4th fair signed 84 projects.")
    second = finding(plan.text, "The 5th fair signed 104 projects.")
    assert "84 + 104 = 188 projects" in combine(plan, [first, second], ["4th", "5th"], chinese=False).text
    plan = understand("第五届和第六届大会签约项目加起来多少个?")
    first = finding(plan.text, "大会现场签约项目32个。", language="zh")
    second = finding(plan.text, "现场签约28个项目。", language="zh")
    assert "32 + 28 = 60个" in combine(plan, [first, second], ["5th", "6th"], chinese=True).text
    plan = understand("4th vs 5th fair: difference in projects?")
    newer = finding(plan.text, "84 projects were signed.")
    older = finding(plan.text, "104 projects were signed.")
    assert "5th 20 fewer projects than 4th" in combine(plan, [newer, older], ["5th", "4th"], False).text


def test_a_share_divides_the_figure_by_the_event_total_from_the_release_s_earliest_statement_of_one():
    plan = understand("what share of the fair's contracted investment was signed by the host city itself?")
    assert plan.operation == "share" and "amount" in plan.wants
    release = "docs/fair.txt"
    title = sentence("Fair closes with 300 billion yuan of deals", position=0, source=release)
    tally = sentence("Since 2015 the fair has signed 2 trillion yuan in all.", position=1, source=release)
    part = sentence(
        "The host city itself signed 90 projects worth 240 billion yuan.", position=2, source=release
    )
    part.probability = 0.9
    found = Finding(plan, [part], read_figures(plan, [part]))
    value, stating = whole_of(plan, found.figures["amount"], [part, tally, title])
    assert stating is title and value.value == pytest.approx(300e9)
    found.wholes["amount"] = value
    assert share(found, chinese=False).text == "Share: 240 billion yuan / 300 billion yuan = 80.0%."
    assert whole_of(plan, title.values[0], [part, tally, title]) is None  # nothing larger but a running tally


@pytest.mark.parametrize(
    "question, wants",
    [
        ("what percentage of the exhibitors were foreign?", ("percent", "count")),
        ("Welcher Anteil der Investitionssumme entfiel auf die Gastgeberstadt?", ("percent", "amount")),
        ("东道主城市签约金额占总金额比例多少?", ("amount", "percent")),
    ],
)
def test_share_questions_in_each_language_divide_amounts_or_counts(question, wants):
    plan = understand(question)
    assert plan.operation == "share" and set(plan.wants) == set(wants)


@pytest.mark.parametrize(
    "question, expected",
    [
        (
            "How much was signed, and how many projects?",
            "Figures: 98 projects [1]; 18 billion US dollars [1].",
        ),
        (
            "Wie viele Projekte, und in welcher Höhe?",
            "Figures: 98 Projekte [1]; 18 Milliarden US-Dollar (18 billion US dollars) [1].",
        ),
        ("签约多少个项目,金额多少?", "Figures: 98个 [1]; 180亿美元 (18 billion US dollars) [1]."),
    ],
)
def test_asked_figures_are_stated_in_the_question_s_language_with_their_quote(question, expected):
    plan = understand(question)
    text = {
        "en": "Deals involving 98 projects worth 18 bln USD were signed.",
        "de": "98 Projekte im Wert von 18 Mrd. USD wurden unterzeichnet.",
        "zh": "共签约98个项目,金额180亿美元。",
    }[plan.language]
    quoted = [sentence(text, plan.language)]
    assert figures_text(Finding(plan, quoted, read_figures(plan, quoted))) == expected


@pytest.mark.parametrize(
    ("question", "running", "event", "language"),
    [
        (
            "how many projects were signed at the 6th fair?",
            "During the previous five fairs, 1,033 projects were signed.",
            "The 6th fair signed 145 projects.",
            "en",
        ),
        (
            "第六届签约多少个项目?",
            "前五届西洽会累计签约项目1033个、投资金额近2万亿元。",
            "本届签约项目145个。",
            "zh",
        ),
        (
            "Wie viele Projekte wurden auf der 6. Messe unterzeichnet?",
            "Auf den vorherigen fünf Messen wurden 1.033 Projekte unterzeichnet.",
            "Auf der Messe wurden 145 Projekte unterzeichnet.",
            "de",
        ),
    ],
)
def test_a_running_tally_answers_only_a_question_asking_for_one(question, running, event, language):
    assert finding(question, running, event, language=language).figures["count"].value == 145
    tally = {"en": "how many projects were signed so far?", "zh": "累计签约多少个项目?"}.get(
        language, "Wie viele Projekte wurden bisher unterzeichnet?"
    )
    assert finding(tally, running, event, language=language).figures["count"].value == 1033
    # a tally over earlier editions is no figure of one: alone, it leaves the question's figure unstated
    assert finding(question, running, language=language).figures == {}


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("how many projects did the five fairs before the sixth sign in total?", "en"),
        ("Wie viele Projekte wurden auf den fünf Konferenzen vor der sechsten unterzeichnet?", "de"),
        ("第七届大会之前的六届一共促成多少项目?", "zh"),
    ],
)
def test_a_question_about_the_editions_before_one_asks_for_their_tally(question, language):
    plan = understand(question)
    assert plan.running and plan.language == language
    tally = {
        "en": "The five fairs before the sixth signed 1,033 projects.",
        "de": "Auf den fünf Konferenzen vor der sechsten wurden 1.033 Projekte unterzeichnet.",
        "zh": "此前六届大会共促成项目1033个。",
    }[language]
    event = {
        "en": "The fair signed 145 projects.",
        "de": "Die Messe unterzeichnete 145 Projekte.",
        "zh": "本届签约项目145个。",
    }[language]
    assert finding(question, event, tally, language=language).figures["count"].value == 1033


@pytest.mark.parametrize(
    ("question", "text", "language"),
    [
        (
            "how many of the projects were foreign-funded?",
            "8 projects worth 4.9 billion yuan were signed.",
            "en",
        ),
        (
            "Wie viele der Projekte waren ausländisch finanziert?",
            "Insgesamt wurden 17 Projekte unterzeichnet.",
            "de",
        ),
        ("其中有多少是外资项目?", "共签约项目17个,总投资49亿元。", "zh"),
    ],
)
def test_a_part_no_sentence_names_has_no_figure(question, text, language):
    plan = understand(question)
    assert plan.qualifier
    whole = sentence(text, language)
    whole.features["qualifier_coverage"] = 0.0  # the sentence names none of the part's words
    assert read_figures(plan, [whole]) == {}
    naming = sentence(
        {
            "en": "Foreign-funded firms praised the fair.",
            "de": "Ausländisch finanzierte Firmen lobten die Messe.",
            "zh": "外资企业纷纷点赞。",
        }[language],
        language,
        1,
    )
    naming.features["qualifier_coverage"] = 1.0  # names the part, states no figure of it
    assert read_figures(plan, [naming, whole]) == {}
    whole.features["qualifier_coverage"] = 0.5
    assert read_figures(plan, [naming, whole])


@pytest.mark.parametrize(
    ("question", "text", "language", "answer"),
    [
        (
            "how many of the 8 projects signed in Hengyang were foreign-funded?",
            "The 8 projects signed include 3 foreign-funded ones.",
            "en",
            3,
        ),
        (
            "how much of the 2.5 trillion yuan came from abroad?",
            "2.5万亿元中,外资项目投资达3000亿元。",
            "zh",
            3e11,
        ),
        (
            "第22届东博会签约多少个项目?",
            "第22届东博会签约22个项目。",
            "zh",
            22,
        ),  # an edition is given, no figure
    ],
)
def test_a_figure_the_question_gives_is_not_its_answer(question, text, language, answer):
    plan = understand(question)
    figures = read_figures(plan, [sentence(text, language)])
    assert [v.value for v in figures.values()] == [answer]


@pytest.mark.parametrize(
    ("question", "whole_text", "part_text", "language", "shown"),
    [
        (
            "how many of the deals were not foreign-funded?",
            "A total of 17 projects were signed on Sunday.",
            "Among these projects, six foreign-funded deals have a total investment of 920 million U.S. dollars.",
            "en",
            "17 − 6 = 11",
        ),
        (
            "Wie viele der Projekte waren nicht ausländisch finanziert?",
            "Insgesamt wurden 17 Projekte unterzeichnet.",
            "Darunter sind sechs ausländisch finanzierte Projekte.",
            "de",
            "17 − 6 = 11",
        ),
        ("多少个不是外资项目?", "共签约项目17个。", "其中外资项目6个。", "zh", "17 − 6 = 11个"),
    ],
)
def test_the_rest_of_a_whole_is_the_whole_less_the_named_part(
    question, whole_text, part_text, language, shown
):
    plan = understand(question)
    assert plan.operation == "rest"
    whole, part = sentence(whole_text, language, 0), sentence(part_text, language, 1)
    whole.features["qualifier_coverage"], part.features["qualifier_coverage"] = 0.0, 1.0
    found = Finding(plan, [whole, part], read_figures(plan, [whole, part]))
    found.wholes["count"] = whole_of(plan, found.figures["count"], [whole, part])[0]
    arithmetic = rest(found, chinese=language == "zh")
    assert shown in arithmetic.text and 11 in arithmetic.computed


def test_each_edition_of_a_comparison_is_read_at_its_headline_figures():
    plan = understand("4th vs 5th expo: difference in number of projects and investment?")
    part = plan.parts[0]
    assert part.headline and not plan.headline
    likeliest = sentence("At the signing ceremony, 66 major projects worth 222.85 billion yuan were signed.")
    headline = sentence("A total of 104 projects worth 246.87 billion yuan were signed.", position=1)
    tally = sentence("The previous three expos signed 900 projects worth 1 trillion yuan.", position=2)
    assert headline_size(part, tally) == 0  # a tally over earlier editions is no edition's figure
    figures = read_figures(part, [likeliest, headline, tally])
    assert (figures["count"].value, figures["amount"].value) == (104, 246.87e9)
    single = understand("how many projects and how much investment at the 4th expo?")
    assert not single.headline
    assert read_figures(single, [likeliest, headline])["count"].value == 66  # one lookup: the likeliest


def test_an_editions_headline_amount_is_its_largest_even_where_no_count_stands_beside_it():
    part = understand("7th vs 8th trade week: difference in projects and investment?").parts[0]
    title = sentence("7. Handelswoche: Verträge über 204,5 Mrd. Yuan", "de")
    total = sentence(
        "Insgesamt wurden 162 Projekte unterzeichnet, darunter 34 Projekte mit Partnern aus Russland im Umfang "
        "von 26,8 Mrd. Yuan.",
        "de",
        position=1,
    )
    figures = read_figures(part, [total, title])
    assert (figures["count"].value, figures["amount"].value) == (162, pytest.approx(204.5e9))


def test_an_amount_asked_in_dollars_is_not_answered_in_yuan():
    plan = understand("how much in US dollars did the expo sign?")
    assert read_figures(plan, [sentence("The expo signed deals worth 116.62 billion yuan.")]) == {}
    both = sentence("The expo signed deals worth 116.62 billion yuan (16.4 billion US dollars).")
    assert read_figures(plan, [both])["amount"].currency == "USD"


def test_a_share_stated_only_as_a_bound_or_round_figure_is_computed():
    question = "what share of the fair's contracted investment was signed by the host city?"
    bound = finding(
        question, "Over 50% of the exhibitors came from the host city, which signed 240 billion yuan."
    )
    assert bound.figures["percent"].approximate and share_is_computed(bound)
    stated = finding(question, "The host city signed 240 billion yuan, 80.0% of the total.")
    assert not stated.figures["percent"].approximate and not share_is_computed(stated)
    assert share_is_computed(finding(question, "The host city signed 240 billion yuan."))


@pytest.mark.parametrize(
    ("question", "text", "language"),
    [
        (
            "what share of the fair's deals in value was signed by the host province itself?",
            "The host province signed 512 billion yuan of deals, an increase of 9 percent on the year.",
            "en",
        ),
        (
            "wie viel Prozent der Vertragssumme entfielen auf die Gastgeberprovinz selbst?",
            "Die Gastgeberprovinz meldete Verträge über 512 Milliarden Yuan, ein Zuwachs von 9 Prozent.",
            "de",
        ),
        ("东道主省份签约金额占签约总额百分之几?", "东道主省份签约金额5120亿元,较上届增长9%。", "zh"),
    ],
)
def test_a_change_in_percent_is_no_share(question, text, language):
    shared = finding(question, text, language=language)
    assert "percent" not in shared.figures and share_is_computed(shared)


def test_a_chinese_part_s_figure_is_the_one_its_words_come_before():
    both = "其中,甲类签约项目12个,金额200亿元,涵盖20余个领域;乙类签约项目25个,金额80.5亿元。"
    part = finding("乙类签约金额占签约总额百分之几?", both, language="zh")
    assert part.figures["amount"].value == pytest.approx(80.5e8)
    other = finding("甲类签约金额占签约总额百分之几?", both, language="zh")
    assert other.figures["amount"].value == pytest.approx(200e8)


@pytest.mark.parametrize(
    ("text", "asked", "value"),
    [
        (
            "The fair drew 5 billion yuan of foreign investment and 3 billion yuan of domestic investment.",
            "foreign",
            5e9,
        ),
        (
            "The fair drew 5 billion yuan of foreign investment and 3 billion yuan of domestic investment.",
            "domestic",
            3e9,
        ),
        (
            "It drew foreign investment of 5 billion yuan and domestic investment of 3 billion yuan.",
            "foreign",
            5e9,
        ),
        (
            "It drew foreign investment of 5 billion yuan and domestic investment of 3 billion yuan.",
            "domestic",
            3e9,
        ),
    ],
)
def test_an_english_part_is_named_before_or_after_its_figure(text, asked, value):
    part = finding(f"what share of the fair's investment was {asked} investment?", text)
    assert part.figures["amount"].value == pytest.approx(value)


def test_the_rest_of_an_amount_whose_part_is_named_after_it():
    found = finding(
        "how much of the signed investment was not for local projects?",
        "20 projects were signed with a total investment of 12.5 billion yuan, of which 7.5 billion yuan went to local projects.",
    )
    found.wholes["amount"] = whole_of(found.plan, found.figures["amount"], found.sentences)[0]
    assert (
        rest(found, chinese=False).text == "The rest: 12.5 billion yuan − 7.5 billion yuan = 5 billion yuan."
    )


def test_counts_listed_with_their_amounts_respectively_are_paired_in_order():
    plan = understand("combined number and value of the energy and AI projects?")
    listed = sentence(
        "It signed 40 energy projects and 25 AI projects worth 12.5 billion yuan and 8.1 billion yuan respectively."
    )
    items = listed_items(plan, listed)
    assert [(i.count.value, i.amount.value) for i in items] == [
        (40, pytest.approx(12.5e9)),
        (25, pytest.approx(8.1e9)),
    ]
    own = sentence(
        "It signed 40 energy projects worth 12.5 billion yuan, and 25 AI projects worth 8.1 billion yuan."
    )
    assert [i.amount.value for i in listed_items(plan, own)] == [pytest.approx(12.5e9), pytest.approx(8.1e9)]


def test_a_sum_within_one_event_adds_the_parts_its_release_lists():
    question = "combined number and value of the expo's projects carried out abroad?"
    plan = understand(question)
    assert plan.operation == "sum" and not plan.parts
    title = "Expo signs 500 projects"
    texts = [
        "A total of 500 projects worth 90 billion yuan were signed at the expo.",
        "Of these, 12 projects will be carried out abroad, worth 6 billion yuan, and 30 at home, worth 20 billion yuan.",
        "Trade deals: 40 projects worth 3 billion yuan, including 7 projects carried out abroad worth 1 billion yuan.",
    ]
    sentences = [sentence(t, position=n, source="docs/expo.txt", title=title) for n, t in enumerate(texts)]
    found = Finding(plan, sentences, {}, listed=listed_parts(plan, sentences))
    assert [i.count.value for i in found.listed] == [12, 7]
    assert sum_of_listed(found, chinese=False).text == (
        "Added up: 12 + 7 = 19 projects; 6 billion yuan + 1 billion yuan = 7 billion yuan."
    )
    # one part named is nothing to add up
    assert listed_parts(plan, sentences[:2]) == []


def test_a_sum_of_parts_named_by_abbreviations_or_in_chinese():
    plan = understand("NEV and IT projects combined: how many?")
    listed = sentence(
        "Also signed were 66 projects on NEVs and batteries, and 87 IT projects.", title="Fair ends"
    )
    assert [i.count.value for i in listed_parts(plan, [listed])] == [66, 87]
    plan = understand("新能源和数字经济项目加起来多少个?")
    assert plan.operation == "sum"
    listed = sentence(
        "其中新能源项目20个,投资100亿元;数字经济项目15个,投资50亿元。", language="zh", title="大会闭幕"
    )
    found = Finding(plan, [listed], {}, listed=listed_parts(plan, [listed]))
    assert [i.count.value for i in found.listed] == [20, 15]
    assert sum_of_listed(found, chinese=True).text.startswith("Added up: 20 + 15 = 35个")


def test_a_part_defined_by_a_range_of_amounts_is_made_of_the_ranges_the_release_lists():
    plan = understand("how many of the projects were worth 100 million yuan or more?")
    assert plan.band == (1e8, None)
    bins = sentence(
        "其中50亿元以上项目2个,10亿至50亿元的项目11个,1亿至10亿元的项目40个,1亿元以下项目9个。", "zh"
    )
    found = Finding(plan, [bins], {}, banded=banded_parts(plan, [bins]))
    assert [i.count.value for i in found.banded.items] == [40, 11, 2]
    assert banded_text(found, chinese=True).text == "Those 0.1 billion yuan or more: 40 + 11 + 2 = 53个."
    # a range the release does not tile (nothing from 1 to 10亿) is not made up
    gap = sentence("其中50亿元以上项目2个,10亿至50亿元的项目11个。", "zh")
    assert banded_parts(plan, [gap]) is None


def test_a_range_the_release_states_the_opposite_of_is_the_whole_less_it():
    plan = understand("how many projects were under 1 billion yuan, and what were they worth?")
    assert plan.band == (None, 1e9)
    whole = sentence("A total of 60 projects were signed, worth 50 billion yuan.", position=0)
    part = sentence("Among them, 20 projects above 1 billion yuan were worth 42 billion yuan.", position=1)
    found = Finding(plan, [whole, part], {}, banded=banded_parts(plan, [whole, part]))
    assert banded_text(found, chinese=False).text == (
        "Those under 1 billion yuan, all less those 1 billion yuan or more: 60 − 20 = 40 projects; "
        "50 billion yuan − 42 billion yuan = 8 billion yuan."
    )
    stated = sentence("The other 40 projects were each under 1 billion yuan.", position=2)
    found.banded = banded_parts(plan, [whole, part, stated])  # stated as asked: read from where it is stated
    assert banded_text(found, chinese=False).text == "Those under 1 billion yuan: 40 projects."
    given = understand("of the 50 projects signed on site, how many were under 1 billion yuan?")
    on_site = sentence("50 projects were signed on site, worth 45 billion yuan.", position=3)
    found = Finding(given, [whole, on_site, part], {}, banded=banded_parts(given, [whole, on_site, part]))
    assert "50 − 20 = 30 projects" in banded_text(found, chinese=False).text  # the whole it gives


def test_the_whole_less_the_ranges_tiling_the_opposite_range_and_no_running_tally_as_the_whole():
    plan = understand("how many of the projects were under 100m yuan each?")
    assert plan.band == (None, 1e8)
    tally = sentence("迄今累计开工项目612个,总投资3100亿元。", "zh", position=0)
    whole = sentence("本批开工项目共110个,总投资980亿元。", "zh", position=1)
    bins = sentence(
        "其中投资20亿元以上项目4个,投资5亿至20亿元的项目26个,投资1亿至5亿元的项目50个。",
        "zh",
        position=2,
    )
    found = Finding(plan, [tally, whole, bins], {}, banded=banded_parts(plan, [tally, whole, bins]))
    assert banded_text(found, chinese=True).text.endswith("110 − 50 − 26 − 4 = 30个.")


def test_all_but_a_range_is_the_opposite_range_of_the_whole_the_question_names():
    plan = understand("2030博览会现场集中签约 扣掉10亿以上的项目 剩下几个项目、多少投资?")
    assert plan.operation == "none" and plan.band == (None, 1e9)
    day = sentence("博览会共签约项目共计90个、总投资700亿元。", "zh", position=0)
    on_site = sentence("现场集中签约项目30个,总投资400亿元。", "zh", position=1)
    bins = sentence("其中,投资10亿元以上项目8个,总投资250亿元。", "zh", position=2)
    day.features, on_site.features, bins.features = {"coverage": 0.4}, {"coverage": 0.9}, {"coverage": 0.3}
    found = Finding(plan, [day, on_site, bins], {}, banded=banded_parts(plan, [day, on_site, bins]))
    text = banded_text(found, chinese=True).text
    assert "30 − 8 = 22个" in text and "(150亿元)" in text  # the on-site signing the question names


def test_the_whole_of_a_share_is_an_exact_figure_before_a_bound_one():
    plan = understand("what share of the fair's investment was signed by the host city?")
    bound = sentence("The fair signed deals worth over 100 billion yuan.", position=0)
    exact = sentence("In all, 104.5 billion yuan was signed.", position=1)
    part = sentence("The host city signed 23 billion yuan.", position=2)
    value, stating = whole_of(plan, part.values[0], [bound, exact, part])
    assert stating is exact and value.value == pytest.approx(104.5e9)
    assert (
        whole_of(plan, part.values[0], [bound, part])[1] is bound
    )  # a bound is the whole when none is exact


def test_the_rest_takes_each_asked_kind_from_a_whole_counting_the_same_thing():
    plan = understand("非制造业项目有多少个,投资多少?")
    assert plan.operation == "rest" and plan.wants == ("count", "amount")
    companies = sentence("共有3597家企业参展。", "zh", 0)
    whole = sentence("共签约项目448个,金额1171.3亿元。", "zh", 1)
    part = sentence("其中制造业项目404个,金额1067.9亿元。", "zh", 2)
    found = Finding(plan, [part], read_figures(plan, [part]))
    for kind in ("count", "amount"):
        found.wholes[kind] = whole_of(plan, found.figures[kind], [companies, whole, part])[0]
    assert found.wholes["count"].value == 448  # not the 3597 companies stated first
    assert rest(found, chinese=True).text == (
        "The rest: 448 − 404 = 44个; 117.13 billion yuan (1171.3亿元) − 106.79 billion yuan (1067.9亿元) = "
        "10.34 billion yuan (103.4亿元)."
    )


def test_a_sum_of_parts_named_side_by_side_takes_the_figure_naming_each():
    plan = understand("north district + south district signed how much together?")
    assert plan.coordinated == ("north", "south")
    listed = sentence(
        "On the first day the North District signed 45.9 billion yuan, the South District 98.1 billion yuan "
        "and the East District 47.6 billion yuan.",
        title="Tour opens",
    )
    found = Finding(plan, [listed], {}, listed=listed_parts(plan, [listed]))
    assert sum_of_listed(found, chinese=False).text == (
        "Added up: 45.9 billion yuan + 98.1 billion yuan = 144 billion yuan."
    )
    places = understand("乐山+宜宾签约金额加起来多少?")
    listed = sentence(
        "当天,乐山签约项目引资达459亿元,凉山签约项目引资达981亿元,宜宾签约项目引资达476亿元。", "zh"
    )
    assert [i.amount.value for i in listed_parts(places, [listed])] == [459e8, 476e8]
    # a restated figure is no second part, and a part no clause names makes no sum
    headline = sentence("108个省级项目签约", "zh", position=0)
    body = sentence("共签约省级项目108个,投资817.4亿元;市级项目191个,投资743.2亿元。", "zh", position=1)
    levels = understand("省级+市级签约项目加起来多少个?")
    assert [i.count.value for i in listed_parts(levels, [headline, body])] == [108, 191]
    assert listed_parts(understand("省级+县级签约项目加起来多少个?"), [headline, body]) == []


def test_a_part_of_a_count_the_question_gives_is_smaller_than_it():
    plan = understand("那10个外资项目里有几个是制造业?")
    overall = sentence("此次签约项目涵盖了制造业项目69个,投资总额454亿元。", "zh")
    overall.features["qualifier_coverage"] = 1.0
    assert "count" not in read_figures(plan, [overall])  # 69 manufacturing projects are not among the 10
    within = sentence("外资项目中,制造业项目6个。", "zh")
    within.features["qualifier_coverage"] = 1.0
    assert read_figures(plan, [within])["count"].value == 6


def test_the_figure_before_a_change_divides_by_one_plus_the_change():
    plan = understand("Wie viele Verträge gab es vor der 29. Messe (aus dem Zuwachs zurückgerechnet)?")
    stated = sentence(
        "Es kamen 40.000 Besucher; 1.172 Verträge wurden unterzeichnet, ein Anstieg von 30,51 Prozent.", "de"
    )
    found = Finding(plan, [stated], {})
    assert (
        before_change(found, chinese=False).text
        == "Before the change (a rise of 30.51%): 1172 / 1.3051 ≈ 898 Verträge."
    )
    plan = understand("the fair's 736bn was +12% yoy – so what did it sign the year before?")
    other = sentence("Visitors rose 20%, and 60,000 came.", position=0)
    stated = sentence("It signed 736 billion yuan, up 12% on the year before.", position=1)
    found = Finding(plan, [other, stated], {})  # the change the question states picks its figure
    assert before_change(found, chinese=False).text == (
        "Before the change (a rise of 12%): 736 billion yuan / 1.12 ≈ 657.143 billion yuan."
    )


def test_a_claim_in_another_currency_is_checked_against_amounts_in_it():
    assert understand("Gesamtvertragswert über 610 Mrd Yuan, stimmt's?").operation == "check"
    plan = understand("the expo signed contracts worth over 610 billion US dollars, right?")
    assert plan.operation == "check" and plan.currency == "USD"
    found = finding(
        plan.text, "Contracts worth over 610 billion yuan (about 83.9 billion US dollars) were signed."
    )
    assert check_text(plan, found).startswith(
        "Not as claimed: the claim's 610 billion is not stated (the nearest figure stated is 83.9 billion US dollars)"
    )


def test_two_reports_of_one_event_are_compared_figure_by_figure():
    plan = understand("do the two reports agree on the expo's totals?")
    assert understand("do the reports agree with 448 projects?").operation == "check"  # a figure to check
    assert plan.operation == "agree" and plan.wants == ("count", "amount")
    one = finding(plan.text, "共签订合作项目448个、金额1.1713万亿元。", language="zh")
    other = finding(plan.text, "本届博览会共签约项目448个,签约总额1.17万亿元。", language="zh")
    unrelated = finding(plan.text, "A total of 52 projects were signed, worth 30.789 billion yuan.")
    assert agreement([one, other]) == (
        "The reports agree on 448个; to rounding on 1171.3 billion yuan against 1170 billion yuan."
    )
    assert share_a_figure(one, other) and not share_a_figure(one, unrelated)
    assert agreement([one, unrelated]).startswith("They differ: 448 against 52")
    assert understand("人民日报和外交部对签约总额的说法一致吗?").operation == "agree"


def test_a_part_of_a_count_the_question_gives_counts_the_same_thing_or_the_part():
    plan = understand("how many of the 8 projects were foreign-funded?")
    sides = sentence("Foreign-funded firms were welcome, and the 2 sides signed a framework agreement.")
    sides.features["qualifier_coverage"] = 1.0
    assert "count" not in read_figures(plan, [sides])  # "2 sides" are no projects
    ones = sentence("The 8 projects include 3 foreign-funded ones.")
    ones.features["qualifier_coverage"] = 1.0
    assert read_figures(plan, [ones])["count"].value == 3


def test_items_naming_the_same_one_word_are_not_added_up():
    plan = understand("combined number of overseas projects?")
    listed = sentence(
        "45 overseas projects were signed, including 12 overseas projects in one city.", title="Fair"
    )
    assert listed_parts(plan, [listed]) == []  # a total and its part, not two parts


def test_a_running_tally_is_no_figure_of_one_edition():
    edition = understand("how many projects did the 7th batch sign?")
    tally = sentence("Since the first batch, 7 batches have signed 393 projects in total so far.")
    own = sentence("The 7th batch started 129 projects.", position=1)
    assert read_figures(edition, [tally, own])["count"].value == 129
    assert (
        read_figures(understand("how many projects have the batches signed so far?"), [tally])["count"].value
        == 393
    )


def test_averages_of_two_editions_are_each_computed_then_compared():
    plan = understand("average investment per project: 5th vs 6th fair?")
    assert plan.operation == "average" and len(plan.parts) == 2
    fifth = finding(plan.parts[0].text, "32 projects were signed, worth 72.22 billion yuan.")
    sixth = finding(plan.parts[1].text, "28 projects were signed, worth 116.62 billion yuan.")
    text = combine(plan, [fifth, sixth], ["5th", "6th"], chinese=False).text
    assert text.startswith("Average per project: 5th: 72.22 billion yuan / 32 = 2.257 billion yuan; ")
    assert "6th: 116.62 billion yuan / 28 = 4.165 billion yuan" in text
    assert text.endswith("4.165 billion yuan − 2.257 billion yuan = 1.908 billion yuan (+84.5%).")


def test_a_range_between_two_floors_is_the_outer_less_the_inner():
    plan = understand("how many projects were between 1bn and 5bn yuan?")
    assert plan.band == (1e9, 5e9)
    listed = sentence("投资额在10亿元以上项目共32个,其中投资额在50亿元以上的项目3个。", "zh")
    found = Finding(plan, [listed], {}, banded=banded_parts(plan, [listed]))
    assert banded_text(found, chinese=True).text == (
        "Those 1 billion to 5 billion yuan, those 1 billion yuan or more less those 5 billion yuan or more: "
        "32 − 3 = 29个."
    )


def test_the_amount_of_things_a_count_names_is_stated_with_that_count():
    question = "what was the total investment of the 25 projects signed on the spot?"
    elsewhere = finding(
        question,
        "25 projects were signed on the spot.",
        "The tour signed 879 projects worth 893.15 billion yuan.",
    )
    assert "amount" not in elsewhere.figures  # the tour's amount is not the 25 projects'
    stated = finding(question, "The 25 projects signed on the spot are worth 61.2 billion yuan.")
    assert stated.figures["amount"].value == pytest.approx(61.2e9)


def test_what_was_planned_is_not_what_was_signed():
    question = "total signed value at the fair?"
    planned = finding(question, "本届洽谈会谋划了一批重大项目,投资总额约1800亿元。", language="zh")
    assert "amount" not in planned.figures
    signed = finding(question, "本届洽谈会谋划并签约重大项目40个,投资总额约1800亿元。", language="zh")
    assert signed.figures["amount"].value == pytest.approx(1800e8)
    asked = finding(
        "what was the planned investment of the fair's projects?",
        "Projects with a planned investment of 20 billion yuan were offered.",
    )
    assert asked.figures["amount"].value == pytest.approx(20e9)  # a plan asked for is read


def test_the_whole_of_a_share_may_be_the_running_tally_of_the_event_itself():
    plan = understand("the city's summit signings as % of the whole season's signed amount?")
    season = sentence(
        "Since the season opened on July 15, 900 projects worth 800 billion yuan were signed.", position=0
    )
    part = sentence("The city's summit signed 40 projects worth 96 billion yuan.", position=1)
    value, stating = whole_of(plan, part.values[-1], [season, part])
    assert stating is season and value.value == pytest.approx(800e9)
    years = sentence("Since 2015 the fair has signed 2 trillion yuan in all.", position=0)
    assert whole_of(plan, part.values[-1], [years, part]) is None  # a tally over years is no whole


def test_a_figure_under_another_year_is_no_figure_of_the_year_asked():
    question = "how many german firms were in the city at the end of 2022?"
    stock = finding(question, "By the end of 2021, 234 German companies had settled in the city.")
    assert "count" not in stock.figures
    both = finding(
        question, "By the end of 2021 there were 234 German companies, by the end of 2022 251 companies."
    )
    assert both.figures["count"].value == 251
    zone = "how many projects did the zone attract in 2017?"
    launched = finding(zone, "Launched in 2013, the zone completed its roads, while attracting 10 projects.")
    assert launched.figures["count"].value == 10  # a year that dates no stock does not date the figure
    german = finding(
        "Wie viele deutsche Firmen waren Ende 2022 dort?",
        "Bis Ende 2021 hatten sich 234 deutsche Unternehmen angesiedelt.",
        language="de",
    )
    assert "count" not in german.figures
    dated = finding(
        "how much did the zone trade in 2016?",
        "2015年该区贸易总额259.12亿元,其中进口125.63亿元。",
        language="zh",
    )
    assert "amount" not in dated.figures  # 2015 dates both figures


def test_projects_selected_before_a_fair_are_not_what_it_signed():
    question = "Vertragswert der auf der Messe unterzeichneten Projekte insgesamt?"
    text = (
        "Die Provinz wählte vor der Messe 150 wichtige Projekte mit einem Volumen von 90 Milliarden Yuan aus."
    )
    assert "amount" not in finding(question, text, language="de").figures


def test_a_count_of_another_thing_is_no_answer_to_how_many():
    found = finding(
        "how many agreements did the city's firms sign?",
        "The city's firms won five awards and signed agreements worth 20.8 billion yuan.",
    )
    assert "count" not in found.figures  # five awards are not agreements
    found = finding(
        "how many projects did the city sign?", "The city signed 12 projects worth 3 billion yuan."
    )
    assert found.figures["count"].value == 12


def test_a_share_of_a_whole_the_question_names_divides_by_that_places_figure():
    plan = understand("第六届博览会 郑州签约额占河南全省的比重?")
    total = sentence("博览会期间共签约项目312个,总投资2186.4亿元。", "zh")
    provinces = sentence(
        "东道主河南省签约项目198个,投资额1472.9亿元;其他八省区签约项目114个,投资额713.5亿元。", "zh", 1
    )
    cities = sentence("在河南省签约项目中,郑州市签约项目61个,投资额528.6亿元。", "zh", 2)
    part = next(v for v in cities.values if v.kind == "amount")
    whole, stated_in = whole_of(plan, part, [total, provinces, cities])
    assert whole.value == pytest.approx(1472.9e8) and stated_in is provinces  # Henan's, not the fair's
    unnamed = understand("第六届博览会 郑州签约额占比多少?")
    assert whole_of(unnamed, part, [total, provinces, cities])[0].value == pytest.approx(2186.4e8)


def test_a_place_named_only_in_a_dateline_is_no_part_of_what_the_sentence_reports():
    plan = understand("how much did shenyang itself sign at the investment week?")
    dateline = sentence(
        "SHENYANG, Sept. 11 -- The investment week signed 148 projects worth 162.35 billion yuan."
    )
    dateline.features["qualifier_coverage"] = 1.0  # the index's coverage counts the dateline's city
    assert read_figures(plan, [dateline]) == {}  # the week's total, not Shenyang's own
    own = sentence("Shenyang signed 41 projects worth 51.27 billion yuan.", position=1)
    own.features["qualifier_coverage"] = 1.0
    assert read_figures(plan, [dateline, own])["amount"].value == pytest.approx(51.27e9)
