"""Releases nobody has seen yet: a second report of a known signing, an HTML page with site chrome, the
preview of a fair that states only what the fairs before it signed, and two reports of one congress (the talks
held before it, and its on-site signing)."""

import pytest

from bot.evaluate import quote_is_exact
from tests.conftest import copy_seeds, make_settings

CHINESE_REPORT = (
    "江西—粤港澳大湾区经贸合作推介会在深圳举行\n"
    "2025年4月2日，记者从江西省商务厅获悉，4月1日，江西—粤港澳大湾区经贸合作推介会在深圳举行，"
    "现场集中签约项目83个，总金额450.46亿元。\n"
)
HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Ganzhou forum</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/about">About Us</a> | <a href="/map">Sitemap</a></nav>
<h1>Ganzhou Investment Forum Closes</h1>
<p>GANZHOU, China, May 6, 2025 /PRNewswire/ -- The Ganzhou investment forum was held on May 5, 2025.</p>
<p>The forum signed 12 projects worth 3.5 billion yuan, mainly in rare earth processing.</p>
<footer>Copyright Ganzhou Municipal Government All Rights Reserved</footer>
</body></html>
"""


PREVIEW = (
    "Fuzhou fair to open next week\n\n"
    "FUZHOU, June 3, 2024 -- The 6th Fuzhou Maritime Silk Road Fair will open on June 10.\n\n"
    "The previous five fairs signed 1,033 projects worth 420 billion yuan, the organisers said.\n"
)

# One congress in two releases: what talks before it signed (its press conference), and its on-site signing.
BEFORE_CONGRESS = (
    "第四届江城商会大会新闻发布会举行\n\n"
    "2024年5月6日,第四届江城商会大会新闻发布会举行。前期,我市已在成都、西安分别举行了商会经贸交流会,"
    "签约项目31个,项目金额达210.5亿元。\n"
)
CONGRESS = (
    "第四届江城商会大会开幕 现场签约项目19个\n\n"
    "2024年5月20日,第四届江城商会大会开幕。大会现场签约项目19个,总金额388.2亿元。\n"
)

LAKESIDE = (
    "Lakeside investment fair closes\n\n"
    "May 8, 2024 -- The Lakeside investment fair signed 30 projects with a total investment of 12 billion yuan, "
    "of which 4.5 billion yuan went to projects in Jiujiang.\n"
)

# The Lakeside fair's next edition, reported in German.
LAKESIDE_NEXT = (
    "Lakeside-Investitionsmesse endet\n\n"
    "12. Mai 2025 -- Auf der Lakeside-Investitionsmesse wurden 36 Projekte mit einem Investitionsvolumen von "
    "15,5 Mrd. Yuan unterzeichnet.\n"
)


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The seeds plus a Chinese report of the April 2025 signing, an HTML release, a fair's preview, the two
    reports of a congress and two editions of a fair, one with a city's part, indexed."""
    from bot.factory import build_answerer, build_indexer

    workdir = tmp_path_factory.mktemp("grown")
    seeds = copy_seeds(workdir)
    (seeds / "005_report_zh.txt").write_text(CHINESE_REPORT, encoding="utf-8")
    (seeds / "006_ganzhou.html").write_text(HTML_PAGE, encoding="utf-8")
    (seeds / "007_fuzhou_preview.txt").write_text(PREVIEW, encoding="utf-8")
    (seeds / "008_congress_talks.txt").write_text(BEFORE_CONGRESS, encoding="utf-8")
    (seeds / "009_congress_opens.txt").write_text(CONGRESS, encoding="utf-8")
    (seeds / "010_lakeside.txt").write_text(LAKESIDE, encoding="utf-8")
    (seeds / "011_lakeside_2025.txt").write_text(LAKESIDE_NEXT, encoding="utf-8")
    settings = make_settings(workdir)
    indexer = build_indexer(settings)
    report = indexer.run(seeds)
    indexer.close()
    assert report.failed == [] and len(report.added) == 12
    return seeds, build_answerer(settings)


def test_a_signing_reported_twice_counts_once_and_cites_both_reports(grown):
    _, answerer = grown
    answer = answerer.answer("total signed in 2025")
    # 83 once, + 4 (Nanchang) + 12 (Ganzhou) + 36 (Lakeside)
    assert "= 135 projects and 64.046 billion yuan" in answer.answer
    cited = {c.source for c in answer.citations}
    assert {"seeds/001_fceaf3afcab32c7e.txt", "seeds/005_report_zh.txt"} <= cited
    assert "report the same signing, counted once" in answer.answer


def test_an_html_release_is_cited_at_its_line_without_site_chrome(grown):
    seeds, answerer = grown
    answer = answerer.answer("How much was signed in Ganzhou in total?")
    assert answer.found and "12 projects, 3.5 bn" in answer.answer
    citation = answer.citations[0]
    assert citation.source == "seeds/006_ganzhou.html"
    raw_lines = (seeds / "006_ganzhou.html").read_text(encoding="utf-8").split("\n")
    assert quote_is_exact(citation.quote, raw_lines[citation.line_start - 1])
    assert citation.date == "2025-05-06"
    passages = answerer.index.chunks
    assert not any("Sitemap" in c.text or "All Rights Reserved" in c.text for c in passages)


def test_a_tally_of_earlier_editions_answers_only_a_question_about_them(grown):
    _, answerer = grown
    sixth = answerer.answer("How many projects did the 6th Fuzhou Maritime Silk Road Fair sign?")
    assert not sixth.found and "don't say" in sixth.answer and "1,033" not in sixth.answer.split("Closest")[0]
    before = answerer.answer("How many projects did the five fairs before the 6th Fuzhou fair sign?")
    assert before.found and "1033 projects" in before.answer
    assert before.citations[0].source == "seeds/007_fuzhou_preview.txt"


def test_a_sum_of_parts_reported_in_two_releases_adds_each_part_from_its_own(grown):
    _, answerer = grown
    answer = answerer.answer("第四届江城商会大会 前期交流会签的 加上 大会现场签的,一共多少项目、多少钱?")
    assert answer.found
    assert "31 + 19 = 50" in answer.answer and "= 59.87 billion yuan (598.7亿元)" in answer.answer
    assert {c.source for c in answer.citations} == {
        "seeds/008_congress_talks.txt",
        "seeds/009_congress_opens.txt",
    }


def test_asks_of_one_message_each_work_their_figure_out_their_own_way(grown):
    _, answerer = grown
    answer = answerer.answer(
        "lakeside fair 2024: how much of the 12bn was not for jiujiang projects, and what % went to jiujiang?"
    )
    assert answer.found
    assert "12 billion yuan − 4.5 billion yuan = 7.5 billion yuan" in answer.answer  # the rest
    assert "4.5 billion yuan / 12 billion yuan = 37.5%" in answer.answer  # the share
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert {c.source for c in answer.citations} == {"seeds/010_lakeside.txt"}


def test_a_range_of_years_adds_up_each_years_figures_labelled_by_year(grown):
    _, answerer = grown
    answer = answerer.answer("lakeside investment fair 2024-25: how many projects and how much in total?")
    assert answer.found, answer.answer
    assert "2024: 30" in answer.answer and "2025: 36" in answer.answer  # the years the range names, labelled
    assert "30 + 36 = 66" in answer.answer and "= 27.5 billion yuan" in answer.answer
    assert {c.source for c in answer.citations} == {"seeds/010_lakeside.txt", "seeds/011_lakeside_2025.txt"}
