"""Release metadata of the real seeds and of synthetic releases in every supported date style."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from index.loader import load_document
from index.metadata import (
    TITLE_MAX_CHARS,
    ReleaseMetadata,
    detect_language,
    extract_metadata,
    find_dates,
    find_publisher,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SEED_METADATA = {
    "000": ReleaseMetadata(
        title="A report from Jiangxi International Communication Center(JXICC): The economic and trade "
        "cooperation and promotion…",
        published=date(2024, 10, 16),
        event_date=date(2024, 9, 2),
        publisher="PR Newswire",
        language="en",
    ),
    "001": ReleaseMetadata(
        title="A report from Jiangxi International Communication Center(JXICC): On April 1, 2025, the "
        "Jiangxi & Greater Bay Area(GBA)…",
        published=date(2025, 4, 2),
        event_date=date(2025, 4, 1),
        publisher="PR Newswire",
        language="en",
    ),
    "002": ReleaseMetadata(
        title="江西全场地“融湾”,又将迈出遑急一步",
        published=date(2025, 3, 24),  # the news lead "3月24日,…召开的新闻发布会", year from the text
        event_date=date(2025, 3, 30),  # "定于3月30日—4月3日…举办"
        publisher="The Paper (thepaper.cn)",
        language="zh",
    ),
    "003": ReleaseMetadata(
        title="Municipal Leaders Lead Teams to Shenzhen to Promote Shen-Jiang Cooperation",
        published=None,
        event_date=None,
        publisher="Jiangmen Municipal People's Government",
        language="en",
    ),
    "004": ReleaseMetadata(
        title="Am 24. September hat in Nanning, der autonomen Region Guangxi Zhuang, China, die Konferenz "
        "über die Zusammenarbeit und…",
        published=date(2024, 10, 1),
        event_date=date(2024, 9, 24),  # "Am 24. September hat … stattgefunden", year from the dateline
        publisher="GlobeNewswire",
        language="de",
    ),
}


@pytest.mark.parametrize("prefix", sorted(SEED_METADATA))
def test_seed_metadata(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    doc = load_document(path, SEEDS)
    meta = extract_metadata(doc)
    assert replace(meta, dateline_end=0) == SEED_METADATA[prefix]
    if meta.dateline_end:  # the body starts right after the wire's dash
        assert doc.text[: meta.dateline_end].rstrip().endswith(("--", "—"))
    assert len(meta.title) <= TITLE_MAX_CHARS


def release(tmp_path: Path, text: str, name: str = "release.txt", encoding: str = "utf-8") -> ReleaseMetadata:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return extract_metadata(load_document(path, tmp_path))


def test_globenewswire_dateline_with_leading_date_marker(tmp_path):
    meta = release(
        tmp_path,
        "date 2025-04-02 NANNING, China, April 02, 2025 (GLOBE NEWSWIRE) -- On March 28, 2025, the "
        "ASEAN forum was held in Nanning. It gathered 300 firms.\n\nMore text follows here.\n",
    )
    assert meta.published == date(2025, 4, 2)
    assert meta.event_date == date(2025, 3, 28)
    assert meta.publisher == "GlobeNewswire"
    assert meta.title == "On March 28, 2025, the ASEAN forum was held in Nanning"
    assert meta.language == "en"


def test_headline_before_dateline_and_abbreviations(tmp_path):
    meta = release(
        tmp_path,
        "Foxconn Opens New Plant in Ganzhou\n\n"
        "GANZHOU, China, Jan. 5, 2025 /PRNewswire-Asia/ -- Foxconn Industrial Internet Co., Ltd. opened "
        "a plant in the U.S. and China. The plant employs 2,000 people.\n",
    )
    assert meta.title == "Foxconn Opens New Plant in Ganzhou"
    assert meta.published == date(2025, 1, 5)
    assert meta.event_date is None  # the only body sentence with a cue has no date
    assert meta.publisher == "PR Newswire"


def test_long_first_sentence_is_cut_at_a_word_boundary(tmp_path):
    meta = release(
        tmp_path,
        "BERLIN, Germany, 16 October 2024 -- " + "The delegation discussed cooperation " * 8 + "today.\n",
    )
    assert meta.published == date(2024, 10, 16)
    assert meta.title == "The delegation discussed cooperation " * 3 + "The…"
    assert len(meta.title) <= TITLE_MAX_CHARS


def test_german_dateline_and_event_without_year(tmp_path):
    meta = release(
        tmp_path,
        "BAISE, China, 24. September 2024 -- Am 20. September fand in Baise die Konferenz statt. "
        "Es wurden 19 Projekte unterzeichnet.\n\nQuelle: Stadtverwaltung der Stadt Baise\n",
    )
    assert meta.published == date(2024, 9, 24)
    assert meta.event_date == date(2024, 9, 20)
    assert meta.publisher == "Stadtverwaltung der Stadt Baise"
    assert meta.language == "de"


def test_gb18030_chinese_with_published_marker(tmp_path):
    text = (
        "吉安签约湾区项目229个\n\n"
        "2025年以来，吉安与东莞合作不断深化。3月20日，兆驰股份4个项目在南昌举行了签约。\n"
        "发布于：2025-03-24\n"
    )
    meta = release(tmp_path, text, encoding="gb18030")
    assert meta.title == "吉安签约湾区项目229个"
    assert meta.published == date(2025, 3, 24)
    assert meta.event_date == date(2025, 3, 20)  # bare "3月20日", year from the publication date
    assert meta.language == "zh"
    assert meta.publisher is None


def test_xinhua_dateline_and_inferred_year(tmp_path):
    meta = release(
        tmp_path,
        "新华社南昌3月24日电 2025年江西—粤港澳大湾区经贸活动周将于3月30日在深圳开幕。2025年活动规模更大。\n"
        "活动为期五天。\n",
    )
    assert meta.publisher == "Xinhua"
    assert meta.published == date(2025, 3, 24)
    assert meta.event_date == date(2025, 3, 30)
    assert meta.title == "新华社南昌3月24日电 2025年江西—粤港澳大湾区经贸活动周将于3月30日在深圳开幕"


def test_chinese_title_without_full_stop_is_cut(tmp_path):
    meta = release(tmp_path, "江西" * 100 + "\n")
    assert meta.title == "江西" * 59 + "江…"
    assert meta.published is None and meta.event_date is None


def test_html_page_with_byline_date_and_copyright(tmp_path):
    page = """<html><head><meta charset="utf-8"></head><body>
<ul class="menu"><li>Home</li><li>News</li></ul>
<h1>Jiangmen delegation visits Tencent</h1>
<p class="info">Date: 2023-11-08 Source: Jiangmen</p>
<p>Xu Xiaoxiong led a team to Shenzhen to visit Tencent.</p>
<div class="copy">Copyright Jiangmen Municipal People's Government All Rights Reserved</div>
</body></html>"""
    meta = release(tmp_path, page, name="page.html")
    assert meta.title == "Jiangmen delegation visits Tencent"
    assert meta.published == date(2023, 11, 8)
    assert meta.publisher == "Jiangmen Municipal People's Government"
    assert meta.language == "en"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Signed on Oct. 16, 2024 in Shenzhen", [date(2024, 10, 16)]),
        ("SHENZHEN, China, April 2, 2025 /PRNewswire/", [date(2025, 4, 2)]),
        ("on 16 October 2024 and 3rd of May, 2025", [date(2024, 10, 16), date(2025, 5, 3)]),
        ("am 24. September 2024 und am 3. März 2025", [date(2024, 9, 24), date(2025, 3, 3)]),
        ("2025年3月24日召开，2024/12/31结束", [date(2025, 3, 24), date(2024, 12, 31)]),
        ("发布于：2025-03-24", [date(2025, 3, 24)]),
        ("31 February 2024, 2024-13-01, and 45.046 billion yuan", []),
    ],
)
def test_find_dates_with_years(text, expected):
    assert [date(h.year, h.month, h.day) for h in find_dates(text)] == expected


def test_find_dates_without_year():
    hits = find_dates("定于3月30日—4月3日举办；Am 24. September")
    assert [(h.year, h.month, h.day) for h in hits] == [(None, 3, 30), (None, 4, 3), (None, 9, 24)]


@pytest.mark.parametrize(
    "text, publisher",
    [
        ("记者再从新闻发布会获悉（https://www.news.cn/）", "Xinhua (news.cn)"),
        ("Reporter of (www.example.gov.cn) says", "example.gov.cn"),
        ("Copyright © 2020-2024 Ganzhou Daily. All rights reserved.", "Ganzhou Daily"),
        (
            "Body.\nSOURCE Jiangxi International Communication Center\n",
            "Jiangxi International Communication Center",
        ),
        ("Source code was published (Co.Ltd) here.", None),
    ],
)
def test_find_publisher(text, publisher):
    assert find_publisher(text) == publisher


@pytest.mark.parametrize(
    "text, language",
    [
        ("The conference signed 74 cooperation projects with a total amount of 64.13 billion yuan.", "en"),
        ("Auf dieser Konferenz wurden 19 Projekte mit einem Gesamtinvestitionsvolumen unterzeichnet.", "de"),
        ("江西省电子信息产业2024年实现营业收入1.16万亿元，保持全国前列。", "zh"),
        ("江西省電子資訊產業實現營業收入，繼續保持全國前列，與大灣區深度協同。", "zh"),
        ("Jiangxi (江西) and Guangdong (广东) signed agreements on trade and investment.", "en"),
        ("東京で開催された会議には多くの企業が参加しました。", "ja"),
        ("서울에서 열린 회의에 많은 기업이 참가했습니다.", "ko"),
        ("", "und"),
        ("12345 -- 67", "und"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language
    assert detect_language(text) == detect_language(text)  # seeded, so repeatable


ENGLISH_PROSE = (
    "The provincial government said that the fair, which was held in the capital for the third time, "
    "brought together more than 300 companies from the region and from abroad, and that the agreements "
    "signed at its opening ceremony cover energy, logistics and the processing of farm produce."
)
GERMAN_PROSE = (
    "Die Provinzregierung teilte mit, dass die Messe, die zum dritten Mal in der Hauptstadt stattfand, "
    "mehr als 300 Unternehmen aus der Region und aus dem Ausland zusammenbrachte und dass die bei der "
    "Eröffnung unterzeichneten Abkommen Energie, Logistik und die Verarbeitung von Agrarprodukten betreffen."
)
FRENCH_PROSE = (
    "Le gouvernement provincial a indiqué que la foire, qui se tenait dans la capitale pour la troisième "
    "fois, a réuni plus de 300 entreprises de la région et de l'étranger, et que les accords signés lors "
    "de la cérémonie d'ouverture couvrent l'énergie, la logistique et la transformation agricole."
)


def test_english_and_german_prose_is_read_by_its_function_words_and_other_languages_by_langdetect(
    monkeypatch,
):
    import index.metadata as metadata

    real_detect = metadata.detect
    asked = []
    monkeypatch.setattr(metadata, "detect", lambda text: asked.append(text) or real_detect(text))
    assert detect_language(ENGLISH_PROSE) == "en"
    assert detect_language(GERMAN_PROSE) == "de"
    assert asked == []  # decided without langdetect
    assert detect_language(FRENCH_PROSE) == "fr"
    assert asked == [FRENCH_PROSE]
    # Too few words to judge by function words: langdetect decides.
    assert detect_language("Signing ceremony in Nanning") == real_detect("Signing ceremony in Nanning")
