"""Question cues in English, German and Chinese: what kind of answer is asked for, and what is done with it.

General interrogative and arithmetic vocabulary only; nothing here names a place, event or figure.
"""

from __future__ import annotations

import re
import threading

from index.amounts import SCALE_WORDS

CJK = re.compile(r"[\u3400-\u9fff]")
GERMAN_MARKERS = re.compile(
    r"\b(der|die|das|den|dem|des|und|wie|viele|wurden?|welche[rsnm]?|auf|mit|beim?|im|zur|zum|über|"
    r"stimmt|es|dass|ist|sind|hatte|gab|wieviele|insgesamt|unterzeichnet|Projekte|Messe|Wert)\b",
    re.IGNORECASE,
)
ENGLISH_MARKERS = re.compile(
    r"\b(the|and|how|many|much|what|which|who|was|were|did|of|at|in|is|signed|projects?|total)\b",
    re.IGNORECASE,
)


def question_language(text: str) -> str:
    """'zh' when Chinese characters carry the question, else 'de' or 'en' by their function words."""
    letters = sum(ch.isalpha() for ch in text) or 1
    if len(CJK.findall(text)) / letters > 0.3:
        return "zh"
    german = len(GERMAN_MARKERS.findall(text)) + 2 * len(re.findall(r"[äöüß]", text, re.IGNORECASE))
    return "de" if german > len(ENGLISH_MARKERS.findall(text)) else "en"


SUPPORTED = ("en", "de", "zh")
# Below this many letters a language guess is noise ("Wie viele Projekte?" reads as Afrikaans).
LANGUAGE_GUESS_MIN_LETTERS = 20
LANGUAGE_GUESS_CONFIDENCE = 0.95
LANGUAGE_GUESS_MIN_WORDS = 4


_DETECTOR_LOCK = threading.Lock()  # langdetect loads its profiles into a global on first use


def _detector(text: str):
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    with _DETECTOR_LOCK:
        init_factory()
        DetectorFactory.seed = 0  # the same guess for the same text
    from langdetect.detector_factory import _factory

    detector = _factory.create()
    detector.append(text)
    return detector


def other_language(text: str) -> str | None:
    """The language of a question written in neither English, German nor Chinese ('fr'), else None."""
    if CJK.search(text) or ENGLISH_MARKERS.search(text) or GERMAN_MARKERS.search(text):
        return None
    # Figures and short texts (names, "8th Expo results?") are no sentence a language can be told from.
    if re.search(r"\d", text) or len(text.split()) < LANGUAGE_GUESS_MIN_WORDS:
        return None
    if sum(ch.isalpha() for ch in text) < LANGUAGE_GUESS_MIN_LETTERS:
        return None
    from langdetect import LangDetectException

    try:
        best = _detector(text).get_probabilities()[0]
    except LangDetectException:
        return None
    return best.lang if best.lang not in SUPPORTED and best.prob >= LANGUAGE_GUESS_CONFIDENCE else None


QUESTION_CUE = re.compile(
    r"[?？]|\b(?:what|which|who|whom|when|where|why|how|wat|is|are|was|were|did|does|do|can|"
    r"was|welche\w*|wer|wann|wo|wie|warum|stimmt|gibt)\b|什么|哪|谁|何|多少|几|吗|呢|是否|怎么|如何",
    re.IGNORECASE,
)


def _cue(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


# Answer types. A question may match several ("how many projects and how much investment").
ANSWER_TYPE_CUES = {
    "count": _cue(
        r"\bhow\s+many\b|\bnumber\s+of\b|#\s*(?:of\b)?|\bwie\s*viele\b|\banzahl\b|\bzahl\s+der\b|"
        r"多少(?:个|項|项|家|人|场|對|对|批|位|名|國|国)|几(?:个|项|家|场|对|批)|(?:项目|企业|客商|展商)(?:数|数量)|(?:项目|企业|客商|展商)(?:有|共有|一共|总共)?多少(?!钱|亿|万|金额|资金)|多少个?是?(?:合作|重大|重点|外资|投资类)?(?:项目|企业|客商|国家)"
    ),
    "amount": _cue(
        r"\bhow\s+much\b|\bvalue\b|\bworth\b|\bamount\b|\bmoney\b|"
        r"\bhow\s+big\b|\bsize\b|\bbillion\b|\byuan\b|\bwie\s*viel\b(?!e)|\bwert\w*|\w*(?:wert|volumen|summe|"
        r"betrag)\b|\bhöhe\b|"
        r"多少钱|金额|总额|规模|多大|签约额|贸易额"
    ),
    "percent": _cue(r"\bshare\b|\bpercent\w*|%|\bproportion\b|\banteil\b|\bprozent\w*|比例|占比|百分"),
    "date": _cue(
        r"^\s*when\b|\b(?:which|what)\s+(?:date|day)\b|\bwann\b|\bdatum\b|什么时候|何时|哪天|哪一天|日期"
    ),
    "person": _cue(
        r"^\s*who\b|\bwho\s+(?:was|were|is|led|hosted|gave|spoke)\b|^\s*wer\b|\bwer\s+(?:hielt|war|waren|ist|leitete|veranstaltete|richtete)\b|谁|哪位"
    ),
    "place": _cue(
        r"^\s*where\b|\bwhich\s+(?:city|cities|country|countries|province|region)\b|^\s*wo\b|哪里|在哪"
    ),
}
# Words that ask for an amount when nothing else is asked, but are as often part of an event's name ("who hosted
# the investment conference?", "投资贸易博览会主宾国是哪个?"): a question asking who, where, when or which does
# not ask for one by them.
AMOUNT_TOPIC_CUE = _cue(
    r"\binvest(?:ment|ed)?\b|\bcapital\b|\w*investition\w*|\bkapital\w*|"
    r"投资|资金|引资|外资(?!项目|企业)"  # 外资项目 names a part
)
NON_FIGURE_QUESTION = _cue(
    r"\bwhich\b|\bwho\b|\bwhere\b|\bwhen\b|\bwelche[rsnm]?\b|\bwer\b|\bwo\b|\bwann\b|"
    r"\btheme\b|\bmotto\b|\bvenue\b|\bthema\b|\bveranstaltungsort\b|"
    r"哪个|哪些|哪家|哪国|哪位|哪里|在哪|什么时候|谁|主题|地点"
)
# A question about what a signing produced, with no kind of figure named ("what did the fair sign?",
# "签约多少"), asks for its usual figures: how many projects, and for how much.
SIGNING_OUTCOME_CUE = _cue(
    r"\bsign(?:ed|ing|s)?\b|\binked\b|\bdeals?\b|\bcontract\w*|\bcame\s+out\b|\bresults?\b|\btotal\b|"
    r"\bunterzeichn\w*|\babgeschlossen\b|\bverträge\b|\bsumme\b|签约|签下|签署|签了|签订|成果|总额"
)
# The words after a count cue name what is counted: "how many (foreign-funded projects)", "多少(合作项目)".
COUNTED_AFTER = _cue(
    # "how many of the 8 Hengyang projects", "wie viele der 17 Projekte": what the whole counts
    r"(?:\bhow\s+many(?:\s+of\s+(?:the|these|those|its|their)\b)?|\bnumber\s+of|#\s*(?:of)?"
    r"|\bwie\s*viele(?:\s+(?:der|davon|von\s+den))?)\s*(?:\d[\d,.]*\s+)?"
    # not a verb or pronoun: "how many were under 1 billion yuan?", "how many of those …" name nothing counted
    r"(?!(?:of|were|was|are|is|did|do|does|have|has|had|waren|war|sind|ist|wurden|hatten|gab"
    r"|those|these|them|they|(?-i:it)|diese|dieser|denen|davon)\b)"
    r"((?:[^\W\d_][\w'-]*\s*){1,3})|"
    r"(?:多少|几)个?([\u3400-\u9fff]{1,4})"
)
# "项目有多少个": what is counted, written before the question word (read apart from COUNTED_AFTER, so that "剩下几个
# 项目" yields 项目 too).
COUNTED_BEFORE = _cue(
    r"([\u3400-\u9fff]{2,5}?)(?:合计|共计|总计|一共|总共|共)?有?(?:多少|几)[个家项人场对批]"
    # "外资项目多少?": a counted noun right before 多少, no measure word after it
    r"|([\u3400-\u9fff]{0,3}(?:项目|企业|客商|展商))(?:合计|共计|总计|一共|总共|共)?有?多少(?!钱|亿|万|金额|资金)"
)
# What signings are counted in: a difference or sum "in projects" asks for the count too.
COUNTED_NOUN_CUE = _cue(
    r"\b(?:projects?|deals?|contracts?|agreements?|companies|enterprises|firms|exhibitors|projekte?\w*|"
    r"verträge\w*|vertrag|abkommen|unternehmen)\b|项目|合同|协议|企业"
)
# Operations over values. Checked in this order; the first that matches wins.
OPERATION_CUES = {
    # Two reports of one event compared: "do the China Daily piece and the lwxsd.com piece agree on the totals?",
    # "人民日报和外交部的说法一致吗?", "stimmen die beiden Meldungen überein?".
    "agree": _cue(
        r"\b(?:reports?|pieces?|articles?|sources?|outlets?|releases?)\b[^?]*\b(?:agree|consistent)\b"
        r"|(?:说法|报道|数据|口径)[^?？]*(?:一致|相符)|\b(?:Meldungen|Berichte|Quellen)\b[^?]*\büberein\w*"
    ),
    # A figure before a stated growth: "back-calculate from the +12%", "倒推去年同期", "aus dem Zuwachs
    # zurückgerechnet", "+12% yoy – so what did it sign the year before?".
    "back": _cue(
        r"\bback[\s-]?calculat\w*|\bwork(?:ing|ed)?\s+back\b|倒推|反推|"
        r"\bzurück\s*(?:gerechnet|rechnen|zurechnen)|\brückgerechnet\b|"
        r"(?:[+＋]\s*\d[\d.,]*\s*%|\bup\s+\d[\d.,]*\s*(?:%|percent)|涨了|增长了?\s*\d)"
        r"[^?？]*(?:\b(?:year|edition|fair|time)\s+before\b|\bprevious\s+(?:year|edition)\b|\bVorjahr\w*|\bVorgänger\w*|去年同期|上一年|上届)"
    ),
    "check": _cue(
        r"\b(?:right|correct|accurate|true|ok|okay)\s*\??\s*$|\bis\s+(?:it|that)\s+(?:true|right|correct)\b|"
        r"\bfact[\s-]?check\b|\btrue\s+or\s+false\b|\bdo\s+.+\bagree\b|\bstimmt\s+es\b|\bstimmt\s+das\b|"
        r"\bstimmt['’]?s\b|\bstimmt\s*\??\s*$|"
        r"\brichtig\s*\??\s*$|对吗|是吗|吧\s*[?？]?\s*$|一致吗|属实|是真的吗|准确吗"
    ),
    # What part of a whole one figure is: "what share of the investment came from…", "占总金额比例".
    "share": _cue(
        # "by what percent did it grow", "what percentage increase" ask for a change, not a share
        r"(?<!\bby\s)\bwhat\s+(?:share|percent(?:age)?|proportion|fraction)\b"
        r"(?!\s+(?:increase|growth|rise|drop|decrease|change)\b)|\bwhat\s*%|\bhow\s+many\s+percent\b|"
        r"\bas\s+(?:a\s+)?(?:%|percent(?:age)?|share|proportion)\s+of\b|\bin\s+prozent\s+(?:der|des|von)\b|"
        r"\bwelche[rnsm]?\s+anteil\b|['’]s\s+(?:share|proportion|percentage)\s+of\b|"
        # "um wie viel Prozent wuchs …" asks for a change, not a share
        r"\bwie\s+viel(?:e)?\s+prozent\b"
        r"(?![^?]*\b(?:wuchs|wuchsen|stieg|stiegen|gestiegen|gewachsen|zugenommen|mehr)\b)|"
        r"\bwie\s+hoch\s+war\s+der\s+anteil\b|"
        r"占[^,，。？?]{0,12}(?:比例|比重|百分之几|多少%)|占比(?:多少|几何|是多少)|(?<![长加高升降少涨跌了])百分之几"
    ),
    "average": _cue(r"\baverage\b|\bavg\b|\bper\s+project\b|\bmean\b|\bdurchschnitt\w*|平均"),
    "difference": _cue(
        r"\bdifference\b|\bhow\s+much\s+(?:more|less|bigger|higher|lower|smaller|larger)\b|"
        r"\bhow\s+many\s+more\b|\bincrease\b|\bgrowth\b|\bchange\s+in\b|\bcompare[ds]?\b|\bvs\.?\b|"
        r"\bversus\b|\bwhich\s+signed\s+more\b|\bmehr\s+als\b|\bunterschied\b|\banstieg\b|\bzuwachs\b|"
        r"\bgr(?:ew|ow|own|ows)\b|\bgestiegen\b|\bgewachsen\b|"
        r"\bwie\s+viele\s+\w+\s+mehr\b|\bwie\s+viel\s+mehr\b|\bum\s+wie\s+viel\b|"
        r"\bby\s+what\s+percent(?:age)?\b|\bwhat\s+percent(?:age)?\s+(?:increase|growth|rise|change)\b|"
        r"多了多少|差多少|差了多少|多几个|相比|比较|增长了?多少|增加了?多少|比[^,，。？?]{1,16}多多少|"
        r"(?:增长|增加|提高|上升)了?百分之几|增幅"
    ),
    "sum": _cue(
        r"\bcombined\b|\badd(?:ed)?\s+up\b|\btogether\b|\bsumme\s+der\b|\bzusammen\b|加起来|合计|一共加|总和|加上"
    ),
    "max": _cue(r"\b(?:biggest|largest|most|highest)\b|\bgrößte\w*|\bmeisten\b|最大|最多|最高"),
    "min": _cue(r"\b(?:smallest|fewest|lowest|least)\b|\bkleinste\w*|\bwenigsten\b|最小|最少|最低"),
}
# Parts joined by a plus ask for their sum ("Energie + Logistik", "省级+市级"); kinds of answer so joined do not
# ("how many + investment").
PLUS = _cue(r"[+＋]")
# What adds one part to another: where a question has it, its parts are what it joins ("前期京津冀/长三角交流会 加上
# 大会现场": two parts, not three).
ADDED_TO = _cue(r"[+＋]|加上|\bplus\b")
# "total signed in 2025": a figure over a whole period rather than one event.
PERIOD_TOTAL_CUE = _cue(
    r"\btotal\b|\bin\s+total\b|\baltogether\b|\boverall\b|\binsgesamt\b|\bgesamt\w*|合计|总共|一共|总计|共计"
)
# Words that say how an answer is asked for, not what it is about: left out of the terms that pick releases.
QUESTION_WORDS = frozenset(
    """
    a an the of in on at to for and or is are was were be been by with as from that this it its what which who
    whom how many much did does do when where there their they has have had all across each every any number
    total overall altogether sum combined together signed sign signing signings inked sealed concluded deal
    deals contract contracts contracted project projects amount amounts worth value investment investments
    year years so far more less than right correct true ok okay accurate check fact someone said says say heard
    colleague boss my me we our i you your wrote get got came out edition editions one ones vs versus about
    also just only roughly rough approx approximately across conference conferences event events ceremony
    ceremonies last this next previous latest letzte letztes letzten vorjahr vergangenes diesem dieses jahr
    der die das den dem des ein eine einer und oder wie viele viel wurden wurde ist sind war waren auf im in
    bei beim mit von zu zur zum für welche welcher welches welchen stimmt es dass insgesamt gab hatte hatten
    unterzeichnet projekte projekt wert volumen summe höhe
    """.split()
)
# The same for Chinese, as whole words after segmentation: removing characters before it would cut words
# (国家 would lose 家).
CJK_QUESTION_WORDS = frozenset(
    """
    多少 几个 几 什么 哪些 哪个 哪 吗 呢 吧 是否 对吗 一共 总共 合计 共计 总计 了 的 是 有 在 个 项 家 请问 听说 有人
    说 签 签约 签了 签下 签署 签订 项目 总额 金额 总投资 投资 投资额 多 少 届 年 月 日 去年 今年 明年 上届 本届
    """.split()
)
# "how many of the 8 projects were foreign-funded?", "how much of the money came from foreign investors?",
# "wie viele der Projekte waren …", "其中有多少是外资项目": the words after the verb single out a part of a
# whole, and a figure answers when its sentence names them.
PART_OF = _cue(
    r"\bhow\s+(?:many|much)\s+of\b.*?\b(?:were|was|are|is|came|come|went|go)\s+(?P<en>[^?]+)"
    r"|\bwie\s+viele?\s+(?:der|davon|von\s+den)\b.*?"
    r"\b(?:waren|war|kamen|kam|stammten|stammte|gingen|ging|hatten|hatte|gehörten|gehörte|entfiel|entfielen)"
    r"\s+(?:auf\s+)?(?P<de>[^?]+)"
    r"|(?:其中|中)有?(?:多少|几个?)(?:是|为|来自)(?P<zh>[^?？]+)"
    # "那10个外资项目里有几个是制造业", "36个项目里新能源项目有几个": a part of the whole the question gives
    r"|\d+个[^,，。?？]{0,8}?(?:里|中|当中|之中)有?(?:多少|几)个?(?:是|为|属于)(?P<zh_of>[^?？,，]+)"
    r"|\d+个[^,，。?？]{0,8}?(?:里|中|当中|之中)(?P<zh_before>[\u4e00-\u9fff]{2,8}?)有?(?:多少|几)"
)
# Parts named side by side: "A + B", "A and B", "A und B", "A、B", "A和B", "A加上B" (a chain: "A + B + C").
LATIN_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9-]*"
COORDINATED_LATIN = _cue(
    rf"(?:({LATIN_WORD})\s+)?({LATIN_WORD})\s*(?:\+|＋|/|\band\b|\bund\b|\bplus\b)\s*"
    rf"(?=({LATIN_WORD})(?:\s+({LATIN_WORD}))?)"
)
COORDINATED_CHINESE_CONJUNCTION = _cue(r"\+|＋|/|、|加上|以及|和|及|与")
COORDINATED_CHINESE = _cue(
    rf"([\u4e00-\u9fff]+?)\s*(?:{COORDINATED_CHINESE_CONJUNCTION.pattern})\s*(?=([\u4e00-\u9fff]+))"
)
# "what % of the 170.97bn came from investment projects?", "what share of the projects was manufacturing?",
# "welcher Anteil entfiel auf Fertigung?", "制造业项目投资占总投资多大比例": the part a share is asked of.
SHARE_PART = _cue(
    r"\bwhat\s+(?:share|percent(?:age)?|proportion|fraction|%)\s+of\b.*?"
    r"\b(?:came\s+from|come\s+from|went\s+to|was|were|is|are)\s+(?P<en>[^?]+)"
    r"|\b(?:anteil|prozent)\b[^?]*?\bentf(?:iel|ielen|allen)\s+auf\s+(?P<de>[^?]+)"
    r"|(?P<zh>[\u4e00-\u9fff]{2,12})占[^,，。？?]{0,12}(?:比例|比重|百分之几|多少%|多少)"
    # "guiyang city's share of the total"
    r"|(?P<en_poss>[^?:—–,]+?)['’]s\s+(?:share|proportion|percentage)\s+of\b"
    # "Leshan's signings as % of the season's total"
    r"|(?P<en_as>[^?:—–]+?)\s+as\s+(?:a\s+)?(?:%|percent(?:age)?|share|proportion)\s+of\b"
)
# The whole a share is asked of, when the question names it: "占河南全省的比重", "share of Henan's total",
# "Anteil an Henans Volumen".
SHARE_WHOLE = _cue(
    r"占(?P<zh>[^,，。？?]{1,12}?)的?(?:比例|比重|份额|百分之几|多少%)"
    r"|(?:share|percent(?:age)?|proportion|%)\s+of\s+(?P<en>[^?,]+?)(?:'s)?\s+(?:total|signings|figure|amount)"
    r"|Anteil\s+(?:an|am)\s+(?P<de>[^?,]+)"
)
# The count a question gives as the whole of the part it asks about: "how many of the 8 projects …", "wie viele
# der 17 Projekte …", "那10个外资项目里有几个 …".
GIVEN_WHOLE = _cue(
    # a count, not an amount: "of the 15.192bn" gives none
    rf"\b(?:of|among)\s+(?:the|these|those|its|their)\s+(?P<en>\d[\d,]*)(?![\d.,]*\d)(?!\s?(?:{SCALE_WORDS}|m)\b)"
    rf"|\b(?:der|den|von\s+den)\s+(?P<de>\d[\d.]*)(?![\d.,]*\d)(?!\s?(?:{SCALE_WORDS})\b)"
    r"|(?P<zh>\d+)个[^,，。?？]{0,8}?(?:里|中|当中|之中)"
)
# "the total investment of the 109 projects", "die 1.172 Verträge", "签约的155个项目": a count naming the things
# an amount is asked of.
GIVEN_COUNT = _cue(
    r"(?<![\d.,])(?P<latin>\d[\d,.]*)\s+(?:[^\W\d_][\w-]*\s+){0,3}?"
    r"(?:projects?|deals?|contracts?|agreements?|companies|enterprises|firms|projekte?n?|verträgen?|abkommen|unternehmen)\b"
    r"|(?P<zh>\d+)个[\u4e00-\u9fff]{0,8}?(?:项目|合同|协议|企业)"
)
# "Chengdu city itself", "Sichuan alone", "Sichuan allein", "成都本身": a place singled out from the event's total.
ITSELF = _cue(r"\b(?:by\s+)?itself\b|\balone\b|\ballein\b|\bselbst\b|本身|自身|自己")
# A place that signs at an event is a part of it ("What did Daqing sign at the trade week?", "Wie viel hat Daqing
# auf der Woche unterzeichnet?", "大庆在洽谈会上签了多少?"): the words before and after the place's name.
SIGNER_BEFORE = _cue(r"(?:\b(?:did|has|have|had|hat|hatte|haben)\s+(?:the\s+city\s+of\s+|die\s+Stadt\s+)?)$")
SIGNER_AFTER = _cue(
    r"^\s*(?:city|province|Stadt|Provinz|市|省)?\s*(?:itself\s+|alone\s+|allein\s+|本身)?"
    r"(?:sign|ink|conclude|seal|signed|inked|concluded|sealed)\b"
    r"|^(?:市|省)?(?:本身)?(?:共|一共|总共)?(?:签约|签了|签下|签订|签署)"
)
SIGNER_VERB_LATER = _cue(r"\b(?:unterzeichnet|vereinbart|abgeschlossen|sign|ink)\w*")
# "how many were not foreign-funded?", "wie viele waren nicht …", "多少个不是外资项目": the rest of a whole once
# the named part is taken away.
# A part named by a negating prefix is such a rest too: "non-manufacturing projects", "Nicht-Fertigungsprojekte",
# "非制造业项目" (where 非 is a word of its own, not part of 南非 or 非常: see understand._negates).
NOT_PART = _cue(
    r"\bhow\s+(?:many|much)\b[^?]*?\b(?:were|was|are|is|came|come)\s+not\s+(?P<en>[^?]+)"
    r"|\bwie\s+viele?\b[^?]*?\b(?:waren|war|sind|ist|kamen|kam|hatten|hatte)\s+(?:nicht|keine?n?)\s+(?P<de>[^?,;]+)"
    r"|(?:多少|几)个?[^?？]{0,6}?不是(?P<zh>[^?？]+)"
    # "the 88 projects minus the manufacturing ones", "außer den Fertigungsprojekten", "重大项目以外的"
    r"|\b(?:minus|excluding|except(?:\s+for)?|other\s+than|apart\s+from|aside\s+from|leaving\s+out|leave\s+out"
    r"|not\s+counting)\s+(?:the\s+|those\s+)?"
    r"(?P<en_minus>[^?,;:—–]+?)(?:\s+ones?)?\s*(?=[?,;:—–]|$)"
    r"|\b(?:außer|abzüglich|ausgenommen|ohne|abgesehen\s+von)\s+(?:den\s+|der\s+|die\s+|dem\s+)?(?P<de_minus>[^?,;:—–]+)"
    # "how much came from projects not by Hunan merchants?": a part left out by a negated phrase
    r"|\bhow\s+(?:many|much)\b[^?]*?\bnot\s+(?P<en_not>(?:by|from|for|in|to)\s+[^?,;]+)"
    # "除掉现场签约那部分还剩多少", "除了现场签的31个项目,剩下的…": a part left out, up to what is left
    r"|(?:除掉|除去|扣除|扣掉|去掉|刨去|刨除|不算|不含|不包括|除了?)(?P<zh_except>[\u4e00-\u9fff\d.]{1,12}?)"
    r"的?(?:[那这]?一?部分|[那这]些)?(?:以外|之外|(?=\s*(?:[,，]|还剩|剩下|剩余|其余|其他|其它)))"
    r"|除了?(?P<zh_except_short>[\u4e00-\u9fff]{1,8}?)外"
    r"|(?P<zh_outside>[\u4e00-\u9fff]{1,8}?)(?:以外|之外)"
    r"|\bnon-(?P<en_prefix>[^\W\d_]+)|\bnicht-(?P<de_prefix>[^\W\d_]+)"
    r"|非(?P<zh_prefix>[\u4e00-\u9fff]{2,4}?)(?=项目|企业|行业|领域|类|的)"
)
# "…, and how much, came through …": a question word set off by commas shares the rest of the question.
SHARED_PREDICATE = _cue(r"(?:and|und)\s+(?:\w+\s+){0,2}?(?:many|much|viele|viel)\s*[,，]")
# Several parts asked of at once: "投资总额、拟利用外资各多少" asks 投资总额多少 and 拟利用外资多少.
EACH_OF = _cue(r"(?P<run>[\u4e00-\u9fff、]+?)各(?:是|为|有)?(?P<asked>多少\w*|几\w*)")
# Where one message asks a second question: after a question mark that does not end it, or before ", and how
# many…", ", und wie viele…". Each side must ask something of its own (an answer-type cue).
SECOND_QUESTION = _cue(
    r"[?？](?=\s*\S)|[,，;；]\s*(?=(?:and|und)\s+(?:how|what|which|who|when|where|wie|was|welche\w*|wer|wann|wo)\b)"
    r"|\s&\s*(?=(?:how|what|which|who|when|where|wie|was|welche\w*|wer|wann|wo)\b)"
)
# "wie viele Aussteller, wie viele Fachbesucher?": a question word again after a comma starts another ask when
# the words before the comma ask one ("leaving out the projects under 1 billion, how many …" is one ask).
REPEATED_QUESTION = _cue(r"[,，;；]\s*(?=(?:how\s+(?:many|much)|wie\s+viele?)\b)")
# A Chinese question word: after one, a space starts another ask ("参会企业几家 嘉宾多少人").
CHINESE_QUESTION_WORD = _cue(r"多少|几|什么|哪|谁|吗")
