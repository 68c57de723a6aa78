"""Period totals from ledger signings: sums shown, currencies kept apart, places scoped."""

from dataclasses import replace

from bot.qa.totals import total_answer
from bot.qa.understand import understand
from index.ledger import DealRow, PlaceIndex, group_signings

BASE = DealRow(
    source="seeds/a.txt", quote="q", char_start=0, char_end=1, line_start=1, line_end=1, event=None,
    place="Shenzhen", organiser=None, event_date="2024-09-02", year=2024, projects=74,
    amount_yuan=64.13e9, amount_qualifier=None, currency="CNY", cumulative=False, language="en",
)  # fmt: skip
NANNING = replace(
    BASE, source="seeds/b.txt", place="Nanning", event_date="2024-09-24", projects=19, amount_yuan=20.663e9
)
DOLLARS = replace(
    BASE,
    source="seeds/c.txt",
    place="Ganzhou",
    event_date="2024-10-08",
    projects=5,
    amount_yuan=2e9,
    currency="USD",
)


def test_a_total_shows_each_signing_and_the_sum():
    draft = total_answer(understand("total signed in 2024"), group_signings([BASE, NANNING]))
    assert draft.lead == (
        "Signed in 2024: 93 projects and 84.793 billion yuan in 2 signings: "
        "74 projects, 64.13 bn (Shenzhen, 2 Sep 2024) [1] + 19 projects, 20.663 bn (Nanning, 24 Sep 2024) [2] "
        "= 93 projects and 84.793 billion yuan."
    )
    assert draft.computed == [93, 84.793, 2]


def test_amounts_in_other_currencies_are_named_and_never_added_to_yuan():
    draft = total_answer(understand("total signed in 2024"), group_signings([BASE, DOLLARS]))
    assert "2 billion US dollars" in draft.lead
    assert "= 79 projects and 64.13 billion yuan" in draft.lead
    assert any("amounts in yuan for 1 of the 2 signings" in note for note in draft.notes)


def test_a_place_total_keeps_only_that_place_s_signings():
    plan = understand("total signed in Shenzhen in 2024")
    kept = PlaceIndex(group_signings([BASE, NANNING])).of(plan.constraints.places)
    assert [s.place for s in kept] == ["Shenzhen"]
    assert total_answer(plan, kept).lead.startswith("Signed in Shenzhen in 2024: 74 projects, 64.13 bn")


def test_the_place_index_gives_each_signing_once_in_ledger_order_whatever_language_names_the_place():
    reported_twice = replace(BASE, source="seeds/d.txt", place="深圳市", language="zh")
    signings = group_signings([BASE, NANNING, reported_twice, DOLLARS])
    index = PlaceIndex(signings)
    places = understand("在南宁和深圳签约了多少").constraints.places
    assert len(places) == 2
    found = index.of(places)
    assert found == [s for s in signings if s.place in ("Shenzhen", "Nanning")]
    assert len(found[0].rows) == 2  # the Shenzhen signing, reported by an English and a Chinese release
    assert index.of(frozenset({"no-such-place"})) == []
