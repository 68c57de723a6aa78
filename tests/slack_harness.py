"""Test harness for the Slack front end: settings, seed-quoted answers, Slack payloads, signed HTTP.

`bolt_over_http(settings, answerer)` serves create_app over real HTTP against the fake Web API, for any
answerer (the real one too).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from slack_fakes import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    POLL_SECONDS,
    SIGNING_SECRET,
    TEAM_ID,
    USER_ID,
    WAIT_SECONDS,
    FakeSlackAPI,
)
from slack_sdk.signature import SignatureVerifier

from bot.answers import Answer, Citation
from bot.settings import Settings
from bot.slack.app import create_app
from bot.slack.serve import make_http_server

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CHANNEL = "C0GENERAL"
_SEQ = itertools.count(1)  # unique ts / event ids across one test run


def make_settings(data_dir: Path, api_url: str, **overrides) -> Settings:
    """Settings for tests: fake tokens, the fake API, no .env file."""
    values = {
        "data_dir": data_dir,
        "slack_bot_token": BOT_TOKEN,
        "slack_app_token": APP_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": api_url,
    }
    return Settings(_env_file=None, **{**values, **overrides})


# ---------------------------------------------------------------- answers from real seed quotes


def seed_citation(
    n: int, file_name: str, quote: str, title: str, publisher: str, date: str | None
) -> Citation:
    """A citation whose quote is verbatim in seeds/<file_name>; context is the quote's whole line."""
    text = (SEEDS / file_name).read_text(encoding="utf-8")
    start = text.index(quote)  # fails loudly if the quote isn't verbatim
    line_start = text.count("\n", 0, start) + 1
    lines = text.splitlines()
    return Citation(
        n=n,
        source=f"seeds/{file_name}",
        title=title,
        date=date,
        line_start=line_start,
        line_end=line_start + quote.count("\n"),
        quote=quote,
        publisher=publisher,
        context=lines[line_start - 1],
    )


def sample_answer(question: str) -> Answer:
    """A real-answer-shaped Answer: a figure, two numbered citations from the seed releases."""
    cited = (
        seed_citation(
            1,
            "001_fceaf3afcab32c7e.txt",
            "resulting in the signing of 83 projects worth a total of 45.046 billion yuan",
            "Jiangxi & Greater Bay Area(GBA) Economic and Trade Cooperation Promotion Conference",
            "PRNewswire",
            "2025-04-02",
        ),
        seed_citation(
            2,
            "000_5f199579b9a1294b.txt",
            "The conference signed 74 cooperation projects with a total contracted amount of 64.13 billion yuan",
            "Jiangxi-Greater Bay Area economic and trade cooperation and promotion conference",
            "PRNewswire",
            "2024-10-16",
        ),
    )
    text = "83 projects worth 45.046 billion yuan were signed in 2025 [1]; in 2024: 64.13 billion yuan [2]."
    return Answer(question=question, found=True, answer=text, citations=cited, latency_ms=12.5)


class CannedAnswerer:
    """Implements the Answerer protocol: records (question, history), may sleep or fail first."""

    def __init__(self, make=sample_answer, delay: float = 0.0, error: Exception | None = None):
        self.make, self.delay, self.error = make, delay, error
        self.calls: list[tuple[str, tuple[str, ...]]] = []
        self._lock = threading.Lock()

    def answer(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Record the call, wait `delay`, then return (or raise) the canned answer."""
        with self._lock:
            self.calls.append((question, tuple(history)))
        time.sleep(self.delay)
        if self.error is not None:
            raise self.error
        return self.make(question)

    def examples(self) -> list[tuple[str, str]]:
        """Canned suggestions."""
        return [
            ("Total signed in 2025", "total signed in 2025"),
            ("2025年签约", "2025年一共签约了多少个项目？"),
        ]


# ---------------------------------------------------------------- Slack payloads and signed HTTP


def next_ts() -> str:
    """A fresh Slack message timestamp."""
    return f"{1710000000 + next(_SEQ)}.000200"


def event_body(event: dict, event_id: str | None = None) -> dict:
    """An Events API envelope (event_callback) around `event`."""
    return {
        "type": "event_callback",
        "team_id": TEAM_ID,
        "api_app_id": "A0APP",
        "event": event,
        "event_id": event_id or f"Ev{next(_SEQ):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
    }


def mention(text: str, channel: str = CHANNEL, ts: str | None = None, **extra) -> dict:
    """An app_mention event: `<@BOT> text`."""
    ts = ts or next_ts()
    return {
        "type": "app_mention",
        "user": USER_ID,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        **extra,
    }


def message(text: str, channel: str = CHANNEL, ts: str | None = None, **extra) -> dict:
    """A message event (channel_type "channel" unless given)."""
    ts = ts or next_ts()
    return {
        "type": "message",
        "user": USER_ID,
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "channel_type": "channel",
        **extra,
    }


def command_form(text: str, api: FakeSlackAPI, command: str = "/ask", channel: str = CHANNEL) -> dict:
    """A slash command's form fields."""
    return {
        "command": command,
        "text": text,
        "channel_id": channel,
        "user_id": USER_ID,
        "team_id": TEAM_ID,
        "trigger_id": f"trig.{next(_SEQ)}",
        "response_url": api.response_url,
    }


def block_action(
    action_id: str,
    value: str,
    channel: str,
    message_ts: str,
    thread_ts: str | None = None,
    kind: str = "button",
) -> dict:
    """A block_actions payload for a click on the bot's message (a button, or `kind` of element)."""
    msg = {"ts": message_ts, **({"thread_ts": thread_ts} if thread_ts else {})}
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID},
        "user": {"id": USER_ID},
        "api_app_id": "A0APP",
        "channel": {"id": channel},
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
        "message": msg,
        "trigger_id": f"trig.{next(_SEQ)}",
        "actions": [{"type": kind, "action_id": action_id, "value": value, "block_id": "b"}],
    }


@dataclass
class Reply:
    """Bolt's HTTP response to one request, with how long the ack took."""

    status: int
    body: str
    seconds: float


class BoltOverHTTP:
    """A Bolt app from create_app served over real HTTP on a free loopback port; sends signed requests."""

    def __init__(self, settings: Settings, answerer):
        self.app = create_app(settings, answerer)
        self.server = make_http_server(self.app, "127.0.0.1", 0, settings.slack_signing_secret)
        self.url = f"http://127.0.0.1:{self.server.server_port}/slack/events"
        self.secret = settings.slack_signing_secret
        threading.Thread(target=self.server.serve_forever, args=(POLL_SECONDS,), daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

    def post(
        self, raw: str, content_type: str, headers: dict | None = None, timestamp: int | None = None
    ) -> Reply:
        """POST `raw` signed with the signing secret (at `timestamp`, default now)."""
        stamp = str(timestamp if timestamp is not None else int(time.time()))
        signature = SignatureVerifier(self.secret).generate_signature(timestamp=stamp, body=raw)
        signed = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}
        return self.post_raw(raw.encode(), {"Content-Type": content_type, **signed, **(headers or {})})

    def post_raw(self, data: bytes, headers: dict) -> Reply:
        """POST bytes with exactly these headers (to test tampering)."""
        request = urllib.request.Request(self.url, data=data, headers=headers, method="POST")
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=WAIT_SECONDS) as response:
                return Reply(response.status, response.read().decode(), time.perf_counter() - start)
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode(), time.perf_counter() - start)

    def post_event(self, body: dict, retry_num: int | None = None) -> Reply:
        """An Events API request; `retry_num` adds Slack's retry headers."""
        retry = (
            {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"} if retry_num else {}
        )
        return self.post(json.dumps(body), "application/json", retry)

    def post_command(self, form: dict) -> Reply:
        """A slash command request (form-encoded)."""
        return self.post(urllib.parse.urlencode(form), "application/x-www-form-urlencoded")

    def post_action(self, payload: dict) -> Reply:
        """An interactivity request (form field `payload`)."""
        return self.post(
            urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
        )


@contextlib.contextmanager
def bolt_over_http(settings: Settings, answerer) -> Iterator[BoltOverHTTP]:
    """Serve create_app(settings, answerer) over HTTP for the duration of the block."""
    bolt = BoltOverHTTP(settings, answerer)
    try:
        yield bolt
    finally:
        bolt.close()


SENTINEL_CHANNEL = "C0SENTINEL"
SETTLE_GRACE_SECONDS = 0.2


def settle(bolt: BoltOverHTTP, api: FakeSlackAPI, channel: str = SENTINEL_CHANNEL) -> None:
    """Wait until work queued before now has run: a sentinel question, queued after it, is answered."""
    done = len(api.of("chat.update", channel))
    bolt.post_event(event_body(mention("sentinel question", channel=channel)))
    api.wait_for("chat.update", done + 1, channel)
    time.sleep(SETTLE_GRACE_SECONDS)  # a skipped duplicate only needs a claim; this is ample
