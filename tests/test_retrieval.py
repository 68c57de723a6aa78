"""Retrieval over the indexed seeds: cross-lingual hits, language-neutral tokens, keyword search per language."""

from types import SimpleNamespace

import pytest

from bot.qa.decide import rank_releases
from bot.qa.pipeline import RELEASES_READ
from bot.qa.retrieve import names_a_signing, retrieve
from bot.qa.understand import understand
from index.keyword import BM25Index, acronyms, best, document_tokens, question_terms, tokenize
from index.retrieval import annotate, ordinal_token, place_token
from tests.test_compose import sentence


@pytest.fixture(scope="module")
def index(answerer):
    return answerer.index


@pytest.mark.parametrize(
    ("question", "source"),
    [
        (
            "What revenue did Jiangxi's electronic information industry reach in 2024?",
            "seeds/002_6b8c60359d9cb5c1.txt",
        ),
        ("Which center was launched at the Baise conference?", "seeds/004_90020b831592080a.txt"),
        ("赣深高铁开通后，两地之间的通行时间缩短到多久？", "seeds/001_fceaf3afcab32c7e.txt"),
    ],
)
def test_a_question_finds_the_release_in_another_language(answerer, index, question, source):
    ranked = rank_releases(retrieve(understand(question), index).releases, answerer.model)
    assert source in [c.source for c in ranked[:RELEASES_READ]]  # among the releases the answer reads


def test_places_and_editions_are_language_neutral_tokens():
    places_en, ordinals_en = annotate("The 12th fair in Shenzhen")
    places_zh, ordinals_zh = annotate("第十二届深圳博览会")
    assert places_en == places_zh and ordinals_en == ordinals_zh == (12,)
    assert place_token("x") != ordinal_token(12)


def test_keyword_tokens_per_language():
    assert tokenize("The conference signed 74 projects", "en") == ["confer", "sign", "74", "project"]
    assert tokenize("Die Projekte wurden unterzeichnet", "de") == ["projekt", "unterzeichn"]
    assert "签约" in tokenize("现场签约项目83个", "zh") and "83" in tokenize("现场签约项目83个", "zh")


def test_a_release_spelling_a_name_out_matches_a_question_abbreviating_it():
    assert "gba" in acronyms("the Guangdong-Hong Kong-Macao Greater Bay Area")
    assert "wmc" in acronyms("Die World Manufacturing Convention in Hefei")
    assert acronyms("the conference signed 74 projects in Shenzhen") == []  # one capitalised word is no name
    text = "The Greater Bay Area conference"
    index = BM25Index([document_tokens(text, "en"), document_tokens("The Yangtze River Delta week", "en")])
    assert index.coverage(question_terms("GBA conference"), 0) == 1.0
    assert index.coverage(question_terms("GBA conference"), 1) < 1.0
    # a question spelling the name out asks for no acronym besides its words
    assert "gba" not in tokenize("Greater Bay Area conference", "en")


def test_a_question_romanising_a_chinese_name_finds_the_release_writing_it_in_characters():
    docs = [
        document_tokens("第五届楚商大会在武汉开幕", "zh"),
        document_tokens("The Western China fair opened", "en"),
    ]
    assert "~chushang" in docs[0]
    index = BM25Index(docs)
    terms = question_terms("Chushang conference")
    assert index.coverage(terms, 0) == 1.0 and index.coverage(terms, 1) < 1.0
    assert index.scores([v for t in terms for v in t]).argmax() == 0
    # aliases add no length: a document's BM25 weights are those of its words alone
    plain = BM25Index([[t for t in doc if not t.startswith("~")] for doc in docs])
    assert plain.scores(["大会"])[0] == pytest.approx(index.scores(["大会"])[0])


def test_a_bracketed_insert_leaves_a_chinese_word_whole():
    assert tokenize("国(境)外投资项目52个", "zh")[:2] == ["国外", "投资"]
    assert "省内" in tokenize("各省(区、市)内项目", "zh")


def test_coverage_weighs_terms_no_release_mentions_most():
    index = BM25Index([["jiangxi", "provinc"], ["jiangxi", "fund"], ["jiangxi"]])
    covered = index.coverage(question_terms("population of Jiangxi province"), 0)
    assert 0 < covered < 0.5  # "population" occurs nowhere, and it outweighs the two terms found
    assert index.coverage(question_terms("Jiangxi province"), 0) == 1.0


def test_the_heaviest_missing_term_is_the_rarest_one_a_release_lacks():
    index = BM25Index(
        [["expo", "compani"], ["expo", "vietnames"], ["expo", "money"], ["expo", "money"], ["expo"]]
    )
    assert index.heaviest_missing(question_terms("expo companies"), 0) == 0.0  # nothing is missing
    rare = index.heaviest_missing(question_terms("Vietnamese companies expo"), 0)
    common = index.heaviest_missing(question_terms("companies expo money"), 0)
    assert 0 < common < rare < index.heaviest_missing(question_terms("expo zeppelin"), 0) == 1.0
    # a word of the shared vocabulary is not missing from a release using its translation
    assert BM25Index([["项目"]]).heaviest_missing(question_terms("projects"), 0) == 0.0


def test_bm25_postings_score_like_the_formula_and_rank_ties_in_document_order():
    import math

    docs = [["sign", "project", "sign"], ["project"], [], ["fund", "sign"], ["sign", "project", "sign"]]
    index = BM25Index(docs)
    average = sum(map(len, docs)) / len(docs)

    def expected(doc: list[str], query: list[str]) -> float:
        total = 0.0
        for term in dict.fromkeys(query):
            df = sum(term in d for d in docs)
            tf = doc.count(term)
            if df and tf:
                idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
                norm = 1.5 * (1 - 0.75 + 0.75 * len(doc) / average)
                total += idf * tf * 2.5 / (tf + norm)
        return total

    query = ["sign", "project", "unknown"]
    scores = index.scores(query)
    assert [round(s, 9) for s in scores] == [round(expected(d, query), 9) for d in docs]
    assert best(scores, 4) == [0, 4, 1, 3]  # 0 and 4 tie: document order; 2 scores nothing, never listed
    assert index.scores_of(query, [3, 1]) == [scores[3], scores[1]]


def test_a_word_of_the_shared_vocabulary_covers_its_meaning_in_every_language():
    from index.keyword import same_meaning, tokenize, with_same_meaning

    for english, german, chinese in (("foreign", "ausländische", "外资"), ("visitors", "Besucher", "观众")):
        (en,), (de,), zh = tokenize(english, "en"), tokenize(german, "de"), tokenize(chinese, "zh")
        assert {de, *zh} <= same_meaning(en) and {en, *zh} <= same_meaning(de)
    assert same_meaning("jiangxi") == frozenset()
    index = BM25Index(
        [tokenize("现场签约重大项目32个", "zh"), tokenize("Die Messe hatte 40.000 Besucher", "de")]
    )
    on_site, major = question_terms("signed on site major projects")[1:3]
    assert index.coverage([on_site, major], 0) == 1.0 and index.coverage([on_site], 1) == 0.0
    assert index.coverage(question_terms("visitors"), 1) == 1.0
    assert with_same_meaning(("jiangxi",)) == ("jiangxi",)


def test_a_word_naming_a_kind_of_event_is_known_in_every_language():
    from index.keyword import event_kinds, tokenize

    for word, lang in (
        ("fair", "en"),
        ("Konferenz", "de"),
        ("Gipfel", "de"),
        ("论坛", "zh"),
        ("博览会", "zh"),
    ):
        assert event_kinds(tokenize(word, lang)), word
    for compound in ("Handelswoche", "Investitionsmesse", "Wirtschaftsforum"):  # a German compound's head
        assert event_kinds(tokenize(compound, "de")), compound
    for word, lang in (("projects", "en"), ("Besucher", "de"), ("签约", "zh"), ("angemessen", "de")):
        assert not event_kinds(tokenize(word, lang)), word


def test_a_release_whose_opening_names_only_another_kind_of_event_is_not_read_beside_one_naming_it():
    from bot.qa.pipeline import _about_the_event
    from bot.qa.retrieve import names_another_event
    from index.keyword import event_kinds
    from index.retrieval import ReleaseFacts

    def opening(text, language):
        kinds = event_kinds(tokenize(text, language))
        return ReleaseFacts(frozenset(), kinds, *[frozenset()] * 5)

    week = understand("When is the economic and trade week held?")
    another = {
        "the Jiangxi Promotion Conference was held": True,
        "2025年江西经贸活动周新闻发布会": False,  # the same kind of event, in another language
        "Jiangxi signed 40 projects": False,  # an opening naming no kind of event names no other
    }
    for text, expected in another.items():
        release = opening(text, "zh" if text[0].isdigit() else "en")
        assert names_another_event(week, release) is expected, text
    assert not names_another_event(
        understand("When was it held in Jiangxi?"), opening("the Conference", "en")
    )
    conference = SimpleNamespace(
        source="conference", facts=opening("the Promotion Conference was held", "en")
    )
    activity_week = SimpleNamespace(source="week", facts=opening("2025年江西经贸活动周", "zh"))
    undated = SimpleNamespace(source="none", facts=opening("Jiangxi signed 40 projects", "en"))
    assert [r.source for r in _about_the_event(week, [conference, activity_week, undated])] == [
        "week",
        "none",
    ]
    # with no release naming the week, none is left out
    assert [r.source for r in _about_the_event(week, [conference, undated])] == ["conference", "none"]


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("on-site signing of the 4th vs the 5th expo: how much more?", True),
        ("4th vs 5th expo: headline figures, how much more?", False),
        ("第四届和第五届博览会现场签约金额差多少?", True),
        ("west expo 4th vs 5th: how much more?", False),  # "west" begins the opening's "Western": the event
    ],
)
def test_a_comparison_naming_a_signing_within_the_event_asks_for_its_figures(question, names):
    texts = [  # a release: its title and opening, the headline, then one signing of the event
        "The 4th Western Expo closes",
        "The expo opened on Monday.",
        "Guests came from 50 countries.",
        "A total of 104 projects worth 246.87 billion yuan were signed at the expo.",
        "At the on-site signing in the West Hall, 66 projects worth 222.85 billion yuan were signed.",
    ]
    language = "zh" if question[0] == "第" else "en"
    if language == "zh":
        texts = [
            "第四届博览会闭幕",
            "博览会周一开幕。",
            "嘉宾来自50个国家。",
            "本届博览会共签约项目104个,金额2468.7亿元。",
        ]
        texts.append("现场签约项目66个,金额2228.5亿元。")
    index = SimpleNamespace(
        by_source={"docs/0.txt": list(range(len(texts)))},
        chunks=[SimpleNamespace(text=t) for t in texts],
        sentence_bm25=BM25Index([document_tokens(t, language) for t in texts]),
    )
    plan = understand(question).parts[0]
    on_site = sentence(texts[4], language, position=4, source="docs/0.txt")
    headline = sentence(texts[3], language, position=3, source="docs/0.txt")
    assert names_a_signing(plan, on_site, headline, index) is names


@pytest.mark.parametrize(
    ("question", "text", "language", "feature"),
    [
        ("total contracted amount at the 2024 conference?", "The conference signed 74 projects.", "en", 1.0),
        (
            "total contracted amount at the 2024 conference?",
            "The funds had reached 320 billion yuan.",
            "en",
            0.0,
        ),
        ("签约金额多少?", "大会现场签约项目28个,总金额1166.2亿元。", "zh", 1.0),
        ("Wie viel wurde vereinbart?", "Es wurden Verträge über 5 Mrd. Yuan unterzeichnet.", "de", 1.0),
        ("who hosted the conference?", "The conference signed 74 projects.", "en", 0.0),  # no figure asked
    ],
)
def test_a_sentence_stating_a_signing_is_marked_for_figure_questions(question, text, language, feature):
    from bot.qa.extract import sentence_values
    from bot.qa.retrieve import _sentence_features

    plan = understand(question)
    features = _sentence_features(plan, sentence_values(text, language), text, language)
    assert features["signing_for_figure"] == feature


def test_when_a_release_read_opens_with_the_asked_edition_none_opening_with_another_is_read():
    from bot.qa.pipeline import _about_the_edition

    seventh = SimpleNamespace(source="7th", features={"ordinal_lead": 1.0})
    eighth = SimpleNamespace(source="8th", features={"ordinal_conflict": 1.0, "same_language": 1.0})
    undated = SimpleNamespace(source="none", features={})
    assert [r.source for r in _about_the_edition([seventh, eighth, undated])] == ["7th", "none"]
    assert [r.source for r in _about_the_edition([eighth, seventh])] == ["7th"]  # the likelier one or not
    # with no release opening with the edition, the choice is left to the sentences
    assert [r.source for r in _about_the_edition([undated, eighth])] == ["none", "8th"]
