"""Recognize Chinese heading schemes: 第N篇, 一、, （一）, 1. / 1、, （1）, and plain title lines."""
from __future__ import annotations

import re

CN_NUM = "零〇一二三四五六七八九十百"
# (level, pattern) — lower level = higher in the outline.
MARKERS: list[tuple[int, re.Pattern]] = [
    (0, re.compile(rf"^第[0-9{CN_NUM}]+篇\s*[:：]")),
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


def is_pure_heading(line: str) -> bool:
    """A marker line that is only a heading (no sentence inside it)."""
    if marker_level(line) is None or len(line) > PURE_MAX:
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
