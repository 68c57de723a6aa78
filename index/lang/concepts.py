"""Words of investment and trade news that mean the same in English, German and Chinese.

A question's word that names one of these concepts also matches the concept's words in the other two
languages, so an English question about "major projects signed on site" finds "现场签约重大项目" and "vor Ort
unterzeichnete Großprojekte". The table is the vocabulary of the genre (what is signed, by whom, where, in
which sector), not of any one release; words are single tokens as `index.keyword.tokenize` cuts them.
"""

from __future__ import annotations

# One concept a line: English | German | Chinese words, each list space-separated.
CONCEPTS = """
project projects | projekt projekte projekten vorhaben | 项目
sign signed signing signs inked | unterzeichnet unterzeichneten unterzeichnung unterschrieben | 签约 签署 签订 签下
contract contracts deal deals agreement agreements | vertrag verträge abkommen vereinbarung vereinbarungen | 合同 协议
invest investment investments invested investor investors | investition investitionen investiert investoren | 投资 引资
total overall | insgesamt gesamt gesamtwert gesamtvolumen | 总额 共计 合计 总计
major key | wichtig wichtige großprojekte schlüsselprojekte | 重大 重点
onsite site | | 现场
foreign overseas | ausländisch ausländische ausländischen ausland | 外资 外商 境外 海外 外国 国外
domestic | inländisch inländische | 国内 内资
international | international internationale internationalen | 国际
manufacturing manufacture manufacturer | fertigung herstellung verarbeitung fertigungsprojekte | 制造 制造业
agriculture agricultural farming | landwirtschaft landwirtschaftlich agrar | 农业
company companies enterprise enterprises firm firms | unternehmen firma firmen | 企业 公司
exhibitor exhibitors exhibited exhibiting | aussteller ausgestellt | 参展 参展商 展商
visitor visitors | besucher | 观众 客商
trade | handel | 贸易 经贸
export exports | export exporte ausfuhr | 出口
import imports | import importe einfuhr | 进口
cooperation | kooperation zusammenarbeit kooperationsprojekte | 合作
expo exhibition fair | messe ausstellung expo | 博览会 展会 洽谈会 交易会
conference convention congress | konferenz kongress tagung | 大会 会议 推介会
forum | forum | 论坛
summit | gipfel | 峰会
week weeks | woche | 周
delegation | delegation | 代表团
guest | gast ehrengast | 主宾 嘉宾
representative representatives delegate delegates | vertreter delegierte | 代表
award awards prize prizes | preis preise auszeichnung auszeichnungen | 奖项
country countries | | 国家
province provincial | provinz | 省份
city | stadt | 城市
energy | energie | 能源
tourism | tourismus | 旅游
logistics | logistik | 物流
value amount volume | wert volumen summe höhe betrag | 金额
fund funds capital | fonds kapital | 资金 基金
host hosted hosts organiser organisers organizer organizers organised organized | gastgeber veranstalter veranstaltet ausgerichtet | 主办 承办 主办方
opening opened | eröffnung eröffnet | 开幕
closing closed | abschluss beendet | 闭幕
theme | thema motto | 主题
speech | rede ansprache | 致辞 讲话
railway rail | eisenbahn bahn | 铁路
bridge | brücke | 大桥
park parks | park | 园区
revenue revenues income turnover | umsatz einnahmen erlöse | 营业收入 收入 营收
population inhabitants residents | bevölkerung einwohner | 人口
industry industries sector sectors | industrie branche branchen sektor | 产业 行业
growth increase grew rose | wachstum anstieg zuwachs | 增长 增加
output | produktion | 产值 产量
"""

# The concepts (by their first English word) that name things a figure counts, not what the things are like:
# "5 awards" counts another thing than agreements, "3 foreign-funded ones" does not.
COUNTED_THINGS = frozenset(
    """
    project contract company exhibitor visitor guest delegation representative award country province city park
    """.split()
)

# The concepts naming a kind of event, each with its kind: a question naming one names its own topic, not the
# thread's. A meeting is called a conference, a forum or a summit alike (one report's 发展大会 is another's
# "Wirtschaftsforum"); a fair and a week of events are kinds of their own.
EVENT_KINDS = {
    "expo": "fair",
    "conference": "meeting",
    "forum": "meeting",
    "summit": "meeting",
    "week": "week",
}


def concepts() -> list[tuple[list[str], list[str], list[str]]]:
    """Each concept's English, German and Chinese words."""
    rows = []
    for line in CONCEPTS.strip().splitlines():
        english, german, chinese = (part.split() for part in line.split("|"))
        rows.append((english, german, chinese))
    return rows
