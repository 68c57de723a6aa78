"""Question understanding: intent, period, selectors and follow-ups in English, German and Chinese."""

import pytest

from bot.question import parse_question


@pytest.mark.parametrize(
    ("text", "intent", "year", "month"),
    [
        ("total signed in 2025", "total", 2025, None),
        ("How much was signed in total in 2024, across all the conferences?", "total", 2024, None),
        ("2025年签约项目合计多少？", "total", 2025, None),
        ("Wie viel wurde 2024 insgesamt unterzeichnet?", "total", 2024, None),
        ("How many projects were signed in 2023?", "count", 2023, None),
        ("Which conference signed more in 2024?", "compare", 2024, None),
        ("What was the largest signing in September 2024?", "largest", 2024, 9),
        ("Is it true that 83 projects were signed in April 2025?", "check", 2025, 4),
        ("Who led the Jiangmen delegation to Shenzhen?", "lookup", None, None),
    ],
)
def test_intent_and_period(text, intent, year, month):
    question = parse_question(text)
    assert (question.intent, question.year, question.month) == (intent, year, month)


def test_period_only_questions_go_to_the_ledger_and_named_events_do_not_lose_their_name():
    assert parse_question("total signed in 2025").selectors == ()
    assert parse_question("How many projects were signed at the Baise-Cao Bang conference?").selectors == (
        "Baise-Cao",
        "Bang",
    )


def test_follow_up_reuses_the_previous_topic_with_its_own_year():
    question = parse_question("and in 2024?", history=["total signed in 2025"])
    assert (question.intent, question.year) == ("total", 2024)
    assert "2025" not in question.text


def test_a_new_question_ignores_history():
    question = parse_question("Who led the Jiangmen delegation?", history=["total signed in 2025"])
    assert question.intent == "lookup" and question.year is None


def test_running_tallies_are_recognised():
    assert parse_question("How many projects has Ji'an signed since last year?").cumulative
    assert not parse_question("How many projects were signed in 2024?").cumulative
