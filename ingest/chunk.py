"""Heading-aware, sentence-safe chunking with exact spans into the cleaned text."""
from __future__ import annotations

import math
from dataclasses import dataclass

from .headings import (
    PLAIN_MAX,
    article_label,
    heading_label,
    is_legal,
    is_meta_line,
    is_plain_heading,
    is_pure_heading,
    marker_level,
)
from .items import list_items
from .model import Chunk, Document
from .sentences import sentence_spans

CHUNKER_VERSION = "6"  # 6: numbered lines without a body of their own are list items


@dataclass(frozen=True)
class ChunkConfig:
    max_chars: int = 400
    min_chars: int = 150

    def __post_init__(self):
        if self.max_chars < 50:
            raise ValueError(f"max_chars must be at least 50, got {self.max_chars}")
        if not 0 <= self.min_chars < self.max_chars:
            raise ValueError(f"min_chars must be in [0, max_chars), got {self.min_chars}")


@dataclass
class Paragraph:
    start: int
    end: int
    path: tuple[str, ...]


def iter_lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def paragraphs(doc: Document) -> list[Paragraph]:
    """Body paragraphs with their heading path; heading lines are structure, not body.

    A line the file's format marks as a heading (Markdown #, a Word heading style) is one.
    In a regulation an article (第X条 …) is body whose number labels its path, and its
    numbered 项 （一）…； are list items, as are numbered lines ending in “；” anywhere and
    numbered lines with no text of their own before the next sibling (items.py)."""
    lines = list(iter_lines(doc.text))
    marked = set(doc.meta.get("headings") or ())
    legal = is_legal([ln.strip() for _, _, ln in lines])
    items = list_items([ln for _, _, ln in lines], legal)
    stack: list[tuple[int, str]] = []
    out: list[Paragraph] = []
    prev_plain = False
    for i, (s, e, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        item = i in items
        pure = not item and (stripped in marked or is_pure_heading(stripped))
        if i == 0 and (stripped == doc.title or pure or is_plain_heading(stripped)
                       or (len(stripped) <= 60 and "。" not in stripped)):
            continue  # the document's own title line: already the root of every path
        if not pure and stripped.strip("—-– ") and stripped.strip("—-– ") in doc.title:
            continue  # title/subtitle lines repeated in the text
        if stripped.startswith(("—", "-")) and is_plain_heading(stripped.lstrip("—- ")[:PLAIN_MAX]):
            continue  # a subtitle line ("——…的实践与启示")
        if not item and (pure or (is_plain_heading(stripped) and not is_meta_line(stripped))):
            level = marker_level(stripped) if marker_level(stripped) is not None else 1
            label = heading_label(stripped)
            if marker_level(stripped) is None and prev_plain and stack and stack[-1][0] == 1:
                label = f"{stack.pop()[1]} {label}"  # title + subtitle lines
            stack = [x for x in stack if x[0] < level] + [(level, label)]
            prev_plain = marker_level(stripped) is None
            continue
        prev_plain = False
        level = None if item else marker_level(stripped)
        if level is not None:  # run-in heading: "1.以党建为中心，…。一是…"; an article: "第五条 …"
            label = article_label(stripped) or heading_label(stripped)
            stack = [x for x in stack if x[0] < level] + [(level, label)]
        path = (doc.title,) + tuple(label for _, label in stack)
        out.append(Paragraph(s, e, path))
    if not out:  # a document that is only a title or headings (a one-line page): index those lines
        out = [Paragraph(s, e, (doc.title,)) for s, e, line in lines if line.strip()]
    return out


def chunk_document(doc: Document, cfg: ChunkConfig = ChunkConfig()) -> list[Chunk]:
    chunks: list[Chunk] = []
    meta = {"title": doc.title}
    group: list[tuple[int, int]] = []
    group_path: tuple[str, ...] | None = None

    def flush():
        if group:
            s, e = group[0][0], group[-1][1]
            chunks.append(Chunk.make(doc.doc_id, doc.text[s:e], s, e, group_path, meta))
            group.clear()

    for p in paragraphs(doc):
        pieces = split_long(doc.text, p.start, p.end, cfg)
        for s, e in pieces:
            size = (e - group[0][0]) if group else 0
            if group and (p.path != group_path or size > cfg.max_chars):
                flush()
            if not group:
                group_path = p.path
            group.append((s, e))
        if len(pieces) > 1:
            flush()
    flush()
    return chunks


def split_long(text: str, start: int, end: int, cfg: ChunkConfig) -> list[tuple[int, int]]:
    """A paragraph over max_chars becomes balanced runs of whole sentences."""
    if end - start <= cfg.max_chars:
        return [(start, end)]
    sents = sentence_spans(text, start, end, hard_max=cfg.max_chars)
    n = math.ceil((end - start) / cfg.max_chars)
    target = (end - start) / n
    runs: list[tuple[int, int]] = []
    cur_s, cur_e = sents[0]
    for s, e in sents[1:]:
        if e - cur_s > cfg.max_chars or (cur_e - cur_s >= target and e - cur_s > target * 1.15):
            runs.append((cur_s, cur_e))
            cur_s = s
        cur_e = e
    runs.append((cur_s, cur_e))
    return runs
