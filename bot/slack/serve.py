"""The body of `python -m bot serve`: the Slack bot over Socket Mode (default) or HTTP at /slack/events."""

from __future__ import annotations

import io
import json
import logging
import re
import threading
import urllib.parse
from http import HTTPStatus
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier

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
MAX_BODY_BYTES = 1024 * 1024  # Slack's payloads are far smaller
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


def make_http_server(app: App, host: str, port: int, signing_secret: str) -> WSGIServer:
    """A threaded HTTP server for `app` at /slack/events (port 0 picks a free one); requests are checked
    (see `checked_requests`) before Bolt sees them."""
    return make_server(
        host,
        port,
        checked_requests(SlackRequestHandler(app, path=EVENTS_PATH), signing_secret),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )


def checked_requests(handler, signing_secret: str):
    """WSGI middleware: an unsigned or stale request gets 401, an oversized one 413, a signed body that is
    not a Slack payload (not UTF-8, not a JSON object, a non-object event) 400, each with one log line
    and no traceback; only well-formed, signed requests reach Bolt."""
    verifier = SignatureVerifier(signing_secret)

    def application(environ, start_response):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY_BYTES:
            return _refuse(start_response, 413 if length > 0 else 400, "a missing or oversized body")
        raw = environ["wsgi.input"].read(length) if length else b""
        headers = {
            "x-slack-request-timestamp": environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", ""),
            "x-slack-signature": environ.get("HTTP_X_SLACK_SIGNATURE", ""),
        }
        if not _signed(verifier, raw, headers):
            return _refuse(start_response, 401, "a missing, invalid or stale Slack signature")
        problem = _malformed(raw, environ.get("CONTENT_TYPE", ""))
        if problem:
            return _refuse(start_response, 400, problem)
        environ["wsgi.input"] = io.BytesIO(raw)
        return handler(environ, start_response)

    return application


def _signed(verifier: SignatureVerifier, raw: bytes, headers: dict) -> bool:
    """Whether Slack signed this body recently (a non-numeric timestamp or undecodable body is not)."""
    try:
        return verifier.is_valid_request(raw, headers)
    except (ValueError, TypeError):
        return False


def _malformed(raw: bytes, content_type: str) -> str | None:
    """Why a signed body is not a Slack payload, or None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "a body that is not UTF-8"
    if "application/x-www-form-urlencoded" in content_type:
        fields = urllib.parse.parse_qs(text)
        if "payload" not in fields:
            return None if fields else "an empty form"
        text = fields["payload"][0]
    try:
        body = json.loads(text)
    except ValueError:
        return "a body that is not JSON"
    if not isinstance(body, dict) or not isinstance(body.get("event", {}), dict):
        return "JSON that is not a Slack payload"
    return None


def _refuse(start_response, status: int, why: str) -> list[bytes]:
    LOGGER.info("Rejected an HTTP request with %s (%d)", why, status)
    start_response(f"{status} {HTTPStatus(status).phrase}", [("Content-Type", "text/plain")])
    return [HTTPStatus(status).phrase.encode()]


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
    server = make_http_server(create_app(settings, answerer), host, port, settings.slack_signing_secret)
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
