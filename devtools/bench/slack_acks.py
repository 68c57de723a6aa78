"""Bench: concurrent signed app_mentions over HTTP while every answer is slow; ack latency and exactly-once.

    .venv/bin/python -m devtools.bench.slack_acks            # 20 questions, answers take 2 s each (canned answer)
    .venv/bin/python -m devtools.bench.slack_acks --real     # wraps the real answerer (needs `python -m bot index`)

Fires every question at once, then every question again as a Slack retry (X-Slack-Retry-Num), against the
Bolt app from create_app over real HTTP and a fake Slack Web API on loopback. Reports ack latencies and
asserts that each question got exactly one placeholder and one answer.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))  # the fakes live with the tests

from slack_fakes import FakeSlackAPI  # noqa: E402
from slack_harness import CannedAnswerer, bolt_over_http, event_body, make_settings, mention  # noqa: E402

QUESTIONS = 20
ANSWER_SECONDS = 2.0
ACK_BUDGET_SECONDS = 3.0  # Slack gives up on an ack after 3 s and retries
QUESTION = "How much was signed in total in 2025?"


class SlowAnswerer:
    """Sleeps before delegating, so every answer takes at least `seconds`."""

    def __init__(self, inner, seconds: float):
        self.inner, self.seconds = inner, seconds

    def answer(self, question, history=()):
        """Sleep, then answer with the wrapped answerer."""
        time.sleep(self.seconds)
        return self.inner.answer(question, history)


def fire(bolt, bodies: list[dict], retry_num: int | None = None) -> list[tuple[int, float]]:
    """Post every body at the same moment from its own thread; returns (status, seconds) per request."""
    results: list[tuple[int, float]] = [(0, 0.0)] * len(bodies)
    barrier = threading.Barrier(len(bodies))

    def post(i: int) -> None:
        barrier.wait()
        reply = bolt.post_event(bodies[i], retry_num=retry_num)
        results[i] = (reply.status, reply.seconds)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def report(name: str, results: list[tuple[int, float]]) -> str:
    """One table row: count, p50, p99, max (ms), non-200 count."""
    ms = [seconds * 1000 for _, seconds in results]
    bad = sum(status != 200 for status, _ in results)
    median, p99 = statistics.median(ms), percentile(ms, 0.99)
    return f"{name:<16}{len(ms):>4}{median:>10.1f}{p99:>10.1f}{max(ms):>10.1f}{bad:>9}"


def build_inner(real: bool):
    """The canned seed-quoted answerer, or the real one."""
    if not real:
        return CannedAnswerer()
    from bot.factory import build_answerer
    from bot.settings import Settings

    return build_answerer(Settings())


def run(questions: int, answer_seconds: float, real: bool) -> bool:
    """Run the bench, print the table; True when every check held."""
    answerer = SlowAnswerer(build_inner(real), answer_seconds)
    api = FakeSlackAPI()
    with (
        tempfile.TemporaryDirectory() as tmp,
        bolt_over_http(make_settings(Path(tmp), api.url), answerer) as bolt,
    ):
        bodies = [event_body(mention(QUESTION, channel=f"C{i:05d}")) for i in range(questions)]
        start = time.perf_counter()
        first, retries = fire(bolt, bodies), fire(bolt, bodies, retry_num=1)
        api.wait_for("chat.update", questions, timeout=answer_seconds * questions + 30)
        wall = time.perf_counter() - start
        time.sleep(0.5)  # let any duplicate that slipped through reach the fake API
    api.close()
    channels = [b["event"]["channel"] for b in bodies]
    once = sum(
        len(api.of("chat.postMessage", c)) == 1 and len(api.of("chat.update", c)) == 1 for c in channels
    )
    print(f"{'requests':<16}{'n':>4}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}{'non-200':>9}")
    print(report("first delivery", first))
    print(report("retries", retries))
    print(f"answered exactly once: {once}/{questions}; all answers posted after {wall:.1f} s")
    acks = [seconds for _, seconds in first + retries]
    return once == questions and max(acks) < ACK_BUDGET_SECONDS and all(s == 200 for s, _ in first + retries)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=int, default=QUESTIONS)
    parser.add_argument("--answer-seconds", type=float, default=ANSWER_SECONDS)
    parser.add_argument("--real", action="store_true", help="wrap the real answerer instead of a canned one")
    args = parser.parse_args(argv)
    ok = run(args.questions, args.answer_seconds, args.real)
    print("OK" if ok else "FAILED: an ack was slow or failed, or a question was not answered exactly once")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
