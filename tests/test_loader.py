"""Loading real seed files and synthetic txt/md/html/pdf files, including every kind of bad input."""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from index.loader import (
    MAX_FILE_BYTES,
    LoadError,
    SourceDocument,
    body_spans,
    discover_files,
    is_boilerplate,
    load_document,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def body_texts(doc: SourceDocument) -> list[str]:
    return [doc.text[start:end] for start, end in doc.body_spans]


@pytest.fixture(scope="module")
def seed_docs() -> dict[str, SourceDocument]:
    return {path.name[:3]: load_document(path, SEEDS) for path in SEED_FILES}


def test_seed_text_is_the_file_unchanged(seed_docs):
    assert len(seed_docs) == 5
    for doc in seed_docs.values():
        raw = doc.path.read_bytes()
        assert doc.text == raw.decode("utf-8")
        assert doc.encoding == "utf-8"
        assert doc.content_hash == hashlib.sha256(raw).hexdigest()
        assert doc.source == f"seeds/{doc.path.name}"


def test_seed_body_spans_are_file_substrings_on_their_lines(seed_docs):
    for doc in seed_docs.values():
        original = doc.path.read_text(encoding="utf-8")
        file_lines = original.split("\n")
        assert doc.body_spans, doc.source
        for start, end in doc.body_spans:
            span = doc.text[start:end]
            assert span and span == span.strip() and "\n" not in span
            assert span in original
            assert span in file_lines[doc.line_at(start) - 1]
            assert doc.line_at(end - 1) == doc.line_at(start)


def test_seed_boilerplate_is_left_out_of_the_body(seed_docs):
    jiangmen = body_texts(seed_docs["003"])
    assert jiangmen[0] == "Municipal Leaders Lead Teams to Shenzhen to Promote Shen-Jiang Cooperation"
    assert len(jiangmen) == 4
    assert not any("Sitemap" in t or "Hot Links" in t or "All Rights Reserved" in t for t in jiangmen)
    assert "Copyright Jiangmen Municipal People's Government" in seed_docs["003"].text  # text untouched
    assert not any("youtube.com" in t for t in body_texts(seed_docs["000"]))
    assert body_texts(seed_docs["004"])[-1].startswith("Auf der Konferenz wurde das Zhejiang Businessmen")


def test_page_residue_is_cut_from_the_line_start_only(seed_docs):
    doc = seed_docs["002"]
    residue_line = next(t for t in doc.text.split("\n") if t.startswith("张开剩余85%"))
    rest = residue_line.removeprefix("张开剩余85%")
    assert rest in body_texts(doc)
    assert not any("剩余85%" in t for t in body_texts(doc))
    assert not any(t.startswith("发布于") for t in body_texts(doc))


def test_line_at_counts_lines_of_the_original_file(seed_docs):
    doc = seed_docs["000"]
    offset = doc.text.index("The conference signed 74 cooperation projects")
    assert doc.line_at(offset) == 9
    assert doc.line_at(0) == 1
    assert doc.line_at(len(doc.text)) == doc.text.count("\n") + 1


@pytest.mark.parametrize(
    "line, boilerplate",
    [
        ("Briefing of This Website : Sitemap | About Us | Contact Us", True),
        ("Hot Links : China Daily | China Vista", True),
        ("首页 | 新闻中心 | 政务公开 | 互动交流", True),
        ("Copyright © 2024 Example Corp. All rights reserved.", True),
        ("https://www.youtube.com/watch?v=abc", True),
        ("Back to top", True),
        ("* * *", True),
        ("| Year | Projects signed |", False),  # Markdown table row
        ("Quelle: Stadtverwaltung der Stadt Baise", True),
        ("Source: Jiangxi Provincial Department of Commerce", True),
        (
            "Source: the ministry said that 19 projects were signed, worth 20 billion yuan in all, more than last year.",
            False,
        ),
        (
            "The conference signed 74 projects | worth 64.13 billion yuan, mainly in electronics and energy.",
            False,
        ),
    ],
)
def test_boilerplate_lines(line, boilerplate):
    assert is_boilerplate(line) is boilerplate


def test_body_spans_skip_blank_lines_and_trim_whitespace():
    text = "  Headline  \r\n\r\n\tBody line one.\r\n   \r\nhttp://example.com/x\r\n"
    assert [text[s:e] for s, e in body_spans(text)] == ["Headline", "Body line one."]


def test_discover_files_is_sorted_recursive_and_skips_hidden(tmp_path):
    root = tmp_path / "seeds"
    for name in ["b.txt", "a.MD", "sub/c.html", "sub/d.pdf", ".hidden.txt", ".cache/e.txt", "notes.docx"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    found = [p.relative_to(root).as_posix() for p in discover_files(root)]
    assert found == ["a.MD", "b.txt", "sub/c.html", "sub/d.pdf"]
    with pytest.raises(LoadError, match="not a directory"):
        discover_files(root / "missing")


def test_nested_file_source_name(tmp_path):
    path = tmp_path / "seeds" / "2025" / "release.md"
    path.parent.mkdir(parents=True)
    path.write_text("# Title\n\nBody text here.\n", encoding="utf-8")
    doc = load_document(path, tmp_path / "seeds")
    assert doc.source == "seeds/2025/release.md"
    assert doc.text == "# Title\n\nBody text here.\n"  # Markdown markers stay in the text
    assert body_texts(doc) == ["# Title", "Body text here."]


GB_TEXT = "江门市人民政府\n\n2025年3月24日，江西省商务厅召开新闻发布会，签约项目83个。\n"


def test_gb18030_chinese_is_detected(tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes(GB_TEXT.encode("gb18030"))
    doc = load_document(path, tmp_path)
    assert doc.encoding == "gb18030"
    assert doc.text == GB_TEXT
    assert doc.content_hash == hashlib.sha256(GB_TEXT.encode("gb18030")).hexdigest()


def test_utf8_bom_is_removed_and_lines_still_count(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line\nSecond line\n")
    doc = load_document(path, tmp_path)
    assert doc.encoding == "utf-8-sig"
    assert doc.text == "First line\nSecond line\n"
    assert doc.line_at(doc.text.index("Second")) == 2


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Über die Konferenz\n".encode("utf-16"))
    doc = load_document(path, tmp_path)
    assert doc.text == "Über die Konferenz\n" and doc.encoding == "utf-16"


HTML_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>Site title</title><script>var nav = "Home | News";</script><style>p {color: red}</style></head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<div class="breadcrumb">Home &gt; News &gt; Release</div>
<header>Jiangmen Municipal People's Government</header>
<h1>Leaders visit Shenzhen &amp; Tencent</h1>
<div class="content">
<p>Recently, the delegation visited
   Shenzhen and signed 12&nbsp;projects.</p>
<p>签约项目<b>83</b>个，总金额450亿元。</p>
</div>
<div id="share-bar">Share to WeChat</div>
<div class="copyright">Copyright Jiangmen Municipal People's Government All Rights Reserved</div>
<footer>Sitemap | About Us | Contact Us</footer>
</body></html>
"""


def test_html_visible_text_lines_and_raw_line_numbers(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(HTML_PAGE.encode("gb18030"))
    doc = load_document(path, tmp_path)
    assert doc.encoding == "gb18030"  # declared gb2312, decoded with its superset
    assert doc.text.split("\n") == [
        "Leaders visit Shenzhen & Tencent",
        "Recently, the delegation visited Shenzhen and signed 12 projects.",  # &nbsp; is a space
        "签约项目83个，总金额450亿元。",
        "Copyright Jiangmen Municipal People's Government All Rights Reserved",
    ]
    for dropped in ("var nav", "color: red", "Home", "Share to WeChat", "Sitemap", "Site title"):
        assert dropped not in doc.text
    assert len(doc.body_spans) == 3  # the copyright line stays in text but is not body
    raw_lines = HTML_PAGE.split("\n")
    for needle in ("Leaders visit", "Recently", "Shenzhen and signed", "签约项目", "Copyright"):
        assert needle.split()[0] in raw_lines[doc.line_at(doc.text.index(needle)) - 1]


def test_html_utf8_without_declared_charset(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text("<p>Première ligne</p><p>Zweite Zeile: Grüße</p>", encoding="utf-8")
    doc = load_document(path, tmp_path)
    assert doc.encoding == "utf-8"
    assert doc.text == "Première ligne\nZweite Zeile: Grüße"


def make_pdf(path: Path, pages: list[list[str]], encrypt: str | None = None) -> None:
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    for lines in pages:
        for i, line in enumerate(lines):
            pdf.drawString(72, 720 - 20 * i, line)
        pdf.showPage()
    pdf.save()


def test_pdf_text_is_extracted_per_page(tmp_path):
    path = tmp_path / "release.pdf"
    make_pdf(path, [["Jiangxi signs 83 projects", "Total 45.046 billion yuan"], ["Second page text"]])
    doc = load_document(path, tmp_path)
    assert doc.encoding == "pdf"
    lines = doc.text.split("\n")
    assert [line for line in lines if line] == [
        "Jiangxi signs 83 projects",
        "Total 45.046 billion yuan",
        "Second page text",
    ]
    assert doc.line_at(doc.text.index("Second page")) == lines.index("Second page text") + 1 > 2
    assert body_texts(doc)[1] == "Total 45.046 billion yuan"


def assert_load_error(path: Path, root: Path, reason: str) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load_document(path, root)
    err = caught.value
    assert err.path == path
    assert str(err) == f"{path}: {err.reason}"
    assert "\n" not in str(err)
    assert reason in err.reason
    return err


def test_encrypted_and_corrupt_pdfs(tmp_path):
    locked = tmp_path / "locked.pdf"
    make_pdf(locked, [["secret text"]], encrypt="s3cret")
    assert_load_error(locked, tmp_path, "encrypted PDF")
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    assert_load_error(corrupt, tmp_path, "PDF")
    blank = tmp_path / "blank.pdf"
    make_pdf(blank, [[]])
    assert_load_error(blank, tmp_path, "no extractable text")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("spaces.md", b" \n\t\r\n  ", "empty file"),
        ("binary.txt", b"PK\x03\x04\x00\x00binary\x00data", "binary file"),
        ("nul.html", b"<p>text</p>\x00", "binary file"),
        ("undecodable.txt", random.Random(1).randbytes(3000).replace(b"\x00", b"\x80"), "cannot decode"),
        ("only-nav.txt", b"Sitemap | About Us | Contact Us\nhttps://example.com\n", "no release text"),
        ("empty.html", b"<html><body><script>x=1</script></body></html>", "empty file"),
        ("release.docx", b"some text", "unsupported file type"),
    ],
)
def test_bad_input_gives_a_one_line_load_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    assert_load_error(path, tmp_path, reason)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk and would be all NULs if read
    assert_load_error(path, tmp_path, "file too large")


def test_missing_file_and_directory(tmp_path):
    assert_load_error(tmp_path / "gone.txt", tmp_path, "file not found")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert_load_error(folder, tmp_path, "not a regular file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("secret")
    path.chmod(0)
    try:
        assert_load_error(path, tmp_path, "permission denied")
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_as_text_not_binary(tmp_path, encoding):
    text = "Nanning, May 6, 2025 -- 12 projects were signed at the fair.\nÜber 3,5 Mrd. Yuan.\n"
    path = tmp_path / "release.txt"
    path.write_bytes(text.encode(encoding))
    doc = load_document(path, tmp_path)
    assert doc.text == text and doc.encoding == encoding


def test_binary_with_nul_bytes_is_still_refused(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(bytes(range(256)) * 4)
    assert_load_error(path, tmp_path, "binary")
