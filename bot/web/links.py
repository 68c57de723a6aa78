"""Links to the source page: a release at the lines a citation names."""

from __future__ import annotations

from urllib.parse import quote


def release_url(base: str, source: str) -> str:
    """The page of a release ("seeds/004.txt" -> BASE/release/seeds/004.txt)."""
    return f"{base.rstrip('/')}/release/{quote(source)}"


def citation_url(base: str, source: str, line_start: int, line_end: int) -> str:
    """The page of a release with lines line_start..line_end highlighted (by the query, which works without
    JavaScript, and by the fragment, which the page also scrolls to)."""
    return f"{release_url(base, source)}?lines={line_start}-{line_end}#L{line_start}-L{line_end}"
