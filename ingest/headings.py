"""Recognize Chinese heading schemes: 第N篇, 一、, （一）, 1. / 1、, （1）, legal numbering
(第X编/章/节, and 第X条 opening an article), and plain title lines."""
from __future__ import annotations

import re

CN_NUM = "零〇一二三四五六七八九十百"
# (level, pattern) — lower level = higher in the outline.
MARKERS: list[tuple[int, re.Pattern]] = [
    (0, re.compile(rf"^第[0-9{CN_NUM}]+篇\s*[:：]")),
    (0, re.compile(rf"^第[0-9{CN_NUM}]+编(?:\s|$)")),
    (1, re.compile(rf"^第[0-9{CN_NUM}]+章(?:\s|$)")),
    (2, re.compile(rf"^第[0-9{CN_NUM}]+节(?:\s|$)")),
    (3, re.compile(rf"^第[0-9{CN_NUM}]+条(?:之[{CN_NUM}]+)?(?![的规款项所和、，,])")),
    (1, re.compile(rf"^[{CN_NUM}]+\s*[、.．]")),
    (2, re.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[）)]")),
    (3, re.compile(r"^[0-9]{1,2}\s*(?:[、．]|\.(?![0-9]))")),
    (4, re.compile(r"^[（(]\s*[0-9]{1,2}\s*[）)]")),
]
SENT_END = "。！？!?；;"
TERMINAL = SENT_END + "：:…"
INNER_PUNCT = "，,、；;：:。！？!?"
PLAIN_MAX = 32
PURE_MAX = 48


def marker_level(line: str) -> int | None:
    """Outline level of a line that starts with a heading marker, else None."""
    for level, pat in MARKERS:
        if pat.match(line):
            return level
    return None


ARTICLE = re.compile(rf"^(第[0-9{CN_NUM}]+条(?:之[{CN_NUM}]+)?)(?![的规款项所和、，,])")
# The numbering of list items: 项 of a legal article are （一）, their 目 1. or （1）.
ITEM = re.compile(rf"^(?:[（(]\s*[{CN_NUM}]+\s*[）)]|[0-9]{{1,2}}\s*(?:[、．]|\.(?![0-9]))|[（(]\s*[0-9]{{1,2}}\s*[）)])")
ITEM_END = re.compile(r"[；;][”’」』）)]*$")


def article_label(line: str) -> str | None:
    """“第十二条” for a line opening an article: the article is body text, its number a label."""
    m = ARTICLE.match(line)
    return m.group(1) if m else None


def is_legal(lines: list[str]) -> bool:
    """A regulation or measure: several lines open an article (第X条)."""
    return sum(1 for ln in lines if ARTICLE.match(ln)) >= 3


def is_pure_heading(line: str) -> bool:
    """A marker line that is only a heading (no sentence inside it). An article (第X条 …) is
    body text, however short, and so is a numbered lead below the top of the outline
    (“（一）临床科室：”, “2、草坪养护：”): it opens the items that follow it."""
    level = marker_level(line)
    if level is None or len(line) > PURE_MAX or ARTICLE.match(line):
        return False
    if level >= 2 and line.rstrip(" 　").endswith(("：", ":")):
        return False
    body = line.rstrip("。")
    return not any(ch in body for ch in SENT_END)


def is_plain_heading(line: str) -> bool:
    """A short unnumbered title line: no punctuation that a sentence would have."""
    if len(line) > PLAIN_MAX or marker_level(line) is not None:
        return False
    return not any(ch in line for ch in INNER_PUNCT)


def heading_label(line: str, limit: int = 40) -> str:
    """Label for the section path: the line, or its lead sentence for run-in headings."""
    label = line
    for i, ch in enumerate(line):
        if ch in SENT_END and i > 0:
            label = line[:i]
            break
    label = label.strip(" 　")
    return label if len(label) <= limit else label[:limit] + "…"


def ends_sentence(line: str) -> bool:
    s = line.rstrip(" 　")
    if not s:
        return True
    if s[-1] in "”’」』\"')）" and len(s) > 1:
        return s[-2] in TERMINAL or s[-1] in ")）"
    return s[-1] in TERMINAL


_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_ACT = r"(?:通过|批准|公布|施行|修正|修订|发布|印发|废止)"
META_LINE = re.compile("|".join((
    rf"^[（(]?\s*{_DATE}.{{0,120}}{_ACT}.{{0,20}}[）)]?$",  # adoption / amendment / effective-date lines
    rf"^[（(].{{0,120}}{_ACT}[）)]$",
    r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号$",  # 发文字号: 民发〔2019〕12号
    rf"^[\u4e00-\u9fff]{{2,4}}(?:时间|日期)\s*[:：]?\s*{_DATE}$",  # 修订时间 2022年10月20日
    r"^(?:来源|稿源|出处|作者|发布时间|发布日期)\s*[:：]\s*\S.{0,100}$",  # a news item's source line
)))


def is_meta_line(line: str) -> bool:
    """An adoption/approval/effective-date line or a 发文字号: its own paragraph, and metadata."""
    return len(line) <= 200 and bool(META_LINE.match(line.strip()))
