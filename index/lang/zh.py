"""Chinese word tables: numeral characters, measure words, ordinal counters, relative years and editions."""

from __future__ import annotations

DIGIT_CHARS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
MULTIPLIER_CHARS = "十百千万亿拾佰仟廿"
NUMERAL_CHARS = DIGIT_CHARS + MULTIPLIER_CHARS
# Lone numerals need no parser; longer ones go to cn2an.
DIGIT_VALUES = {char: value % 10 for value, char in enumerate("零一二三四五六七八九")} | {
    "〇": 0, "两": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
    "十": 10, "拾": 10, "廿": 20, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10**4, "亿": 10**8,
}  # fmt: skip
# A figure followed by these is multiplied: "1.2万" = 12000, "3亿" = 300000000.
UNIT_VALUES = {
    "万亿": 10**12,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "万": 10**4,
    "千": 10**3,
    "百": 10**2,
}
# 千 before these is the metric prefix, not a thousand: 千米 km, 千克 kg, 千瓦 kW.
METRIC_AFTER_THOUSAND = "米克瓦焦伏帕"
# Classifiers and counted nouns that make a lone numeral a quantity: 一个, 三家, 五项, 两国.
MEASURE_WORDS = "个家项名位人次批届年月天日周岁种条件台座所场轮期元吨倍份笔国省市地方类款套栋辆艘架亩户"
# Between a numeral and its measure word: 五十多家, 三十余个.
APPROXIMATORS = "多余来"
# Words holding a numeral that are no numbers: 万一 "in case", 一一 "one by one", 统一 "unified", 之一 "one of".
NON_NUMBERS = frozenset(
    {"万一", "一一", "统一", "单一", "唯一", "同一", "专一", "划一", "合一", "逐一", "之一"}
)
# After 第N or 首: 第十二届 (edition), 第五批 (batch), 首届 (first edition).
ORDINAL_COUNTERS = "届次批期轮个位名场号"
FIRST = "首"
RELATIVE_YEARS = {"今年|本年度": 0, "去年|上一年|上年度": -1, "前年": -2, "明年": 1, "后年": 2}
RELATIVE_EDITIONS = {
    "最新一届|最近一届|本届|今年": "latest",
    "上一届|上届|前一届|上一次|上次|上一期|上期|去年": "previous",
    "下一届|下届|后一届|下一次|下次|下一期|下期": "next",
}
