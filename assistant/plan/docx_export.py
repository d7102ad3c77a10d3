"""Word export in the 党政机关公文格式 (GB/T 9704-2012) layout: A4, 37/35/28/26 mm margins,
title in 方正小标宋简体 二号, 一级标题 黑体, 二级标题 楷体_GB2312, body 仿宋_GB2312 三号 at a
fixed 28.95 pt line (22 lines a page), page numbers “— 1 —” in 四号 宋体 (odd pages right,
even pages left), a right-aligned 落款, and the appendix (附件：参考先例) on a new page.

Every run sets the East-Asian font (w:eastAsia) as well as the Latin one, and the font table
names a fallback (w:altName) for each 公文 face, so Word, WPS and LibreOffice on a machine
without 方正/GB2312 fonts show 宋体/仿宋/楷体 instead of a Latin font."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .model import WorkPlan
from .outline import outline

TITLE_FONT, HEADING_FONT, ITEM_FONT, BODY_FONT, PAGE_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
FALLBACK = {TITLE_FONT: "宋体", ITEM_FONT: "楷体", BODY_FONT: "仿宋", HEADING_FONT: "SimHei"}
TITLE_PT, BODY_PT, SMALL_PT, PAGE_PT = 22, 16, 14, 14  # 二号, 三号, 四号, 四号
LINE_PT = 28.95  # 22 lines in the 225 mm text area
_MARK = re.compile(r"\[(\d+)\]")


def set_font(run, name: str, size: float | None = None, bold: bool | None = None) -> None:
    run.font.name = name  # sets w:ascii and w:hAnsi
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def _style_fonts(doc) -> None:
    for name, font in (("Normal", BODY_FONT), ("Heading 1", HEADING_FONT), ("Heading 2", ITEM_FONT)):
        st = doc.styles[name]
        set_font(st, font, BODY_PT)
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.bold = st.font.italic = False
        pf = st.paragraph_format
        pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), Pt(LINE_PT)


def _font_fallbacks(doc) -> None:
    """w:font entries with w:altName in fontTable.xml: the substitute when a face is missing."""
    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = parse_xml(part.blob)
    for face, alt in FALLBACK.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), face)
        alt_el = OxmlElement("w:altName")
        alt_el.set(qn("w:val"), alt)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        font.append(alt_el)
        font.append(charset)
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(doc) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    s.footer_distance = Mm(28) - Pt(PAGE_PT)  # the number sits 7 mm below the text area
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(s.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(s.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(p, align) -> None:
    """“— n —” with a PAGE field, one character in from the outer edge."""
    p.alignment = align
    side = "right_indent" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left_indent"
    setattr(p.paragraph_format, side, Pt(PAGE_PT))
    set_font(p.add_run("— "), PAGE_FONT, PAGE_PT)
    run = p.add_run()
    set_font(run, PAGE_FONT, PAGE_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text.strip() == "PAGE" else "w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    set_font(p.add_run(" —"), PAGE_FONT, PAGE_PT)


def _para(doc, text: str, font: str = BODY_FONT, size: float = BODY_PT, indent: bool = True,
          align=None, bold: bool = False, style: str | None = None, marks: bool = True):
    """A paragraph; [n] markers become superscript numbers (unless marks=False)."""
    p = doc.add_paragraph(style=style)
    if indent:
        p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    if align is not None:
        p.alignment = align
    pos = 0
    for m in _MARK.finditer(text) if marks else ():
        set_font(p.add_run(text[pos:m.start()]), font, size, bold)
        sup = p.add_run(f"[{m.group(1)}]")
        set_font(sup, font, size)
        sup.font.superscript = True
        pos = m.end()
    set_font(p.add_run(text[pos:]), font, size, bold)
    return p


def _title(doc, text: str) -> None:
    p = _para(doc, text, TITLE_FONT, TITLE_PT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    p.paragraph_format.space_after = Pt(LINE_PT)  # one blank line under the title


def build(plan: WorkPlan):
    doc = Document()
    _page(doc)
    _style_fonts(doc)
    _font_fallbacks(doc)
    first_signature = True
    for b in outline(plan):
        if b.kind in ("title", "appendix_title"):
            _title(doc, b.text)
        elif b.kind in ("notice", "problem"):
            _para(doc, f"说明：{b.text}" if b.kind == "notice" else f"依据核查未通过：{b.text}", ITEM_FONT, SMALL_PT)
        elif b.kind == "h1":
            _para(doc, b.text, HEADING_FONT, style="Heading 1")  # heading styles: Word's navigation pane
        elif b.kind == "h2":
            _para(doc, b.text, ITEM_FONT, style="Heading 2")
        elif b.kind in ("para", "duty"):
            _para(doc, b.text, ITEM_FONT if b.kind == "duty" else BODY_FONT)
        elif b.kind in ("ref", "quote"):
            _para(doc, b.text, BODY_FONT, SMALL_PT if b.kind == "quote" else BODY_PT, marks=False)
        elif b.kind == "signature":
            p = _para(doc, b.text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            p.paragraph_format.right_indent = Pt(BODY_PT * 4)  # 右空四字
            if first_signature:
                p.paragraph_format.space_before = Pt(LINE_PT * 2)
                first_signature = False
        elif b.kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif b.kind == "appendix":
            _para(doc, b.text, HEADING_FONT, indent=False)
    return doc


def to_docx(plan: WorkPlan, path: str | Path) -> Path:
    """Write the plan to path atomically (a temp file in the same folder, then rename)."""
    path = Path(path)
    doc = build(plan)
    fd, tmp = tempfile.mkstemp(prefix=".plan-", suffix=".docx", dir=path.parent)
    os.close(fd)
    try:
        doc.save(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the user expects a normal file
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
