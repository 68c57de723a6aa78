"""Edition ordinals in en/de/zh (dates and sentence ends excluded), relative editions and relative years."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.lang.ordinals import Relative, find_ordinals, find_relative_editions, resolve_relative_year


def ordinals(text: str, language: str | None = None) -> list[tuple[int, str]]:
    return [(mention.value, mention.surface) for mention in find_ordinals(text, language)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the 12th expo and the 21st session", [(12, "12th"), (21, "21st")]),
        ("the 1st, 2nd and 3rd editions", [(1, "1st"), (2, "2nd"), (3, "3rd")]),
        ("its twelfth edition", [(12, "twelfth")]),
        ("Twenty-first China fair", [(21, "Twenty-first")]),
        ("the first edition", [(1, "first")]),
        ("the one hundred and first session", [(101, "one hundred and first")]),
        ("on 12th March, on March 12th, the 3rd of May", []),  # dates
        ("ten metres per second", []),
    ],
)
def test_english(text, expected):
    assert ordinals(text, "en") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("第十二届中国—东盟博览会", [(12, "第十二届")]),
        ("第12届和第 3 届", [(12, "第12届"), (3, "第 3 届")]),
        ("第五批重点项目", [(5, "第五批")]),
        ("首届博览会", [(1, "首届")]),
        ("第二十一届", [(21, "第二十一届")]),
        ("第１２屆", [(12, "第１２屆")]),  # full width digits, traditional 屆
    ],
)
def test_chinese(text, expected):
    assert ordinals(text, "zh") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Auf der 24. Lanzhou-Messe", [(24, "24.")]),
        ("zum Abschluss der 29. Ausgabe", [(29, "29.")]),
        ("die 3. internationale Messe", [(3, "3.")]),
        ("am 12. August", []),
        ("am 3. März 2024", []),
        ("vom 12. bis 14. März", []),
        ("Die Zahl stieg auf 24. Die Messe endete.", []),  # a sentence ends after 24
        ("Es waren 24.", []),
        ("die dritte Messe und der fünften Ausgabe", [(3, "dritte"), (5, "fünften")]),
        ("die zwanzigste und die einundzwanzigsten", [(20, "zwanzigste"), (21, "einundzwanzigsten")]),
        ("am dritten März", []),
        ("die Hälfte der Gäste", []),
    ],
)
def test_german(text, expected):
    assert ordinals(text, "de") == expected


def test_without_a_language_all_rules_apply_and_english_sentence_starts_count():
    assert ordinals("第五届 and the 12th, die 24. Messe, die dritte") == [
        (5, "第五届"), (12, "12th"), (24, "24."), (3, "dritte"),
    ]  # fmt: skip
    assert ordinals("It grew to 24. The fair opened.") == []


@pytest.mark.parametrize(
    "text, kind, surface",
    [
        ("the latest edition", Relative.LATEST, "latest edition"),
        ("this year's fair", Relative.LATEST, "this year's fair"),
        ("本届博览会", Relative.LATEST, "本届"),
        ("die neueste Ausgabe", Relative.LATEST, "neueste Ausgabe"),
        ("the previous edition", Relative.PREVIOUS, "previous edition"),
        ("last year's", Relative.PREVIOUS, "last year's"),
        ("what about the edition before?", Relative.PREVIOUS, "edition before"),
        ("上一届", Relative.PREVIOUS, "上一届"),
        ("上届签约", Relative.PREVIOUS, "上届"),
        ("去年", Relative.PREVIOUS, "去年"),
        ("letztes Jahr", Relative.PREVIOUS, "letztes Jahr"),
        ("die vorige Ausgabe", Relative.PREVIOUS, "vorige Ausgabe"),
        ("bei der vorherigen Investitionsmesse", Relative.PREVIOUS, "vorherigen Investitionsmesse"),
    ],
)
def test_relative_editions(text, kind, surface):
    [found] = find_relative_editions(text)
    assert (found.kind, found.surface, text[found.start : found.end]) == (kind, surface, surface)


@pytest.mark.parametrize(
    "text", ["by Friday at the latest", "the current situation", "die aktuelle Lage", ""]
)
def test_no_relative_edition(text):
    assert find_relative_editions(text) == []


@pytest.mark.parametrize(
    "text, year",
    [
        ("How much was signed last year?", 2024),
        ("this year", 2025),
        ("去年签约多少", 2024),
        ("今年", 2025),
        ("前年", 2023),
        ("letztes Jahr", 2024),
        ("im vergangenen Jahr", 2024),
        ("gegenüber dem Vorjahreszeitraum", 2024),
        ("next year and last year", 2026),  # the first one named
        ("in 2024", None),
    ],
)
def test_resolve_relative_year(text, year):
    assert resolve_relative_year(text, 2025) == year


TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789. 第首届批一二十五 thfirsecondwlv-ßäüMärzAugust")), max_size=50
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(TEXT, st.text(max_size=50)), st.sampled_from([None, "en", "de", "zh"]))
def test_never_raises_and_spans_index_the_text(text, language):
    for mention in find_ordinals(text, language):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.surface
    for relative in find_relative_editions(text):
        assert text[relative.start : relative.end] == relative.surface
    resolve_relative_year(text, 2025)


def test_a_german_edition_after_an_article_may_leave_its_noun_out():
    text = "Wie viele Verträge mehr wurden auf der 29. Messe (2023) unterzeichnet als auf der 24. (2018)?"
    assert [o.value for o in find_ordinals(text, "de")] == [29, 24]
    assert find_ordinals("Der Umsatz stieg auf 24.", "de") == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2019厦洽会第一天泉州签约项目20个", "zh", []),
        ("第一季度签约项目", "zh", []),
        ("on the first day of the 5th expo", "en", [5]),
        ("in the second week of the fair", "en", []),
        ("am ersten Tag der 3. Messe", "de", [3]),
        ("第三届西洽会第二天", "zh", [3]),
        ("第五届周商大会", "zh", [5]),  # 届 counts the edition; 周商 is no week
    ],
)
def test_a_day_week_or_quarter_counted_by_an_ordinal_is_no_edition(text, language, expected):
    assert [o.value for o in find_ordinals(text, language)] == expected
