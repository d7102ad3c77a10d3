"""Word page layout shared by every document shequ writes (plans, quizzes): the
党政机关公文格式 (GB/T 9704-2012) page — A4, 37/35/28/26 mm margins, 公文 faces with
fallbacks, fixed 28.95 pt lines (22 a page), and “— n —” page numbers in 四号 宋体 (odd pages
right, even pages left).

Every run sets the East-Asian font (w:eastAsia) as well as the Latin one, and the font table
names a fallback (w:altName) for each 公文 face, so Word, WPS and LibreOffice on a machine
without 方正/GB2312 fonts show 宋体/仿宋/楷体 instead of a Latin font."""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT, HEADING_FONT, ITEM_FONT, BODY_FONT, PAGE_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
FALLBACK = {TITLE_FONT: "宋体", ITEM_FONT: "楷体", BODY_FONT: "仿宋", HEADING_FONT: "SimHei"}
TITLE_PT, BODY_PT, SMALL_PT, PAGE_PT = 22, 16, 14, 14  # 二号, 三号, 四号, 四号
LINE_PT = 28.95  # 22 lines in the 225 mm text area


def set_font(run, name: str, size: float | None = None, bold: bool | None = None) -> None:
    run.font.name = name  # sets w:ascii and w:hAnsi
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def style_fonts(doc) -> None:
    for name, font in (("Normal", BODY_FONT), ("Heading 1", HEADING_FONT), ("Heading 2", ITEM_FONT)):
        st = doc.styles[name]
        set_font(st, font, BODY_PT)
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.bold = st.font.italic = False
        pf = st.paragraph_format
        pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), Pt(LINE_PT)


def font_fallbacks(doc) -> None:
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


def page_setup(doc) -> None:
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


def gbt9704(doc) -> None:
    """Page, styles, font fallbacks and page numbers of the 公文 layout, on a new Document."""
    page_setup(doc)
    style_fonts(doc)
    font_fallbacks(doc)
