"""Read .txt/.md/.html/.docx/.pdf files into raw text, with encoding detection.

Every failure raises IngestError with a Chinese reason naming the problem.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .model import IngestError

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}
# A .docx whose members inflate past this is treated as a zip bomb.
MAX_DOCX_INFLATED = 200 * 1024 * 1024


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name)
    if b"\x00" in data:
        raise IngestError(name, "文件含有二进制内容（NUL 字节），不是文本文件")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise IngestError(name, "无法识别文本编码（既不是 UTF-8，也不是 GBK/GB18030）") from None
    if _looks_binary(text):
        raise IngestError(name, "文件内容不像文本（可能是二进制文件）")
    return text


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise IngestError(name, f"文件声明为 {encoding.upper()} 编码，但内容无法解码") from None


def _looks_binary(text: str) -> bool:
    # GB18030 decodes almost any byte string; real text is mostly CJK, ASCII and punctuation.
    sample = text[:4000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad > max(4, len(sample) // 50)


def load_html(data: bytes, name: str) -> str:
    html = decode_text(data, name)
    import trafilatura  # imported lazily: slow, and only needed for HTML

    text = trafilatura.extract(html, include_comments=False, include_tables=True,
                               favor_recall=True)
    if not text:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(html)
        for bad in tree.xpath("//script|//style|//iframe|//noscript"):
            bad.drop_tree()
        text = tree.text_content()
    return text or ""


def load_docx(data: bytes, name: str) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        inflated = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile:
        raise IngestError(name, "Word 文件已损坏（不是有效的 .docx 压缩包）") from None
    if inflated > MAX_DOCX_INFLATED:
        raise IngestError(name, "Word 文件解压后过大，疑似压缩炸弹，已拒绝")
    import docx

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError/ValueError/lxml errors on broken parts
        raise IngestError(name, f"Word 文件已损坏，无法读取（{type(e).__name__}）") from None
    lines = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            lines.append("　".join(c.text.strip() for c in row.cells))
    return "\n".join(lines)


def load_pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError(name, "PDF 已加密（设有密码），无法读取")
        pages = [p.extract_text() or "" for p in reader.pages]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise IngestError(name, f"PDF 文件已损坏，无法读取（{type(e).__name__}）") from None
    text = "\n".join(pages)
    if pages and not text.strip():
        raise IngestError(name, "扫描件，无文字层（PDF 中没有可提取的文字，请先做文字识别）")
    return text


def read_file(path: Path, max_bytes: int, name: str | None = None) -> str:
    """Raw text of one file; raises IngestError for anything we cannot use."""
    name = name or path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(name, f"不支持的文件类型“{suffix or '无扩展名'}”，支持 .txt .md .html .docx .pdf")
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(name, f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）")
    if size == 0:
        raise IngestError(name, "空文件")
    data = path.read_bytes()
    if suffix == ".docx":
        text = load_docx(data, name)
    elif suffix == ".pdf":
        text = load_pdf(data, name)
    elif suffix in (".html", ".htm"):
        text = load_html(data, name)
    else:
        text = decode_text(data, name)
    if not text.strip():
        raise IngestError(name, "文件没有可用的文字内容")
    return text
