"""The Slack app over real signed HTTP against a fake Slack Web API that records request bodies."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from slack_fakes import BOT_ID, BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, USER_ID, FakeSlackAPI, clear_slack_env
from slack_harness import (
    CHANNEL,
    SENTINEL_CHANNEL,
    CannedAnswerer,
    block_action,
    bolt_over_http,
    command_form,
    event_body,
    make_settings,
    mention,
    message,
    next_ts,
    sample_answer,
    settle,
)
from slack_sdk.signature import SignatureVerifier

from bot.answers import Answer
from bot.settings import Settings
from bot.slack.app import SlackConfigError, create_app
from bot.slack.blocks import (
    ANSWER_GONE_TEXT,
    MAX_BLOCKS_PER_MESSAGE,
    NOT_ALLOWED_TEXT,
    SOURCE_GONE_TEXT,
)
from bot.slack.blocks import (
    FEEDBACK_ACTION as FEEDBACK,
)
from bot.slack.serve import SecretRedactingFilter, run_http, run_socket_mode
from bot.slack.state import SlackStore

ROOT_QUESTION = "total signed in 2025"
MANIFEST = Path(__file__).resolve().parents[1] / "slack" / "manifest.yml"


@pytest.fixture(autouse=True)
def _no_slack_env(monkeypatch):
    clear_slack_env(monkeypatch)


@pytest.fixture
def api():
    fake = FakeSlackAPI()
    yield fake
    fake.close()


@pytest.fixture
def settings(tmp_path, api) -> Settings:
    return make_settings(tmp_path / "data", api.url)


@pytest.fixture
def answerer() -> CannedAnswerer:
    return CannedAnswerer()


@pytest.fixture
def bolt(settings, answerer):
    with bolt_over_http(settings, answerer) as running:
        yield running


def _questions(answerer: CannedAnswerer) -> list[str]:
    return [q for q, _ in answerer.calls if q != "sentinel question"]


def _ask(bolt, api, text: str = ROOT_QUESTION, **extra) -> tuple[dict, dict]:
    """Mention the bot in CHANNEL and wait for the answer; returns (the event, the chat.update body)."""
    event = mention(text, **extra)
    done = len(api.of("chat.update", event["channel"]))
    assert bolt.post_event(event_body(event)).status == 200
    return event, api.wait_for("chat.update", done + 1, event["channel"])[-1].body


def test_mention_is_acked_at_once_and_answered_in_its_thread(settings, api):
    answerer = CannedAnswerer(delay=1.5)
    with bolt_over_http(settings, answerer) as bolt:
        event = mention(ROOT_QUESTION)
        reply = bolt.post_event(event_body(event))
        assert reply.status == 200 and reply.seconds < 1.0  # the slow answer runs after the ack
        update = api.wait_for("chat.update")[0]
    placeholder = api.of("chat.postMessage")[0]
    assert placeholder.body["thread_ts"] == event["ts"] and "Looking it up" in placeholder.body["text"]
    assert update.body["ts"] == placeholder.reply["ts"]
    assert "45.046 billion yuan" in update.text()
    assert "001_fceaf3afcab32c7e.txt" in update.text() and "000_5f199579b9a1294b.txt" in update.text()
    assert answerer.calls == [(ROOT_QUESTION, ())]  # the <@BOT> mention is stripped
    auth = api.of("auth.test")[0]
    assert auth.headers["authorization"] == f"Bearer {BOT_TOKEN}"  # SLACK_API_URL reached with the bot token


def test_echoed_text_cannot_ping_or_rewrite_links(bolt, api):
    _, update = _ask(bolt, api, "<!channel> <!here> <@U0EVE> see <http://evil.example|this> total in 2025")
    posted = json.dumps([c.body for c in api.calls if c.method.startswith("chat.")], ensure_ascii=False)
    assert "see this total in 2025" in posted  # mentions dropped from the question, the link to its label
    for raw in ("<!channel>", "<!here>", "<@U0EVE>", "<http"):
        assert raw not in posted


def test_retries_are_answered_once_also_after_a_restart(settings, api, answerer):
    body = event_body(mention(ROOT_QUESTION))
    with bolt_over_http(settings, answerer) as bolt:
        replies = [
            bolt.post_event(body),
            bolt.post_event(body, retry_num=1),
            bolt.post_event(body, retry_num=2),
        ]
        replies.append(bolt.post_event(event_body(dict(body["event"]))))  # new event_id, same channel+ts
        api.wait_for("chat.update", channel=CHANNEL)
        settle(bolt, api)
    with bolt_over_http(settings, answerer) as bolt:  # a restart on the same DATA_DIR
        replies.append(bolt.post_event(body, retry_num=3))
        settle(bolt, api)
    assert [r.status for r in replies] == [200] * 5
    assert len(api.of("chat.postMessage", CHANNEL)) == 1 and len(api.of("chat.update", CHANNEL)) == 1
    assert _questions(answerer) == [ROOT_QUESTION]


def test_messages_from_bots_and_edits_are_ignored(bolt, api, answerer):
    first, _ = _ask(bolt, api)
    thread = first["ts"]
    for event in (
        message("and in 2024?", thread_ts=thread, bot_id="B0OTHER"),
        message("and in 2024?", thread_ts=thread, subtype="bot_message", bot_id="B0OTHER"),
        message("and in 2024?", thread_ts=thread, user=BOT_USER_ID, bot_id=BOT_ID),  # its own
        mention("and in 2024?", bot_id="B0OTHER"),
        message("and in 2024?", thread_ts=thread, subtype="message_changed"),  # an edit, not a question
        message("and in 2024?", channel="D0DM", channel_type="im", bot_id="B0OTHER"),
    ):
        assert bolt.post_event(event_body(event)).status == 200
    settle(bolt, api)
    assert len(api.of("chat.postMessage", CHANNEL)) == 1 and not api.of("chat.postMessage", "D0DM")
    assert _questions(answerer) == [ROOT_QUESTION]


def test_follow_ups_in_an_answered_thread_get_its_history(bolt, api, answerer):
    first, _ = _ask(bolt, api)
    thread = first["ts"]
    bolt.post_event(event_body(message("and in 2024?", thread_ts=thread, subtype="thread_broadcast")))
    api.wait_for("chat.update", 2, CHANNEL)
    # One follow-up that mentions the bot arrives twice: as app_mention and as message.channels.
    third = mention("and in 2023?", thread_ts=thread)
    bolt.post_event(event_body(third))
    bolt.post_event(event_body(message(third["text"], ts=third["ts"], thread_ts=thread)))
    api.wait_for("chat.update", 3, CHANNEL)
    bolt.post_event(event_body(message("unrelated thread", thread_ts=next_ts())))
    bolt.post_event(event_body(message("plain channel chatter")))
    settle(bolt, api)
    assert [c for c in answerer.calls if c[0] != "sentinel question"] == [
        (ROOT_QUESTION, ()),
        ("and in 2024?", (ROOT_QUESTION,)),
        ("and in 2023?", (ROOT_QUESTION, "and in 2024?")),
    ]
    assert [p.body["thread_ts"] for p in api.of("chat.postMessage", CHANNEL)] == [thread] * 3


def test_direct_messages_are_answered(bolt, api, answerer):
    dm = message(ROOT_QUESTION, channel="D0DM", channel_type="im")
    bolt.post_event(event_body(dm))
    update = api.wait_for("chat.update", channel="D0DM")[0]
    assert api.of("chat.postMessage", "D0DM")[0].body["thread_ts"] == dm["ts"]
    assert "45.046" in update.text() and answerer.calls == [(ROOT_QUESTION, ())]


def test_empty_question_gets_help(bolt, api, answerer):
    event = mention("")
    bolt.post_event(event_body(event))
    help_post = api.wait_for("chat.postMessage", channel=CHANNEL)[0]
    assert help_post.body["thread_ts"] == event["ts"] and "Ask me" in help_post.body["text"]
    settle(bolt, api)
    assert not api.of("chat.update", CHANNEL) and _questions(answerer) == []


def test_bad_signatures_are_rejected_with_401(bolt, api):
    raw = json.dumps(event_body(mention(ROOT_QUESTION)))
    stamp = str(int(time.time()))
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=stamp, body=raw)
    signed = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
    }
    tampered = bolt.post_raw(raw.replace("2025", "2024").encode(), signed)
    stale = bolt.post(raw, "application/json", timestamp=int(time.time()) - 600)
    unsigned = bolt.post_raw(raw.encode(), {"Content-Type": "application/json"})
    odd_stamp = bolt.post_raw(raw.encode(), {**signed, "X-Slack-Request-Timestamp": "soon"})
    assert [r.status for r in (tampered, stale, unsigned, odd_stamp)] == [401] * 4
    challenge = bolt.post(json.dumps({"type": "url_verification", "challenge": "c-123"}), "application/json")
    assert challenge.status == 200 and "c-123" in challenge.body
    settle(bolt, api)
    assert not api.of("chat.postMessage", CHANNEL)


def test_slash_command_acks_then_answers_in_the_channel(bolt, api, answerer):
    reply = bolt.post_command(command_form(ROOT_QUESTION, api))
    assert reply.status == 200 and reply.body == ""
    update = api.wait_for("chat.update", channel=CHANNEL)[0]
    placeholder = api.of("chat.postMessage", CHANNEL)[0]
    assert "thread_ts" not in placeholder.body and ROOT_QUESTION in placeholder.body["text"]
    assert update.body["blocks"][0]["text"]["text"] == f"*Q* from <@{USER_ID}>: {ROOT_QUESTION}"
    # The answer message is the thread for follow-ups.
    bolt.post_event(event_body(message("and in 2024?", thread_ts=placeholder.reply["ts"])))
    api.wait_for("chat.update", 2, CHANNEL)
    assert answerer.calls[-1] == ("and in 2024?", (ROOT_QUESTION,))


def test_slash_command_edge_cases(bolt, api):
    empty = bolt.post_command(command_form("  ", api))
    assert empty.status == 200 and "Ask me" in empty.body
    api.fail_next("chat.postMessage", 200, {"ok": False, "error": "not_in_channel"})
    assert bolt.post_command(command_form(ROOT_QUESTION, api)).status == 200
    response = api.wait_for("response_url")[0]
    assert response.body["response_type"] == "ephemeral" and "invite" in response.body["text"]


def test_show_source_and_feedback_buttons(bolt, api, settings):
    first, update = _ask(bolt, api)
    thread, message_ts = first["ts"], update["ts"]
    show = next(b["accessory"] for b in update["blocks"] if "accessory" in b)
    feedback = update["blocks"][-1]
    assert feedback["type"] == "context_actions" and feedback["elements"][0]["type"] == "feedback_buttons"
    buttons = feedback["elements"][0]
    assert (
        bolt.post_action(block_action("show_source", show["value"], CHANNEL, message_ts, thread)).status
        == 200
    )
    (opened,) = api.wait_for("views.open")
    view = opened.body["view"]
    assert opened.body["trigger_id"].startswith("trig.") and view["type"] == "modal"
    shown = json.dumps(view["blocks"], ensure_ascii=False)
    assert "001_fceaf3afcab32c7e.txt" in shown
    assert "A signing ceremony for cooperative projects was held during the event" in shown  # a neighbour
    quote = sample_answer(ROOT_QUESTION).citations[0].quote
    assert f"*{' '.join(quote.split())}*" in shown  # the quoted sentence, in bold
    api.fail_next("views.open", 200, {"ok": False, "error": "expired_trigger_id"})
    bolt.post_action(block_action("show_source", show["value"], CHANNEL, message_ts, thread))
    source = api.wait_for("chat.postMessage", 2, CHANNEL)[1]  # an expired trigger: posted in the thread
    assert source.body["thread_ts"] == thread and "001_fceaf3afcab32c7e.txt" in source.text()
    for n, button in enumerate(("positive_button", "negative_button"), start=1):
        value = buttons[button]["value"]
        bolt.post_action(block_action(FEEDBACK, value, CHANNEL, message_ts, thread, kind="feedback_buttons"))
        api.wait_for("chat.postEphemeral", n)
    bolt.post_action(block_action("show_source", "999:1", CHANNEL, message_ts, thread))
    assert api.wait_for("chat.postEphemeral", 3)[-1].body["text"] == SOURCE_GONE_TEXT
    bolt.post_action(block_action(FEEDBACK, "up:999", CHANNEL, message_ts, thread, kind="feedback_buttons"))
    assert api.wait_for("chat.postEphemeral", 4)[-1].body["text"] == ANSWER_GONE_TEXT
    store = SlackStore.in_dir(settings.data_dir)  # a second connection, as another process would open
    rows = store.feedback_rows()
    store.close()
    assert [(r["user"], r["value"], r["question"]) for r in rows] == [(USER_ID, "down", ROOT_QUESTION)]
    assert "45.046" in rows[0]["answer"]
    assert json.loads(rows[0]["citations"])[0]["source"] == "seeds/001_fceaf3afcab32c7e.txt"


def _long_answer(question: str) -> Answer:
    cited = sample_answer(question).citations[0]
    citations = tuple(replace(cited, n=n) for n in range(1, 31))  # 30 sources: more than 50 blocks
    return Answer(question, True, "45.046 billion yuan in 2025.", citations, 10.0)


def test_long_answers_continue_in_the_thread(settings, api):
    with bolt_over_http(settings, CannedAnswerer(make=_long_answer)) as bolt:
        event, update = _ask(bolt, api)
        extra = api.wait_for("chat.postMessage", 2, CHANNEL)[1]
    assert extra.body["thread_ts"] == event["ts"]
    assert 0 < len(update["blocks"]) <= MAX_BLOCKS_PER_MESSAGE
    assert "*[30]*" in extra.text() and extra.body["blocks"][-1]["type"] == "context_actions"


def test_channel_allowlist(tmp_path, api, answerer):
    settings = make_settings(tmp_path, api.url, slack_allowed_channels=f"C0ALLOWED, {SENTINEL_CHANNEL}")
    with bolt_over_http(settings, answerer) as bolt:
        assert bolt.post_event(event_body(mention(ROOT_QUESTION, channel="C0ELSE"))).status == 200
        refused = bolt.post_command(command_form(ROOT_QUESTION, api, channel="C0ELSE"))
        assert refused.status == 200 and json.loads(refused.body)["text"] == NOT_ALLOWED_TEXT
        _ask(bolt, api, channel="C0ALLOWED")
        settle(bolt, api)
    assert not api.of("chat.postMessage", "C0ELSE") and _questions(answerer) == [ROOT_QUESTION]


def test_rate_limited_calls_are_retried_after_retry_after(bolt, api):
    api.fail_next("chat.update", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
    bolt.post_event(event_body(mention(ROOT_QUESTION)))
    updates = api.wait_for("chat.update", 2, CHANNEL)
    assert updates[0].body == updates[1].body and "45.046" in updates[1].text()
    assert len(api.of("chat.postMessage", CHANNEL)) == 1


def test_errors_reply_briefly_and_log_a_traceback_without_secrets(settings, api, caplog):
    caplog.set_level(logging.INFO)
    body = event_body(mention(ROOT_QUESTION))
    with bolt_over_http(settings, CannedAnswerer(error=RuntimeError("index exploded"))) as bolt:
        bolt.post_event(body)
        update = api.wait_for("chat.update")[0]
        bolt.post_raw(json.dumps(body).encode(), {"Content-Type": "application/json"})  # unsigned → 401
    assert update.body["text"].startswith("⚠️ Sorry, something went wrong")
    assert "Traceback" in caplog.text and "RuntimeError: index exploded" in caplog.text
    for secret in (BOT_TOKEN, SIGNING_SECRET, json.dumps(body), body["event"]["text"]):
        assert secret not in caplog.text


def test_log_filter_redacts_tokens_and_secrets():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "token %s secret %s", (BOT_TOKEN, "s3cr3t"), None
    )
    assert SecretRedactingFilter(["s3cr3t"]).filter(record)
    assert record.getMessage() == "token [redacted] secret [redacted]"


@pytest.mark.parametrize("token", ["", "xoxp-user-token", "xapp-1-app", "xoxb-", "xoxb-with space"])
def test_malformed_bot_token_is_a_clear_error(tmp_path, token):
    settings = make_settings(tmp_path, "http://127.0.0.1:9/api/", slack_bot_token=token)
    with pytest.raises(SlackConfigError, match="SLACK_BOT_TOKEN") as error:
        create_app(settings, CannedAnswerer())
    assert len(token) <= len("xoxb-") or token not in str(error.value)  # never echo a secret


def test_serve_checks_its_own_secret_first(tmp_path):
    base = make_settings(tmp_path, "http://127.0.0.1:9/api/")
    for bad in ("", "xoxb-1-pasted-the-wrong-thing", "has spaces in it ok"):
        with pytest.raises(SlackConfigError, match="SLACK_SIGNING_SECRET"):
            run_http(base.model_copy(update={"slack_signing_secret": bad}), CannedAnswerer(), 0)
    for bad in ("", "xoxb-1-bot-token-here"):
        with pytest.raises(SlackConfigError, match="SLACK_APP_TOKEN"):
            run_socket_mode(base.model_copy(update={"slack_app_token": bad}), CannedAnswerer())


def test_manifest_matches_the_app():
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "im:history", "channels:history"} <= scopes
    assert {"groups:history", "reactions:write"} <= scopes
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.im", "message.channels"} <= events
    # The agent surface: the view itself, its scope, and the events the Assistant middleware handles.
    agent = manifest["features"]["agent_view"]
    assert agent["agent_description"] and 0 < len(agent["suggested_prompts"]) <= 4
    assert all(set(p) == {"title", "message"} for p in agent["suggested_prompts"])
    assert "assistant:write" in scopes and {"assistant_thread_started", "app_home_opened"} <= events
    commands = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert commands == [Settings.model_fields["slack_slash_command"].default]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["socket_mode_enabled"] is True


def test_guarded_logs_keep_the_slack_libraries_above_debug(tmp_path):
    from bot.slack.serve import guard_logs

    library = logging.getLogger("slack_bolt")
    saved = library.level
    try:
        library.setLevel(logging.DEBUG)  # a developer's DEBUG would log request bodies
        guard_logs(make_settings(tmp_path, "http://127.0.0.1:9/api/"))
        assert library.getEffectiveLevel() >= logging.INFO
    finally:
        library.setLevel(saved)


def test_feedback_exports_as_csv_with_question_answer_citations_and_user(bolt, api, settings):
    import csv
    import io
    import subprocess
    import sys

    _, update = _ask(bolt, api)
    buttons = update["blocks"][-1]["elements"][0]
    value = buttons["negative_button"]["value"]
    bolt.post_action(block_action(FEEDBACK, value, CHANNEL, update["ts"], None, kind="feedback_buttons"))
    api.wait_for("chat.postEphemeral", 1)
    env = {"SEEDS_DIR": str(settings.seeds_dir), "DATA_DIR": str(settings.data_dir), "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "feedback", "--csv"],
        cwd=settings.data_dir.parent,
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (row,) = list(csv.DictReader(io.StringIO(done.stdout)))
    assert (row["user"], row["value"], row["question"]) == (USER_ID, "down", ROOT_QUESTION)
    assert "45.046" in row["answer"] and "seeds/001_fceaf3afcab32c7e.txt" in row["citations"]


# ---------------------------------------------------------------- the agent surface (agent_view DMs)

DM = "D0AGENT"


def test_a_new_agent_thread_gets_the_index_s_suggested_prompts(bolt, api, answerer):
    thread_ts = next_ts()
    started = {
        "type": "assistant_thread_started",
        "assistant_thread": {"user_id": USER_ID, "channel_id": DM, "thread_ts": thread_ts, "context": {}},
        "event_ts": thread_ts,
    }
    assert bolt.post_event(event_body(started)).status == 200
    (call,) = api.wait_for("assistant.threads.setSuggestedPrompts")
    assert call.body["channel_id"] == DM and call.body["thread_ts"] == thread_ts
    assert 0 < len(call.body["prompts"]) <= 4
    assert [(p["title"], p["message"]) for p in call.body["prompts"]] == answerer.examples()


def test_opening_the_messages_tab_suggests_prompts_without_a_thread(bolt, api):
    opened = {
        "type": "app_home_opened",
        "user": USER_ID,
        "channel": DM,
        "tab": "messages",
        "event_ts": next_ts(),
    }
    assert bolt.post_event(event_body(opened)).status == 200
    (call,) = api.wait_for("assistant.threads.setSuggestedPrompts")
    assert call.body["channel_id"] == DM and "thread_ts" not in call.body and len(call.body["prompts"]) <= 4
    home = {"type": "app_home_opened", "user": USER_ID, "channel": DM, "tab": "home", "event_ts": next_ts()}
    assert bolt.post_event(event_body(home)).status == 200
    settle(bolt, api)
    assert len(api.of("assistant.threads.setSuggestedPrompts")) == 1


def test_an_agent_thread_is_titled_shows_a_status_and_answers_follow_ups_once_each(bolt, api, answerer):
    thread_ts = next_ts()
    first = message(ROOT_QUESTION, channel=DM, channel_type="im", thread_ts=thread_ts)
    body = event_body(first)
    assert bolt.post_event(body).status == 200
    answer = api.wait_for("chat.postMessage", 1, DM)[0].body
    assert answer["thread_ts"] == thread_ts and "45.046" in answer["text"]
    (title,) = api.of("assistant.threads.setTitle")
    assert title.body == {"channel_id": DM, "thread_ts": thread_ts, "title": ROOT_QUESTION, **title.body}
    status = api.of("assistant.threads.setStatus")[0].body
    assert status["thread_ts"] == thread_ts and status["status"]
    assert bolt.post_event(body).status == 200  # the same delivery again: answered once
    follow_up = message("and in 2024?", channel=DM, channel_type="im", thread_ts=thread_ts)
    assert bolt.post_event(event_body(follow_up)).status == 200
    api.wait_for("chat.postMessage", 2, DM)
    settle(bolt, api)
    assert len(api.of("chat.postMessage", DM)) == 2
    assert len(api.of("assistant.threads.setTitle")) == 1  # titled after the first question only
    assert ("and in 2024?", (ROOT_QUESTION,)) in answerer.calls  # the thread's history came along
