"""Block Kit rendering: mrkdwn escaping, numbered sources, buttons, and Slack's size limits."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from slack_fakes import clear_slack_env
from slack_harness import sample_answer, seed_citation

from bot.answers import Answer
from bot.slack.app import question_text
from bot.slack.blocks import (
    MAX_BLOCKS_PER_MESSAGE,
    MAX_CONTEXT_ELEMENTS,
    SECTION_TEXT_LIMIT,
    answer_blocks,
    answer_messages,
    citation_blocks,
    context_block,
    escape_mrkdwn,
    source_messages,
    split_messages,
    split_text,
    truncate,
)

HOSTILE = "<!channel> <!here> <@U123> <http://evil.example|click me> R&D > 5"


@pytest.fixture(autouse=True)
def _no_slack_env(monkeypatch):
    clear_slack_env(monkeypatch)


def _mrkdwn_texts(blocks: list[dict]) -> list[str]:
    """Every mrkdwn text in the blocks, wherever it sits."""
    texts = []
    for block in blocks:
        for part in [block.get("text")] + block.get("elements", []):
            if isinstance(part, dict) and part.get("type") == "mrkdwn":
                texts.append(part["text"])
    return texts


def test_escape_mrkdwn_neutralises_mentions_and_links():
    escaped = escape_mrkdwn(HOSTILE)
    assert "<" not in escaped and ">" not in escaped
    assert escaped.startswith(
        "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;http://evil.example|click me&gt;"
    )
    assert "R&amp;D &gt; 5" in escaped
    assert escape_mrkdwn("&amp;") == "&amp;amp;"  # an entity typed by a user stays visible as typed


def test_split_text_respects_limit_and_never_cuts_an_entity():
    escaped = escape_mrkdwn("&" * 2000)  # 10,000 characters of "&amp;" without a space to cut at
    pieces = split_text(escaped)
    assert all(len(p) <= SECTION_TEXT_LIMIT for p in pieces)
    assert all(re.fullmatch(r"(&amp;)+", p) for p in pieces)
    assert "".join(pieces) == escaped


def test_split_text_prefers_line_breaks_and_handles_text_without_spaces():
    words = split_text("alpha beta\n" * 400, limit=100)
    assert all(p.endswith("beta") and len(p) <= 100 for p in words)
    chinese = "江西省商务厅党构成员" * 700  # 7,000 characters, no spaces
    pieces = split_text(chinese)
    assert [len(p) for p in pieces] == [3000, 3000, 1000] and "".join(pieces) == chinese


def test_truncate_ends_with_ellipsis_within_limit():
    assert truncate("short", 10) == "short"
    cut = truncate(escape_mrkdwn("<" * 100), 50)
    assert len(cut) <= 50 and cut.endswith("&lt;…")


def test_context_block_caps_elements():
    block = context_block([f"part {i}" for i in range(25)])
    assert len(block["elements"]) == MAX_CONTEXT_ELEMENTS
    assert "part 24" in block["elements"][-1]["text"]


def test_split_messages_groups_fifty_blocks():
    blocks = [{"type": "divider"}] * 120
    assert [len(m) for m in split_messages(blocks)] == [50, 50, 20]


def test_answer_blocks_show_answer_numbered_sources_and_buttons():
    blocks = answer_blocks("total signed in 2025", sample_answer("total signed in 2025"), answer_id=7)
    texts = "\n".join(_mrkdwn_texts(blocks))
    assert "45.046 billion yuan" in texts
    assert "*[1]* `seeds/001_fceaf3afcab32c7e.txt` · line 9" in texts
    assert "*[2]* `seeds/000_5f199579b9a1294b.txt` · line 9" in texts
    assert "Jiangxi &amp; Greater Bay Area" in texts and "PRNewswire · 2025-04-02" in texts
    quotes = [
        q["elements"][0]["text"] for b in blocks if b["type"] == "rich_text" for q in b["elements"]
    ]  # rich-text quotes: shown literally, as in the release
    assert [q["type"] for b in blocks if b["type"] == "rich_text" for q in b["elements"]] == [
        "rich_text_quote"
    ] * 2
    assert any(
        q.startswith("resulting in the signing of 83 projects worth a total of 45.046") for q in quotes
    )
    buttons = [b["accessory"] for b in blocks if "accessory" in b]
    assert [(b["action_id"], b["value"]) for b in buttons] == [("show_source", "7:1"), ("show_source", "7:2")]
    assert blocks[-1]["type"] == "context_actions"
    (buttons,) = blocks[-1]["elements"]
    assert buttons["type"] == "feedback_buttons" and buttons["action_id"] == "answer_feedback"
    assert (buttons["positive_button"]["value"], buttons["negative_button"]["value"]) == ("up:7", "down:7")


def test_everything_echoed_is_escaped():
    citation = seed_citation(1, "003_a7989f5d7222c8d0.txt", '"We City"', HOSTILE, HOSTILE, None)
    answer = Answer(question=HOSTILE, found=False, answer=HOSTILE, citations=(citation,))
    blocks = answer_blocks(HOSTILE, answer, answer_id=1) + source_messages(citation)[0]
    for text in _mrkdwn_texts(blocks):
        assert "<" not in text and ">" not in text.replace("\n>", "\n").lstrip(">"), text
    assert "not found in the releases" in json.dumps(blocks)
    rich = [b for b in blocks if b["type"] == "rich_text"]
    assert rich and all(e["type"] == "text" for b in rich for q in b["elements"] for e in q["elements"])
    assert rich[0]["elements"][0]["elements"][0]["text"] == citation.quote  # literal: exact, and nothing acts


def test_asker_mention_is_the_only_raw_mention():
    blocks = answer_blocks(HOSTILE, sample_answer(HOSTILE), answer_id=1, asker="U0ALICE")
    assert blocks[0]["text"]["text"].startswith("*Q* from <@U0ALICE>: &lt;!channel&gt;")


def test_long_answers_stay_within_block_kit_limits():
    base = sample_answer("q").citations[0]
    long_quote = " ".join(["signed 83 projects worth 45.046 billion yuan & more"] * 150)  # ~7,800 chars
    citations = tuple(replace(base, n=i, quote=long_quote) for i in range(1, 31))
    answer = Answer(question="q", found=True, answer="x " * 5000, citations=citations)
    messages = answer_messages("q", answer, answer_id=3)
    assert len(messages) > 1
    assert all(0 < len(m) <= MAX_BLOCKS_PER_MESSAGE for m in messages)
    texts = [t for m in messages for t in _mrkdwn_texts(m)]
    assert all(len(t) <= SECTION_TEXT_LIMIT for t in texts)
    assert messages[-1][-1]["type"] == "context_actions"  # feedback buttons close the last message
    assert sum("*[30]*" in t for t in texts) == 1


def test_source_messages_show_context_with_neighbours():
    citation = sample_answer("q").citations[0]
    text = json.dumps(source_messages(citation), ensure_ascii=False)
    assert "001_fceaf3afcab32c7e.txt" in text
    assert "A signing ceremony for cooperative projects was held during the event" in text


def test_question_text_strips_bot_mention_links_and_entities():
    raw = "<@U0BOT> how much &amp; where? see <https://example.com/a|the page> and <https://b.example>"
    assert question_text(raw, "U0BOT") == "how much & where? see the page and https://b.example"
    assert question_text("<@U0BOT>", "U0BOT") == ""
    assert question_text("<@U0OTHER> total <!channel> in <#C0GENERAL|general>", "U0BOT") == "total in"


def test_with_a_source_page_each_citation_links_to_its_lines():
    answer = sample_answer("total signed in 2025")
    blocks = answer_blocks("q", answer, answer_id=7, source_base_url="https://releases.example.org/")
    headers = [b["text"]["text"] for b in blocks if b.get("accessory", {}).get("action_id") == "show_source"]
    assert len(headers) == len(answer.citations)
    for header, citation in zip(headers, answer.citations, strict=True):
        link = (
            f"https://releases.example.org/release/{citation.source}"
            f"?lines={citation.line_start}-{citation.line_end}#L{citation.line_start}-L{citation.line_end}"
        )
        assert header.startswith(f"*[{citation.n}]* <{link}|{citation.source} · ")
    plain = answer_blocks("q", answer, answer_id=7)
    assert "<https://" not in json.dumps(plain)


def assert_within_block_kit(messages: list[list[dict]]) -> None:
    for blocks in messages:
        assert 0 < len(blocks) <= 50
        texts = [b["text"]["text"] for b in blocks if "text" in b]
        assert all(len(t) <= 3000 for t in texts)
        contexts = [b for b in blocks if b["type"] == "context"]
        assert all(len(b["elements"]) <= 10 for b in contexts)
        assert sum(map(len, texts)) + sum(len(e["text"]) for b in contexts for e in b["elements"]) <= 12_000


def test_a_30000_character_answer_is_split_within_limits_and_loses_no_text():
    words = " ".join(f"w{i}" for i in range(6000))  # about 30,000 characters, no separators to hide behind
    assert len(words) >= 30_000
    answer = replace(sample_answer("q"), answer=words)
    messages = answer_messages("q", answer, answer_id=1)
    assert len(messages) >= 3
    assert_within_block_kit(messages)
    shown = " ".join(b["text"]["text"] for m in messages for b in m if b["type"] == "section")
    assert all(f"w{i}" in shown.split() for i in (0, 2999, 5999))
    assert messages[-1][-1]["type"] == "context_actions"


def test_a_60_citation_answer_keeps_every_source_in_order_within_limits():
    cited = sample_answer("q").citations[0]
    answer = replace(sample_answer("q"), citations=tuple(replace(cited, n=n) for n in range(1, 61)))
    messages = answer_messages("q", answer, answer_id=1, source_base_url="https://example.org")
    assert_within_block_kit(messages)
    headers = [b["text"]["text"] for m in messages for b in m if b.get("accessory")]
    assert [h.split("*")[1] for h in headers] == [f"[{n}]" for n in range(1, 61)]


def test_a_hostile_quote_is_shown_literally_in_rich_text_never_as_markup():
    citation = replace(sample_answer("q").citations[0], quote=HOSTILE)
    blocks = citation_blocks(citation, answer_id=1)
    (quote,) = [b for b in blocks if b["type"] == "rich_text"]
    assert quote["elements"] == [{"type": "rich_text_quote", "elements": [{"type": "text", "text": HOSTILE}]}]
