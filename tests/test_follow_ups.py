"""Follow-ups about the previous answer are answered from its releases and the other reports of their
signings (real index: the seeds plus a German report of one of their signings)."""

import pytest

from tests.conftest import copy_seeds, make_settings

GERMAN_REPORT = """Jiangxi unterzeichnet 74 Projekte in Shenzhen

Shenzhen, 3. September 2024 -- Auf einer Konferenz in Shenzhen hat die Provinz Jiangxi am 2. September 2024
74 Kooperationsprojekte mit einem Gesamtvolumen von 64,13 Milliarden Yuan unterzeichnet.

Von den unterzeichneten Projekten betreffen 21 Projekte die Elektronikfertigung, teilte die Provinzregierung mit.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    from bot.factory import build_answerer, build_indexer

    workdir = tmp_path_factory.mktemp("twins")
    seeds = copy_seeds(workdir)
    (seeds / "900_shenzhen_bericht_de.txt").write_text(GERMAN_REPORT, encoding="utf-8")
    settings = make_settings(workdir)
    indexer = build_indexer(settings)
    report = indexer.run(settings.seeds_dir)
    indexer.close()
    assert not report.failed
    return build_answerer(settings)


def test_the_other_reports_of_a_signing_are_its_twins(answerer):
    view = answerer.live.view()
    twins = view.twins(["seeds/000_5f199579b9a1294b.txt"])
    assert twins == ("seeds/000_5f199579b9a1294b.txt", "seeds/900_shenzhen_bericht_de.txt")
    assert view.twins(["seeds/002_6b8c60359d9cb5c1.txt"]) == ("seeds/002_6b8c60359d9cb5c1.txt",)


def test_a_follow_up_about_the_answer_reads_its_releases_and_their_twins(answerer):
    from bot.qa.retrieve import retrieve
    from bot.qa.understand import understand

    history = ["How many projects did Jiangxi sign at the 2024 conference in Shenzhen?"]
    first = answerer.answer(history[0])
    assert first.found and "74" in first.answer
    twins = answerer.live.view().twins([c.source for c in first.citations])
    assert "seeds/900_shenzhen_bericht_de.txt" in twins
    question = "and how many of those were in electronics manufacturing?"
    plan = answerer._within_previous_answer(understand(question, history), history)
    assert plan.within == twins
    assert [c.source for c in retrieve(plan, answerer.index).releases] == list(twins)
    answer = answerer.answer(question, history)
    assert answer.found and {c.source for c in answer.citations} <= set(twins)


def test_a_follow_up_about_another_year_searches_again(answerer):
    history = ["How many projects did Jiangxi sign at the 2024 conference in Shenzhen?"]
    answer = answerer.answer("and in 2025?", history)
    assert answer.found and "seeds/001_fceaf3afcab32c7e.txt" in {c.source for c in answer.citations}


def test_a_follow_up_naming_another_month_searches_again(answerer):
    from bot.qa.understand import understand

    history = ["How many projects did Jiangxi sign at the 2024 conference in Shenzhen?"]
    question = "and how many were signed at the ceremony on Sept 2?"
    plan = answerer._within_previous_answer(understand(question, history), history)
    assert plan.constraints.month == 9 and plan.within == ()
