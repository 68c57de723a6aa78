"""Question understanding: answer types, operations, constraints and follow-ups, in three languages.

Pure functions over text: no model, no index; each test runs in milliseconds.
"""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.qa.understand import understand

TODAY = date(2026, 11, 30)


def plan(question, history=()):
    return understand(question, history, today=TODAY)


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("how many projects were signed and how much were they worth?", {"count", "amount"}),
        ("Wie viele Projekte wurden unterzeichnet und mit welchem Wert?", {"count", "amount"}),
        ("签了多少合作项目?总金额?", {"count", "amount"}),
        ("What share of the investment went to manufacturing?", {"percent", "amount"}),
        ("When did the council approve the zone?", {"date"}),
        ("Wer hielt die Rede?", {"person"}),
    ],
)
def test_answer_types_are_read_in_each_language(question, wants):
    assert wants <= set(plan(question).wants)


@pytest.mark.parametrize(
    ("question", "language"),
    [("how many deals?", "en"), ("Wie viele Verträge wurden unterzeichnet?", "de"), ("签约多少项目?", "zh")],
)
def test_the_question_language_is_detected(question, language):
    assert plan(question).language == language


@pytest.mark.parametrize(
    ("question", "ordinal"),
    [
        ("What did the 12th expo sign?", 12),
        ("第十二届博览会签约多少?", 12),
        ("Wie viele Verträge auf der 24. Messe?", 24),
        ("What did the third forum sign?", 3),
    ],
)
def test_edition_numbers_become_ordinal_constraints(question, ordinal):
    assert plan(question).constraints.ordinals == (ordinal,)


def test_a_place_named_in_any_language_is_the_same_constraint():
    assert plan("What did the Shenzhen fair sign?").constraints.places
    assert (
        plan("What did the Shenzhen fair sign?").constraints.places
        == plan("深圳博览会签约多少?").constraints.places
    )


def test_years_and_months_are_read():
    c = plan("how many projects did the ceremony in may 2020 sign?").constraints
    assert c.years == (2020,) and c.month == 5
    assert plan("2024年1-7月贸易额多少").constraints.years == (2024,)


def test_a_year_total_without_a_named_event_is_a_period_total():
    assert plan("total signed in 2025").operation == "period_total"
    assert (
        plan("How much was signed in total in 2024, across all the conferences?").operation == "period_total"
    )
    assert plan("total signed at the machinery fair in 2025").operation != "period_total"


@pytest.mark.parametrize(
    ("question", "operation"),
    [
        ("someone said the fair signed a hundred projects — right?", "check"),
        ("Stimmt es, dass 188 Projekte unterzeichnet wurden?", "check"),
        ("听说签约95个项目,对吗?", "check"),
        ("average size per project at the fair?", "average"),
        ("平均每个项目投资多少", "average"),
        ("wie viele Projekte (Energie + Logistik) wurden unterzeichnet?", "sum"),  # parts with a plus
        ("前期交流会签的加上大会现场签的,一共多少项目?", "sum"),
        ("+12% yoy – so what did it sign the year before?", "back"),  # a plus before a figure adds nothing
        ("non-manufacturing projects among the 88 — how many + investment?", "rest"),  # kinds of answer
        ("what % of the planned investment+trade came from investment projects?", "share"),
        ("how many energy and logistics projects were signed (count + value)?", "none"),  # "and" is no plus
        ("外资占签约总额百分之几?", "share"),
        ("第五届比第四届签约额增长百分之几?", "difference"),  # a growth, not a share
        ("what percent of the deals were foreign-funded?", "share"),
        ("by what percent did the deals grow?", "difference"),
    ],
)
def test_operations_are_read(question, operation):
    assert plan(question).operation == operation


def test_a_claim_keeps_its_figures():
    claimed = plan("is it true the expo signed 416 projects worth 354.3 bn USD?").claim
    assert 416 in claimed and 354.3e9 in claimed


@pytest.mark.parametrize(
    "question, claimed",
    [
        ("the fair: ninety-eight projects, nearly a hundred bn yuan – right?", {98, 100e9}),
        (
            "Stimmt es, dass fünfundvierzig Projekte für zwölf Milliarden Yuan unterzeichnet wurden?",
            {45, 12e9},
        ),
        ("有人说签约了一百个项目,对吗?", {100}),
        ("they say 85 projects were signed, incl. 12 foreign ones — correct?", {85, 12}),
    ],
)
def test_a_claim_in_number_words_states_the_same_figures(question, claimed):
    assert set(plan(question).claim) == claimed


def test_a_difference_between_two_editions_has_one_sub_lookup_per_edition():
    p = plan("4th vs 5th trade fair: difference in projects and investment?")
    assert p.operation == "difference"
    assert [part.constraints.ordinals for part in p.parts] == [(4,), (5,)]
    assert all(part.operation == "none" and not part.parts for part in p.parts)


def test_a_difference_between_two_years_splits_by_year():
    p = plan("how much lower was the 2025 fair's signing total than the 2018 one?")
    assert [part.constraints.years for part in p.parts] == [(2025,), (2018,)]


@pytest.mark.parametrize(
    ("question", "editions"),
    [
        # a lone edition is of the year written next to it, a lone year of the edition next to it
        ("expo signing 2021 (4th, in the capital) vs 2018: how much more?", [((2021,), (4,)), ((2018,), ())]),
        ("the 7th fair (2022) vs the 6th: how many more projects?", [((2022,), (7,)), ((), (6,))]),
        ("4th vs 5th trade fair: difference in projects?", [((), (4,)), ((), (5,))]),
    ],
)
def test_a_lone_year_or_edition_of_a_comparison_is_of_the_part_written_next_to_it(question, editions):
    parts = plan(question).parts
    assert [(part.constraints.years, part.constraints.ordinals) for part in parts] == editions


def test_each_part_of_a_sum_is_a_lookup_of_its_own_without_the_other_parts():
    plan = understand("第三届商会大会:前期成都/西安交流会 加上 大会现场签约,合计多少项目、多少钱?")
    assert plan.operation == "sum" and plan.coordinated == ("西安交流会", "大会现场")  # what 加上 joins
    talks, on_site = plan.addends
    assert "成都" not in on_site.focus and "交流会" not in on_site.focus and "大会现场" not in talks.focus
    assert any("交流会" in term for term in talks.qualifier) and any(
        "现场" in term for term in on_site.qualifier
    )
    assert talks.operation == on_site.operation == "none" and not talks.addends
    assert not understand("4th vs 5th fair combined: how many projects?").addends  # editions: sub-lookups


def test_asks_each_with_its_own_operation_are_read_one_by_one_within_the_message():
    read = plan(
        "lakeside fair 2024: how much of the 12bn was not for jiujiang projects, and what % went to jiujiang?"
    )
    assert read.operation == "each" and [part.operation for part in read.parts] == ["rest", "share"]
    rest, share = read.parts
    assert rest.constraints.years == share.constraints.years == (2024,)  # the message's period
    assert any("lakesid" in term for term in share.constraints.terms)  # and its event
    assert share.qualifier == rest.qualifier[-1:]  # the city the share is asked of, as the rest leaves it out
    # one operation asked twice, or an ask with none of its own, stays one question
    assert plan("4th vs 5th fair: how many more projects? and how much?").operation == "difference"
    assert plan("比第五届多了多少?增长百分之几").operation == "difference"


def test_a_follow_up_with_another_edition_rewrites_the_previous_question():
    p = plan("and the 5th edition?", ["how many projects did the 4th trade fair sign, and for how much?"])
    assert p.follow_up and p.constraints.ordinals == (5,)
    assert "5th" in p.text and "4th" not in p.text and p.resolved == p.text
    assert {"count", "amount"} <= set(p.wants)


def test_a_follow_up_with_another_year_keeps_the_topic():
    p = plan("what about 2024?", ["How many projects did the investment conference bring in 2022?"])
    assert p.constraints.years == (2024,) and "2024" in p.text and "conference" in p.text
    assert "count" in p.wants


def test_a_follow_up_about_a_part_keeps_the_event_and_asks_its_own_thing():
    p = plan(
        "how many of those were foreign-funded, and for how much?",
        ["Jiangyin trade fair 2019: total signed?"],
    )
    assert p.follow_up and p.constraints.years == (2019,)
    assert "foreign" in p.focus and "Jiangyin" in p.text


def test_a_relative_year_shift_in_a_follow_up():
    p = plan("and two years later?", ["How big was the 2020 tour of enterprises?"])
    assert p.constraints.years == (2022,)


def test_a_question_that_stands_alone_ignores_the_history():
    p = plan("Who led the delegation to the Shenzhen fair?", ["total signed in 2025"])
    assert not p.follow_up and p.constraints.years == ()


def test_a_question_naming_no_kind_of_event_asks_about_the_threads_event():
    history = ["How many projects did the investment conference sign?"]
    p = plan("how many projects, and how much, came through referrals?", history)
    assert p.follow_up and "conference" in p.text and "referrals" in p.text
    assert not plan("What did the trade expo sign?", history).follow_up  # names an event of its own
    assert not plan("Was hat der Gipfel unterzeichnet?", history).follow_up


def test_a_follow_up_of_several_asks_reads_each_within_the_thread():
    p = plan(
        "其中外资项目几个?合同外资多少?", ["what was signed at the 2024 merchants conference in Taiyuan?"]
    )
    assert p.follow_up and p.operation == "each" and len(p.parts) == 2
    assert all(part.constraints.years == (2024,) and part.constraints.places for part in p.parts)
    assert [part.wants for part in p.parts] == [("count",), ("amount",)]
    assert "外资项目" in p.parts[0].focus and "合同外资" in p.parts[1].focus  # each ask's own words


@pytest.mark.parametrize(
    ("follow_up", "earlier", "ordinal", "read_as"),
    [
        ("and the next edition?", "How many projects did the 4th expo sign?", 5, "5th expo"),
        ("那下一届呢?", "第二届论坛签了多少项目?", 3, "第3届论坛"),
        (
            "und die nächste Messe?",
            "Wie viele Projekte wurden auf der 24. Messe unterzeichnet?",
            25,
            "25. Messe",
        ),
        (
            "and the year after?",
            "How many projects did the 3rd investment fair sign?",
            4,
            "4th investment fair",
        ),
        (
            "und im Jahr danach?",
            "Wie viele Projekte wurden auf der 24. Messe unterzeichnet?",
            25,
            "25. Messe",
        ),
        ("and the previous edition?", "What was signed at the 8th marine expo?", 7, "7th marine expo"),
        (
            "und bei der Ausgabe davor?",
            "Wie viele Projekte wurden auf der 5. Messe unterzeichnet?",
            4,
            "4. Messe",
        ),
    ],
)
def test_an_edition_named_relative_to_the_threads_moves_its_number(follow_up, earlier, ordinal, read_as):
    p = plan(follow_up, [earlier])
    assert p.follow_up and p.constraints.ordinals == (ordinal,) and p.constraints.years == ()
    assert read_as in p.resolved and p.constraints.terms == plan(earlier).constraints.terms


def test_a_next_edition_of_a_dated_event_is_the_next_year():
    assert plan("and the next edition?", ["How many projects did the 2023 fair sign?"]).constraints.years == (
        2024,
    )
    assert plan("und zwei Jahre später?", ["Wie viele Projekte 2020?"]).constraints.years == (2022,)


def test_a_comparison_follow_up_compares_the_editions_of_the_thread():
    both = plan("两届差多少?", ["第三届投资洽谈会签约总额多少?", "第四届呢?"])
    assert both.operation == "difference" and [p.constraints.ordinals for p in both.parts] == [(3,), (4,)]
    assert all(p.wants == ("amount",) for p in both.parts)  # what the thread asked: the amount
    more = plan(
        "und bei der 7. Ausgabe – wie viel mehr Volumen war das?",
        ["what was the total contract value at the 6th trade week?", "how many projects was that?"],
    )
    assert [p.constraints.ordinals for p in more.parts] == [(6,), (7,)]
    years = plan("how much more than in 2022?", ["total signed at the Kunming forum in 2023?"])
    assert [p.constraints.years for p in years.parts] == [(2023,), (2022,)]  # the thread's, then its own


@pytest.mark.parametrize(
    ("question", "signs"),
    [
        ("What did Daqing sign at the 2023 trade week?", True),
        ("Wie viel hat Daqing auf der Handelswoche 2023 unterzeichnet?", True),
        ("第六届经贸周大庆签约多少?", True),
        ("How much was signed in Daqing at the trade week?", False),  # where, not who
        ("how much did Daqing sign in 2024?", False),  # no event: everything Daqing signed
    ],
)
def test_a_place_signing_at_an_event_is_the_part_asked_about(question, signs):
    from index.retrieval import place_token

    assert ((place_token("cn:230600"),) in plan(question).qualifier) is signs


def test_a_follow_up_naming_another_place_asks_the_same_of_it():
    p = plan("and Qiqihar?", ["What did Daqing sign at the 2023 trade week?"])
    assert p.resolved == "What did Qiqihar sign at the 2023 trade week?"
    assert p.constraints.places == {"cn:230200"} and p.qualifier == (("@cn:230200",),)
    assert plan("那深圳呢", ["2024年广州签约多少?"]).resolved == "2024年深圳签约多少?"


def test_a_follow_up_keeps_the_part_and_counts_what_it_names():
    p = plan("第八届呢?金额多少?", ["第七届博览会签约总额多少?", "其中台资项目有几个?"])
    assert p.follow_up and p.constraints.ordinals == (8,) and p.wants == ("amount",)  # 呢 before another ask
    exhibitors = plan("and exhibitors?", ["how many visitors did the 7th expo get?"])
    assert "exhibitor" in exhibitors.counted and "visitor" not in exhibitors.counted
    assert exhibitors.wants == ("count",) and exhibitors.constraints.ordinals == (7,)


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("who hosted the 2021 NEV industry investment conference?", ("person",)),
        ("黄河走廊投资贸易博览会第六届 主宾国是哪个?", ("text",)),
        ("Wo fand die Investitionsmesse statt?", ("place",)),
        ("total investment of the 5th fair?", ("amount",)),
        ("第六届投资博览会投资多少?", ("amount",)),
        ("how many projects and what investment?", ("count", "amount")),
        ("which fair drew the most investment?", ("amount",)),  # the largest of the amounts
        ("theme of the 2nd investment & trade fair?", ("text",)),
        ("3rd green industry investment conf – venue and dates pls", ("text",)),
    ],
)
def test_investment_in_an_events_name_asks_for_no_amount(question, wants):
    assert plan(question).wants == wants


@pytest.mark.parametrize(
    ("question", "operation", "years"),
    [
        (
            "guiyang week: total signed over the 3 editions (2022-24)? projects + value",
            "sum",
            (2022, 2023, 2024),
        ),
        ("Was hat Zunyi auf der Woche 2022–2024 zusammen unterzeichnet?", "sum", (2022, 2023, 2024)),
        ("2022年至2024年签约总额?", "period_total", (2022, 2023, 2024)),  # no event named: the ledger's
        ("how much did the fair's signed investment grow from 2021 to 2023?", "difference", (2021, 2023)),
        ("fair: % growth in contract value 2023 -> 2024?", "difference", (2023, 2024)),
    ],
)
def test_a_range_of_years_names_each_year_in_it_but_a_change_only_its_ends(question, operation, years):
    p = plan(question)
    assert p.operation == operation and p.constraints.years == years
    assert {"count", "amount"} & set(p.wants)


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("Was hat Zunyi auf der Investitionswoche unterzeichnet?", ("count", "amount")),  # the week's name
        ("第六届投资贸易博览会签约多少?", ("count", "amount")),
        ("Wie hoch war die Gesamtinvestition?", ("amount",)),
        ("第六届博览会投资多少?", ("amount",)),
    ],
)
def test_investment_naming_an_event_asks_for_no_amount_of_its_own(question, wants):
    assert plan(question).wants == wants


def test_a_places_share_of_the_total_is_a_share_of_that_place():
    p = plan("what was guiyang city's share of the total that year?", ["第三届贵阳投资周 安顺签了多少?"])
    assert p.operation == "share" and ("@cn:520100",) in p.qualifier and p.constraints.ordinals == (3,)
    assert not p.counted & {"citi", "城市"}  # "city" names the part, it counts nothing


def test_traditional_characters_read_like_simplified():
    assert plan("簽約項目多少個?").wants == plan("签约项目多少个?").wants


def test_a_lone_number_in_a_follow_up_names_the_edition_but_a_number_word_does_not():
    p = plan("und auf der 29.?", ["Wie viele Projektverträge wurden auf der 24. Messe unterzeichnet?"])
    assert p.constraints.ordinals == (29,) and "29." in p.text
    p = plan("and the one in 2016?", ["8th expo results?"])
    assert p.constraints.years == (2016,) and p.constraints.ordinals != (1,)


def test_only_text_clearly_in_another_language_is_refused():
    from index.lang.questions import other_language

    assert other_language("Quelle est la capitale de la France ?") == "fr"
    assert other_language("8th China-Eurasia Expo results?") is None
    assert other_language("Wie viele Projekte?") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=80), max_size=3))
def test_any_text_is_understood_without_an_exception(question, history):
    p = plan(question, history)
    assert p.wants and p.operation and all(len(part.parts) == 0 for part in p.parts)


@pytest.mark.parametrize(
    "question, asks",
    [
        ("第三届洽谈会签约总额?集中签约多少?", [("amount",), ("count", "amount")]),
        ("Wie viele Projekte wurden unterzeichnet, und wer war Gastgeber?", [("count",), ("person",)]),
        ("Who hosted the 5th fair? Where was it held?", [("person",), ("place",)]),
        ("第二届招商大会 在哪办的 谁主办?", [("place",), ("person",)]),  # typed with spaces between the asks
        ("how many projects were signed, and which sectors led?", [("count",), ("text",)]),
        ("hunan delegation oct 2023 – total signed & which sectors?", [("count", "amount"), ("text",)]),
        ("5. Messe – wie viele Aussteller, wie viele Fachbesucher?", [("count",), ("count",)]),
    ],
)
def test_a_message_asking_several_questions_is_read_as_one_ask_each_with_the_shared_event(question, asks):
    read = plan(question)
    assert read.operation == "each" and [part.wants for part in read.parts] == asks
    assert all(part.constraints == read.constraints and part.operation == "none" for part in read.parts)


def test_a_second_sentence_without_an_ask_of_its_own_stays_one_question():
    read = plan("Did the fair sign deals? The one in 2024.")
    assert read.operation != "each" and not read.parts


@pytest.mark.parametrize(
    "question",
    [
        "Chushang conference: growth in on-site signing value from the 5th to the 6th edition (abs + %)?",
        "Um wie viel Prozent wuchs das Volumen von der 5. zur 6. Ausgabe?",
        "Wie viel mehr wurde auf der 6. als auf der 5. Messe unterzeichnet, absolut und in Prozent?",
        "第六届比第五届签约金额多多少,增长百分比是多少",
        "第六届比第五届签约金额多了多少?增长百分之几",  # a growth in percent is no share
        "by what percent did the signed amount grow from the 5th to the 6th fair?",
        "6th vs 5th fair: what percentage increase in signed investment?",
    ],
)
def test_the_parts_of_a_change_between_editions_read_figures_and_leave_the_percentage_to_arithmetic(question):
    plan = understand(question)
    assert len(plan.parts) == 2
    assert all("percent" not in part.wants and set(part.wants) & {"count", "amount"} for part in plan.parts)


@pytest.mark.parametrize(
    "question",
    [
        "how many projects, and how much, came through referrals?",
        "Wie viele Projekte, und wie viel, kamen aus Hongkong?",
    ],
)
def test_question_words_set_off_by_commas_share_one_question(question):
    plan = understand(question)
    assert plan.operation != "each" and set(plan.wants) == {"count", "amount"}


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("how many of the 8 projects in May 2022 were foreign-funded?", {"foreign", "fund"}),
        (
            "how much of the money signed at the convention came from foreign investors?",
            {"foreign", "investor"},
        ),
        ("Wie viele der 17 Projekte waren ausländisch finanziert?", {"ausländisch", "finanziert"}),
        ("17个项目中有多少是外资项目?", {"外资"}),
        ("how much of it was Sichuan alone?", {"@cn:510000"}),  # a place by its language-neutral token
    ],
)
def test_a_question_about_part_of_a_whole_names_the_part(question, part):
    stems = {variant for term in understand(question).qualifier for variant in term}
    assert part <= stems


def test_a_question_about_a_whole_names_no_part():
    assert understand("how many foreign-funded projects were signed?").qualifier == ()


@pytest.mark.parametrize(
    ("question", "stem"),
    [
        ("how many of the 8 Hengyang projects were foreign-funded?", "project"),
        ("how many of these deals were signed abroad?", "deal"),
        ("Wie viele der 17 Projekte waren ausländisch finanziert?", "projekt"),
        ("how many projects were signed?", "project"),
    ],
)
def test_a_count_question_counts_the_noun_of_its_whole(question, stem):
    assert stem in understand(question).counted


@pytest.mark.parametrize(
    ("question", "qualifier"),
    [
        ("how many Vietnamese companies exhibited at the expo?", (("@iso:VN",),)),
        ("多少越南企业参展?", (("@iso:VN",),)),
        ("how many projects in Shenzhen were signed?", ()),  # where they were signed, not which
        ("How many projects did Shenzhen sign in 2019?", ()),  # who signed them
        ("how many deals Hunan signed", ()),
        ("Wie viele Projekte hat Hunan unterzeichnet?", ()),
        ("深圳签了几个项目?", ()),
        ("How much did Chengdu city itself sign during the tour?", (("@cn:510100",),)),  # "itself"
        ("Wie viel hat die Provinz Sichuan allein unterzeichnet?", (("@cn:510000",),)),
        ("成都本身签了多少?", (("@cn:510100",),)),
        ("第五届博览会河南自己签了多少项目", (("@cn:410000",),)),
        ("the expo itself signed how many projects?", ()),  # no place singled out
    ],
)
def test_a_place_naming_what_is_counted_makes_it_a_part(question, qualifier):
    assert understand(question).qualifier == qualifier


@pytest.mark.parametrize(
    ("question", "currency"),
    [
        ("第六届博览会外资项目金额是多少美元?", "USD"),  # 元 in 美元 is no yuan
        ("how much in US dollars did the expo sign?", "USD"),
        ("Wie viel in Euro wurde unterzeichnet?", "EUR"),
        ("签约金额多少亿元?", None),
        ("what was signed (in yuan and USD)?", None),  # both asked: either answers
        ("someone says the expo signed 8 billion USD, right?", "USD"),  # checked against amounts in USD
    ],
)
def test_the_currency_an_amount_is_asked_in(question, currency):
    assert understand(question).currency == currency


@pytest.mark.parametrize(
    ("question", "operation", "qualifier", "wants"),
    [
        ("non-manufacturing projects: how many and how much?", "rest", "manufactur", ("count", "amount")),
        ("wie viele Nicht-Fertigungsprojekte gab es?", "rest", "fertigungsprojekt", ("count",)),
        ("非制造业项目有多少个?", "rest", "制造业", ("count",)),
        (
            "how many were not foreign-funded, and what were they worth?",
            "rest",
            "foreign",
            ("count", "amount"),
        ),
        # the whole less a part, named by "minus", "other than", "keine", "außer", "以外", "除了"
        ("the 88 projects minus the manufacturing ones: how many?", "rest", "manufactur", ("count",)),
        ("how many projects other than foreign-funded ones?", "rest", "foreign", ("count",)),
        (
            "wie viele Projekte waren keine Fertigungsprojekte, und welches Volumen hatten die?",
            "rest",
            "fertigungsprojekt",
            ("count", "amount"),
        ),
        ("wie viele Projekte außer den Fertigungsprojekten?", "rest", "fertigungsprojekt", ("count",)),
        ("第七届博览会重大项目以外的签约项目有多少个、金额多少?", "rest", "重大项目", ("count", "amount")),
        ("除了外资项目以外还签了多少个项目?", "rest", "外资", ("count",)),
        ("开幕式以外还有哪些活动?", "none", "开幕式", ("text",)),  # no figure asked: no rest
        ("除了国外企业以外,签了多少个项目?", "rest", "国外", ("count",)),  # 以外 ends the part, not its 外
        ("除了境外项目,还签了多少个项目?", "rest", "境外", ("count",)),
        ("how many projects were signed, other than that?", "none", None, ("count",)),  # no part named
        ("除此之外还签了多少个项目?", "none", None, ("count",)),
        # "leaving out", "not counting", "abgesehen von", 除掉/扣除/不算 … up to what is left (还剩, 剩下)
        ("leaving out the 12 energy projects, how much did the rest sign?", "rest", "energi", ("amount",)),
        ("how many projects were signed not counting the foreign ones?", "rest", "foreign", ("count",)),
        ("wie viele Verträge abgesehen von den Energieprojekten?", "rest", "energieprojekt", ("count",)),
        ("共签50个项目,除掉园区签约那部分还剩多少个?", "rest", "园区", ("count",)),
        ("扣除外资项目剩下的签了多少个?", "rest", "外资", ("count",)),
        ("不算现场签的9个农业项目,其余的投资多少?", "rest", "农业", ("amount",)),
        ("wie viele Verträge hatten keine ausländischen Partner?", "rest", "ausland", ("count",)),
        ("how much investment came from projects not by local firms?", "rest", "local", ("amount",)),
        ("wie viel Umsatz ohne die Gastländer, in Yuan?", "rest", "gastland", ("amount",)),
        ("非洲企业有多少家?", "none", None, ("count",)),  # 非洲 is Africa, not "not 洲"
        ("南非企业的项目有多少个?", "none", None, ("count",)),  # 南非 is South Africa
    ],
)
def test_a_part_named_by_a_negation_asks_for_the_rest(question, operation, qualifier, wants):
    plan = understand(question)
    assert plan.operation == operation and plan.wants == wants
    assert any(qualifier in term for term in plan.qualifier) if qualifier else not plan.qualifier


@pytest.mark.parametrize(
    ("question", "given"),
    [
        # the part's own figures are read from the release like its amount, the whole's are the question's
        ("除了现场签的9个农业项目,剩下的项目有几个?", ()),
        ("the fair signed 70 projects: leaving out the 12 energy ones, how many were left?", (70.0,)),
        ("共签50个项目,除掉园区签约那部分还剩多少个?", (50.0,)),
    ],
)
def test_the_figures_of_the_part_a_rest_leaves_out_are_not_given(question, given):
    plan = understand(question)
    assert plan.operation == "rest" and plan.given == given


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("leshan + liangshan + yibin signed how much together?", ("leshan", "liangshan", "yibin")),
        ("省级+市级签约项目加起来多少个?", ("省级", "市级")),
        ("新能源和数字经济项目加起来多少个?", ("新能源", "数字经济")),
        ("乐山、凉山和宜宾签约加起来多少?", ("乐山", "凉山", "宜宾")),
        (
            "Summe der NEV- und IT-Projekte (Anzahl und Volumen)?",
            ("NEV", "IT-Projekte"),
        ),  # not the answer kinds
        ("how many projects were signed and how much?", ()),  # no sum
    ],
)
def test_the_parts_a_sum_names_side_by_side(question, parts):
    assert understand(question).coordinated == parts


@pytest.mark.parametrize(
    ("question", "given", "qualifier"),
    [
        ("江阴经洽会那10个外资项目里有几个是制造业?", (10.0,), "制造业"),
        ("36个项目里新能源项目有几个?", (36.0,), "新能源"),
        ("wie viele der 879 Projekte hatten ausländische Investoren?", (879.0,), "ausländisch"),
        ("how many projects were not part of the apr 24 on-site signing?", (), "part"),  # a date is no figure
    ],
)
def test_a_part_of_a_whole_the_question_gives(question, given, qualifier):
    plan = understand(question)
    assert plan.given == given and any(qualifier in term for term in plan.qualifier)


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("what share of the projects was manufacturing?", "manufactur"),
        ("what % of the fair's investment came from the special signing?", "special"),
        ("Welcher Anteil der Investitionen entfiel auf Fertigung?", "fertigung"),
        ("Wie viel Prozent der Investitionen entfielen auf die Gastgeberstadt?", "gastgeberstadt"),
        ("江阴经洽会制造业项目投资占总投资多大比例?", "制造业"),
    ],
)
def test_the_part_a_share_is_asked_of(question, part):
    plan = understand(question)
    assert plan.operation == "share" and any(part in term for term in plan.qualifier)


@pytest.mark.parametrize(
    "question",
    ["how many were under 1 billion yuan?", "how many of those were major?", "wie viele davon waren neu?"],
)
def test_a_verb_or_pronoun_after_how_many_names_nothing_counted(question):
    assert understand(question).counted == frozenset()


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("项目有多少个?", "项目"),  # written before the question word
        ("剩下几个企业?", "企业"),  # after it, though a word comes before it too
        ("扣掉外资的,剩下几个项目、多少投资?", "项目"),
        ("两届已开工项目合计多少个?", "开工"),  # a total word between: what is counted, with its modifier
    ],
)
def test_what_is_counted_is_read_before_or_after_the_question_word(question, counted):
    assert counted in understand(question).counted


@pytest.mark.parametrize(
    ("question", "band"),
    [
        ("扣掉50亿以上的项目,剩下几个、多少投资?", (None, 5e9)),
        ("leaving out the projects under 1 billion yuan, how many were signed?", (1e9, None)),
        ("wie viele Projekte ohne die über 2 Mrd. Yuan?", (None, 2e9)),
    ],
)
def test_all_but_an_open_range_of_amounts_asks_for_the_range_opposite_it(question, band):
    plan = understand(question)
    assert (plan.operation, plan.band, plan.qualifier) == ("none", band, ())


def test_a_follow_up_counting_those_counts_what_the_thread_counts():
    follow_up = understand("how many of those were major?", ["How many projects were signed at the fair?"])
    assert follow_up.follow_up and "project" in follow_up.counted


@pytest.mark.parametrize(
    ("question", "wants", "change"),
    [
        ("the expo's 736bn was +12% yoy – so what did it sign the year before?", ("count", "amount"), 12.0),
        ("贸易额涨了47.2%,倒推一下去年同期大概多少?", ("amount",), 47.2),
        (
            "Wie viele Verträge gab es vor der 29. Ausgabe (aus dem Zuwachs zurückgerechnet)?",
            ("count",),
            None,
        ),
    ],
)
def test_a_figure_before_a_change_is_asked_back(question, wants, change):
    plan = understand(question)
    assert (plan.operation, plan.wants, plan.change, plan.given) == ("back", wants, change, ())
    assert understand("how many projects were signed the year before?").operation == "none"


@pytest.mark.parametrize(
    ("question", "years", "ordinals"),
    [
        # the year or edition before is what is worked out, not where the release is found
        ("第9届博览会签了500亿、同比涨10%,倒推上一年大概签了多少?", (), (9,)),
        ("12. Messe: 800 Verträge, +25 % ggü. Vorjahresausgabe – wie viele waren es bei der 11.?", (), (12,)),
        ("the 2021 fair's 50bn was up 25% – so what did it sign the year before?", (2021,), ()),
    ],
)
def test_the_period_a_figure_is_worked_back_to_is_no_constraint(question, years, ordinals):
    plan = understand(question, today=date(2026, 6, 1))
    assert plan.operation == "back"
    assert (plan.constraints.years, plan.constraints.ordinals) == (years, ordinals)


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("那10个外资项目里有几个是制造业?", ("count",)),
        ("其中有多少是外资项目?", ("count",)),
        ("利用外资多少?", ("amount",)),
    ],
)
def test_foreign_funded_projects_name_a_part_not_an_amount(question, wants):
    assert understand(question).wants == wants


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("what was the total investment of the 109 projects signed at the ceremony?", 109),
        ("welchen Gesamtwert hatten die 1.172 Verträge der Messe?", 1172),
        ("第十二届东博会签的34个国际产能合作项目总投资多少亿?", 34),
        ("were the six foreign deals worth 920 million yuan?", None),  # it states the amount: a claim
        ("how many projects and how much investment?", None),
        ("how much did the 7 batches since 2018 bring in?", None),  # batches are no things signed
        ("welchen Wert hatten die 2023 unterzeichneten Verträge?", None),  # a year, no count
    ],
)
def test_the_count_naming_the_things_an_amount_is_asked_of(question, count):
    assert understand(question).amount_of == count


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        (
            "厦洽会首日泉州签了几个项目？投资总额、拟利用外资各多少",
            [("count", ""), ("amount", "投资总额"), ("amount", "利用外资")],
        ),
        ("国内项目和国际项目各多少个?", [("count", "国内"), ("count", "国际")]),
        ("四川签约的国内项目和国际项目各多少个?", [("count", "国内"), ("count", "国际")]),
    ],
)
def test_parts_asked_of_at_once_are_asked_one_by_one_each_naming_its_part(question, asks):
    plan = understand(question)
    assert plan.operation == "each"
    read = [(part.wants[0], part.qualifier) for part in plan.parts]
    assert [kind for kind, _ in read] == [kind for kind, _ in asks]
    for (_, qualifier), (_, named) in zip(read, asks, strict=True):
        assert (named in {v for term in qualifier for v in term}) if named else not qualifier


def test_parts_written_together_without_a_separator_stay_one_question():
    assert understand("现场签了多少项目?国内国际各多少?").operation == "none"
    assert understand("企业参与项目各多少个?").operation == "none"  # 与 inside 参与 joins nothing


def test_each_part_keeps_the_words_before_the_parts():
    plan = understand("四川签约的国内项目和国际项目各多少个?")
    assert [part.focus for part in plan.parts] == ["四川签约的国内项目多少个", "四川签约的国际项目多少个"]


@pytest.mark.parametrize(
    ("question", "given", "whole"),
    [
        ("how much of the 15.192bn was not local?", (15.192e9,), None),  # an amount, its currency left out
        ("Wie viel der 12,1 Mrd Yuan entfiel auf Industriepark-Projekte?", (12.1e9,), None),
        ("how many of the 1,200 projects were foreign-funded?", (1200.0,), 1200.0),
        ("wie viele der 17 Projekte waren ausländisch finanziert?", (17.0,), 17.0),
    ],
)
def test_an_amount_the_question_gives_is_no_count_of_the_whole(question, given, whole):
    plan = understand(question)
    assert plan.given == pytest.approx(given) and plan.whole == whole


def test_a_share_asked_as_percent_of_names_its_part_before():
    plan = understand("tour 2022: the city summit's signings as % of the season's signed amount?")
    assert plan.operation == "share" and any("summit" in term for term in plan.qualifier)


def test_what_part_of_an_amount_fell_to_names_the_part():
    plan = understand("Wie viel der 12,1 Mrd Yuan entfiel auf Industriepark-Projekte?")
    assert any("industriepark" in term for term in plan.qualifier)
