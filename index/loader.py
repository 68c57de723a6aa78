"""Load release files (txt, md, html, pdf) into text with body spans and original line numbers."""

from __future__ import annotations

import bisect
import codecs
import hashlib
import html
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import pypdf
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

MAX_FILE_BYTES = 20 * 1024 * 1024
# UTF-16 without a BOM is recognised when at least this share of its code units have a NUL high byte.
UTF16_NUL_SHARE = 0.3
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
HTML_SUFFIXES = (".html", ".htm")


class LoadError(Exception):
    """One clear line naming the file: str(err) == f"{path}: {reason}"."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = " ".join(str(reason).split())  # one line, whatever the underlying error said
        super().__init__(f"{self.path}: {self.reason}")

    def __reduce__(self):  # survives the trip back from a worker process
        return LoadError, (self.path, self.reason)


@dataclass(frozen=True)
class SourceDocument:
    """A loaded release: `text` to quote from, which spans of it are body, and where they sit in the file."""

    path: Path
    source: str  # display name used in citations: f"{root.name}/{relative path}"
    text: str
    body_spans: tuple[tuple[int, int], ...]  # char spans of `text` that are release body
    content_hash: str  # sha256 hex of the raw bytes
    encoding: str
    # (offset in `text`, 1-based line in the original file) at every point where the mapping changes;
    # empty means `text` has the file's own lines.
    line_map: tuple[tuple[int, int], ...] = field(default=(), repr=False, compare=False)

    def line_at(self, offset: int) -> int:
        """1-based line number in the original file for a char offset of `text`."""
        offset = min(max(offset, 0), len(self.text))
        if not self.line_map:
            return self.text.count("\n", 0, offset) + 1
        index = bisect.bisect_right(self.line_map, offset, key=lambda entry: entry[0]) - 1
        return self.line_map[max(index, 0)][1]


def load_document(path: Path, root: Path) -> SourceDocument:
    """Read, decode and clean one release file; raises LoadError with a one-line reason."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(path, f"unsupported file type {suffix or '(none)'} (supported: {SUPPORTED_SUFFIXES})")
    raw = _read_bytes(path)
    if suffix == ".pdf":
        text, encoding = _pdf_text(path, raw), "pdf"
        line_map = _plain_line_map(text)
    elif suffix in HTML_SUFFIXES:
        markup, encoding = decode_bytes(path, raw, declared=_declared_charset(raw))
        text, line_map = _html_text(markup)
    else:
        text, encoding = decode_bytes(path, raw)
        line_map = _plain_line_map(text)
    if not text.strip():
        raise LoadError(path, "empty file (no text)")
    spans = body_spans(text)
    if not spans:
        raise LoadError(path, "no release text left after removing boilerplate")
    return SourceDocument(
        path=path,
        source=source_name(path, Path(root)),
        text=text,
        body_spans=spans,
        content_hash=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        line_map=line_map,
    )


def discover_files(root: Path, skipped: list[str] | None = None) -> list[Path]:
    """Supported regular files under `root`, recursively, sorted by path; hidden files and folders are left
    out. Symlinked folders are followed once each; FIFOs, sockets and devices are never opened (reading a
    FIFO would wait forever): each is named in `skipped`."""
    root = Path(root)
    if not root.is_dir():
        raise LoadError(root, "not a directory")
    found, seen_folders = [], set()
    for folder, dirnames, filenames in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen_folders:  # a symlink loop, or a folder reached twice
            dirnames[:] = []
            continue
        seen_folders.add(real)
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in filenames:
            path = Path(folder, name)
            if name.startswith(".") or path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if path.is_file() or not path.exists():  # a link to a file is a release; a broken one fails
                found.append(path)
            elif skipped is not None:
                skipped.append(f"{path}: not a regular file (a FIFO, socket or device)")
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def source_name(path: Path, root: Path) -> str:
    """The one name a release is cited by: f"{root's name}/{path below root}", the path as found (a
    symlink is named where it was seen, not where it points)."""
    root = Path(root)
    name = root.name if root.name not in ("", ".", "..") else root.resolve().name
    try:
        relative = Path(path).relative_to(root)
    except ValueError:
        relative = Path(Path(path).name)
    return f"{name}/{relative.as_posix()}"


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise LoadError(path, "file not found") from None
    except OSError as exc:
        raise LoadError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not path.is_file():
        raise LoadError(path, "not a regular file")
    if size > MAX_FILE_BYTES:  # checked before reading so a huge file never lands in memory
        raise LoadError(path, f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise LoadError(path, "cannot read file (permission denied)") from None
    except OSError as exc:
        raise LoadError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not raw.strip():
        raise LoadError(path, "empty file (no text)")
    return raw


# --- decoding ---------------------------------------------------------------------------------

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# GB2312 and GBK are subsets of GB18030; decoding with the superset spares errors on rarer characters.
GB_FAMILY = frozenset({"gb2312", "gbk", "cp936", "gb18030", "euc_cn"})
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
META_SCAN_BYTES = 4096


def decode_bytes(path: Path, raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode text bytes: BOM, then UTF-8, then a declared charset, then charset-normalizer's guess."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                raise LoadError(path, f"cannot decode text (tried {encoding} from its BOM)") from None
    if b"\x00" in raw:
        encoding = _bomless_utf16(raw)
        if encoding is None:
            raise LoadError(path, "binary file (contains NUL bytes), not text")
        return raw.decode(encoding), encoding
    tried = []
    for encoding in ("utf-8", _canonical_encoding(declared)):
        if encoding and encoding not in tried:
            tried.append(encoding)
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                pass
    best = charset_normalizer.from_bytes(raw).best()
    guess = _canonical_encoding(best.encoding) if best else None
    # UTF-16/32 text without a BOM has NUL bytes (checked above) unless it is all CJK; a guess of it for
    # NUL-free bytes is almost always garbage read as Hangul or Han.
    if guess and guess.replace("_", "-").startswith(("utf-16", "utf-32")):
        tried.append(guess)
        guess = None
    if guess:
        try:
            return raw.decode(guess), guess
        except UnicodeDecodeError:
            tried.append(guess)
    raise LoadError(path, f"cannot decode text (tried {', '.join(tried)}, charset detection)")


def _bomless_utf16(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL-bearing bytes are UTF-16 text without a BOM: Latin script puts a
    NUL in every other byte, on one side only; the decoded text must then be printable."""
    if len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    half = len(raw) // 2
    if odd >= UTF16_NUL_SHARE * half and even == 0:
        encoding = "utf-16-le"
    elif even >= UTF16_NUL_SHARE * half and odd == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding if all(ch.isprintable() or ch in "\r\n\t" for ch in text) else None


def _canonical_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if canonical.replace("-", "_") in GB_FAMILY else canonical


def _declared_charset(raw: bytes) -> str | None:
    match = META_CHARSET.search(raw[:META_SCAN_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


# --- body spans -------------------------------------------------------------------------------

COPYRIGHT = re.compile(
    r"^(?:copyright\b|©|\(c\)\s)|all rights reserved|版权所有|alle rechte vorbehalten", re.I
)
BARE_URL = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.I)
# "Hot Links : A | B": a short label before a bar of links
LINK_BAR_LABEL = re.compile(r"^[^|｜:：]{1,40}[:：]\s*")
LINK_SEPARATOR = re.compile(r"\s*[|｜]\s*")
LINK_LABEL_MAX_CHARS = 30
LINK_LABEL_MAX_WORDS = 5
LINK_BAR_SHORT_SHARE = 0.75  # "mostly" short labels
# "展开剩余85%" is left where a "read more" button was; the text after it on the line is content
PAGE_RESIDUE = re.compile(r"^\S{0,3}剩余\s*\d{1,3}\s*%\s*")
PAGE_CHROME = re.compile(r"^(?:责任编辑|发布于|扫一扫|分享到|返回顶部|打印本页|关闭窗口)")
# "Quelle: Stadtverwaltung Baise", "Source: Xinhua": an attribution line names the publisher (metadata
# reads it from `text`) but answers nothing, so it is not body.
ATTRIBUTION = re.compile(r"^(?:quelle|source|sources|来源|来源于)\s*[:：]\s*\S.{0,80}$", re.I)
NAV_LABELS = frozenset(
    {"home", "sitemap", "site map", "contact us", "about us", "back to top", "print", "share", "close",
     "skip to content", "skip to main content", "menu", "search", "top"}
)  # fmt: skip


def body_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Char spans of the lines of `text` that are release body: no blank, navigation or footer lines."""
    spans = []
    start = 0
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip())
        content = line.strip()
        if content and not is_boilerplate(content):
            residue = PAGE_RESIDUE.match(content)
            skip = residue.end() if residue else 0
            if skip < len(content):
                spans.append((start + lead + skip, start + lead + len(content)))
        start += len(line) + 1
    return tuple(spans)


def is_boilerplate(line: str) -> bool:
    """True for a stripped line that is site chrome rather than release content."""
    return (
        not any(ch.isalnum() for ch in line)
        or line.lower().rstrip(" .:>»") in NAV_LABELS
        or bool(COPYRIGHT.search(line) or BARE_URL.match(line) or PAGE_CHROME.match(line))
        or bool(ATTRIBUTION.match(line))
        or _is_link_bar(line)
    )


def _is_link_bar(line: str) -> bool:
    if line.startswith(("|", "｜")):  # a Markdown table row is content
        return False
    labels = [label for label in LINK_SEPARATOR.split(LINK_BAR_LABEL.sub("", line, count=1)) if label]
    if len(labels) < 2:
        return False
    short = [
        label
        for label in labels
        if len(label) <= LINK_LABEL_MAX_CHARS
        and len(label.split()) <= LINK_LABEL_MAX_WORDS
        and not label.endswith((".", "。"))
    ]
    return len(short) >= LINK_BAR_SHORT_SHARE * len(labels)


# --- line maps --------------------------------------------------------------------------------


def _plain_line_map(text: str) -> tuple[tuple[int, int], ...]:
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    return tuple((offset, number) for number, offset in enumerate(starts, start=1))


# --- PDF --------------------------------------------------------------------------------------


def _pdf_text(path: Path, raw: bytes) -> str:
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):  # many PDFs are encrypted with an empty password
            raise LoadError(path, "encrypted PDF (password required)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except LoadError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; all mean "can't read it"
        raise LoadError(path, f"cannot read PDF ({type(exc).__name__}: {exc})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise LoadError(path, "PDF has no extractable text (scanned image?)")
    return text


# --- HTML -------------------------------------------------------------------------------------

DROP_TAGS = ("head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
             "iframe", "svg", "button", "select")  # fmt: skip
NOISE_ATTR = re.compile(r"(?:^|[\s_-])(?:nav|menu|footer|breadcrumb|sidebar|share|sharing)", re.I)
BLOCK_TAGS = frozenset(
    "address article blockquote caption dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 li main ol p pre "
    "section table tbody td tfoot th thead tr ul body html".split()
)
LINE_BREAK_TAGS = frozenset({"br", "hr"})
WHITESPACE = re.compile(r"\s+")
LOCATE_TOKEN_CHARS = 20


def _html_text(markup: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Visible text, one line per block element, with a map back to lines of the raw markup."""
    soup = BeautifulSoup(markup, "html.parser")
    _drop_noise(soup)
    locator = _RawLocator(markup)
    blocks: list[list[tuple[str, int]]] = [[]]
    current_block = None
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in LINE_BREAK_TAGS:
                blocks.append([])
            continue
        if isinstance(node, PreformattedString) or not isinstance(node, NavigableString):
            continue  # comments, doctype, CDATA
        block = next((p for p in node.parents if p.name in BLOCK_TAGS), None)
        if block is not current_block:
            blocks.append([])
            current_block = block
        first_line = locator.line_of(str(node), node.parent)
        blocks[-1] += [(part, first_line + i) for i, part in enumerate(str(node).split("\n"))]
    return _join_blocks(blocks)


def _drop_noise(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        marks = " ".join([*tag.get("class", []), tag.get("id", "")])
        if tag.name in DROP_TAGS or NOISE_ATTR.search(marks):
            tag.decompose()


def _join_blocks(blocks: list[list[tuple[str, int]]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    text, line_map = "", []
    for pieces in blocks:
        line, marks = "", []
        for piece, source_line in pieces:
            piece = WHITESPACE.sub(" ", piece)  # entities were decoded by the parser
            if not line or line.endswith(" "):
                piece = piece.lstrip()
            if piece:
                marks.append((len(line), source_line))
                line += piece
        line = line.rstrip()
        if not line:
            continue
        if text:
            text += "\n"
        line_map += [(len(text) + offset, source_line) for offset, source_line in marks]
        text += line
    return text, tuple(line_map)


class _RawLocator:
    """Finds where a text node sits in the raw markup, scanning forward as the document is walked."""

    def __init__(self, markup: str):
        self.markup = markup
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", markup)]
        self.cursor = 0

    def line_of(self, text: str, parent: Tag) -> int:
        """1-based raw line where `text` (a node under `parent`) starts."""
        parent_line = parent.sourceline or 1
        token = text.split()[0][:LOCATE_TOKEN_CHARS] if text.split() else ""
        start = max(self.cursor, self.line_starts[parent_line - 1] + (parent.sourcepos or 0))
        for candidate in filter(None, (token, html.escape(token, quote=False))):
            found = self.markup.find(candidate, start)
            if found >= 0:
                self.cursor = found + len(candidate)
                leading_newlines = text[: len(text) - len(text.lstrip())].count("\n")
                return bisect.bisect_right(self.line_starts, found) - leading_newlines
        return parent_line
