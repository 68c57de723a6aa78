"""One answerer shared by many threads (as Slack's workers share it) gives the answers it gives alone."""

from concurrent.futures import ThreadPoolExecutor

from bot.evaluate import load_gold
from tests.conftest import GOLD

THREADS = 8
ROUNDS = 2  # each thread asks every gold question this many times, in its own order


def comparable(answer) -> dict:
    data = answer.to_json()
    del data["latency_ms"]
    return data


def test_eight_threads_get_the_serial_answers(answerer):
    questions = [gold["question"] for gold in load_gold(GOLD)]
    serial = {q: comparable(answerer.answer(q)) for q in questions}

    def ask_all(shift: int) -> list[tuple[str, dict]]:
        order = questions[shift:] + questions[:shift]
        return [(q, comparable(answerer.answer(q))) for _ in range(ROUNDS) for q in order]

    with ThreadPoolExecutor(THREADS) as pool:
        results = [pair for batch in pool.map(ask_all, range(THREADS)) for pair in batch]
    assert len(results) == THREADS * ROUNDS * len(questions)
    different = [q for q, answer in results if answer != serial[q]]
    assert different == []
