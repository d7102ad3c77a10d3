"""Every supported format and every kind of bad input, with real files."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from ingest.loaders import read_file
from ingest.model import IngestError
from ingest.pipeline import load_paths

TEXT = "社区协商议事会每月召开一次，由社区党组织书记主持。"
MB = 1024 * 1024


def _load(path: Path, max_mb: float = 50) -> str:
    return read_file(path, int(max_mb * MB))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_text_encodings_are_detected(tmp_path, encoding):
    p = tmp_path / f"doc-{encoding}.txt"
    p.write_bytes(TEXT.encode(encoding))
    assert _load(p) == TEXT


def test_markdown_and_html(tmp_path):
    (tmp_path / "a.md").write_text("# 标题\n" + TEXT, encoding="utf-8")
    assert TEXT in _load(tmp_path / "a.md")
    html = f"<html><head><script>alert(1)</script></head><body><nav>导航</nav><article><h1>标题</h1><p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    out = _load(tmp_path / "a.html")
    assert TEXT in out and "alert" not in out


def test_docx(tmp_path):
    d = docx.Document()
    d.add_heading("一、工作目标", level=1)
    d.add_paragraph(TEXT)
    d.save(tmp_path / "a.docx")
    out = _load(tmp_path / "a.docx")
    assert "一、工作目标" in out and TEXT in out


def _pdf_with_text(text: str) -> bytes:
    """A minimal one-page PDF with a real text layer (Helvetica, ASCII)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def test_pdf_with_text_layer(tmp_path):
    (tmp_path / "a.pdf").write_bytes(_pdf_with_text("Community consultation meets monthly."))
    assert "consultation" in _load(tmp_path / "a.pdf")


def test_scanned_pdf_without_text_layer(tmp_path):
    w = PdfWriter()
    w.add_blank_page(width=612, height=792)
    with open(tmp_path / "scan.pdf", "wb") as f:
        w.write(f)
    with pytest.raises(IngestError, match="扫描件，无文字层"):
        _load(tmp_path / "scan.pdf")


def test_encrypted_pdf(tmp_path):
    w = PdfWriter()
    w.add_blank_page(width=612, height=792)
    w.encrypt("secret")
    with open(tmp_path / "locked.pdf", "wb") as f:
        w.write(f)
    with pytest.raises(IngestError, match="加密"):
        _load(tmp_path / "locked.pdf")


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "空文件"),
    ("blank.txt", b"   \n\n  ", "没有可用的文字"),
    ("binary.txt", bytes(range(256)) * 20, "二进制"),
    ("latin.txt", bytes([0x81, 0x30]) * 3 + b"\xff\xfe\xfd" * 50, "编码"),
    ("broken.docx", b"PK\x03\x04 this is not a real zip", "Word 文件已损坏"),
    ("broken.pdf", b"%PDF-1.4\n garbage garbage", "PDF"),
    ("prog.exe", b"MZ\x90\x00", "不支持的文件类型"),
])
def test_bad_input_gives_clear_reason(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(IngestError) as e:
        _load(p)
    assert reason in e.value.reason and e.value.path == name


def test_oversized_file_rejected(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(TEXT.encode() * 50000)  # ~3.6 MB
    with pytest.raises(IngestError, match="文件过大"):
        _load(p, max_mb=1)


def test_bad_files_do_not_stop_good_ones(tmp_path):
    (tmp_path / "good.txt").write_text("标题\n" + TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    res = load_paths([tmp_path], 50 * MB)
    assert [d.doc_id for d in res.documents] == ["good.txt"]
    assert sorted(e.path for e in res.errors) == ["broken.docx", "empty.txt"]


def test_symlink_outside_root_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(TEXT, encoding="utf-8")
    root = tmp_path / "lib"
    root.mkdir()
    (root / "link.txt").symlink_to(outside)
    res = load_paths([root], 50 * MB)
    assert not res.documents and "符号链接" in res.errors[0].reason
