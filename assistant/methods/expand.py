"""Expansion finders: where a method's components are spelled out around one mention.

Each finder looks at one mention and returns Expansions — lists of component spans — found
by one general pattern: a definition (“即：”, “是指”, “主要包括”), per-part definitions
(“1”是指…；“5”是指…), a parenthesis, an enumeration right before or after the mention,
a quoted dash list (“街道—专委会—社区”三级…), or the numbered sub-headings under it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.headings import marker_level
from ingest.numerals import int_to_cn

from .numerals import Structure
from .spans import (
    SENT_END,
    Span,
    clause_bounds,
    enumeration,
    enumerations_in,
    sentence_of,
    strip_framing,
    strip_lead,
    strip_span,
)

DEFINE = re.compile(r"[，,]?\s*(?:即[：:]?|是指|主要包括|包括|分别是|分别为|具体是|就是)[：:]?")
SUFFIX_MAX = 8
PART_WINDOW = 900


@dataclass
class Item:
    name: Span  # the component's name
    quote: Span  # the clause it is cited from (contains name)


@dataclass
class Expansion:
    items: list[Item]
    kind: str  # which pattern found it
    strong: bool  # may stand as a partial (incomplete) expansion
    rank: int = 0  # 0 explicit definition, 1 adjacent list, 2 nearby list/headings, 3 far list
    linked: bool = False  # a list tied to the mention by 的 (“A、B的“两X””)
    exact: bool = False  # the text itself says how many (两个“X”): the count needs no check


def _items(spans: list[Span], text: str, clause: Span | None = None) -> list[Item]:
    out = []
    for s, e in spans:
        q = clause or _clause_around(text, s, e)
        out.append(Item((s, e), (min(q[0], s), max(q[1], e))))
    return out


def _clause_around(text: str, s: int, e: int) -> Span:
    a, b = sentence_of(text, s)
    for cs, ce in clause_bounds(text, a, b):
        if cs <= s and e <= ce:
            return strip_span(text, cs, ce)
    return strip_span(text, s, e)


def _quoted_names(text: str, spans: list[Span]) -> list[Span]:
    """When every item carries one quoted term (宁波东外滩“党建+文化”), the terms are the names."""
    out = []
    for s, e in spans:
        q = s - 1 if s > 0 and text[s - 1] == "“" else text.rfind("“", s, e)
        if q < 0 or q == s:
            return spans
        close = text.find("”", q, e)
        out.append((q + 1, close if close > 0 else e))
    return out


def _after_suffix(text: str, end: int) -> int:
    """Skip the type word after a closing quote (”工作法，) to where an expansion may start."""
    m = re.compile(rf"[^，,。；：“\n]{{0,{SUFFIX_MAX}}}").match(text, end)
    return m.end() if m else end


def definition(text: str, start: int, end: int, struct: Structure) -> list[Expansion]:
    """“X”，即：A；B；C。 / “X”要求，即A、B、C / “X”主要包括A、B、C."""
    m = DEFINE.match(text, end) or DEFINE.match(text, _after_suffix(text, end))
    if not m:
        return []
    body_end = sentence_of(text, m.end())[1]
    body = strip_span(text, m.end(), body_end, " 　\n。")
    parts = [strip_span(text, *p) for p in _split(text, *body, "；;")]
    out = []
    if len(parts) >= 2:
        out.append(Expansion([_part_item(text, p) for p in parts if _has_words(text, p)], "即：分号", True))
    first = clause_bounds(text, *body)
    for cs, ce in first[:1]:
        spans = enumeration(text, cs, ce)
        if len(spans) >= 2:
            out.append(Expansion(_items(_quoted_names(text, spans), text, (cs, ce)), "即：顿号", True))
    if len(first) >= 2 and struct.expected and len(first) == struct.expected:
        out.append(Expansion([_part_item(text, c) for c in first if _has_words(text, c)], "即：逗号", True))
    return out


def _split(text: str, s: int, e: int, seps: str) -> list[Span]:
    out, pos, depth = [], s, 0
    for i in range(s, e):
        depth += text[i] == "“"
        depth -= text[i] == "”" and depth > 0
        if text[i] in seps and depth == 0:
            out.append((pos, i))
            pos = i + 1
    out.append((pos, e))
    return [p for p in out if p[1] > p[0]]


def _has_words(text: str, span: Span) -> bool:
    """False for a piece that is bare punctuation ("即：A；？"), which names nothing."""
    return bool(clause_bounds(text, *span))


def _part_item(text: str, span: Span) -> Item:
    """A definition piece: name is its lead clause (framing words dropped), or the quoted
    term it ends on (…的“四化驱动”)."""
    s, e = span
    m = re.search(r"的“([^“”]+)”$", text[s:e])
    if m:
        ns = s + m.start(1)
        return Item((ns, ns + len(m.group(1))), span)
    cs, ce = strip_span(text, *clause_bounds(text, s, e)[0])
    name = (cs, ce) if text.startswith("以", cs) else strip_framing(text, cs, ce)
    return Item(name, span)


def part_definitions(text: str, end: int, labels: list[str], counts: list[int]) -> list[Expansion]:
    """“1”是指A。“5”是指B。“7”是指C。 — one component per part of the name."""
    if len(labels) < 2:
        return []
    items, pos = [], end
    for label, count in zip(labels, counts):
        pat = re.compile("“" + re.escape(label) + r"”\s*(?:即|是指|主要包括|包括|是)[：:]?")
        m = pat.search(text, pos, end + PART_WINDOW)
        if not m:
            return []
        stop = min(i for i in (text.find("；", m.end()), text.find("。", m.end()), len(text)) if i >= 0)
        quote = strip_span(text, m.end(), stop)
        items.append(Item(_counted_head(text, quote, count), quote))
        pos = stop
    return [Expansion(items, "分部定义", True)]


def _counted_head(text: str, quote: Span, count: int) -> Span:
    """The “五个专门委员会” head of “A、B…五个专门委员会”, or the lead clause."""
    s, e = quote
    num = rf"(?:{count}|{int_to_cn(count) if count < 20 else count})"
    m = None
    for m in re.finditer(num + r"[个支项种大条家类][^，。；]*", text[s:e]):
        pass
    if m and count > 1:
        return strip_span(text, s + m.start(), s + m.end())
    cs, ce = clause_bounds(text, s, e)[0]
    return strip_framing(text, cs, ce) if not text.startswith("以", cs) else (cs, ce)


def parenthesis(text: str, start: int, end: int) -> list[Expansion]:
    """“一好双强”（A，B，C）."""
    if end < len(text) and text[end] in "（(":
        close = text.find("）" if text[end] == "（" else ")", end)
        lead = re.compile(r"[（(](?:即|也就是|分别是)?[：:]?").match(text, end).end()  # （即A、B、C）
        if 0 < close - end < 80:
            spans = [strip_span(text, *p) for p in _split(text, lead, close, "，,、；")]
            if len(spans) >= 2:
                return [Expansion(_items(spans, text, (lead, close)), "括号", True)]
    return []


ADJACENT_GAP = 8
LONG_LIST = 4


def before(text: str, start: int) -> list[Expansion]:
    """Enumerations ending right before the mention (“A、B、C的“三X””), or — for lists of
    four or more — anywhere earlier in this sentence or the one before."""
    s, _ = sentence_of(text, start)
    ps, _ = sentence_of(text, max(0, s - 2)) if s > 1 else (s, s)
    out = []
    for a, b in ((s, start), (ps, s)):
        for spans in reversed(enumerations_in(text, a, b)):
            gap = text[spans[-1][1]:start]
            commas = sum(gap.count(c) for c in "，,；：")
            near = (len(gap) <= ADJACENT_GAP and commas <= 1) or (len(gap) <= 2 * ADJACENT_GAP and not commas)
            near = near and not any(c in gap for c in SENT_END)  # never across a sentence or line
            if near or len(spans) >= LONG_LIST:
                out.append(Expansion(_items(_quoted_names(text, spans), text), "前置列举", False,
                                     1 if near else 3, near and _linked(text, spans[-1][1], start)))
    cs, ce = (clause_bounds(text, s, start) or [(s, start)])[-1]
    pair = enumeration(text, cs, ce, pair=True)
    if len(pair) == 2 and len(text[pair[-1][1]:start]) <= 2:  # “助力对接和助力引进的“两个助力””
        out.insert(0, Expansion(_items(pair, text), "前置列举", False, 1,
                                _linked(text, pair[-1][1], start)))
    return out


def _linked(text: str, list_end: int, start: int) -> bool:
    return text[list_end:start].rstrip("“").endswith("的")


def after(text: str, start: int, end: int) -> list[Expansion]:
    """Enumerations after the mention: the rest of its sentence, then the next sentence.
    One that opens the clause right after the mention's type word may stand as partial."""
    _, se = sentence_of(text, end)
    _, ne = sentence_of(text, min(len(text) - 1, se)) if se < len(text) else (se, se)
    out = []
    first_clause = _after_suffix(text, end)
    clauses = clause_bounds(text, end, ne)
    reach = clauses[1][1] if len(clauses) > 1 else ne  # the mention's clause and the next
    for spans in enumerations_in(text, end, ne):
        if spans[0][0] > reach:
            break
        opener = text[max(end, spans[0][0] - 2):spans[0][0]]
        near = (spans[0][0] - first_clause <= 4 and spans[0][0] < se
                and "以及" not in text[first_clause:spans[0][0] + 1]
                and any(w in opener for w in ("以", "即", "括", "过", "是")))
        out.append(Expansion(_items(spans, text), "后置列举", near, 1 if near else 2))
    return out


def keyword_list(text: str, count: int, keyword: str) -> list[Expansion]:
    """Anywhere in the document: a list of exactly `count` items that all carry the name's
    keyword (“五个服务” ↔ “服务改革、服务发展、服务民生、服务群众、服务党员”)."""
    if len(keyword) < 2 or count < 3:
        return []
    out = []
    for spans in _all_enumerations(text):
        if len(spans) == count and all(keyword in text[a:b] for a, b in spans):
            out.append(Expansion(_items(spans, text), "关键词列举", False, 3))
    return sorted(out, key=lambda e: sum(i.name[1] - i.name[0] for i in e.items))


@lru_cache(maxsize=8)
def _all_enumerations(text: str) -> tuple:
    """Every enumeration of a document (cached: each slogan of the document asks again)."""
    return tuple(tuple(e) for e in enumerations_in(text, 0, len(text)))


def word_parts(text: str, end: int, labels: list[str]) -> list[Expansion]:
    """“线上+线下”: 线上采用“A”…；线下采用“B” — each part word introduces its quoted term."""
    items, pos = [], end
    for label in labels:
        m = re.compile(re.escape(label) + r"(?:采用|实行|实施|推行|即|是)“([^“”]+)”").search(
            text, pos, end + PART_WINDOW)
        if not m:
            return []
        items.append(Item(m.span(1), _clause_around(text, *m.span(1))))
        pos = m.end()
    return [Expansion(items, "分部定义", True)] if len(items) >= 2 else []


def dash_list(text: str, q_start: int, q_end: int) -> list[Expansion]:
    """“街道—专委会—社区”三级…: the quoted dash list is the expansion of the name after it."""
    inner = (q_start + 1, q_end - 1)
    spans = [strip_span(text, *p) for p in _split(text, *inner, "—-－")]
    if len(spans) >= 2:
        return [Expansion(_items(spans, text, inner), "连接号列举", True)]
    return []


def headings(text: str, start: int) -> list[Expansion]:
    """Numbered sub-headings under the heading (or title) line that holds the mention."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    idx = next((i for i, (a, b, _) in enumerate(lines) if a <= start <= b), None)
    if idx is None:
        return []
    own = marker_level(lines[idx][2])
    if own is None and idx != 0:
        return []
    kids = []
    for a, b, line in lines[idx + 1:]:
        lvl = marker_level(line)
        if lvl is None:
            continue
        if own is not None and lvl <= own:
            break
        kids.append((lvl, a, b, line))
    if not kids:
        return []
    top = min(k[0] for k in kids)
    items = []
    for lvl, a, b, line in kids:
        if lvl != top:
            continue
        m = re.match(r"^(?:[（(]?[0-9一二三四五六七八九十]+[）)、.．]?)\s*", line)
        hs = a + (m.end() if m else 0)
        he = hs + len(re.split(r"[。！？]", line[hs - a:])[0])
        name = strip_lead(text, *strip_span(text, hs, he))  # 健全|“有事先找我”诉求处置机制
        items.append(Item(name, strip_span(text, a, he)))
    # under the mention's own heading line the sub-headings are its parts: a partial list may stand
    return [Expansion(items, "小标题", own is not None, 2)] if len(items) >= 2 else []
