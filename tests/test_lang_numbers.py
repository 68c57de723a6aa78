"""Numbers in en/de/zh text: digit formats per language, Chinese numerals (cn2an), number words (text2num)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.lang.numbers import find_numbers, read_number


@pytest.mark.parametrize(
    "token, language, value",
    [
        ("1,933", "en", 1933),
        ("1.933", "de", 1933),  # German thousands
        ("20,663", "de", 20.663),  # German decimal comma
        ("285.415", "en", 285.415),
        ("285.415", "de", 285415),
        ("1,933", "de", 1.933),
        ("1.234.567,89", "de", 1234567.89),
        ("1,234,567.89", "en", 1234567.89),
        ("3.5", "de", 3.5),  # not groups of three: a decimal point even in German
        ("-3.5", "en", -3.5),
        ("１２", "zh", 12),  # full width
        ("一千二百", "zh", 1200),
        ("十二", "zh", 12),
        ("两百", "zh", 200),
        ("千亿", "zh", 10**11),
        ("二〇二四", "zh", 2024),
        ("三点五", "zh", 3.5),
        ("一亿三千万", "zh", 130_000_000),
        ("兩萬", "zh", 20_000),  # traditional script
        ("1.2万", "zh", 12_000),
        ("450.46亿", "zh", 45_046_000_000),
        ("5%", "en", 5),
        ("百分之五", "zh", 5),
        ("5 million", "en", 5_000_000),
        ("3,2 Milliarden", "de", 3_200_000_000),
        ("2 Billionen", "de", 2 * 10**12),  # a German Billion is a trillion
        ("2 billion", "en", 2 * 10**9),
        ("20,663 Mrd.", "de", 20_663_000_000),
        ("five", "en", 5),
        ("Eleven", "en", 11),
        ("twenty-one", "en", 21),
        ("one hundred and five", "en", 105),
        ("fünfundvierzig", "de", 45),
        ("Zwanzig", "de", 20),
    ],
)
def test_read_number(token, language, value):
    assert read_number(token, language) == pytest.approx(value)


@pytest.mark.parametrize(
    "token, language", [("abc", "en"), ("", "en"), ("1,2,3", "en"), ("12th", "en"), ("万一", "zh")]
)
def test_read_number_refuses_non_numbers(token, language):
    assert read_number(token, language) is None


def found(text: str, language: str) -> list[tuple[float, str]]:
    return [(mention.value, mention.surface) for mention in find_numbers(text, language)]


def test_english_running_text():
    text = (
        "Some 1,933 firms from five countries signed twenty-one deals worth 20.5 billion yuan, up 5% on 2023."
    )
    assert found(text, "en") == [
        (1933, "1,933"), (5, "five"), (21, "twenty-one"), (20.5e9, "20.5 billion"), (5, "5%"), (2023, "2023"),
    ]  # fmt: skip
    assert find_numbers("up 5%", "en")[0].percent


def test_english_skips_ordinals_vague_words_and_glued_codes():
    text = (
        "The 12th fair drew hundreds of firms, a million visitors and A380 jets; one hundred and five signed."
    )
    assert found(text, "en") == [(105, "one hundred and five")]


def test_german_running_text():
    text = "Es wurden fünfundvierzig Projekte mit 20,663 Mrd. Yuan unterzeichnet; 1.933 Firmen, ein Projekt, eins."
    assert found(text, "de") == [
        (45, "fünfundvierzig"),
        (20.663e9, "20,663 Mrd."),
        (1933, "1.933"),
        (1, "eins"),
    ]


def test_chinese_running_text():
    text = "签约一千二百个项目，1.2万家企业，两百多家，百分之五，二〇二四年，450.46亿元"
    assert found(text, "zh") == [
        (1200, "一千二百"), (12000, "1.2万"), (200, "两百"), (5, "百分之五"), (2024, "二〇二四"), (45046e6, "450.46亿"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "统一",
        "单一地区",
        "一带一路",
        "进一步",
        "之一",
        "三亚",
        "七台河市",
        "四川",
        "第五批",
        "三四个",
        "千万不要",
        "万一",
        "十分重要",
        "千米",
    ],
)
def test_chinese_numerals_inside_words_are_not_numbers(text):
    assert find_numbers(text, "zh") == []


def test_lone_chinese_numerals_count_before_a_measure_word():
    assert found("一个项目，三家企业，千万元，五十多家", "zh") == [
        (1, "一"),
        (3, "三"),
        (1e7, "千万"),
        (50, "五十"),
    ]
    assert found("3千米和5千瓦", "zh") == [(3, "3"), (5, "5")]  # 千 of 千米 (km) is a metric prefix


def test_the_chinese_comma_separates_numbers():
    assert found("1，2月", "zh") == [(1, "1"), (2, "2")]


def test_spans_index_the_original_text():
    text = "签约１２個項目和兩萬家企業"  # full width and traditional: folded for reading, spans unchanged
    assert [(m.value, text[m.start : m.end]) for m in find_numbers(text, "zh")] == [
        (12, "１２"),
        (20000, "兩萬"),
    ]


TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789.,-% 一二两三十百千万亿点第个家分之 fivetwnyoudhäz-ÜMrdo")),
    max_size=50,
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(TEXT, st.text(max_size=50)), st.sampled_from(["en", "de", "zh", "fr"]))
def test_never_raises_and_spans_index_the_text(text, language):
    for mention in find_numbers(text, language):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.surface
