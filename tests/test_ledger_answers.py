"""Figure answers from ledger signings: sums shown, currencies kept apart, claims checked."""

from dataclasses import replace

from bot.ledger_answers import check_answer, compare_answer, in_scope, resolve_scope, total_answer
from bot.question import parse_question
from index.ledger import DealRow, group_signings

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
    draft = total_answer(parse_question("total signed in 2024"), group_signings([BASE, NANNING]))
    assert draft.lead == (
        "Signed in 2024: 93 projects and 84.793 billion yuan in 2 signings: "
        "74 projects, 64.13 bn (Shenzhen, 2 Sep 2024) [1] + 19 projects, 20.663 bn (Nanning, 24 Sep 2024) [2] "
        "= 93 projects and 84.793 billion yuan."
    )
    assert draft.computed == [93, 84.793, 2]


def test_amounts_in_other_currencies_are_named_and_never_added_to_yuan():
    draft = total_answer(parse_question("total signed in 2024"), group_signings([BASE, DOLLARS]))
    assert "2 billion US dollars" in draft.lead
    assert "= 79 projects and 64.13 billion yuan" in draft.lead
    assert any("amounts in yuan for 1 of the 2 signings" in note for note in draft.notes)


def test_the_larger_signing_leads_a_comparison():
    draft = compare_answer(
        parse_question("Which conference signed more in 2024?"), group_signings([NANNING, BASE])
    )
    assert draft.lead.startswith("Shenzhen (2 Sep 2024) signed the most: 74 projects")


def test_claims_are_supported_by_a_signing_or_the_period_total_and_contradicted_otherwise():
    signings = group_signings([BASE, NANNING])
    assert check_answer(
        parse_question("Is it true that 19 projects were signed in 2024?"), signings
    ).lead.startswith("Supported. 19 projects")
    assert check_answer(
        parse_question("Is it true that 93 projects were signed in 2024?"), signings
    ).lead.startswith("Supported. Signed in 2024: 93 projects")
    contradicted = check_answer(parse_question("Is it true that 90 projects were signed in 2024?"), signings)
    assert contradicted.lead.startswith("Contradicted") and "93 projects" in contradicted.lead


def test_a_claim_without_a_figure_is_looked_up_not_checked_against_the_ledger():
    assert parse_question("Is it true that the conference was held in Shenzhen?").intent == "lookup"


def test_selectors_resolve_to_multi_word_cities_and_event_words():
    hong_kong = replace(BASE, place="Hong Kong", event="Guangdong-Hong Kong Economic and Trade Week")
    rows = [hong_kong, NANNING]
    question = resolve_scope(parse_question("How much was signed in Hong Kong in total?"), rows)
    assert (question.places, question.scope_words, question.scoped) == (("Hong Kong",), (), True)
    assert question.is_ledger_question
    week = resolve_scope(parse_question("How much was signed at the Guangdong-Hong Kong Trade Week?"), rows)
    assert week.scope_words == ("Guangdong-Hong", "Kong", "Trade", "Week") and week.scoped
    named = resolve_scope(parse_question("How many projects did the Paris forum sign?"), rows)
    assert not named.scoped and not named.is_ledger_question


def test_a_scope_keeps_signings_of_that_city_only():
    hong_kong = replace(BASE, place="Hong Kong", event="Guangdong-Hong Kong Economic and Trade Week")
    elsewhere = replace(NANNING, event="Guangdong-Hong Kong Economic and Trade Week")
    question = resolve_scope(parse_question("total signed in Hong Kong"), [hong_kong, elsewhere])
    kept = [s for s in group_signings([hong_kong, elsewhere]) if in_scope(s, question)]
    assert [s.place for s in kept] == ["Hong Kong"]
