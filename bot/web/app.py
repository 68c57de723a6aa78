"""The source page as a Starlette app: the releases, each release with line numbers and cited lines
highlighted, and a search box that answers as the CLI does. Read-only; file names come from the catalog only."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from bot.qa.pipeline import EmptyQuestionError, ReleaseAnswerer
from bot.web.links import citation_url, release_url
from index.loader import LoadError, decode_bytes, load_document

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
LINES = re.compile(r"^(\d+)(?:-(\d+))?$")
MAX_HIGHLIGHT = 500  # lines one query may highlight


def release_lines(seeds_dir: Path, source: str) -> list[str]:
    """The lines a citation counts in: the file's own (a PDF's as its text was extracted)."""
    path = seeds_dir / source.split("/", 1)[-1]
    if path.suffix.lower() == ".pdf":
        text = load_document(path, seeds_dir).text
    else:
        text, _ = decode_bytes(path, path.read_bytes())
    return [line.rstrip("\r") for line in text.split("\n")]


def highlighted(spec: str | None) -> range:
    """The lines `?lines=12-14` (or `12`) asks to highlight; nothing when malformed."""
    match = LINES.match(spec or "")
    if not match:
        return range(0)
    start = int(match.group(1))
    end = max(start, int(match.group(2) or start))
    return range(start, min(end, start + MAX_HIGHLIGHT) + 1)


def create_web_app(answerer: ReleaseAnswerer, seeds_dir: Path) -> Starlette:
    """The source page over `answerer`'s index; release files are read from `seeds_dir`."""

    def releases(request: Request) -> Response:
        rows = [
            {**asdict(r), "url": release_url("", r.source)}
            for r in sorted(answerer.releases.values(), key=lambda r: r.source)
        ]
        return TEMPLATES.TemplateResponse(request, "releases.html", {"releases": rows, "base": ""})

    def release(request: Request) -> Response:
        source = request.path_params["source"]
        known = answerer.releases.get(source)  # only names the catalog holds: no path reaches other files
        if known is None:
            return Response(
                f"No indexed release is called {source!r}.", status_code=404, media_type="text/plain"
            )
        try:
            lines = release_lines(seeds_dir, source)
        except (OSError, LoadError) as err:
            return Response(f"{source} cannot be read now: {err}", status_code=410, media_type="text/plain")
        context = {
            "release": known,
            "lines": lines,
            "highlighted": set(highlighted(request.query_params.get("lines"))),
            "base": "",
        }
        return TEMPLATES.TemplateResponse(request, "release.html", context)

    def ask(request: Request) -> Response:
        question = request.query_params.get("q", "")
        if not question.strip():
            return RedirectResponse("/", status_code=303)
        try:
            answer = answerer.answer(question)
        except EmptyQuestionError as err:
            return Response(str(err), status_code=400, media_type="text/plain")
        if request.query_params.get("format") == "json":
            return JSONResponse(answer.to_json())
        citations = [
            {**asdict(c), "url": citation_url("", c.source, c.line_start, c.line_end)}
            for c in answer.citations
        ]
        context = {
            "question": question,
            "answer": answer,
            "citations": citations,
            "json_url": f"/ask?format=json&q={quote(question)}",
            "base": "",
        }
        return TEMPLATES.TemplateResponse(request, "answer.html", context)

    return Starlette(
        routes=[
            Route("/", releases),
            Route("/release/{source:path}", release),
            Route("/ask", ask),
        ]
    )


def run_web(answerer: ReleaseAnswerer, seeds_dir: Path, host: str, port: int) -> None:
    """Serve the source page until interrupted."""
    import uvicorn

    uvicorn.run(create_web_app(answerer, seeds_dir), host=host, port=port, log_level="warning")
