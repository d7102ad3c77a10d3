"""The 答案速查 page of a Word paper: letters and √/× in a compact grid (题号/答案 pairs,
row by row), each fill-in on a row of its own with the text width for its answer (the old
grid of ten equal columns wrapped “不具备成立业主大会条件” two or three characters a line and
ran onto a second page), 简答 referred to the 解析 in one line. No row splits across pages
and a table's header row is repeated on the next page."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..docx_layout import BODY_FONT, HEADING_FONT, set_font
from .model import BLANK, FIGURE_RULE, RANGE, RANGE_RULE, SHORT, TRUE_FALSE, Quiz, QuizItem

TEXT_MM = 156  # the A4 text area's width (210 mm less the 28 and 26 mm margins)
PAIRS = 5  # 题号/答案 pairs a row of the compact grid
NUMBER_MM = 14  # a 题号 column
GRID_PT, GRID_LINE_PT = 10.5, 14  # 五号 with 14 pt lines (20 fill-ins and 30 letters hold one page)


def short_key(it: QuizItem) -> str:
    """What the grid shows for an item: letters, √/×, the fill-in with its other spellings."""
    if it.type == SHORT:
        return "见解析"
    if it.type == TRUE_FALSE:
        return "√" if it.answer == "正确" else "×"
    return it.answer_brief() if it.type == BLANK else it.answer


def _row_props(row, header: bool = False) -> None:
    """cantSplit (a row never breaks across pages) and, on a header row, tblHeader."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit",) + (("w:tblHeader",) if header else ()):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def _fixed(table, widths_mm: list[float]) -> None:
    """Column widths that hold (fixed layout, every cell told its width)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for col, w in zip(table.columns, widths_mm):
        col.width = Mm(w)
        for cell in col.cells:
            cell.width = Mm(w)


def _put(cell, text: str, bold: bool = False) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.paragraph_format.line_spacing = Pt(GRID_LINE_PT)
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0.5)
    set_font(p.add_run(text), HEADING_FONT if bold else BODY_FONT, GRID_PT, bold=None)


def _table(d, header: list[str], rows: list[list[str]], widths_mm: list[float]) -> None:
    table = d.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    _fixed(table, widths_mm)
    for r, texts in enumerate([header] + rows):
        _row_props(table.rows[r], header=r == 0)
        for c, text in enumerate(texts):
            _put(table.cell(r, c), text, bold=r == 0)


def _compact(d, items: list[tuple[int, QuizItem]]) -> None:
    """Letters and √/×: PAIRS 题号/答案 pairs a row, numbers running along the rows."""
    each = TEXT_MM / PAIRS - NUMBER_MM
    rows = []
    for k in range(0, len(items), PAIRS):
        chunk = items[k:k + PAIRS]
        row = [x for i, it in chunk for x in (str(i), short_key(it))]
        rows.append(row + [""] * (2 * PAIRS - len(row)))
    _table(d, ["题号", "答案"] * PAIRS, rows, [NUMBER_MM, each] * PAIRS)


def _label(d, text: str) -> None:
    p = d.add_paragraph()
    p.paragraph_format.line_spacing = Pt(22)
    p.paragraph_format.keep_with_next = True
    set_font(p.add_run(text), HEADING_FONT, 12)


def _span(items: list[tuple[int, QuizItem]]) -> str:
    first, last = items[0][0], items[-1][0]
    return f"第 {first} 题" if first == last else f"第 {first}–{last} 题"


def answer_grid(d, quiz: Quiz) -> None:
    """The 答案速查: a compact grid of the choice and 判断 items, a table of the fill-ins one
    a row, and the 简答 referred to the answers that follow."""
    numbered = list(enumerate(quiz.items, 1))
    compact = [(i, it) for i, it in numbered if it.type not in (BLANK, SHORT)]
    blanks = [(i, it) for i, it in numbered if it.type == BLANK]
    shorts = [(i, it) for i, it in numbered if it.type == SHORT]
    if compact:
        _label(d, f"选择题、判断题（{_span(compact)}）")
        _compact(d, compact)
    if blanks:
        figures = [it for _, it in blanks if it.figure_key()]
        ranged = any(RANGE.search(a) for it in figures for a in it.accepted)
        rule = f"：{FIGURE_RULE}" + (RANGE_RULE if ranged else "") if figures else ""
        _label(d, f"填空题（{_span(blanks)}）{rule}")
        _table(d, ["题号", "答案"], [[str(i), short_key(it)] for i, it in blanks], [NUMBER_MM, TEXT_MM - NUMBER_MM])
    if shorts:
        _label(d, f"简答题（{_span(shorts)}）：见后文“答案与解析”中的参考答案和评分要点。")
