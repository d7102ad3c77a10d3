"""Word export in the usual 公文 layout: centred title, 一、 headings (黑体), （一） items
(楷体), body in 仿宋, superscript citation numbers and a reference list at the end.

Every run sets the East-Asian font (w:eastAsia) as well as the Latin one, so Word and WPS
show Chinese in the intended face instead of falling back to a Latin font."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .markdown import cn, section_titles, source_line
from .model import WorkPlan

TITLE_FONT, HEADING_FONT, ITEM_FONT, BODY_FONT = "宋体", "黑体", "楷体", "仿宋"
TITLE_PT, BODY_PT, QUOTE_PT = 22, 16, 12  # 二号, 三号, 小四
_MARK = re.compile(r"\[(\d+)\]")


def set_font(run, name: str, size: float | None = None, bold: bool | None = None) -> None:
    run.font.name = name  # sets w:ascii and w:hAnsi
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def _style_fonts(doc) -> None:
    for name, font, size in (("Normal", BODY_FONT, BODY_PT), ("Heading 1", HEADING_FONT, BODY_PT),
                             ("Heading 2", ITEM_FONT, BODY_PT), ("Title", TITLE_FONT, TITLE_PT)):
        st = doc.styles[name]
        set_font(st, font, size)
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.bold = name == "Title"
        st.font.italic = False
        pf = st.paragraph_format
        pf.space_before, pf.space_after = Pt(0), Pt(0)
        pf.line_spacing = Pt(28)


def _page(doc) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)


def _para(doc, text: str, font: str = BODY_FONT, size: float = BODY_PT, style: str | None = None,
          indent: bool = True):
    """A paragraph; [n] markers become superscript numbers."""
    p = doc.add_paragraph(style=style)
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    pos = 0
    for m in _MARK.finditer(text):
        set_font(p.add_run(text[pos:m.start()]), font, size)
        sup = p.add_run(f"[{m.group(1)}]")
        set_font(sup, font, size)
        sup.font.superscript = True
        pos = m.end()
    set_font(p.add_run(text[pos:]), font, size)
    return p


def _heading(doc, text: str, level: int) -> None:
    p = doc.add_paragraph(style=f"Heading {level}")
    p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    set_font(p.add_run(text), HEADING_FONT if level == 1 else ITEM_FONT, BODY_PT, bold=False)


def build(plan: WorkPlan):
    doc = Document()
    _page(doc)
    _style_fonts(doc)
    title = doc.add_paragraph()  # not the built-in Title style: it draws a blue rule under the title
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(BODY_PT)
    set_font(title.add_run(plan.title), TITLE_FONT, TITLE_PT, bold=True)
    names = iter(section_titles(plan))
    for i, body in enumerate((plan.guiding, plan.goals, plan.leadership), 1):
        _heading(doc, f"{cn(i)}、{next(names)}", 1)
        for text in body:
            _para(doc, text)
    _heading(doc, f"四、{next(names)}", 1)
    for i, m in enumerate(plan.measures, 1):
        _heading(doc, f"（{cn(i)}）{m.title}", 2)
        _para(doc, m.text)
        for n in m.citations:
            c = plan.citation(n)
            _para(doc, f"先例[{n}]　{c.meta.get('place') or c.title}：“{c.quote}”", ITEM_FONT, QUOTE_PT)
    _heading(doc, f"五、{next(names)}", 1)
    for i, ph in enumerate(plan.schedule, 1):
        _para(doc, f"（{cn(i)}）{ph.name}（{ph.period}）：{ph.tasks}")
    _heading(doc, f"六、{next(names)}", 1)
    for i, r in enumerate(plan.requirements, 1):
        _heading(doc, f"（{cn(i)}）{r.title}", 2)
        _para(doc, r.text)
    _heading(doc, f"七、{next(names)}", 1)
    for c in plan.citations:
        _para(doc, f"[{c.n}] {source_line(c)}", BODY_FONT, QUOTE_PT + 2, indent=False)
    for notice in plan.notices:
        _para(doc, f"说明：{notice}", ITEM_FONT, QUOTE_PT)
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
