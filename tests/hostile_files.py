"""Builders for the hostile-input campaign (tests/test_hostile.py): each writes one real
file with real libraries (python-docx, pypdf, Pillow, zipfile) and says what must happen.

A case is (file name, builder, expected): expected is ("refused", reason text) — one
Chinese line naming the file — or ("ingested", check(doc_text)).
"""
from __future__ import annotations

import io
import os
import zipfile
import zlib
from pathlib import Path

import docx
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, StreamObject

MB = 1024 * 1024
TEXT = "社区协商议事会每月召开一次，由社区党组织书记主持，居民代表参加。"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_bytes(text: str = TEXT) -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


def _docx_with_body(path: Path, write_body, level: int = 1) -> None:
    """A real .docx whose word/document.xml is replaced by what write_body(f) streams."""
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info, src.read(info))
                continue
            with z.open("word/document.xml", "w", force_zip64=True) as f:
                write_body(f)


def _spaces(n_mb: int):
    def body(f):
        f.write(f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'.encode())
        block = b" " * MB
        for _ in range(n_mb):
            f.write(block)
        f.write(b"</w:body></w:document>")
    return body


def zip_bomb(path: Path) -> None:  # 250 MB of XML packed into ~1 MB
    _docx_with_body(path, _spaces(250))


def ratio_bomb(path: Path) -> None:  # under the total limit, but inflates ~1000:1
    _docx_with_body(path, _spaces(30), level=9)


def lying_zip(path: Path) -> None:
    """The central directory claims document.xml is 2 kB; it really inflates to 30 MB."""
    _docx_with_body(path, _spaces(30), level=9)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02")  # walk the central directory to that member's entry
    while at != -1 and data[at + 46:at + 46 + len(name)] != name:
        at = data.find(b"PK\x01\x02", at + 4)
    data[at + 24:at + 28] = (2048).to_bytes(4, "little")  # uncompressed size
    path.write_bytes(bytes(data))


def billion_laughs(path: Path) -> None:
    ents = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">' for i in range(1, 10))

    def body(f):
        f.write(f'<?xml version="1.0"?><!DOCTYPE w:document [{ents}]>'
                f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>{TEXT}</w:t></w:r></w:p>'
                f'<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'.encode())
    _docx_with_body(path, body)


def scanned_pdf(path: Path) -> None:
    """An image-only page, as a scanner makes it: no text layer at all."""
    img = Image.new("RGB", (600, 800), "white")
    for x in range(100, 500):
        for y in (200, 201, 400, 401):
            img.putpixel((x, y), (0, 0, 0))
    img.save(path, "PDF", resolution=72)


def _text_pdf(text: str = "Community council meets every month.") -> PdfWriter:
    w = PdfWriter()
    page = w.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = w._add_object(stream)
    return w


def _encrypted(path: Path, user: str, owner: str | None, algorithm: str) -> None:
    w = _text_pdf()
    w.encrypt(user, owner_password=owner, algorithm=algorithm)
    with open(path, "wb") as f:
        w.write(f)


def pdf_rc4(path: Path) -> None:
    _encrypted(path, "secret", None, "RC4-128")


def pdf_aes(path: Path) -> None:
    _encrypted(path, "secret", None, "AES-256")


def pdf_owner_only(path: Path) -> None:  # "no copying" restriction, opens without a password
    _encrypted(path, "", "owner-secret", "AES-128")


def pdf_bomb(path: Path) -> None:
    """A content stream that inflates to 100 MB (past pypdf's 75 MB cap) from ~100 kB."""
    w = PdfWriter()
    page = w.add_blank_page(612, 792)
    stream = StreamObject()
    stream._data = zlib.compress(b"BT ET\n" + b" " * (100 * MB), 6)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = w._add_object(stream)
    with open(path, "wb") as f:
        w.write(f)


def huge_text(path: Path) -> None:
    """200 MB, written sparse in an instant: a header, then a hole."""
    with open(path, "wb") as f:
        f.write(TEXT.encode())
        f.truncate(200 * MB)


def nul_padding(path: Path) -> None:
    path.write_bytes(("标题\n" + TEXT).encode() + b"\x00" * 3 + TEXT.encode() + b"\x00")


def nul_binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def utf16_no_bom(path: Path) -> None:
    path.write_bytes(f"标题\n{TEXT}\n2024年共召开12次。".encode("utf-16-le"))


MIXED_UTF8 = "楼道灯坏了三天，网格员当天就报修，居民很满意。"
MIXED_GBK = "老旧小区加装电梯，由居民议事会协商分摊费用。"


def mixed_encodings(path: Path) -> None:
    path.write_bytes(b"\n".join([f"混合编码\n{MIXED_UTF8}".encode("utf-8"), MIXED_GBK.encode("gbk"),
                                 TEXT.encode("utf-8")]))


def undecodable_line(path: Path) -> None:
    path.write_bytes("标题\n".encode() + TEXT.encode() + b"\n\xff\xfe\xfd\xfc\xff\xfe\n" + TEXT.encode())


NO_PUNCT = "".join("社区治理网格党建居民服务议事协商"[(i * 7 + i // 5) % 16] for i in range(1500))


def long_lines(path: Path) -> None:
    path.write_text("长行\n" + "\n".join(NO_PUNCT[i:] + NO_PUNCT[:i] for i in (0, 3, 5)), encoding="utf-8")


SECRETS = ("SECRETJS", "SECRETIFRAME", "SECRETSRCDOC", "SECRETNOSCRIPT", "SECRETSTYLE", "SECRETTPL")


def html_page(path: Path) -> None:
    body = "".join(f"<p>{TEXT}第{i}段。</p>" for i in range(4))
    path.write_text(
        "<html><head><title>议事会</title><style>.SECRETSTYLE{color:red}</style>"
        "<script>var x='SECRETJS';document.write(x)</script></head><body onload=\"alert('SECRETJS')\">"
        "<iframe src=\"http://example.com\">SECRETIFRAME</iframe><noscript>SECRETNOSCRIPT</noscript>"
        f"<article><h1>议事会</h1>{body}<script type=\"text/template\">SECRETTPL</script>"
        "<iframe srcdoc=\"<p>SECRETSRCDOC</p>\"></iframe></article></body></html>", encoding="utf-8")


def tiny_html(path: Path) -> None:  # too short for the main-text extractor: the fallback path
    path.write_text(f"<p>{TEXT}</p><script>SECRETJS</script><iframe>SECRETIFRAME</iframe>",
                    encoding="utf-8")


def xhtml(path: Path) -> None:
    path.write_bytes(f'<?xml version="1.0" encoding="utf-8"?><html><body><p>{TEXT}</p></body></html>'.encode())


def plain(path: Path) -> None:
    path.write_text(f"标题\n{TEXT}\n{path.stem}", encoding="utf-8")


def gbk_name(folder: Path) -> Path:
    """A name in GBK bytes, as a zip made on a Chinese Windows PC unpacks on Linux."""
    raw = os.path.join(os.fsencode(folder), "社区报告.txt".encode("gbk"))
    with open(raw, "wb") as f:
        f.write(("标题\n" + TEXT).encode())
    return Path(os.fsdecode(raw))


def _no_secrets(text: str) -> bool:
    return TEXT in text and not any(s in text for s in SECRETS)


# name -> (builder, expected)
CASES = {
    "bomb.docx": (zip_bomb, ("refused", "压缩炸弹")),
    "ratio-bomb.docx": (ratio_bomb, ("refused", "压缩炸弹")),
    "lying-zip.docx": (lying_zip, ("refused", "已损坏")),
    "laughs.docx": (billion_laughs, ("refused", "已损坏")),  # lxml stops the entity expansion
    "scan.pdf": (scanned_pdf, ("refused", "扫描件，无文字层")),
    "pdf-bomb.pdf": (pdf_bomb, ("refused", "压缩炸弹")),
    "locked-rc4.pdf": (pdf_rc4, ("refused", "加密")),
    "locked-aes.pdf": (pdf_aes, ("refused", "加密")),
    "owner-only.pdf": (pdf_owner_only, ("ingested", lambda t: "Community council" in t)),
    "huge.txt": (huge_text, ("refused", "文件过大")),
    "nul-padding.txt": (nul_padding, ("ingested", lambda t: "\x00" not in t and t.count(TEXT) == 2)),
    "nul-binary.txt": (nul_binary, ("refused", "二进制")),
    "utf16-nobom.txt": (utf16_no_bom, ("ingested", lambda t: TEXT in t and "12次" in t)),
    "mixed.txt": (mixed_encodings, ("ingested", lambda t: MIXED_UTF8 in t and MIXED_GBK in t and TEXT in t)),
    "undecodable.txt": (undecodable_line, ("refused", "第 3 行无法识别文本编码")),
    "long-lines.txt": (long_lines, ("ingested", lambda t: NO_PUNCT[:200] in t)),
    "page.html": (html_page, ("ingested", _no_secrets)),
    "tiny.html": (tiny_html, ("ingested", _no_secrets)),
    "xhtml.html": (xhtml, ("ingested", lambda t: TEXT in t)),
    "NUL.txt": (plain, ("ingested", lambda t: TEXT in t)),
    "CON.md": (plain, ("ingested", lambda t: TEXT in t)),
    "📄社区报告🎉.txt": (plain, ("ingested", lambda t: TEXT in t)),
    "-rf ; rm (1).txt": (plain, ("ingested", lambda t: TEXT in t)),
}
