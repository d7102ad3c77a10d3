"""Quiz exporters: Word (student paper + answer sheet), Excel/CSV (question-bank rows), JSON."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from .model import LETTERS, SHORT, TRUE_FALSE, TYPES, Quiz, QuizItem

COLUMNS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "出处", "难度"]
SECTION_NUMS = "一二三四五六七八九"


def rows(quiz: Quiz) -> list[list[str]]:
    """One question-bank row per item, in COLUMNS order."""
    out = []
    for it in quiz.items:
        opts = (it.options + [""] * 6)[:6]
        expl = it.explanation
        if it.type == SHORT and it.points:
            expl = "评分要点：" + "；".join(it.points) + "。\n" + expl
        out.append([it.type, it.stem, *opts, it.answer, expl, citation_text(it), it.difficulty])
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
    widths = {"A": 8, "B": 60, "I": 24, "J": 70, "K": 40, "L": 6}
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


def to_json(quiz: Quiz, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(quiz.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _sections(quiz: Quiz) -> list[tuple[str, list[tuple[int, QuizItem]]]]:
    numbered = list(enumerate(quiz.items, 1))
    return [(t, [(i, it) for i, it in numbered if it.type == t]) for t in TYPES
            if any(it.type == t for it in quiz.items)]


def to_docx(quiz: Quiz, path: str | Path, title: str = "社区治理知识测验") -> Path:
    from docx import Document as Docx
    from docx.enum.text import WD_BREAK

    path = Path(path)
    d = Docx()
    d.add_heading(title, level=0)
    d.add_paragraph(f"范围：{quiz.scope}    题量：{len(quiz.items)} 题    难度：{quiz.difficulty}")
    d.add_paragraph("姓名：____________    单位：____________    得分：________")
    for k, (t, items) in enumerate(_sections(quiz)):
        d.add_heading(f"{SECTION_NUMS[k]}、{t}（共 {len(items)} 题）", level=1)
        for i, it in items:
            _student_item(d, i, it)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading("答案与解析", level=0)
    for k, (t, items) in enumerate(_sections(quiz)):
        d.add_heading(f"{SECTION_NUMS[k]}、{t}", level=1)
        for i, it in items:
            _answer_item(d, i, it)
    d.save(path)
    return path


def _student_item(d, i: int, it: QuizItem) -> None:
    suffix = "（    ）" if it.type == TRUE_FALSE or it.options else ""
    d.add_paragraph(f"{i}. {it.stem}{suffix}")
    for ch, opt in zip(LETTERS, it.options):
        d.add_paragraph(f"{ch}. {opt}").paragraph_format.left_indent = 360000
    if it.type == SHORT:
        for _ in range(4):
            d.add_paragraph("_" * 60)


def _answer_item(d, i: int, it: QuizItem) -> None:
    p = d.add_paragraph()
    p.add_run(f"{i}. 答案：").bold = True
    p.add_run(it.answer_text() if it.type != SHORT else "见参考答案")
    if it.type == SHORT:
        d.add_paragraph("参考答案：" + it.answer)
        d.add_paragraph("评分要点：" + "；".join(it.points))
    d.add_paragraph("解析：" + it.explanation)
    d.add_paragraph("出处：" + citation_text(it))
