"""The body of `python -m bot serve`: the Slack bot over Socket Mode (default) or HTTP at /slack/events."""

from __future__ import annotations

import logging
import re
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.answers import Answerer
from bot.settings import Settings
from bot.slack.app import APP_TOKEN_PREFIX, BOT_TOKEN_PREFIX, check_signing_secret, check_token, create_app

LOGGER = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HTTP_HOST = "0.0.0.0"  # Slack must reach it; put it behind your TLS proxy
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"
# socketserver's default of 5 resets bursts of Slack deliveries (measured: devtools/bench/slack_acks.py)
LISTEN_BACKLOG = 128
_TOKEN_SHAPES = re.compile(r"\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+")


class SecretRedactingFilter(logging.Filter):
    """Replaces Slack tokens and the configured secrets in log records, whoever logs them."""

    def __init__(self, secrets: list[str]):
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message without secrets; never drops a record."""
        message = record.getMessage()
        clean = _TOKEN_SHAPES.sub(REDACTED, message)
        for secret in self.secrets:
            clean = clean.replace(secret, REDACTED)
        if clean != message:
            record.msg, record.args = clean, None
        return True


def guard_logs(settings: Settings) -> None:
    """Log at INFO (no request bodies) through handlers that redact tokens and the signing secret."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    redact = SecretRedactingFilter(
        [settings.slack_bot_token, settings.slack_app_token, settings.slack_signing_secret]
    )
    for handler in root.handlers:
        handler.addFilter(redact)
    for library in ("slack_bolt", "slack_sdk"):  # at DEBUG they log request and response bodies
        logging.getLogger(library).setLevel(max(logging.INFO, logging.getLogger(library).getEffectiveLevel()))


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # an ack must never wait for another request
    request_queue_size = LISTEN_BACKLOG


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        LOGGER.debug("%s " + format, self.address_string(), *args)


def make_http_server(app: App, host: str, port: int) -> WSGIServer:
    """A threaded HTTP server for `app` at /slack/events (port 0 picks a free one)."""
    return make_server(
        host,
        port,
        SlackRequestHandler(app, path=EVENTS_PATH),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )


def check_settings(settings: Settings, http: bool) -> None:
    """Raise SlackConfigError naming the variable if a token or secret that mode needs is missing or malformed."""
    check_token(settings.slack_bot_token, "SLACK_BOT_TOKEN", BOT_TOKEN_PREFIX)
    if http:
        check_signing_secret(settings.slack_signing_secret)
    else:
        check_token(settings.slack_app_token, "SLACK_APP_TOKEN", APP_TOKEN_PREFIX)


def run_http(settings: Settings, answerer: Answerer, port: int, host: str = HTTP_HOST) -> None:
    """Serve the bot over HTTP until interrupted."""
    check_settings(settings, http=True)
    guard_logs(settings)
    server = make_http_server(create_app(settings, answerer), host, port)
    LOGGER.info("Slack bot listening on http://%s:%d%s", host, server.server_port, EVENTS_PATH)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def start_socket_mode(settings: Settings, answerer: Answerer) -> SocketModeHandler:
    """Check the settings and connect over Socket Mode; returns the connected handler (close() it)."""
    check_settings(settings, http=False)
    app = create_app(settings, answerer)
    # The built-in client needs no extra package; it reaches apps.connections.open through app.client.
    handler = SocketModeHandler(app, app_token=settings.slack_app_token)
    handler.connect()
    return handler


def run_socket_mode(settings: Settings, answerer: Answerer) -> None:
    """Serve the bot over Socket Mode until interrupted."""
    check_settings(settings, http=False)
    guard_logs(settings)
    handler = start_socket_mode(settings, answerer)
    LOGGER.info("Slack bot connected over Socket Mode")
    try:
        threading.Event().wait()
    finally:
        handler.close()
