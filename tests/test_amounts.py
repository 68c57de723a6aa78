"""Money amounts in English, German and Chinese text, and how answers write them."""

import pytest

from index.amounts import find_amounts, format_billion, parse_amount
from index.lang.numbers import chinese_numeral


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("64.13 billion yuan", 64.13e9, "CNY"),
        ("45.046 billion yuan", 45_046_000_000, "CNY"),
        ("RMB 5.2bn", 5.2e9, "CNY"),
        ("CNY 850 million", 850e6, "CNY"),
        ("1,200 million yuan", 1.2e9, "CNY"),
        ("2 trillion yuan", 2e12, "CNY"),
        ("US$1.5 billion", 1.5e9, "USD"),
        ("3 billion US dollars", 3e9, "USD"),
        ("1,92 Mrd. US-Dollar", 1.92e9, "USD"),  # German hyphenates the currency
        ("800 Mio. US-Dollar", 800e6, "USD"),
        ("€2 Mio.", 2e6, "EUR"),
        ("$589m", 589e6, "USD"),  # "m" for million, as financial English writes it
        ("100m yuan", 100e6, "CNY"),
        ("3.9 billions yuan", 3.9e9, "CNY"),
        ("one billion yuan", 1e9, "CNY"),  # number words before a scale unit
        ("einer Milliarde Yuan", 1e9, "CNY"),
        ("zwei Milliarden Euro", 2e9, "EUR"),
        ("eine Billion Yuan", 1e12, "CNY"),  # German Billion is a trillion
        ("HK$ 2 billion", 2e9, "HKD"),
        ("20,663 Mrd. Yuan", 20_663_000_000, "CNY"),
        ("3,5 Milliarden Euro", 3.5e9, "EUR"),
        ("850 Mio. Yuan", 850e6, "CNY"),
        ("1.200,5 Millionen Yuan", 1_200_500_000, "CNY"),
        ("450.46亿元", 45_046_000_000, "CNY"),
        ("450.46亿", 45_046_000_000, "CNY"),
        ("1.16万亿元", 1.16e12, "CNY"),
        ("8500万元", 85e6, "CNY"),
        ("3千万元", 30e6, "CNY"),
        ("50亿元人民币", 5e9, "CNY"),
        ("人民币50亿元", 5e9, "CNY"),
        ("3亿美元", 3e8, "USD"),
        ("2亿欧元", 2e8, "EUR"),
        ("一千亿元", 1e11, "CNY"),
        ("三百二十亿元", 3.2e10, "CNY"),
        ("两千万元", 2e7, "CNY"),
        ("４５０．４６亿元", 45_046_000_000, "CNY"),  # full-width digits
    ],
)
def test_units_currencies_and_separators(text, value, currency):
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value_yuan == pytest.approx(value, rel=1e-12)
    assert amount.currency == currency
    assert amount.text == text


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("超千亿元", "more than", 1e11),
        ("逾50亿元", "more than", 5e9),
        ("近30亿元", "about", 3e9),
        ("约12.5亿元", "about", 1.25e9),
        ("100多亿元", "more than", 1e10),
        ("more than 45 billion yuan", "more than", 45e9),
        ("over RMB 3 billion", "more than", 3e9),
        ("nearly 3 billion dollars", "about", 3e9),
        ("about 12 billion yuan", "about", 12e9),
        ("rund 12 Mrd. Yuan", "about", 12e9),
        ("über 4,5 Mrd. Yuan", "more than", 4.5e9),
        ("64.13 billion yuan", None, 64.13e9),
    ],
)
def test_qualifiers(text, qualifier, value):
    amount = parse_amount(text)
    assert (amount.qualifier, amount.value_yuan) == (qualifier, pytest.approx(value))


def test_spans_point_into_the_text():
    text = "投资总和超千亿元;每年合作金额超100亿元。 Also 64.13 billion yuan were signed."
    amounts = find_amounts(text)
    assert [text[a.start : a.end] for a in amounts] == ["超千亿元", "超100亿元", "64.13 billion yuan"]
    assert [a.text for a in amounts] == ["超千亿元", "超100亿元", "64.13 billion yuan"]


@pytest.mark.parametrize(
    "text",
    [
        "80% of the capital",
        "2024年9月2日",
        "More than 300 companies attended",
        "加速壮大千亿产业集群",  # "a hundred-billion cluster" is not money
        "首个万亿产业",
        "in 2024 the city grew",
        "turnover rose 12 percent",
        "1+14 series of events",
        "a 3m bridge over 5 m of water",  # "m" is million only beside a currency
        "someone paid ten dollars",  # a number word is money only before a scale unit
        "Gone billion yuan",
        "twenty-one billion yuan",  # a compound number word is not read in part
    ],
)
def test_numbers_that_are_not_money(text):
    assert find_amounts(text) == []


def test_an_amount_inside_a_word_keeps_its_qualifier_out():
    # "over" in "turnover" is not a qualifier
    assert parse_amount("turnover 5 billion yuan").qualifier is None


@pytest.mark.parametrize(
    ("text", "value"), [("一千二百", 1200), ("千", 1000), ("十五", 15), ("一百零五", 105), ("两千", 2000)]
)
def test_chinese_numerals(text, value):
    assert chinese_numeral(text) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (45_046_000_000, "45.046 billion yuan"),
        (64_130_000_000, "64.13 billion yuan"),
        (84_793_000_000, "84.793 billion yuan"),
        (1e11, "100 billion yuan"),
        (20_663_000_000, "20.663 billion yuan"),
        (5e6, "0.005 billion yuan"),
        (64.13e9 + 20.663e9, "84.793 billion yuan"),
    ],
)
def test_format_billion(value, text):
    assert format_billion(value) == text
