"""Quiz exporters: Word (student paper + answer sheet), Excel/CSV (question-bank rows), JSON."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from .model import BLANK, LETTERS, SCORES, SHORT, TRUE_FALSE, TYPES, Quiz, QuizItem

COLUMNS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "出处", "难度", "分值"]
SECTION_NUMS = "一二三四五六七八九"


def rows(quiz: Quiz) -> list[list[str]]:
    """One question-bank row per item, in COLUMNS order."""
    out = []
    for it in quiz.items:
        opts = (it.options + [""] * 6)[:6]
        expl = it.explanation
        if it.type == SHORT and it.points:
            expl = f"评分要点（共 {it.score} 分）：" + "；".join(f"{pt}（{sc} 分）" for pt, sc in it.point_scores()) \
                + "。\n" + expl
        answer = it.answer_text() if it.type == BLANK else it.answer
        out.append([it.type, it.stem, *opts, answer, expl, citation_text(it), it.difficulty, it.score])
    return out


def citation_text(it: QuizItem) -> str:
    c = it.citation
    return f"{it.source_label()} 第{c.start}–{c.end}字（段落 {c.chunk_id}）"


def to_csv(quiz: Quiz, path: str | Path) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel opens it as UTF-8
        w = csv.writer(f)
        w.writerow(COLUMNS)
        w.writerows(rows(quiz))
    return path


def to_xlsx(quiz: Quiz, path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "题库"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows(quiz):
        ws.append(r)
    widths = {"A": 8, "B": 60, "I": 24, "J": 70, "K": 40, "L": 6, "M": 6}
    for col, wdt in widths.items():
        ws.column_dimensions[col].width = wdt
    for col in "CDEFGH":
        ws.column_dimensions[col].width = 22
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    wb.save(path)
    return path


def to_md(quiz: Quiz, path: str | Path, title: str = "社区治理知识测验") -> Path:
    """One Markdown file for review: every item with its options, key, explanation and source."""
    path = Path(path)
    lines = [f"# {title}", "", f"范围：{quiz.scope}　题量：{len(quiz.items)} 题　满分：{total_score(quiz)} 分　"
             f"难度：{quiz.difficulty}　种子：{quiz.seed}", ""]
    for k, (t, items) in enumerate(_sections(quiz)):
        lines += [f"## {section_heading(k, t, items)}", ""]
        for i, it in items:
            lines += [f"### {i}. {it.stem}", ""]
            lines += [f"- {ch}. {opt}" for ch, opt in zip(LETTERS, it.options)] + ([""] if it.options else [])
            lines.append(f"**答案**：{it.answer_text() if it.type != SHORT else it.answer}  ")
            if it.type == SHORT:
                lines.append(f"**评分要点**（共 {it.score} 分）：" + "；".join(f"{pt}（{sc} 分）" for pt, sc in it.point_scores()) + "  ")
            lines += [f"**解析**：{it.explanation}  ", f"**出处**：{citation_text(it)}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def to_json(quiz: Quiz, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(quiz.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _sections(quiz: Quiz) -> list[tuple[str, list[tuple[int, QuizItem]]]]:
    numbered = list(enumerate(quiz.items, 1))
    return [(t, [(i, it) for i, it in numbered if it.type == t]) for t in TYPES
            if any(it.type == t for it in quiz.items)]


def section_heading(k: int, t: str, items: list) -> str:
    """一、单选题（共 10 题，每题 2 分，共 20 分）"""
    each = SCORES[t]
    return f"{SECTION_NUMS[k]}、{t}（共 {len(items)} 题，每题 {each} 分，共 {each * len(items)} 分）"


def total_score(quiz: Quiz) -> int:
    return sum(it.score for it in quiz.items)


def to_docx(quiz: Quiz, path: str | Path, title: str = "社区治理知识测验") -> Path:
    """A4 公文 page (docx_layout), page numbers; the student paper, a page break, then the
    answer sheet with 分值 per 评分要点."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    from ..docx_layout import HEADING_FONT, TITLE_FONT, TITLE_PT, gbt9704

    path = Path(path)
    d = Docx()
    gbt9704(d)
    for heading in (title, f"{title}（答案与解析）"):
        if heading != title:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _line(d, heading, TITLE_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
        if heading == title:
            _line(d, f"范围：{quiz.scope}　题量：{len(quiz.items)} 题　满分：{total_score(quiz)} 分　难度：{quiz.difficulty}")
            _line(d, "姓名：____________　单位：____________　得分：________")
        for k, (t, items) in enumerate(_sections(quiz)):
            _line(d, section_heading(k, t, items), HEADING_FONT)
            for i, it in items:
                (_student_item if heading == title else _answer_item)(d, i, it)
    d.save(path)
    return path


def _line(d, text: str, font: str | None = None, size: float | None = None, align=None, indent: float = 0):
    from ..docx_layout import BODY_FONT, BODY_PT, set_font

    p = d.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        from docx.shared import Pt

        p.paragraph_format.left_indent = Pt(indent)
    set_font(p.add_run(text), font or BODY_FONT, size or BODY_PT)
    return p


def _student_item(d, i: int, it: QuizItem) -> None:
    suffix = "（　　）" if it.type == TRUE_FALSE or it.options else ""
    _line(d, f"{i}. {it.stem}{suffix}")
    for ch, opt in zip(LETTERS, it.options):
        _line(d, f"{ch}. {opt}", indent=32)
    if it.type == SHORT:
        for _ in range(4):
            _line(d, "_" * 36)


def _answer_item(d, i: int, it: QuizItem) -> None:
    _line(d, f"{i}. 答案：" + (it.answer_text() if it.type != SHORT else "见参考答案"))
    if it.type == SHORT:
        _line(d, "参考答案：" + it.answer)
        _line(d, f"评分要点（共 {it.score} 分）：" + "；".join(f"{pt}（{sc} 分）" for pt, sc in it.point_scores()))
    _line(d, "解析：" + it.explanation)
    _line(d, "出处：" + citation_text(it))
