"""The source page: releases, a release with the cited lines highlighted, the answer page and its JSON; read
with Starlette's test client, and in a real headless Chromium (Debian's `chromium`) over loopback."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from bot.web.app import create_web_app
from bot.web.links import citation_url
from tests.conftest import free_port

QUESTION = "Who led the Jiangmen delegation to Shenzhen?"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def client(answerer, indexed_settings):
    return TestClient(create_web_app(answerer, indexed_settings.seeds_dir))


class Rows(HTMLParser):
    """The line table of a release page: (line number, highlighted, text) per row."""

    def __init__(self):
        super().__init__()
        self.rows: list[list] = []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and (attrs.get("id") or "").startswith("L"):
            self.rows.append([int(attrs["id"][1:]), "hl" in (attrs.get("class") or "").split(), ""])
        elif tag == "td" and "t" in (attrs.get("class") or "").split() and self.rows:
            self._cell = self.rows[-1]

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data


def rows_of(html: str) -> list[list]:
    parser = Rows()
    parser.feed(html)
    return parser.rows


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_the_release_list_names_every_indexed_release(client, answerer):
    page = client.get("/")
    assert page.status_code == 200
    for source in answerer.releases:
        assert f'href="/release/{source}"' in page.text


def test_a_release_page_numbers_every_line_and_highlights_the_asked_ones(client, indexed_settings):
    source = "seeds/003_a7989f5d7222c8d0.txt"
    file_lines = (indexed_settings.seeds_dir / source.split("/")[1]).read_text(encoding="utf-8").split("\n")
    page = client.get(f"/release/{source}", params={"lines": "3-4"})
    rows = rows_of(page.text)
    assert [row[0] for row in rows] == list(range(1, len(file_lines) + 1))
    assert [row[2] for row in rows] == file_lines
    assert [row[0] for row in rows if row[1]] == [3, 4]
    assert [
        row[0] for row in rows_of(client.get(f"/release/{source}", params={"lines": "x"}).text) if row[1]
    ] == []


@pytest.mark.parametrize(
    "path",
    [
        "/release/seeds/nope.txt",
        "/release/../../etc/passwd",
        "/release/%2e%2e/%2e%2e/etc/passwd",
        "/release/",
    ],
)
def test_only_releases_the_catalog_names_are_served(client, path):
    page = client.get(path)
    assert page.status_code == 404 and "root:" not in page.text


def test_the_answer_page_links_each_citation_to_its_lines_and_its_json_is_the_cli_s(client, answerer):
    page = client.get("/ask", params={"q": QUESTION})
    expected = answerer.answer(QUESTION).to_json()
    for citation in expected["citations"]:
        link = citation_url("", citation["source"], citation["line_start"], citation["line_end"])
        assert f'href="{link}"' in page.text.replace("&amp;", "&")
    data = client.get("/ask", params={"q": QUESTION, "format": "json"}).json()
    del data["latency_ms"], expected["latency_ms"]
    assert data == expected


def test_text_is_escaped(client):
    page = client.get("/ask", params={"q": "<script>alert(1)</script> total signed in 2025"})
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text


def test_the_page_writes_nothing(client):
    assert client.post("/ask", data={"q": "x"}).status_code == 405
    assert client.delete("/release/seeds/003_a7989f5d7222c8d0.txt").status_code == 405


@pytest.fixture(scope="module")
def served(answerer, indexed_settings):
    """The source page on a free loopback port, as `python -m bot web` serves it."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(
        create_web_app(answerer, indexed_settings.seeds_dir), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("CI") != "true",
    reason="no chromium here (apt-get install chromium); CI installs it and fails without it",
)
def test_a_cited_link_opened_in_chromium_highlights_exactly_the_quoted_lines(served, answerer, tmp_path):
    assert CHROMIUM, "CI=true needs Debian's chromium (.ci/run installs it)"
    citation = answerer.answer(QUESTION).citations[0]
    # The fragment alone (#L9-L9): the highlight must come from the page's script, run by the browser.
    url = f"{served}/release/{citation.source}#L{citation.line_start}-L{citation.line_end}"
    dom = chromium("--virtual-time-budget=3000", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    lit = [row for row in rows_of(dom.stdout) if row[1]]
    assert [row[0] for row in lit] == list(range(citation.line_start, citation.line_end + 1))
    assert squeeze(citation.quote) in squeeze("\n".join(row[2] for row in lit))
    screenshot = tmp_path / "source-page.png"
    shot = chromium(f"--screenshot={screenshot}", "--window-size=1200,900", "--virtual-time-budget=3000", url)
    assert shot.returncode == 0 and screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot.stderr[-2000:]
    print(f"screenshot: {screenshot}")
