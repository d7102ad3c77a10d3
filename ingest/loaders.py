"""Read .txt/.md/.html/.docx/.pdf files into raw text, with encoding detection.

Every failure raises IngestError with a Chinese reason naming the problem.
"""
from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

from .markup import HEADING, docx_text, drop_hidden, markdown_text
from .model import IngestError

_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
_PLAIN = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f\u2010-\u2027\x20-\x7e\s]")

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}
# A .docx whose members inflate past this, or a member over MAX_RATIO_FROM bytes that
# inflates over MAX_DOCX_RATIO times its packed size, is treated as a zip bomb.
MAX_DOCX_INFLATED = 200 * 1024 * 1024
MAX_RATIO_FROM = 10 * 1024 * 1024
MAX_DOCX_RATIO = 100
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # never in real text (ESC 0x1b aside)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# A DOCTYPE with its internal subset, whose entity declarations the HTML parser would
# otherwise show as text (a title "]>") or expand into markup.
_Q = r"""(?:"[^"]*"|'[^']*')"""
_DOCTYPE = re.compile(rf"<!DOCTYPE(?:[^\[>\"']|{_Q})*(?:\[(?:[^\]\"']|{_Q})*\])?\s*>", re.IGNORECASE)
_TAGLIKE = re.compile(r"<(/?[A-Za-z!?][^<>]{0,4000})>")
MAX_HTML_DEPTH = 180  # deeper elements are unwrapped (their text kept): libxml2 stops at 256
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)([^<>]{0,4000})>")  # bounded: linear on any input
_FLAT = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
         "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option"}  # void, or closed implicitly
_TEXT_TAGS = {"article", "main", "section", "header", "footer", "aside", "nav", "figure", "h1", "h2", "h3",
              "h4", "h5", "h6", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "blockquote", "pre",
              "a", "b", "strong", "em", "i", "u", "font", "sub", "sup"}  # what says what the text is
_TEXT_LEVELS = 60  # extra levels for those, still under libxml2's 256


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16, or GB18030 — line by line
    when a file mixes UTF-8 and GBK (pasted together from several sources)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name)
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
    data = data.rstrip(b"\x00")  # a zeroed tail: an editor or disk that died mid-save
    sample = data[:65536]
    if len(_CONTROL_BYTES.findall(sample)) > max(16, len(sample) // 100):
        raise IngestError(name, "文件含有二进制内容（大量控制字符或 NUL 字节），不是文本文件")
    data = data.replace(b"\x00", b"")  # a few stray NULs left by a broken export
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = "\n".join(_decode_line(line, i, name) for i, line in enumerate(data.split(b"\n"), 1))
    if _looks_binary(text):
        raise IngestError(name, "文件内容不像文本（可能是二进制文件）")
    return text


def _decode_line(line: bytes, number: int, name: str) -> str:
    """UTF-8 when it reads as ASCII or Chinese, else GB18030 (GBK); else a clear error."""
    try:
        text = line.decode("utf-8")
        if text.isascii() or _CJK.search(text):
            return text
    except UnicodeDecodeError:
        text = None
    try:
        return line.decode("gb18030")
    except UnicodeDecodeError:
        if text is not None:
            return text
        raise IngestError(name, f"第 {number} 行无法识别文本编码（既不是 UTF-8，也不是 GBK/GB18030）") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM (NULs are the high bytes of its ASCII): accept the
    byte order whose decoding reads as Chinese/ASCII text."""
    if len(data) % 2 or data.count(b"\x00") * 20 < len(data):
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if len(_PLAIN.findall(text)) >= 0.9 * len(text):
            return text
    return None


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
    """Main text of a web page. Script, style, iframe (and the like) are cut from the tree
    before extraction, so their text can never be indexed."""
    tree = _html_tree(decode_text(data, name))
    if tree is None:
        return ""
    import trafilatura  # imported lazily: slow, and only needed for HTML

    try:  # Markdown output keeps the page's headings and lists; markup.py reads it
        text = trafilatura.extract(copy.deepcopy(tree), include_comments=False, output_format="markdown",
                                   include_tables=True, include_formatting=True, favor_recall=True)
    except Exception:  # a parser bug on odd markup: fall back to the plain tree text
        text = None
    return defang_tags(markdown_text(text) if text else tree.text_content())


def defang_tags(text: str) -> str:
    """Extracted page text holds a tag only where the page wrote it with entities
    (&lt;img onerror=…&gt;): shown as text, it must not become markup again in a title, a
    Markdown export or a page, so its brackets become full-width ＜ ＞."""
    return _TAGLIKE.sub(r"＜\1＞", text)


def _html_tree(html: str):
    from lxml import etree
    from lxml import html as lxml_html

    html = _XML_DECL.sub("", html, count=1)  # lxml refuses str input with an encoding declaration
    html = _flatten(_DOCTYPE.sub("", html, count=1))
    if not html.strip():
        return None
    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    drop_hidden(tree)
    return tree


def _flatten(html: str, limit: int = MAX_HTML_DEPTH) -> str:
    """The page with elements nested deeper than `limit` unwrapped: their tags removed, their
    text kept (headings and other text-level tags get a few more levels, so a heading deep in
    wrappers is still a heading). One linear scan: 100,000 nested <div> cost no recursion."""
    stack: list[tuple[str, bool]] = []  # (tag, removed)
    out, pos, depth = [], 0, 0  # depth: the elements on the stack that are kept
    for m in _TAG.finditer(html):
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3).endswith("/")
        if name in _FLAT or selfclose:
            continue
        drop = False
        if not closing:
            drop = depth >= limit + (_TEXT_LEVELS if name in _TEXT_TAGS else 0)
            stack.append((name, drop))
            depth += not drop
        elif any(t == name for t, _ in stack[-8:]):  # a stray close tag changes nothing
            while stack:
                t, drop = stack.pop()
                depth -= not drop
                if t == name:
                    break
        if drop:
            out.append(html[pos:m.start()])
            pos = m.end()
    return "".join(out) + html[pos:] if out else html


def load_docx(data: bytes, name: str) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise IngestError(name, "Word 文件已损坏（不是有效的 .docx 压缩包）") from None
    if sum(i.file_size for i in infos) > MAX_DOCX_INFLATED or any(_bomb(i) for i in infos):
        raise IngestError(name, "Word 文件解压后过大，疑似压缩炸弹，已拒绝")
    import docx

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError/ValueError/lxml/zip errors on broken parts
        raise IngestError(name, f"Word 文件已损坏，无法读取（{type(e).__name__}）") from None
    return docx_text(d)


def _bomb(info: zipfile.ZipInfo) -> bool:
    """A big member that inflates far more than Office XML ever does (~10:1)."""
    return info.file_size > MAX_RATIO_FROM and info.file_size > MAX_DOCX_RATIO * max(info.compress_size, 1)


def load_pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _unlock(reader):
            raise IngestError(name, "PDF 已加密（设有打开密码），无法读取；请用密码打开后另存为不加密的 PDF")
        pages = [p.extract_text() or "" for p in reader.pages]
    except IngestError:
        raise
    except DependencyError:
        raise IngestError(name, "PDF 使用 AES 加密，需要安装 cryptography 组件才能解密读取") from None
    except Exception as e:  # pypdf raises many kinds of error on malformed files
        raise IngestError(name, f"PDF 文件已损坏，无法读取（{type(e).__name__}）") from None
    text = "\n".join(pages)
    if pages and not text.strip():
        if _inflates_too_much(reader):  # pypdf returns "" for a page it refused to inflate
            raise IngestError(name, "PDF 内容解压后过大，疑似压缩炸弹，已拒绝")
        raise IngestError(name, "扫描件，无文字层（PDF 中没有可提取的文字，请先做文字识别）")
    return text


def _inflates_too_much(reader) -> bool:
    from pypdf.errors import LimitReachedError

    for page in reader.pages:
        try:
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
        except LimitReachedError:
            return True
        except Exception:
            continue
    return False


def _unlock(reader) -> bool:
    """Many office PDFs only carry an owner password (no copying/printing): open those."""
    from pypdf import PasswordType

    return reader.decrypt("") != PasswordType.NOT_DECRYPTED


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
    elif suffix in (".md", ".markdown"):
        text = markdown_text(decode_text(data, name))
    else:
        text = decode_text(data, name)
    if not text.strip(" \n\t" + HEADING):
        raise IngestError(name, "文件没有可用的文字内容")
    return text
