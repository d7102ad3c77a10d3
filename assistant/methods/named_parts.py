"""Names that list their own parts: “物质+服务”, “大数据比对+铁脚板摸排”, and a quoted list of
steps named as a practice, “一次申请、分类审核认定”等做法. When the source does not spell the
parts out elsewhere, the name itself is where it lists them.

`self_listed(text, start, end)` tells whether the quoted name at text[start:end] (inside the
quotes) is such a name; `name_parts(text, start, end)` returns its parts as one Expansion.
"""
from __future__ import annotations

import re
import unicodedata

from .expand import Expansion, _items
from .spans import Span

SELF_LISTED = "名称自列"  # the pattern name of the expansion
PLUS = "+＋"
LIST = "、"
PIECE_MIN, PIECE_MAX = 2, 10  # characters of one part
PARTS_MAX = 5
# After a 、-list name: it is named as a way of working (“…”等做法, “…”的工作模式), not a slogan
# or a requirement (“扩面、提质、增效”的工作要求, “辛苦我一人、幸福千万家”的服务理念).
PRACTICE_AFTER = re.compile(r"(?:等|的)?(?:工作)?(?:做法|方式|模式|工作法|机制|办法)")
NUMERAL = re.compile(r"[0-9一二三四五六七八九十两双]")
# A list item itself (“党建+公益”、宁波东外滩“党建+生态”; “A”“B”): one of several sibling names.
SIBLING_BEFORE = re.compile(r"(?:[、和与及]|”、[^，。；、“”]{0,12}|”)$")
SIBLING_AFTER = re.compile(r"^[、和与及“]")


def _pieces(text: str, start: int, end: int, seps: str) -> list[Span]:
    out, pos = [], start
    for i in range(start, end + 1):
        if i == end or text[i] in seps:
            out.append((pos, i))
            pos = i + 1
    return out


def _word_piece(text: str, span: Span) -> bool:
    piece = unicodedata.normalize("NFKC", text[span[0]:span[1]])
    return PIECE_MIN <= len(piece) <= PIECE_MAX and re.fullmatch(r"[\u4e00-\u9fff]+", piece) is not None


def _separator(text: str, start: int, end: int) -> str | None:
    name = text[start:end]
    if any(c in name for c in PLUS) and not re.search(r"[0-9]", unicodedata.normalize("NFKC", name)):
        return PLUS
    if LIST in name and NUMERAL.search(name) and PRACTICE_AFTER.match(text, end + 1):
        return LIST
    return None


def _is_sibling(text: str, start: int, end: int) -> bool:
    """The quoted name is one item of a list of names, not a name of its own."""
    q_start, q_end = start - 1, end + 1
    return bool(SIBLING_BEFORE.search(text[max(0, q_start - 16):q_start])
                or SIBLING_AFTER.match(text[q_end:q_end + 1]))


def self_listed(text: str, start: int, end: int) -> bool:
    """text[start:end], quoted, is a name made of 2..PARTS_MAX distinct word parts joined by +
    (or by 、 when numbered and named as a practice), and not one item of a list of names."""
    sep = _separator(text, start, end)
    if sep is None or _is_sibling(text, start, end):
        return False
    spans = _pieces(text, start, end, sep)
    words = [text[a:b] for a, b in spans]
    return (2 <= len(spans) <= PARTS_MAX and len(set(words)) == len(words)
            and all(_word_piece(text, s) for s in spans))


def name_parts(text: str, start: int, end: int) -> list[Expansion]:
    """The parts a self-listing name lists, cited from the sentence that names it."""
    if not self_listed(text, start, end):
        return []
    spans = _pieces(text, start, end, _separator(text, start, end) or "")
    return [Expansion(_items(spans, text), SELF_LISTED, True, rank=4, exact=True)]

