"""Block Kit rendering for Slack: escaped mrkdwn, numbered sources, buttons, split within Slack's limits."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answers import Answer, Citation
from bot.web.links import citation_url

SECTION_TEXT_LIMIT = 3000  # Block Kit: section text
MAX_BLOCKS_PER_MESSAGE = 50  # Block Kit: blocks in one message
MAX_CONTEXT_ELEMENTS = 10  # Block Kit: elements in one context block
MESSAGE_TEXT_LIMIT = 12_000  # Block Kit: text across one message's blocks
MAX_MODAL_BLOCKS = 100  # Block Kit: blocks in a modal
MODAL_TITLE_LIMIT = 24  # Block Kit: a modal's title
FALLBACK_TEXT_LIMIT = 3000  # notification text; Slack truncates long `text` anyway
TITLE_LIMIT = 300  # keeps a citation header well inside one section
QUESTION_LIMIT = 1000

PLACEHOLDER_TEXT = "⏳ Looking it up…"
ERROR_TEXT = "⚠️ Sorry, something went wrong while answering. Please try again in a moment."
NOT_IN_CHANNEL_TEXT = "I can't post in this channel: invite me with `/invite`, or ask me in a direct message."
NOT_ALLOWED_TEXT = "I don't answer in this channel."
FEEDBACK_THANKS_TEXT = "Thanks for the feedback!"
SOURCE_GONE_TEXT = "That source is no longer available."
ANSWER_GONE_TEXT = "That answer is no longer available."

SHOW_SOURCE_ACTION = "show_source"
FEEDBACK_ACTION = "answer_feedback"  # Slack's native feedback buttons; each value is "up:<id>" or "down:<id>"

_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ENTITY_TAIL = re.compile(r"&[a-z]{0,3}$")  # a cut must not split "&amp;", "&lt;" or "&gt;"


def escape_mrkdwn(text: str) -> str:
    """Escape &, < and > so echoed text can't mention anyone (<!channel>, <@U…>) or rewrite a link."""
    for raw, entity in _ESCAPES:
        text = text.replace(raw, entity)
    return text


def _safe_cut(escaped: str, limit: int) -> int:
    """The largest cut ≤ limit that splits no entity, preferring a line break, then a space."""
    if len(escaped) <= limit:
        return len(escaped)
    for sep in ("\n", " "):
        cut = escaped.rfind(sep, limit // 2, limit)
        if cut > 0:
            return cut + 1
    tail = _ENTITY_TAIL.search(escaped[:limit])
    return tail.start() if tail and tail.start() > 0 else limit


def split_text(escaped: str, limit: int = SECTION_TEXT_LIMIT) -> list[str]:
    """Split already-escaped text into non-empty pieces of at most `limit` characters."""
    pieces = []
    while escaped:
        cut = _safe_cut(escaped, limit)
        piece, escaped = escaped[:cut].rstrip(), escaped[cut:].lstrip()
        if piece:
            pieces.append(piece)
    return pieces


def truncate(escaped: str, limit: int) -> str:
    """Shorten already-escaped text to at most `limit` characters, ending in an ellipsis."""
    if len(escaped) <= limit:
        return escaped
    return escaped[: _safe_cut(escaped, limit - 1)].rstrip() + "…"


def section_blocks(escaped: str) -> list[dict]:
    """Mrkdwn section blocks for already-escaped text, split at the section text limit."""
    return [{"type": "section", "text": {"type": "mrkdwn", "text": piece}} for piece in split_text(escaped)]


def context_block(escaped_texts: Sequence[str]) -> dict:
    """A context block; texts past the element limit are merged into the last element."""
    texts = [t for t in escaped_texts if t]
    if len(texts) > MAX_CONTEXT_ELEMENTS:
        keep = MAX_CONTEXT_ELEMENTS - 1
        texts = texts[:keep] + [truncate(" · ".join(texts[keep:]), SECTION_TEXT_LIMIT)]
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in texts]}


def _text_size(block: dict) -> int:
    """Characters of text a block carries (section, context and rich-text texts)."""
    texts = [block.get("text", {}).get("text", "")] + [e.get("text", "") for e in block.get("elements", [])]
    texts += [t.get("text", "") for e in block.get("elements", []) for t in e.get("elements", [])]
    return sum(len(t) for t in texts if isinstance(t, str))


def split_messages(blocks: Sequence[dict]) -> list[list[dict]]:
    """Group blocks into messages of at most MAX_BLOCKS_PER_MESSAGE blocks and MESSAGE_TEXT_LIMIT characters
    of text each, in order."""
    messages: list[list[dict]] = [[]]
    size = 0
    for block in blocks:
        grows = _text_size(block)
        if messages[-1] and (
            len(messages[-1]) >= MAX_BLOCKS_PER_MESSAGE or size + grows > MESSAGE_TEXT_LIMIT
        ):
            messages.append([])
            size = 0
        messages[-1].append(block)
        size += grows
    return messages


def _button(text: str, action_id: str, value: str) -> dict:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_id": action_id,
        "value": value,
    }


def _citation_header(citation: Citation, source_base_url: str = "") -> str:
    """`*[n]* `file` · lines a–b` then the title and publisher · date, all escaped; with a source page,
    the file and lines link to the cited lines there."""
    name = escape_mrkdwn(citation.source)  # "seeds/<file>", as the CLI cites it: what users grep for
    lines = f"line {citation.line_start}"
    if citation.line_end != citation.line_start:
        lines = f"lines {citation.line_start}–{citation.line_end}"
    where = f"`{name}` · {lines}"
    if source_base_url:
        url = citation_url(source_base_url, citation.source, citation.line_start, citation.line_end)
        where = f"<{_link_target(url)}|{name} · {lines}>"
    meta = " · ".join(escape_mrkdwn(part) for part in (citation.publisher, citation.date) if part)
    title = truncate(escape_mrkdwn(citation.title), TITLE_LIMIT)
    return "\n".join(part for part in (f"*[{citation.n}]* {where}", f"*{title}*", meta) if part)


def _link_target(url: str) -> str:
    """A URL as the target of a mrkdwn link: &, < and > escaped, and | (which ends the target) encoded."""
    return escape_mrkdwn(url).replace("|", "%7C")


def _quote_blocks(text: str) -> list[dict]:
    """Text on one line as block-quoted sections; whitespace is folded so one ">" quotes each piece."""
    escaped = escape_mrkdwn(" ".join(text.split()))
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": f">{piece}"}}
        for piece in split_text(escaped, SECTION_TEXT_LIMIT - 1)
    ]


def rich_quote_blocks(text: str) -> list[dict]:
    """A quote as rich-text quote blocks, whitespace folded: rich text is shown literally (no mention, link or
    markup in a release can act), so the quote needs no escaping and reads exactly as in the release."""
    return [
        {
            "type": "rich_text",
            "elements": [{"type": "rich_text_quote", "elements": [{"type": "text", "text": piece}]}],
        }
        for piece in split_text(" ".join(text.split()), SECTION_TEXT_LIMIT)
    ]


def citation_blocks(citation: Citation, answer_id: int, source_base_url: str = "") -> list[dict]:
    """A source: its header with a "Show source" button, then its quote as a rich-text quote."""
    header = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": _citation_header(citation, source_base_url)},
        "accessory": _button("Show source", SHOW_SOURCE_ACTION, f"{answer_id}:{citation.n}"),
    }
    return [header] + rich_quote_blocks(citation.quote)


def feedback_block(answer_id: int) -> dict:
    """Slack's feedback buttons (👍 / 👎) in a context_actions block; each value names the stored answer."""
    return {
        "type": "context_actions",
        "elements": [
            {
                "type": "feedback_buttons",
                "action_id": FEEDBACK_ACTION,
                "positive_button": {
                    "text": {"type": "plain_text", "text": "👍"},
                    "value": f"up:{answer_id}",
                    "accessibility_label": "This answer was helpful",
                },
                "negative_button": {
                    "text": {"type": "plain_text", "text": "👎"},
                    "value": f"down:{answer_id}",
                    "accessibility_label": "This answer was not helpful",
                },
            }
        ],
    }


def feedback_of(value: str) -> tuple[str, int] | None:
    """("up" | "down", answer id) from a feedback button's value; None when it is not one of ours."""
    kind, _, raw_id = value.partition(":")
    return (kind, int(raw_id)) if kind in ("up", "down") and raw_id.isdigit() else None


def answer_blocks(
    question: str, answer: Answer, answer_id: int, asker: str | None = None, source_base_url: str = ""
) -> list[dict]:
    """Every block of an answer: question, answer text, numbered sources (linked to the source page when
    there is one), feedback buttons."""
    # `asker` is a user ID from Slack's payload, never user text, so its mention is safe to emit.
    lead = f"*Q* from <@{asker}>:" if asker else "*Q:*"
    blocks = section_blocks(f"{lead} {truncate(escape_mrkdwn(question), QUESTION_LIMIT)}")
    blocks += section_blocks(escape_mrkdwn(answer.answer) or "_(no answer text)_")
    if answer.citations:
        blocks += [{"type": "divider"}] + section_blocks("*Sources*")
        for citation in answer.citations:
            blocks += citation_blocks(citation, answer_id, source_base_url)
    count = len(answer.citations)
    took = f"{answer.latency_ms:.0f} ms" if answer.latency_ms < 1000 else f"{answer.latency_ms / 1000:.1f} s"
    notes = [f"{count} source{'s' if count != 1 else ''}", took]
    if not answer.found:
        notes.insert(0, "not found in the releases")
    return blocks + [context_block(notes), feedback_block(answer_id)]


def answer_messages(
    question: str, answer: Answer, answer_id: int, asker: str | None = None, source_base_url: str = ""
) -> list[list[dict]]:
    """An answer's blocks split into as many messages as Block Kit's limits require."""
    return split_messages(answer_blocks(question, answer, answer_id, asker, source_base_url))


def source_view(citation: Citation) -> dict:
    """The "Show source" modal: the citation's header, then its passage with the neighbouring sentences, the
    quoted one in bold."""
    passage = escape_mrkdwn(" ".join((citation.context or citation.quote).split()))
    quote = escape_mrkdwn(" ".join(citation.quote.split()))
    marked = passage.replace(quote, f"*{quote}*", 1) if quote in passage else f"*{quote}*"
    blocks = section_blocks(_citation_header(citation)) + [
        {"type": "section", "text": {"type": "mrkdwn", "text": f">{piece}"}}
        for piece in split_text(marked, SECTION_TEXT_LIMIT - 1)
    ]
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": f"Source [{citation.n}]"[:MODAL_TITLE_LIMIT]},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": blocks[:MAX_MODAL_BLOCKS],
    }


def source_messages(citation: Citation) -> list[list[dict]]:
    """The "Show source" reply: the citation header and its context (the quote with neighbours)."""
    return split_messages(
        section_blocks(_citation_header(citation)) + _quote_blocks(citation.context or citation.quote)
    )


def fallback_text(answer: Answer) -> str:
    """The plain `text` of an answer message, shown in notifications."""
    return truncate(escape_mrkdwn(answer.answer) or "(no answer text)", FALLBACK_TEXT_LIMIT)


def help_text(slash_command: str) -> str:
    """The short reply to an empty question."""
    return (
        "Ask me about the investment and trade releases, for example "
        f"`{escape_mrkdwn(slash_command)} total signed in 2025`, or mention me with a question. "
        "Reply in my thread for follow-ups like _and in 2024?_"
    )
