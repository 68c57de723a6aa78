"""The verifier rejects answers whose numbers the cited quotes don't support."""

from bot.qa.verify import unsupported_numbers

QUOTE_EN = (
    "A signing ceremony for cooperative projects was held during the event, resulting in the signing of "
    "83 projects worth a total of 45.046 billion yuan."
)
QUOTE_DE = "Auf dieser Konferenz wurden 19 Projekte mit einem Gesamtinvestitionsvolumen von 20,663 Mrd. Yuan unterzeichnet."
QUOTE_ZH = "签约项目83个，总金额450.46亿元。"


def test_numbers_from_the_quotes_pass():
    assert unsupported_numbers("83 projects, 45.046 billion yuan [1]", [QUOTE_EN]) == []


def test_a_wrong_figure_is_caught():
    assert unsupported_numbers("83 projects, 45.064 billion yuan [1]", [QUOTE_EN]) == ["45.064"]
    assert unsupported_numbers("84 projects, 45.046 billion yuan [1]", [QUOTE_EN]) == ["84"]


def test_german_decimal_comma_and_chinese_units_normalise_to_billions():
    assert unsupported_numbers("19 projects, 20.663 billion yuan", [QUOTE_DE]) == []
    assert unsupported_numbers("83 projects, 45.046 billion yuan", [QUOTE_ZH]) == []


def test_sums_must_be_shown_as_computed():
    answer = "83 projects + 19 projects = 102 projects"
    assert unsupported_numbers(answer, [QUOTE_EN, QUOTE_DE]) == ["102"]
    assert unsupported_numbers(answer, [QUOTE_EN, QUOTE_DE], computed=[102]) == []


def test_cited_event_dates_and_the_question_s_own_year_are_not_figures():
    answer = "Signed in 2025: 83 projects, 45.046 bn (Shenzhen, 1 Apr 2025) [1]."
    assert (
        unsupported_numbers(answer, [QUOTE_EN], dates=["2025-04-01"], question="total signed in 2025") == []
    )
    assert unsupported_numbers(answer, [QUOTE_EN], dates=["2025-04-02"], question="total signed") == [
        "2025",
        "1",
        "2025",
    ]


def test_chinese_numerals_in_quotes_support_arabic_figures():
    assert unsupported_numbers("92 projects", ["本次大会共签下合作项目九十二个，协议总额897.83亿元。"]) == []
    assert unsupported_numbers("93 projects", ["本次大会共签下合作项目九十二个。"]) == ["93"]


def test_a_short_date_does_not_hide_part_of_a_longer_one():
    answer = "98 projects (Nanchang, 22 Dec 2024)"
    assert unsupported_numbers(answer, ["98 projects"], dates=["2024-12-02"]) == ["22", "2024"]


def test_a_comma_after_a_word_is_punctuation_not_part_of_the_number():
    assert (
        unsupported_numbers(
            "32 projects, 72.22 billion yuan", ["经前期沟通洽谈,32个项目现场签约,总金额722.2亿元"]
        )
        == []
    )
    assert unsupported_numbers("1933 projects", ["signing of 1,933 projects"]) == []


def test_an_amount_split_by_content_farm_spam_supports_the_figure_the_ledger_read():
    from index.deal_extraction import SPAM

    quote = f"现场集中签约项目157个，总金额三百三十一{SPAM[0]}亿元。"
    assert unsupported_numbers("157 projects, 33.1 bn", [quote]) == []
    assert unsupported_numbers("157 projects, 33.2 bn", [quote]) == ["33.2"]


def test_numbers_written_in_words_or_with_german_grouping_are_supported():
    assert unsupported_numbers("Figures: 10 projects [1].", ["Zehn Projekte wurden unterzeichnet."]) == []
    assert unsupported_numbers("Figures: 2 projects [1].", ["Two large projects were signed."]) == []
    assert unsupported_numbers("Figures: 1100 guests [1].", ["Mehr als 1.100 Gäste kamen."]) == []
    assert unsupported_numbers("Figures: 11 projects [1].", ["Zehn Projekte wurden unterzeichnet."]) == ["11"]


def test_an_ordinal_in_a_quote_supports_its_number():
    quote = ["This event marked the 23rd consecutive year of the fair."]
    assert unsupported_numbers("Figures: 23 consecutive years [1].", quote) == []
    assert unsupported_numbers("Figures: 24 consecutive years [1].", quote) == ["24"]
