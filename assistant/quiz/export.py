"""Quiz exporters: Word (student paper + answer sheet), Excel/CSV (question-bank rows), JSON."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from . import region
from .model import BLANK, LETTERS, POINT_MARK, SCORES, SHORT, TRUE_FALSE, TYPES, Quiz, QuizItem

COLUMNS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "出处", "难度", "分值"]
SECTION_NUMS = "一二三四五六七八九"


def rows(quiz: Quiz) -> list[list[str]]:
    """One question-bank row per item, in COLUMNS order."""
    out = []
    for it in quiz.items:
        opts = (it.options + [""] * 6)[:6]
        expl = it.explanation
        if it.type == SHORT and it.points:
            expl = it.marking() + "\n" + expl
        answer = it.answer_text() if it.type == BLANK else it.answer
        out.append([it.type, it.stem, *opts, answer, expl, it.source_label(), it.difficulty, it.score])
    return out


def citation_text(it: QuizItem) -> str:
    """The source with its character span and passage id (the review listing; papers print
    only source_label())."""
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
                lines.append(f"**{it.marking()}**  ")
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
    """一、单选题（共 10 题，每题 2 分，共 20 分）; 简答题 by their points (每个要点 1 分)."""
    total = sum(it.score for _, it in items)
    each = f"每题 {SCORES[t]} 分" if t != SHORT else f"每个要点 {POINT_MARK} 分"
    return f"{SECTION_NUMS[k]}、{t}（共 {len(items)} 题，{each}，共 {total} 分）"


def total_score(quiz: Quiz) -> int:
    return sum(it.score for it in quiz.items)


INSTRUCTIONS = ("1. 本卷共{sections}道大题，{count} 题，满分 {total} 分，考试时间 {minutes} 分钟。",
                "2. 单选题只有一个正确选项；多选题有两个或两个以上正确选项，多选、少选、错选均不得分。",
                "3. 判断题正确的打“√”，错误的打“×”；填空题将答案写在横线上；简答题答出要点即可。")
CHARS_PER_LINE = 32  # characters of 四号 text on one answer line of the A4 text area
LINES_PER_POINT = 2  # answer lines a 简答 leaves for each point it asks, at least
MAX_LINES_PER_POINT = 4  # and at most (a trainee writes a point's gist, not the whole 240-character key)
ANSWER_LINE = 58  # underscores across the text area
BRACKET_GAP_PT = 36  # the answer bracket's inside: “（” spaced out, never a space a line may break at
BRACKET_ROOM_PT = 72  # the stem's right indent: the bracket (“（”, its gap, “）”: 68 pt) sits in it, tabbed
# to the text area's right edge, so it is never alone on a line (reviews 8 and 31: glued by a no-break
# space, LibreOffice still wrapped it when the stem filled its last line)
PAPER_PT, PAPER_LINE = 14, 1.3  # 四号 at 1.3 lines (about 22 pt: the 公文 三号 page doubled the paper's length);
# a multiple, not exact 22 pt: LibreOffice ignores keep-with-next on exact-spaced lines and split an item's
# options over two pages (review 9's 第3题 A、B on page 1, C、D on page 2)


def exam_minutes(quiz: Quiz) -> str:
    """The exam time the builder set (stats["exam_minutes"], from the marks), else a blank to fill."""
    m = quiz.stats.get("exam_minutes") if quiz.stats else None
    return str(m) if m else "______"


def student_path(path: str | Path) -> Path:
    """Where the student paper alone is written beside a whole paper: 试卷.docx → 试卷_学生卷.docx."""
    path = Path(path)
    return path.with_name(f"{path.stem}_学生卷{path.suffix}")


def to_docx(quiz: Quiz, path: str | Path, title: str = "社区治理知识测验", student_only: bool = False) -> Path:
    """A4 page (docx_layout) with page numbers: the paper (exam instructions, items; the student
    paper alone has answer lines sized to each 简答's key), a page break, a one-page 答案速查 grid, then the
    answers with 评分要点, a short 解析 and the source as 《title》 and article. With
    `student_only` the student paper alone (trainers print it apart from the answers)."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    from ..docx_layout import HEADING_FONT, TITLE_FONT, TITLE_PT, gbt9704
    from .grid import answer_grid

    path = Path(path)
    d = Docx()
    gbt9704(d)
    properties(d, title)
    center = WD_ALIGN_PARAGRAPH.CENTER
    sections = _sections(quiz)
    mark = STUDENT_MARK if student_only else TEACHER_MARK
    paper_mark(d, mark)
    _line(d, title, TITLE_FONT, TITLE_PT, align=center)
    _line(d, SUBTITLE[mark], HEADING_FONT, align=center)
    _line(d, "考试说明", HEADING_FONT)
    for text in INSTRUCTIONS:
        _line(d, text.format(sections=SECTION_NUMS[len(sections) - 1], total=total_score(quiz),
                             count=len(quiz.items), minutes=exam_minutes(quiz)))
    _line(d, "姓名：____________　单位：____________　得分：________")
    width = blank_width(quiz.items)
    for k, (t, items) in enumerate(sections):
        _line(d, section_heading(k, t, items), HEADING_FONT, keep=True)
        for i, it in items:
            _student_item(d, i, it, width, lines=student_only)
    if student_only:
        d.save(path)
        return path
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # (one page count over the whole file: review 31
    # found three restarts hard to refer to; the student paper alone is student_only's file)
    _line(d, f"{title}（答案速查）", TITLE_FONT, TITLE_PT, align=center)
    answer_grid(d, quiz)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _line(d, f"{title}（答案与解析）", TITLE_FONT, TITLE_PT, align=center)
    if quiz.notice:  # (a short paper; the advice on which items to swap is the tool's, shown where the paper
        # is made, not printed in it: trainer review 58)
        _line(d, "出题说明：" + quiz.notice.replace(region.HOW, region.ON_PAPER))  # (no tool operation in a paper)
    for k, (t, items) in enumerate(sections):
        _line(d, section_heading(k, t, items), HEADING_FONT, keep=True)
        for i, it in items:
            _answer_item(d, i, it)
    d.save(path)
    return path


STUDENT_MARK, TEACHER_MARK = "学生用卷", "教师用卷"  # (review 11: the two first pages were the same)
SUBTITLE = {STUDENT_MARK: "（学生用卷）", TEACHER_MARK: "（教师用卷，含答案与解析）"}  # (review 12: not “（教师用卷（…））”)


def paper_mark(d, mark: str) -> None:
    """Which paper this is, under the title and in every page's header (odd and even pages), so the
    teacher's copy with the answers is not handed out by mistake."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    s = d.sections[0]
    for header in (s.header, s.even_page_header):
        p = header.paragraphs[0]
        p.text = mark
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


DOC_AUTHOR = "shequ 社区治理知识助手"  # (the file's author: python-docx's own “python-docx” named the tool, review 9)


def properties(d, title: str) -> None:
    """The file's author, title and times as the trainer's Word shows them (python-docx's template
    said python-docx, 2013 and no title)."""
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    cp = d.core_properties
    cp.author, cp.last_modified_by, cp.title = DOC_AUTHOR, DOC_AUTHOR, title
    cp.created, cp.modified, cp.last_printed = now, now, now
    cp.revision, cp.comments, cp.keywords, cp.subject = 1, "", "", ""


BLANK_WIDTH = 2  # underscores per character of a 填空's longest accepted answer (a CJK character is two wide)
BLANK_SPARE = 4  # and underscores more, so the answer is written without crowding
OPENING = tuple("“‘《（「〔【")  # marks a line may not end with (the blank stays beside them)


def blank_width(items: list[QuizItem]) -> int:
    """One blank length for the whole paper, as long as its longest key needs (review 9: six
    underscores, about three characters, for a 14-character key), never shorter than the stem's
    own blank nor past a line: a blank as long as its own key told the answer's length (review 13)."""
    from .generate import BLANK_MARK

    longest = max([len(a) for it in items if it.type == BLANK for a in [*it.accepted, it.answer]], default=0)
    return min(ANSWER_LINE, max(len(BLANK_MARK), BLANK_WIDTH * longest + BLANK_SPARE))


def blank_line(it: QuizItem, width: int | None = None) -> str:
    """A 填空's stem with its blank `width` underscores long (default: as its own key needs)."""
    from .generate import BLANK_MARK

    if it.type != BLANK or BLANK_MARK not in it.stem:
        return it.stem
    before = it.stem.split(BLANK_MARK, 1)[0]
    gap = "" if before.endswith(OPENING) else "\u200b"  # (a line may break before the blank: it moves to the
    # next line alone, not with the 法》， before it, review 31's split law titles; never after “)
    return it.stem.replace(BLANK_MARK, gap + "_" * (width or blank_width([it])), 1)


def _line(d, text: str, font: str | None = None, size: float | None = None, align=None, indent: float = 0,
          keep: bool = False):
    from docx.shared import Pt

    from ..docx_layout import BODY_FONT, set_font

    p = d.add_paragraph()
    p.paragraph_format.line_spacing = PAPER_LINE if not size or size <= PAPER_PT else 1.5
    p.paragraph_format.keep_with_next = keep
    p.paragraph_format.keep_together = True  # (no paragraph split over two pages: review 9's 第3题)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.left_indent = Pt(indent)
    set_font(p.add_run(text), font or BODY_FONT, size or PAPER_PT)
    return p


def answer_lines(it: QuizItem) -> int:
    """Answer lines of a 简答: enough for its reference answer (the points it asks, a quarter
    more room than their length) and LINES_PER_POINT a point asked at least (4 lines for a
    3-point and a 4-point item alike left one of them short), 4 at least, MAX_LINES_PER_POINT a
    point at most (a whole explanation in the key: 37 lines for a 4-point item, 简答 on 8 pages)."""
    partial = it.need and it.need < len(it.points)
    asked = "".join(sorted(it.check.get("key", []), key=len, reverse=True)[:it.need]) if partial else it.answer
    points = it.need if partial else len(it.points)
    need = min(-(-len(asked) * 5 // 4 // CHARS_PER_LINE), MAX_LINES_PER_POINT * points)
    return max(4, LINES_PER_POINT * points, need)


def answer_bracket(p) -> None:
    """“（　　　）” at the right edge of the stem's last line, in the room the stem's right indent
    keeps (a right tab past the indent: never alone on a line, review 31's 第2、6题), and whole: its
    inside is the opening bracket's character spacing, not spaces (LibreOffice broke after the
    ideographic spaces and put “）” alone on the next line)."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from ..docx_layout import BODY_FONT, set_font
    from .grid import TEXT_MM

    p.paragraph_format.right_indent = Pt(BRACKET_ROOM_PT)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_MM), WD_TAB_ALIGNMENT.RIGHT)
    tab, opening, closing = p.add_run("\t"), p.add_run("\u00a0（"), p.add_run("）")
    for run in (tab, opening, closing):
        set_font(run, BODY_FONT, PAPER_PT)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(BRACKET_GAP_PT * 20))  # (twentieths of a point)
    opening._element.get_or_add_rPr().append(spacing)


def _student_item(d, i: int, it: QuizItem, width: int | None = None, lines: bool = True) -> None:
    """One item as the student reads it; `lines`: a 简答's answer lines (the student paper's only:
    in the teacher's copy they left six pages half empty before the answers, trainer review 74)."""
    marks = f"（{it.score} 分）" if it.type == SHORT else ""  # (review 7 and 8: a 简答's marks not on the paper)
    p = _line(d, f"{i}. {blank_line(it, width)}{marks}", keep=bool(it.options))
    if it.type == TRUE_FALSE or it.options:
        answer_bracket(p)
    for k, (ch, opt) in enumerate(zip(LETTERS, it.options)):
        _line(d, f"{ch}. {opt}", indent=28, keep=k < len(it.options) - 1)
    if it.type == SHORT and lines:  # (the stem and its lines on one page: 第 49 题 left 9 of its lines to the next)
        p.paragraph_format.keep_with_next = True
        n = answer_lines(it)
        for k in range(n):
            _line(d, "_" * ANSWER_LINE, keep=k < n - 1)


def brief(it: QuizItem) -> str:
    """The 解析 without its source quote when what follows lists the source already (an
    article's items, a 简答's reference answer): the answer part printed each article twice."""
    from .generate import QUOTE_CHARS

    at = it.explanation.find("，原文：“")
    quote, limit = it.citation.quote if it.citation else "", QUOTE_CHARS.get(it.type, 240)
    shown = quote if len(quote) <= limit else quote[:limit - 2] + "……"
    body = it.explanation[at + len("，原文：“"):] if at >= 0 else ""
    if not body.startswith(shown + "”"):
        return it.explanation
    conclusion = body[len(shown) + 1:]
    if it.type == SHORT or "所列内容为" in conclusion or "提出的方面为" in conclusion:
        return it.explanation[:at] + "。" + conclusion if conclusion else ""
    return it.explanation


def _answer_item(d, i: int, it: QuizItem) -> None:
    _line(d, f"{i}. 答案：" + (it.answer_brief() if it.type != SHORT else "见参考答案"), keep=True)
    if it.type == SHORT:
        _line(d, "参考答案：" + it.answer)
        _line(d, it.marking())
    text = brief(it)
    if text:
        _line(d, "解析：" + text)
    _line(d, "出处：" + it.source_label())
