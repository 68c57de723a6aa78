"""The Slack front end: a Bolt app whose listeners ack at once and answer later, in the question's thread."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App, Assistant, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier

from bot.answers import Answerer
from bot.settings import Settings
from bot.slack.blocks import (
    ANSWER_GONE_TEXT,
    ERROR_TEXT,
    FEEDBACK_ACTION,
    FEEDBACK_THANKS_TEXT,
    NOT_ALLOWED_TEXT,
    NOT_IN_CHANNEL_TEXT,
    PLACEHOLDER_TEXT,
    SHOW_SOURCE_ACTION,
    SOURCE_GONE_TEXT,
    answer_messages,
    escape_mrkdwn,
    fallback_text,
    feedback_of,
    help_text,
    source_messages,
    source_view,
)
from bot.slack.state import SlackStore

LOGGER = logging.getLogger(__name__)

APP_NAME = "release-bot"
BOT_TOKEN_PREFIX = "xoxb-"
APP_TOKEN_PREFIX = "xapp-"
LISTENER_WORKERS = 10  # answers computed at the same time, after their acks
RATE_LIMIT_RETRIES = 3  # 429s are retried after Retry-After by slack_sdk
NOT_IN_CHANNEL_ERRORS = ("not_in_channel", "channel_not_found")
ANSWERED_SUBTYPES = (None, "thread_broadcast", "file_share")  # edits, joins, deletions are not questions
NO_UNFURL = {"unfurl_links": False, "unfurl_media": False}  # quotes may carry links (e.g. a video)
MAX_PROMPTS = 4  # suggested prompts Slack shows in an agent thread
PROMPTS_TITLE = "Ask about the releases, for example:"
TITLE_CHARS = 80  # an agent thread's title: its first question, cut
STATUS_TEXT = "is looking it up…"
LOADING_MESSAGES = ["Reading the releases…", "Checking the figures against their quotes…"]

_MENTION = re.compile(r"<[@#!][^>]*>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


class SlackConfigError(ValueError):
    """A missing or malformed Slack setting; the message names its environment variable."""


def check_token(value: str, variable: str, prefix: str) -> None:
    """Raise SlackConfigError unless `value` looks like a Slack token starting with `prefix`."""
    if not value:
        raise SlackConfigError(f"{variable} is not set: put the token (it starts with {prefix}) in .env")
    if not value.startswith(prefix) or len(value) <= len(prefix) or any(c.isspace() for c in value):
        raise SlackConfigError(f"{variable} is malformed: it must start with {prefix} and contain no spaces")


def check_signing_secret(value: str) -> None:
    """Raise SlackConfigError unless SLACK_SIGNING_SECRET looks like a signing secret."""
    if not value:
        raise SlackConfigError("SLACK_SIGNING_SECRET is not set: copy it from Basic Information in .env")
    if value.startswith(("xox", "xapp-")) or not re.fullmatch(r"[0-9A-Za-z]{16,}", value):
        raise SlackConfigError(
            "SLACK_SIGNING_SECRET is malformed: it is the signing secret (letters and digits), not a token"
        )


def build_client(settings: Settings) -> WebClient:
    """A WebClient with the bot token, SLACK_API_URL as base URL, and 429 retries after Retry-After."""
    extra = {"base_url": settings.slack_api_url} if settings.slack_api_url else {}
    handlers = [ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)]
    return WebClient(token=settings.slack_bot_token, retry_handlers=handlers, **extra)


def allowed_channels(settings: Settings) -> frozenset[str]:
    """SLACK_ALLOWED_CHANNELS as a set of channel IDs; empty means every channel."""
    return frozenset(part.strip() for part in settings.slack_allowed_channels.split(",") if part.strip())


def question_text(text: str, bot_user_id: str | None) -> str:
    """The question in a Slack message: mentions removed, links to their labels, entities decoded.

    Mentions (<@U…>, <#C…>, <!channel>) address people, they don't ask anything: left in, they would be
    read as the name of an event.
    """
    text = _MENTION.sub(" ", text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def _signature_check(signing_secret: str) -> Callable:
    """Middleware: 401 for HTTP requests whose signature is missing, wrong or stale (> 5 minutes)."""
    verifier = SignatureVerifier(signing_secret)

    def verify_slack_signature(request, next):
        if request.mode == "socket_mode":
            return next()
        timestamp = request.headers.get("x-slack-request-timestamp", ["0"])[0]
        signature = request.headers.get("x-slack-signature", [""])[0]
        try:
            valid = bool(signing_secret) and verifier.is_valid(request.raw_body, timestamp, signature)
        except ValueError:  # a timestamp that isn't a number
            valid = False
        if valid:
            return next()
        # Bolt's own check logs the raw body; this one logs nothing of the request.
        LOGGER.info("Rejected an HTTP request with a missing, invalid or stale Slack signature")
        return BoltResponse(status=401, body={"error": "invalid request"})

    return verify_slack_signature


def _channel_allowlist(channels: frozenset[str]) -> Callable:
    """Middleware: requests from channels outside SLACK_ALLOWED_CHANNELS are acked and dropped."""

    def only_allowed_channels(context, body, next):
        channel = context.channel_id
        if channel is None or channel in channels:
            return next()
        LOGGER.info("Ignored a request from channel %s: not in SLACK_ALLOWED_CHANNELS", channel)
        if "command" in body:
            return BoltResponse(status=200, body={"response_type": "ephemeral", "text": NOT_ALLOWED_TEXT})
        return BoltResponse(status=200, body="")

    return only_allowed_channels


def _from_bot(event: dict) -> bool:
    return bool(event.get("bot_id")) or event.get("subtype") == "bot_message"


def _asker_of(user: str | None) -> str | None:
    return user if user and _USER_ID.fullmatch(user) else None


class SlackResponder:
    """The listeners: ack functions return at once, the lazy ones answer in the question's thread."""

    def __init__(self, answerer: Answerer, store: SlackStore, slash_command: str, source_base_url: str = ""):
        self.answerer = answerer
        self.store = store
        self.slash_command = slash_command
        self.source_base_url = source_base_url  # citations link to the source page there, when set

    def register(self, app: App) -> None:
        """Attach every listener to `app`."""
        app.event("app_mention")(ack=self.ack_event, lazy=[self.on_mention])
        app.event("message")(ack=self.ack_event, lazy=[self.on_message])
        app.command(self.slash_command)(ack=self.ack_command, lazy=[self.on_command])
        app.action(SHOW_SOURCE_ACTION)(ack=self.ack_action, lazy=[self.on_show_source])
        app.action(FEEDBACK_ACTION)(ack=self.ack_action, lazy=[self.on_feedback])
        # The agent surface: a DM thread (agent_view) gets suggested prompts, a title and a status.
        assistant = Assistant()
        assistant.thread_started(lazy=[self.on_thread_started])(self.ack_event)
        assistant.user_message(lazy=[self.on_agent_message])(self.ack_event)
        app.use(assistant)
        app.event("app_home_opened")(ack=self.ack_event, lazy=[self.on_home_opened])

    def ack_event(self, ack, request, body) -> None:
        """Ack an event at once; retries are answered at most once through the store's claims."""
        ack()
        retry = request.headers.get("x-slack-retry-num")
        if retry and retry[0] != "0":  # Socket Mode reports first deliveries as attempt 0
            reason = request.headers.get("x-slack-retry-reason", ["?"])[0]
            LOGGER.info("Slack retry %s (%s) of event %s", retry[0], reason, body.get("event_id"))

    def ack_command(self, ack, command) -> None:
        """Ack a slash command; an empty one gets the help text right away."""
        if question_text(command.get("text", ""), None):
            ack()
        else:
            ack(text=help_text(self.slash_command))

    def ack_action(self, ack) -> None:
        """Ack a button click."""
        ack()

    def on_mention(self, event, body, client, context) -> None:
        """Answer `@bot question` in a channel."""
        if not _from_bot(event):
            self._answer_event(event, body, client, context.bot_user_id)

    def on_message(self, event, body, client, context) -> None:
        """Answer a direct message, or a follow-up in a thread the bot already answered in."""
        if _from_bot(event) or event.get("subtype") not in ANSWERED_SUBTYPES or not event.get("ts"):
            return
        thread_ts = event.get("thread_ts")
        follow_up = thread_ts and self.store.thread_questions(event["channel"], thread_ts)
        if event.get("channel_type") == "im" or follow_up:
            self._answer_event(event, body, client, context.bot_user_id)

    def _answer_event(
        self,
        event: dict,
        body: dict,
        client: WebClient,
        bot_user_id: str | None,
        show_progress: Callable[[str, str, str], None] | None = None,
    ) -> None:
        """Answer a message once: a placeholder in its thread, then the answer (or, in an agent thread,
        `show_progress(channel, thread_ts, question)` instead of the placeholder)."""
        channel, ts = event["channel"], event["ts"]
        # app_mention and message events for one message share the channel:ts key, so one answer only.
        if not self.store.claim(f"event:{body.get('event_id', ts)}", f"message:{channel}:{ts}"):
            LOGGER.info("Skipped an event already answered (event %s)", body.get("event_id"))
            return
        thread_ts = event.get("thread_ts") or ts
        question = question_text(event.get("text", ""), bot_user_id)
        try:
            if not question:
                client.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, text=help_text(self.slash_command)
                )
                return
            placeholder_ts = None
            if show_progress is None:
                placeholder_ts = client.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, text=PLACEHOLDER_TEXT, **NO_UNFURL
                )["ts"]
        except Exception:
            LOGGER.exception("Could not reply in channel %s", channel)
            return
        if show_progress is not None:
            show_progress(channel, thread_ts, question)
        self._fill(client, channel, thread_ts, placeholder_ts, question, asker=None)

    def _suggest(self, client: WebClient, channel: str, thread_ts: str | None = None) -> None:
        """Suggest what to ask (up to four prompts built from the index) in a conversation or thread."""
        try:
            prompts = [{"title": t, "message": q} for t, q in self.answerer.examples()[:MAX_PROMPTS]]
            client.assistant_threads_setSuggestedPrompts(
                channel_id=channel, thread_ts=thread_ts, title=PROMPTS_TITLE, prompts=prompts
            )
        except Exception:
            LOGGER.exception("Could not suggest prompts")

    def on_thread_started(self, event, client) -> None:
        """A new agent thread: suggestions for it."""
        thread = event.get("assistant_thread", {})
        if thread.get("channel_id") and thread.get("thread_ts"):
            self._suggest(client, thread["channel_id"], thread["thread_ts"])

    def on_home_opened(self, event, client) -> None:
        """The Messages tab opened: suggestions for the conversation (no thread yet)."""
        if event.get("tab") == "messages" and event.get("channel"):
            self._suggest(client, event["channel"])

    def on_agent_message(self, event, body, client, context, set_status, set_title) -> None:
        """A message in an agent (DM) thread: titled after its first question, a status instead of a
        placeholder while the answer is built; later messages are follow-ups."""

        def show_progress(channel: str, thread_ts: str, question: str) -> None:
            try:
                if not self.store.thread_questions(channel, thread_ts):
                    set_title(question[:TITLE_CHARS])
                set_status(status=STATUS_TEXT, loading_messages=LOADING_MESSAGES)
            except Exception:
                LOGGER.exception("Could not set the agent thread's title or status")

        self._answer_event(event, body, client, context.bot_user_id, show_progress)

    def on_command(self, command, client, respond) -> None:
        """Answer `/ask question`: a message in the channel that becomes the thread for follow-ups."""
        question = question_text(command.get("text", ""), None)
        if not question or not self.store.claim(f"command:{command.get('trigger_id')}"):
            return
        channel, asker = command["channel_id"], _asker_of(command.get("user_id"))
        lead = f"*Q* from <@{asker}>: " if asker else "*Q:* "
        try:
            placeholder = client.chat_postMessage(
                channel=channel, text=f"{lead}{escape_mrkdwn(question)}\n{PLACEHOLDER_TEXT}", **NO_UNFURL
            )
        except SlackApiError as error:
            LOGGER.info("Could not post in channel %s: %s", channel, error.response.get("error"))
            if error.response.get("error") in NOT_IN_CHANNEL_ERRORS:
                respond(text=NOT_IN_CHANNEL_TEXT, response_type="ephemeral")
            return
        self._fill(client, channel, placeholder["ts"], placeholder["ts"], question, asker=asker)

    def _fill(
        self,
        client: WebClient,
        channel: str,
        thread_ts: str,
        placeholder_ts: str | None,
        question: str,
        asker: str | None,
    ) -> None:
        """Answer, then turn the placeholder into the answer (or post it, when there is none: an agent thread
        shows a status instead); overflow goes to further thread messages."""
        try:
            history = self.store.thread_questions(channel, thread_ts)
            answer = self.answerer.answer(question, history)
            answer_id = self.store.save_answer(channel, thread_ts, question, answer)
            first, *rest = answer_messages(
                question, answer, answer_id, asker=asker, source_base_url=self.source_base_url
            )
            text = fallback_text(answer)
            if placeholder_ts is None:
                client.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, text=text, blocks=first, **NO_UNFURL
                )
            else:
                client.chat_update(channel=channel, ts=placeholder_ts, text=text, blocks=first)
            for blocks in rest:
                client.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, text=text, blocks=blocks, **NO_UNFURL
                )
        except Exception:
            LOGGER.exception("Answering a Slack question failed")
            self._report_error(client, channel, thread_ts, placeholder_ts)

    def _report_error(
        self, client: WebClient, channel: str, thread_ts: str, placeholder_ts: str | None
    ) -> None:
        try:
            if placeholder_ts is None:
                raise LookupError("no placeholder to replace")
            client.chat_update(channel=channel, ts=placeholder_ts, text=ERROR_TEXT, blocks=[])
        except Exception:
            LOGGER.exception("Could not replace the placeholder; posting the error instead")
            try:
                client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=ERROR_TEXT)
            except Exception:
                LOGGER.exception("Could not post the error reply")

    def on_show_source(self, action, body, client) -> None:
        """Open the cited passage with its neighbouring sentences in a modal (or, when the click's trigger
        has expired, post it in the answer's thread)."""
        channel, user = body["channel"]["id"], body["user"]["id"]
        message = body.get("message", {})
        thread_ts = message.get("thread_ts") or message.get("ts")
        answer_id, _, n = action.get("value", "").partition(":")
        citation = (
            self.store.citation(int(answer_id), int(n)) if answer_id.isdigit() and n.isdigit() else None
        )
        try:
            if citation is None:
                client.chat_postEphemeral(
                    channel=channel, user=user, thread_ts=thread_ts, text=SOURCE_GONE_TEXT
                )
                return
            if body.get("trigger_id"):
                try:
                    client.views_open(trigger_id=body["trigger_id"], view=source_view(citation))
                    return
                except SlackApiError as error:
                    LOGGER.info(
                        "Could not open the source modal (%s); posting it", error.response.get("error")
                    )
            text = f"Source [{citation.n}]: {escape_mrkdwn(citation.source)}"
            for blocks in source_messages(citation):
                client.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, text=text, blocks=blocks, **NO_UNFURL
                )
        except Exception:
            LOGGER.exception("Could not post a source")

    def on_feedback(self, action, body, client) -> None:
        """Record 👍/👎 (question, answer, citations, user, value) and thank the user privately."""
        channel, user = body["channel"]["id"], body["user"]["id"]
        feedback = feedback_of(action.get("value", ""))
        recorded = feedback is not None and self.store.record_feedback(feedback[1], user, feedback[0])
        message = body.get("message", {})
        thread_ts = message.get("thread_ts") or message.get("ts")
        text = FEEDBACK_THANKS_TEXT if recorded else ANSWER_GONE_TEXT
        try:
            client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, text=text)
        except Exception:
            LOGGER.exception("Could not thank for feedback")


def create_app(settings: Settings, answerer: Answerer, client: WebClient | None = None) -> App:
    """The Bolt app for Socket Mode and HTTP; checks the bot token (auth.test) at once."""
    if client is None:
        check_token(settings.slack_bot_token, "SLACK_BOT_TOKEN", BOT_TOKEN_PREFIX)
        client = build_client(settings)
    app = App(
        client=client,
        name=APP_NAME,
        signing_secret=settings.slack_signing_secret,
        # Ack first, answer in lazy listeners: required over HTTP, harmless over Socket Mode.
        process_before_response=True,
        request_verification_enabled=False,
        before_authorize=_signature_check(settings.slack_signing_secret),
        listener_executor=ThreadPoolExecutor(LISTENER_WORKERS, thread_name_prefix="slack-answer"),
    )
    channels = allowed_channels(settings)
    if channels:
        app.use(_channel_allowlist(channels))
    SlackResponder(
        answerer,
        SlackStore.in_dir(settings.data_dir),
        settings.slack_slash_command,
        settings.source_base_url,
    ).register(app)
    return app
