"""Socket Mode end to end: slack_sdk's built-in client against a fake Socket Mode server on loopback."""

from __future__ import annotations

import time

import pytest
from slack_fakes import APP_TOKEN, FakeSlackAPI, FakeSocketModeServer, clear_slack_env
from slack_harness import CHANNEL, CannedAnswerer, command_form, event_body, make_settings, mention

from bot.slack.serve import start_socket_mode

QUESTION = "total signed in 2025"


@pytest.fixture(autouse=True)
def _no_slack_env(monkeypatch):
    clear_slack_env(monkeypatch)


@pytest.fixture
def servers():
    api, socket_server = FakeSlackAPI(), FakeSocketModeServer()
    api.socket_url = socket_server.url  # apps.connections.open hands out the fake's ws:// URL
    yield api, socket_server
    socket_server.close()
    api.close()


@pytest.fixture
def connected(servers, tmp_path):
    api, socket_server = servers
    answerer = CannedAnswerer()
    handler = start_socket_mode(make_settings(tmp_path, api.url), answerer)
    yield api, socket_server, answerer
    socket_server.close()  # first, so the client's blocking receive returns at once
    handler.close()


def _envelope(kind: str, payload: dict, envelope_id: str, retry_attempt: int = 0) -> dict:
    return {
        "envelope_id": envelope_id,
        "type": kind,
        "payload": payload,
        "accepts_response_payload": kind != "events_api",
        "retry_attempt": retry_attempt,
        "retry_reason": "timeout" if retry_attempt else "",
    }


def test_app_mention_envelope_is_acked_and_answered(connected):
    api, socket_server, answerer = connected
    opened = api.of("apps.connections.open")
    assert opened and opened[0].headers["authorization"] == f"Bearer {APP_TOKEN}"
    socket_server.send({"type": "hello", "num_connections": 1})
    event = mention(QUESTION)
    socket_server.send(_envelope("events_api", event_body(event), "env-1"))
    assert socket_server.wait_for_ack("env-1") == {"envelope_id": "env-1"}
    update = api.wait_for("chat.update", channel=CHANNEL)[0]
    assert api.of("chat.postMessage", CHANNEL)[0].body["thread_ts"] == event["ts"]
    assert "45.046" in update.text() and "001_fceaf3afcab32c7e.txt" in update.text()
    assert answerer.calls == [(QUESTION, ())]


def test_redelivered_envelope_is_acked_but_not_answered_twice(connected):
    api, socket_server, answerer = connected
    body = event_body(mention(QUESTION))
    socket_server.send(_envelope("events_api", body, "env-a"))
    socket_server.wait_for_ack("env-a")
    api.wait_for("chat.update", channel=CHANNEL)
    socket_server.send(_envelope("events_api", body, "env-b", retry_attempt=1))
    socket_server.wait_for_ack("env-b")
    time.sleep(0.3)  # a duplicate is dropped by one SQLite claim; give it time to (not) post
    assert len(api.of("chat.postMessage", CHANNEL)) == 1 and len(answerer.calls) == 1


def test_slash_command_envelope_is_acked_then_answered(connected):
    api, socket_server, answerer = connected
    socket_server.send(_envelope("slash_commands", command_form(QUESTION, api), "env-cmd"))
    assert socket_server.wait_for_ack("env-cmd")["envelope_id"] == "env-cmd"
    update = api.wait_for("chat.update", channel=CHANNEL)[0]
    assert "45.046" in update.text() and answerer.calls == [(QUESTION, ())]
