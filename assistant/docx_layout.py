"""Word page layout shared by every document shequ writes (plans, quizzes): the
党政机关公文格式 (GB/T 9704-2012) page — A4, 37/35/28/26 mm margins, 公文 faces with
fallbacks, fixed 28.95 pt lines (22 a page), and “— n —” page numbers in 四号 宋体 (odd pages
right, even pages left).

Every run sets the East-Asian font (w:eastAsia) as well as the Latin one, and the font table
names a fallback (w:altName) for each 公文 face, so Word, WPS and LibreOffice on a machine
without 方正/GB2312 fonts show 宋体/仿宋/楷体 instead of a Latin font."""
from __future__ import annotations

from itertools import combinations
from math import ceil

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT, HEADING_FONT, ITEM_FONT, BODY_FONT, PAGE_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
FALLBACK = {TITLE_FONT: "宋体", ITEM_FONT: "楷体", BODY_FONT: "仿宋", HEADING_FONT: "SimHei"}
TITLE_PT, BODY_PT, SMALL_PT, PAGE_PT = 22, 16, 14, 14  # 二号, 三号, 四号, 四号
LINE_PT = 28.95  # 22 lines in the 225 mm text area
TEXT_WIDTH_PT = (210 - 28 - 26) / 25.4 * 72  # the A4 text area's width (156 mm)
_OPEN, _CLOSE = "“‘《（(〔【「", "”’》）)〕】」"


def _width(text: str) -> float:
    """Width in ems: a full-width character 1, ASCII half."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in _OPEN + _CLOSE else 1.0 for ch in text)


def _cuts(text: str) -> list[int]:
    """Offsets between two words (jieba, with the domain terms) and outside quotes and brackets:
    where a line may break."""
    from ingest.tokenize import ChineseTokenizer

    words = ChineseTokenizer().cut(text)
    out, pos, depth = [], 0, 0
    for word, after in zip(words, words[1:]):
        for ch in word:
            depth += (ch in _OPEN) - (ch in _CLOSE)
        pos += len(word)
        # not inside quotes, not after a quote (“4+1”工作法), not before a one-character word (工作|法)
        if depth <= 0 and text[pos - 1] not in _CLOSE and (len(after) > 1 or after in _OPEN):
            out.append(pos)
    return out


def title_lines(text: str, size_pt: float = TITLE_PT) -> list[str]:
    """A title too long for one line, broken between words into lines of near-equal length
    (GB/T 9704 7.3.3: 回行时词意完整，排列对称): never “……监 / 管的实施方案”."""
    per_line = TEXT_WIDTH_PT // size_pt
    if _width(text) <= per_line:
        return [text]
    cuts = _cuts(text)
    least = ceil(_width(text) / per_line)
    for n in range(least, min(least + 1, len(cuts) + 1) + 1):
        best = None
        for chosen in combinations(cuts, n - 1):
            bounds = (0, *chosen, len(text))
            widths = [_width(text[a:b]) for a, b in zip(bounds, bounds[1:])]
            key = (max(widths) > per_line, max(widths) - min(widths))
            if best is None or key < best[0]:
                best = (key, [text[a:b] for a, b in zip(bounds, bounds[1:])])
        if best is not None and not best[0][0]:
            return best[1]
    return [text]  # one word longer than a line: Word wraps it


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
