"""Span helpers over doc.text: sentences, clauses, enumerations, item trimming.

Every function returns (start, end) offsets into the document text, never copies, so each
component keeps an exact citation.
"""
from __future__ import annotations

import re

from .numerals import cn_to_int

Span = tuple[int, int]

SENT_END = "。！？!?\n"
CLAUSE_END = SENT_END + "，,；;：:"
QUOTES = "“”\"‘’「」"
# Leading framing words that introduce an enumeration rather than belong to its first item.
FRAMING = ("建立起", "组建了", "组织召开", "召开", "积极探索", "积极", "充分发挥", "充分", "发挥好", "发挥", "加强", "健全", "坚持", "建立起",
           "建立", "推行", "实施", "强化", "探索", "完善", "构建", "形成", "通过", "按照", "围绕",
           "依托", "整合", "以", "并接受", "接受", "并", "包括", "主要包括", "即", "是", "有的", "被",
           "一批", "凡是", "对于", "推进落实", "落实", "在")
# Where the last item of an enumeration stops: 的/等, a counted noun (“3个”), a closing quote.
LAST_STOP = re.compile(r"的|等(?![次级同待])|共同|[0-9]+[个种项支名条大类]|[一二三四五六七八九十两]+[个种项支条大类]|”|——|—")
SEPARATOR = re.compile(r"、|”“|”、“")
JOINER = re.compile(r"和|及|以及|与")
# Words whose 和/及/与 joins nothing (“共同参与的…”, “及时”): never the joiner of a last item.
NOT_JOINER = ("参与", "和谐", "及时", "涉及", "普及", "惠及", "危及", "触及", "给与", "与会", "和美")


def sentence_of(text: str, pos: int) -> Span:
    """The sentence (ended by 。！？ or a newline) that contains position pos."""
    s = pos
    while s > 0 and text[s - 1] not in SENT_END:
        s -= 1
    e = pos
    while e < len(text) and text[e] not in SENT_END:
        e += 1
    if e < len(text) and text[e] != "\n":
        e += 1
    return s, e


def strip_span(text: str, s: int, e: int, chars: str = " 　\n" + QUOTES) -> Span:
    """Trim spaces and outer quote marks, but keep a quote pair the span itself contains
    (认领1个“微心愿”)."""
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    if text.count("“", s, e) > text.count("”", s, e) and text[e:e + 1] == "”":
        e += 1
    return s, e


def strip_lead(text: str, s: int, e: int) -> Span:
    """Drop framing words (“坚持”, “积极探索”, “健全”) from an item's start."""
    changed = True
    while changed and e - s > 2:
        changed = False
        for w in FRAMING:
            if text.startswith(w, s) and e - s - len(w) >= 2:
                s += len(w)
                changed = True
                break
    return s, e


def strip_framing(text: str, s: int, e: int) -> Span:
    """Drop framing words (“坚持”, “积极探索”, “以”) and a “…的” prefix from an item's start."""
    s, e = strip_lead(text, s, e)
    de = text.rfind("的", s, e - 1)
    if de >= 0 and e - de - 1 >= 2 and text.count("“", s, de) == text.count("”", s, de):
        s = de + 1
    return strip_span(text, s, e)


def trim_last(text: str, s: int, e: int, others: list[Span]) -> Span:
    """Cut the last item of an enumeration where it stops being an item: at 的/等, at a
    closing quote, at the count that sums the list up (“…和群众评议3个主要流程”)."""
    if s < e and text[s] == "“":
        close = text.find("”", s + 1, e)
        if close > 0:
            return s + 1, close
    n_items = len(others) + 1
    for m in LAST_STOP.finditer(text, s + 1, e):
        num = re.match(r"[0-9]+|[一二三四五六七八九十两]+", m.group())
        if num and cn_to_int(num.group()) != n_items:
            continue
        e = m.start()
        break
    suffix = common_suffix([text[a:b] for a, b in others])
    if suffix:
        i = text.find(suffix, s + 1, e)
        if i >= 0:
            e = i + len(suffix)
    return strip_span(text, s, e)


def trim_first(text: str, s: int, e: int, others: list[Span]) -> Span:
    """Cut the first item of an enumeration where it starts being an item: after an open
    quote, after framing words, and — when still far longer than the others — after the
    last framing word inside it (“社区党组织建立起|责任区”)."""
    q = text.rfind("“", s, e)
    if q >= 0 and "”" not in text[q:e]:
        s = q + 1
    s, e = strip_framing(text, s, e)
    longest = max((b - a for a, b in others), default=e - s)
    if e - s > longest + 2:
        prefix = common_prefix([text[a:b] for a, b in others])
        i = text.rfind(prefix, s, e - 1) if prefix else -1
        if i > s:  # “…社区居民不行动、不主动、不尽力”: the others all open with 不
            return i, e
        for w in sorted(FRAMING, key=len, reverse=True):
            i = text.rfind(w, s, e - 1)
            if i >= 0 and min(2, longest) <= e - i - len(w) <= longest + 2:
                return strip_span(text, i + len(w), e)
    return s, e


def common_suffix(items: list[str]) -> str:
    """The ending every item shares, when it is shorter than each item ("" for one item)."""
    return common_prefix([it[::-1] for it in items])[::-1]


def common_prefix(items: list[str]) -> str:
    """The opening every item shares, when it is shorter than each item ("" for one item)."""
    if len(items) < 2:
        return ""
    out = items[0]
    for it in items[1:]:
        n = 0
        while n < min(len(out), len(it)) and out[n] == it[n]:
            n += 1
        out = out[:n]
    return out if out and len(out) < min(len(i) for i in items) else ""


SHORT_QUOTE = 24


def clause_bounds(text: str, a: int, b: int) -> list[Span]:
    """Clauses in text[a:b], split at clause punctuation outside short quoted terms
    (a long quotation is ordinary text: its commas still end clauses)."""
    out, start, i = [], a, a
    while i < b:
        ch = text[i]
        if ch == "“":
            close = text.find("”", i + 1, min(b, i + SHORT_QUOTE))
            if close > 0 and "“" not in text[i + 1:close]:
                i = close + 1
                continue
        elif ch in CLAUSE_END:
            if i > start:
                out.append((start, i))
            start = i + 1
        i += 1
    if b > start:
        out.append((start, b))
    return out


def enumeration(text: str, a: int, b: int, pair: bool = False) -> list[Span]:
    """Items of the enumeration that fills the clause text[a:b] (“A、B、C和D”), or [].
    With `pair`, a bare “A和B” counts as a two-item list."""
    cuts = [(m.start(), m.end()) for m in SEPARATOR.finditer(text, a, b)]
    if not cuts and not pair:
        return []
    pieces, pos = [], a
    for cs, ce in cuts:
        pieces.append((pos, cs + (1 if text[cs] == "”" else 0)))
        pos = ce - (1 if text[ce - 1] == "“" else 0)
    pieces.append((pos, b))
    last_s, last_e = pieces[-1]
    j = _last_joiner(text, last_s, last_e)
    if j:
        pieces[-1:] = [(last_s, j[0]), (j[1], last_e)]
    if len(pieces) < 2:
        return []
    middle = [strip_span(text, *p) for p in pieces[1:-1]]
    first = trim_first(text, *strip_span(text, *pieces[0]), others=middle or [pieces[-1]])
    last = trim_last(text, *strip_span(text, *pieces[-1]), others=[first] + middle)
    items = [first] + middle + [last]
    if any(e - s < 1 or e - s > 40 for s, e in items):
        return []
    return items


def _last_joiner(text: str, s: int, e: int) -> Span | None:
    """Where “和/及/与” joins a final item onto the last 、-piece, outside quotes."""
    for m in JOINER.finditer(text, s, e):
        outside = text.count("“", s, m.start()) <= text.count("”", s, m.start())
        if not outside or m.start() - s < 2 or _in_word(text, m.start(), m.end()):
            continue
        rest = trim_last(text, *strip_span(text, m.end(), e), others=[(s, m.start())])
        if rest[1] - rest[0] >= 2:  # not the 和 of “和谐”
            return m.start(), m.end()
    return None


def _in_word(text: str, s: int, e: int) -> bool:
    return any(w in text[max(0, s - 1):e + 1] for w in NOT_JOINER)


def enumerations_in(text: str, a: int, b: int) -> list[list[Span]]:
    """Every clause-level enumeration inside text[a:b], in reading order."""
    out = []
    for cs, ce in clause_bounds(text, a, b):
        items = enumeration(text, cs, ce)
        if len(items) >= 2:
            out.append(items)
    return out
