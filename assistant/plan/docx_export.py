"""Word export of a WorkPlan: the outline (outline.py) in the 公文 layout (docx_layout.py):
title in 方正小标宋简体 二号, 一级标题 黑体, 二级标题 楷体_GB2312, body 仿宋_GB2312 三号, a
right-aligned 落款, and the appendix (附件：参考先例) on a new page."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

from ..docx_layout import (
    BODY_FONT,
    BODY_PT,
    HEADING_FONT,
    ITEM_FONT,
    LINE_PT,
    SMALL_PT,
    TITLE_FONT,
    TITLE_PT,
    gbt9704,
    set_font,
    title_lines,
)
from .model import WorkPlan
from .outline import outline

_MARK = re.compile(r"\[(\d+)\]")


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
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lines = title_lines(text)  # broken between words, into lines of near-equal length
    for i, line in enumerate(lines):
        run = p.add_run(line)
        set_font(run, TITLE_FONT, TITLE_PT)
        if i < len(lines) - 1:
            run.add_break()
    p.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    p.paragraph_format.space_after = Pt(LINE_PT)  # one blank line under the title


def build(plan: WorkPlan):
    doc = Document()
    gbt9704(doc)
    first_signature = True
    for b in outline(plan):
        if b.kind in ("title", "appendix_title"):
            _title(doc, b.text)
        elif b.kind == "drafter":
            _para(doc, b.text, HEADING_FONT, SMALL_PT)
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
                p.paragraph_format.keep_with_next = True  # the unit and its date on one page (cadre review 28)
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
