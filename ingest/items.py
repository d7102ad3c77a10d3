"""Numbered list items versus numbered headings, read off the lines' structure.

A numbered line (（一）, 1. / 1、, （1）) that is only a label (no sentence inside it) heads
the text that follows it before its next sibling: “（一）加强组织领导” and then paragraphs.
With no text of its own it is a list item of the article or section above it: siblings that
follow one another line by line (“（一）政治可靠…。”, “（二）熟悉…。”), the last line of a
section, or a sentence closing such a run. In a regulation every numbered line below an
article is an item (项, 目), and so is any numbered line ending in “；”. A numbered line with a
sentence inside (“（一）推行网格化…。针对…”) stays a run-in heading.
"""
from __future__ import annotations

from .headings import ITEM, ITEM_END, is_pure_heading, marker_level


def list_items(lines: list[str], legal: bool) -> set[int]:
    """Indices (into `lines`, blank lines included) of the numbered lines that are list items."""
    rows = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]
    out: set[int] = set()
    prev_item = False
    for k, (i, line) in enumerate(rows):
        item = False
        if ITEM.match(line):
            nxt = rows[k + 1][1] if k + 1 < len(rows) else ""
            pure = is_pure_heading(line)
            item = (legal or bool(ITEM_END.search(line)) or (pure and _no_body(line, nxt))
                    or (prev_item and (not pure or _closes_run(line, rows[k - 1][1]))))
        if item:
            out.add(i)
        prev_item = item
    return out


def _no_body(line: str, nxt: str) -> bool:
    """No text of its own: the next line is a sibling or higher in the outline, or the text
    ends. A heading with nothing under it would leave its words outside every chunk."""
    if not nxt:
        return True
    after = marker_level(nxt)
    return after is not None and after <= marker_level(line)  # else a paragraph: the line heads it


def _closes_run(line: str, prev: str) -> bool:
    """A sentence (“（四）具备…能力。”) after a sibling item ends their run, though a paragraph
    follows it; a bare label there (“（二）基本原则”) heads that paragraph."""
    return line.endswith("。") and marker_level(prev) == marker_level(line)
