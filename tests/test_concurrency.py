"""One answerer shared by many threads (as Slack's workers share it) gives the answers it gives alone."""

from concurrent.futures import ThreadPoolExecutor

from bot.evaluate import load_gold
from tests.conftest import GOLD

THREADS = 8
QUESTIONS_PER_THREAD = 100
FOLLOW_UPS = [
    ("and in 2024?", ("total signed in 2025",)),
    ("und in Shenzhen?", ("Wie viele Projekte wurden 2025 unterzeichnet?",)),
    ("那2024年呢？", ("2025年签约了多少项目？",)),
    ("who led it?", ("Which delegation visited Shenzhen?",)),
]


def comparable(answer) -> dict:
    data = answer.to_json()
    del data["latency_ms"]
    return data


def test_eight_threads_of_a_hundred_questions_get_the_serial_answers(answerer):
    asks = [(gold["question"], ()) for gold in load_gold(GOLD)] + FOLLOW_UPS
    serial = {ask: comparable(answerer.answer(*ask)) for ask in asks}

    def ask_many(shift: int) -> list[tuple[tuple, dict]]:
        order = [asks[(shift * 5 + i) % len(asks)] for i in range(QUESTIONS_PER_THREAD)]
        return [(ask, comparable(answerer.answer(*ask))) for ask in order]

    with ThreadPoolExecutor(THREADS) as pool:
        results = [pair for batch in pool.map(ask_many, range(THREADS)) for pair in batch]
    assert len(results) == THREADS * QUESTIONS_PER_THREAD
    different = [ask for ask, answer in results if answer != serial[ask]]
    assert different == []


def test_the_tokenizer_gives_the_serial_tokens_on_eight_threads():
    from index.keyword import tokenize

    texts = [
        ("Investments were signed by the participating delegations in Nanning", "en"),
        ("Die Unterzeichnungen der Investitionsvereinbarungen wurden gefeiert", "de"),
        ("南宁签约项目投资总额达到四百亿元", "zh"),
    ] * 50
    serial = [tokenize(text, language) for text, language in texts]
    with ThreadPoolExecutor(THREADS) as pool:
        runs = list(pool.map(lambda _: [tokenize(t, lang) for t, lang in texts], range(THREADS * 4)))
    assert all(run == serial for run in runs)
