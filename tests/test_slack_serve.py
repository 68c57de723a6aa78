"""`python -m bot serve --http` end to end: the real answerer, signed HTTP, a fake Slack Web API on loopback."""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from slack_fakes import BOT_TOKEN, SIGNING_SECRET, FakeSlackAPI
from slack_harness import event_body, mention
from slack_sdk.signature import SignatureVerifier

from tests.conftest import ROOT, _wait_for_port, free_port

SETTLE_SECONDS = 1.5


@pytest.fixture
def served_bot(indexed_settings, tmp_path):
    """The real CLI `serve --http` on a free port, answering from the indexed seeds into a fake Slack API;
    yields the events URL, the fake API and the server process (its stderr is the log)."""
    with serving(indexed_settings.seeds_dir, indexed_settings.data_dir, tmp_path) as served:
        yield served


@contextmanager
def serving(seeds_dir, data_dir, tmp_path, api: FakeSlackAPI | None = None, **settings: str):
    """`python -m bot serve --http` over the given index, answering into a fake Slack API (a new one unless
    given); `settings` are further environment variables (CHROMA_HOST, …)."""
    own_api = api is None
    api = api or FakeSlackAPI()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_") and "proxy" not in k.lower()}
    env.update(
        SEEDS_DIR=str(seeds_dir),
        DATA_DIR=str(data_dir),
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=api.url,
        **settings,
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
        yield f"http://127.0.0.1:{port}/slack/events", api, process
    finally:
        process.terminate()
        process.wait(timeout=20)
        if own_api:
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
    url, api, _ = served_bot
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
    url, api, _ = served_bot
    event = mention("total signed in 2025")
    assert post_signed(url, event_body(event), secret="0" * 32) == 401
    time.sleep(SETTLE_SECONDS)
    assert not api.of("chat.postMessage", event["channel"])


def post_raw(url: str, raw: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=raw, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def signed_headers(raw: bytes, content_type: str = "application/json") -> dict:
    stamp = str(int(time.time()))
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=stamp, body=raw.decode())
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}


def test_malformed_or_unsigned_requests_get_4xx_and_no_traceback(served_bot):
    url, api, process = served_bot
    unsigned = {"Content-Type": "application/json"}
    assert post_raw(url, b"\x00\xff not json at all", unsigned) == 401
    assert (
        post_raw(url, b"{}", {**unsigned, "X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=1"})
        == 401
    )
    for body, content_type in (
        (b"{not json", "application/json"),
        (b"[1, 2]", "application/json"),
        (b'{"event": 3}', "application/json"),
        (b"payload=%7Bbroken", "application/x-www-form-urlencoded"),
    ):
        assert post_raw(url, body, signed_headers(body, content_type)) == 400, body
    assert post_signed(url, event_body(mention("total signed in 2025"))) == 200  # and it still answers
    api.wait_for("chat.update", 1, timeout=60)
    process.terminate()
    log = process.communicate(timeout=20)[1].decode()
    assert "Traceback" not in log and log.count("Rejected an HTTP request") >= 6


NEW_RELEASE = (
    "Ganzhou, May 6, 2025 -- The Ganzhou Investment Fair closed on Monday.\n\n"
    "Organisers said 12 projects worth 3.5 billion yuan were signed at the fair.\n"
)


def test_a_running_bot_answers_from_a_new_index_without_a_restart(indexed_settings, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(indexed_settings.seeds_dir.parent, work)
    with serving(work / "seeds", work / ".data", tmp_path) as (url, api, _):
        first = mention("total signed in 2025")
        assert post_signed(url, event_body(first)) == 200
        assert "87 projects" in api.wait_for("chat.update", 1, first["channel"], timeout=60)[0].text()
        (work / "seeds" / "005_new.txt").write_text(NEW_RELEASE, encoding="utf-8")
        indexed = subprocess.run(
            [sys.executable, "-m", "bot", "index"],
            cwd=work,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert indexed.returncode == 0, indexed.stderr
        second = mention("total signed in 2025")
        assert post_signed(url, event_body(second)) == 200
        answer = api.wait_for("chat.update", 2, second["channel"], timeout=60)[-1].text()
        assert "99 projects" in answer and "seeds/005_new.txt" in answer


def test_two_replicas_on_one_chroma_server_answer_alike_and_an_event_sent_to_both_is_answered_once(
    chroma_server, tmp_path
):
    from bot.factory import build_indexer
    from tests.conftest import copy_seeds, make_settings

    host, port = chroma_server
    copy_seeds(tmp_path)
    settings = make_settings(tmp_path, chroma_host=host, chroma_port=port)
    indexer = build_indexer(settings)
    assert len(indexer.run(settings.seeds_dir).added) == 5
    indexer.close()
    api = FakeSlackAPI()
    shared = {"CHROMA_HOST": host, "CHROMA_PORT": str(port)}
    try:
        with (
            serving(settings.seeds_dir, settings.data_dir, tmp_path, api, **shared) as (first, _, _),
            serving(settings.seeds_dir, settings.data_dir, tmp_path, api, **shared) as (second, _, _),
        ):
            question = "Who led the Jiangmen delegation to Shenzhen?"
            texts = []
            for url, channel in ((first, "C0FIRST"), (second, "C0SECOND")):
                assert post_signed(url, event_body(mention(question, channel=channel))) == 200
                texts.append(api.wait_for("chat.update", 1, channel, timeout=90)[0].body["text"])
            assert texts[0] == texts[1] and "Xu Xiaoxiong" in texts[0]  # blocks differ: latency, answer id
            body = event_body(mention("total signed in 2025", channel="C0BOTH"))
            assert post_signed(first, body) == 200 and post_signed(second, body) == 200
            api.wait_for("chat.update", 1, "C0BOTH", timeout=90)
            time.sleep(SETTLE_SECONDS)
            assert (
                len(api.of("chat.postMessage", "C0BOTH")) == 1 and len(api.of("chat.update", "C0BOTH")) == 1
            )
    finally:
        api.close()
