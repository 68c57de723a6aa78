"""Fakes at Slack's network edge, on free loopback ports: the Web API and a Socket Mode server.

Both record what the bot sends, so tests assert on real request bodies and acknowledgements.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import json
import os
import socket
import struct
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT_TOKEN = "xoxb-1-fake-bot-token"
APP_TOKEN = "xapp-1-fake-app-token"
SIGNING_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
BOT_USER_ID, BOT_ID, TEAM_ID, USER_ID = "U0BOT", "B0BOT", "T0TEAM", "U0ALICE"
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05  # how fast a test server notices shutdown()
_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def clear_slack_env(monkeypatch) -> None:
    """Remove SLACK_* and proxy variables so a developer's tokens or proxy never reach a test."""
    for name in list(os.environ):
        if name.upper().startswith("SLACK_") or name.lower() in {"http_proxy", "https_proxy", "all_proxy"}:
            monkeypatch.delenv(name, raising=False)


# ---------------------------------------------------------------- the fake Web API


@dataclass
class Call:
    """One request the fake Web API received."""

    method: str
    body: dict
    headers: dict = field(default_factory=dict)
    reply: dict = field(default_factory=dict)  # what the fake answered, e.g. the new message's ts

    def text(self) -> str:
        """The body as JSON text, for substring assertions."""
        return json.dumps(self.body, ensure_ascii=False)


class _BurstServer(ThreadingHTTPServer):
    request_queue_size = 128  # the default backlog of 5 resets bursts of concurrent calls


class FakeSlackAPI:
    """Slack's Web API on a free loopback port; records every request body, answers like Slack."""

    def __init__(self):
        self.calls: list[Call] = []
        self.socket_url = ""  # what apps.connections.open hands out
        self._failures: dict[str, list[tuple[int, dict, dict]]] = {}
        self._changed = threading.Condition()
        self._ts = itertools.count(1)
        self.server = _BurstServer(("127.0.0.1", 0), self._handler_class())
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/"
        self.response_url = f"http://127.0.0.1:{self.server.server_port}/response/1"
        threading.Thread(target=self.server.serve_forever, args=(POLL_SECONDS,), daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

    def fail_next(self, method: str, status: int, body: dict, headers: dict | None = None) -> None:
        """Make the next call of `method` get this response instead (e.g. a 429 with Retry-After)."""
        with self._changed:
            self._failures.setdefault(method, []).append((status, body, headers or {}))

    def of(self, method: str, channel: str | None = None) -> list[Call]:
        """The calls received for `method` (in `channel`, if given), in order."""
        with self._changed:
            return [c for c in self.calls if c.method == method and channel in (None, c.body.get("channel"))]

    def wait_for(
        self, method: str, count: int = 1, channel: str | None = None, timeout: float = WAIT_SECONDS
    ) -> list[Call]:
        """Wait until `method` was called at least `count` times (in `channel`); returns those calls."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.of(method, channel)) >= count, timeout):
                raise AssertionError(f"{method}: expected {count} calls, got {len(self.of(method, channel))}")
            return self.of(method, channel)

    def _reply(self, method: str, body: dict, auth: str) -> tuple[int, dict, dict]:
        if self._failures.get(method):
            return self._failures[method].pop(0)
        prefix = "Bearer xapp-" if method == "apps.connections.open" else "Bearer xoxb-"
        if not auth.startswith(prefix):
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        ts = f"{1700000000 + next(self._ts)}.000100"
        replies = {
            "auth.test": {"user_id": BOT_USER_ID, "bot_id": BOT_ID, "team_id": TEAM_ID, "user": "releasebot"},
            "chat.postMessage": {"channel": body.get("channel"), "ts": ts, "message": {"ts": ts}},
            "chat.update": {"channel": body.get("channel"), "ts": body.get("ts")},
            "chat.postEphemeral": {"message_ts": ts},
            "apps.connections.open": {"url": self.socket_url},
            "response_url": {},
            "assistant.threads.setSuggestedPrompts": {},
            "assistant.threads.setStatus": {},
            "assistant.threads.setTitle": {},
            "views.open": {"view": {"id": "V0SOURCE"}},
        }
        if method not in replies:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        return 200, {"ok": True, **replies[method]}, {}

    def _record(self, path: str, raw: bytes, headers: dict) -> tuple[int, dict, dict]:
        method = "response_url" if path.startswith("/response/") else path.removeprefix("/api/")
        if "json" in headers.get("content-type", ""):
            body = json.loads(raw or b"{}")
        else:
            body = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()}
        with self._changed:
            reply = self._reply(method, body, headers.get("authorization", ""))
            self.calls.append(Call(method, body, headers, reply[1]))
            self._changed.notify_all()
        return reply

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, body, extra = fake._record(self.path.split("?")[0], raw, headers)
                data = json.dumps(body).encode()
                self.send_response(status)
                for name, value in {"content-type": "application/json", **extra}.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler


# ---------------------------------------------------------------- the fake Socket Mode server


class FakeSocketModeServer:
    """A WebSocket server on loopback (RFC 6455, stdlib only) that sends envelopes and records acks."""

    def __init__(self):
        self.received: list[dict] = []
        self._changed = threading.Condition()
        self._conn: socket.socket | None = None
        self._send_lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"ws://127.0.0.1:{self._listener.getsockname()[1]}/link?ticket=fake"
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self) -> None:
        """Close the listening socket and any connection."""
        self._listener.close()
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.shutdown(socket.SHUT_RDWR)  # wakes both ends' blocking receives
            self._conn.close()

    def send(self, envelope: dict, timeout: float = WAIT_SECONDS) -> None:
        """Send one envelope (JSON text frame) once a client is connected."""
        with self._changed:
            if not self._changed.wait_for(lambda: self._conn is not None, timeout):
                raise AssertionError("no Socket Mode client connected")
        self._send_frame(0x1, json.dumps(envelope).encode())

    def wait_for_ack(self, envelope_id: str, timeout: float = WAIT_SECONDS) -> dict:
        """The client's acknowledgement of an envelope."""
        found = []

        def acked() -> bool:
            found[:] = [m for m in self.received if m.get("envelope_id") == envelope_id]
            return bool(found)

        with self._changed:
            if not self._changed.wait_for(acked, timeout):
                raise AssertionError(f"envelope {envelope_id} was not acknowledged")
        return found[0]

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = self._listener.accept()
                threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError, ConnectionError), conn:
            request = b""
            while b"\r\n\r\n" not in request:
                request += conn.recv(1024) or b"\r\n\r\n"
            key = next(line.split(b":", 1)[1].strip() for line in request.split(b"\r\n") if b"Key:" in line)
            accept = base64.b64encode(hashlib.sha1(key + _WS_GUID.encode()).digest()).decode()
            conn.sendall(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\n\r\n".encode()
            )
            with self._changed:
                self._conn = conn
                self._changed.notify_all()
            self._read_frames(conn)

    def _read_frames(self, conn: socket.socket) -> None:
        while True:
            first, second = _recv_exact(conn, 2)
            opcode, length = first & 0x0F, second & 0x7F
            if length >= 126:
                size = 2 if length == 126 else 8
                length = int.from_bytes(_recv_exact(conn, size), "big")
            mask = _recv_exact(conn, 4) if second & 0x80 else bytes(4)
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(_recv_exact(conn, length)))
            if opcode == 0x9:  # ping: the builtin client checks pongs to keep the session alive
                self._send_frame(0xA, payload)
            elif opcode == 0x1:
                with self._changed:
                    self.received.append(json.loads(payload))
                    self._changed.notify_all()
            elif opcode == 0x8:
                return

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        size = len(payload)
        if size < 126:
            header = struct.pack("!BB", 0x80 | opcode, size)
        elif size < 1 << 16:
            header = struct.pack("!BBH", 0x80 | opcode, 126, size)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 127, size)
        with self._send_lock:
            self._conn.sendall(header + payload)


def _recv_exact(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError("socket closed")
        data += chunk
    return data
