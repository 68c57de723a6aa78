"""`python -m bot serve --http` end to end: the real answerer, signed HTTP, a fake Slack Web API on loopback."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from slack_fakes import BOT_TOKEN, SIGNING_SECRET, FakeSlackAPI
from slack_harness import event_body, mention
from slack_sdk.signature import SignatureVerifier

from tests.conftest import ROOT, _wait_for_port, free_port

SETTLE_SECONDS = 1.5


@pytest.fixture
def served_bot(indexed_settings, tmp_path):
    """The real CLI `serve --http` on a free port, answering from the indexed seeds into a fake Slack API."""
    api = FakeSlackAPI()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_") and "proxy" not in k.lower()}
    env.update(
        SEEDS_DIR=str(indexed_settings.seeds_dir),
        DATA_DIR=str(indexed_settings.data_dir),
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=api.url,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--http", "--port", str(port)],
        cwd=tmp_path,  # no .env of the developer's
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}/slack/events", api
    finally:
        process.terminate()
        process.wait(timeout=20)
        api.close()


def post_signed(url: str, body: dict, headers: dict | None = None, secret: str = SIGNING_SECRET) -> int:
    raw = json.dumps(body)
    stamp = str(int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=raw)
    request = urllib.request.Request(
        url,
        data=raw.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature,
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_served_bot_answers_in_thread_once_with_citations_and_never_pings(served_bot):
    url, api = served_bot
    event = mention("total signed in 2025 <!channel>")
    body = event_body(event)
    assert post_signed(url, body) == 200
    update = api.wait_for("chat.update", 1, event["channel"], timeout=60)[0]
    answer = update.text()
    assert "45.046" in answer and "seeds/001_fceaf3afcab32c7e.txt" in answer
    placeholder = api.of("chat.postMessage", event["channel"])[0]
    assert placeholder.body["thread_ts"] == event["ts"]
    assert post_signed(url, body, {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}) == 200
    time.sleep(SETTLE_SECONDS)
    assert len(api.of("chat.postMessage", event["channel"])) == 1
    assert len(api.of("chat.update", event["channel"])) == 1
    assert not any("<!channel>" in call.text() for call in api.calls)


def test_served_bot_rejects_a_bad_signature(served_bot):
    url, api = served_bot
    event = mention("total signed in 2025")
    assert post_signed(url, event_body(event), secret="0" * 32) == 401
    time.sleep(SETTLE_SECONDS)
    assert not api.of("chat.postMessage", event["channel"])
