"""Expansion finders for parts spelled out clause by clause, not as one “A、B、C” list.

- part keywords: “三会一课” → three items with 会, then one with 课, in order after the mention;
- core plus group: “1+5” → 以A为核心，整合B1、B2…B5;
- shared predicate: “3+X”体系，A用于…，B用于…，C用于… — the subjects of parallel clauses;
- counted instances: 两个“四不一否决”…，对于…；对于… — one component per instance the text counts;
- keyword clauses: “三张地图”…形成问题地图；…形成资源地图；…形成需求地图;
- a quoted list before the bare name elsewhere: “群众点题约谈、干部答题解难”双向约谈.
"""
from __future__ import annotations

import re

from ingest.numerals import cn_to_int

from .expand import Expansion, Item, _items, _split
from .spans import Span, clause_bounds, enumeration, enumerations_in, sentence_of, strip_framing, strip_span

# Where a predicate starts after the last item of a pair: “在A上和B上|都予以了倾斜”.
PREDICATE_START = re.compile(r"都|均|皆|一律|予以|给予|全部|统一")
COUNTED = re.compile(r"([两二三四五六七八九十])个$")
# Module constants, not Settings fields: assistant.settings loads pydantic, and this package
# is imported by `shequ --help` (tests/test_cli.py keeps that light), as expand.py's are.
SHARED_WORD_MIN, SHARED_WORD_MAX = 2, 12  # where the shared word of parallel clauses may start
SHARED_NAME_SPREAD = 4  # the most the parallel subjects may differ in length
KEYWORD_CLAUSE_MAX = 12  # longest part named by a clause that ends on the keyword
QUOTED_PARTS_MAX = 40  # longest quoted list read as the parts of the name right after it


def _next_sentence_end(text: str, end: int) -> int:
    _, se = sentence_of(text, end)
    return sentence_of(text, se)[1] if se < len(text) else se


def part_keywords(text: str, end: int, parts: list[tuple[int, str]]) -> list[Expansion]:
    """“三会一课”: three items with 会 (支部党员大会、支部委员会议和党小组会议), then one
    with 课 (党课) — each part's keyword found in order after the mention."""
    if len(parts) < 2 or any(not k for _, k in parts):
        return []
    ne = _next_sentence_end(text, end)
    pos, items = end, []
    for count, key in parts:
        found = _keyword_items(text, pos, ne, count, key if len(key) == 2 else key[0])
        if not found:
            return []
        items += found
        pos = found[-1][1]
    return [Expansion(_items(items, text), "分部关键词", False, 2)]


def _keyword_items(text: str, a: int, b: int, count: int, key: str) -> list[Span]:
    if count == 1:  # the keyword with its modifier: 党课, 居民公约
        i = text.find(key, a, b)
        return [(i - len(key), i + len(key))] if i - len(key) >= a else []
    clauses = clause_bounds(text, a, b)
    for cs, ce in clauses:
        spans = enumeration(text, cs, ce, pair=True)
        if len(spans) != count:
            continue
        if all(key in text[x:y] for x, y in spans):
            return spans
        cut = _predicate_cut(text, spans, ce, key)
        if cut:
            return cut
    for i in range(len(clauses) - count + 1):  # 有的…，有的…: consecutive clauses
        run = [strip_framing(text, *strip_span(text, *c)) for c in clauses[i:i + count]]
        if all(key in text[x:y] for x, y in run) and all(y - x <= 16 for x, y in run):
            return run
    return []


def _predicate_cut(text: str, spans: list[Span], clause_end: int, key: str) -> list[Span]:
    """“在A上和B上都予以了倾斜”: the keyword sits in the predicate after the list, not in
    its items; the last item stops where the predicate starts."""
    s, e = spans[-1]
    m = PREDICATE_START.search(text, s + 2, e)
    if not m or key not in text[m.start():clause_end] or any(key in text[x:y] for x, y in spans[:-1]):
        return []
    return spans[:-1] + [strip_span(text, s, m.start())]


CORE = re.compile(r"以([^，。；、]{2,16}?)为(?:核心|中心|龙头|主体|引领)")


def core_plus(text: str, end: int, counts: list[int]) -> list[Expansion]:
    """“1+5”: 以A为核心，整合B1、B2…B5 — the core, then the counted group, one component each."""
    if len(counts) != 2 or counts[0] != 1 or counts[1] < 2:
        return []
    _, se = sentence_of(text, end)
    m = CORE.search(text, end, se)
    if not m:
        return []
    for spans in enumerations_in(text, m.end(), se):
        if len(spans) == counts[1]:
            group = (spans[0][0], spans[-1][1])
            return [Expansion(_items([m.span(1), group], text), "分部定义", True, 0)]
    return []


def shared_predicate(text: str, end: int, count: int, open_ended: bool) -> list[Expansion]:
    """“3+X”党建经费保障体系，日常党建经费用于…，组织活动经费用于…，专项工作经费用于…：
    `count` clauses right after the mention's clause that share one word near their start
    (用于); the words before it are the parts. Only an open name (“3+X”) may keep it as a
    partial list; a closed one must match its count."""
    if count < 2:
        return []
    _, se = sentence_of(text, end)
    clauses = [strip_span(text, *c) for c in clause_bounds(text, end, se)]
    run = clauses[1:1 + count]
    if len(run) < count:
        return []
    word = _shared_word([text[a:b] for a, b in run])
    if not word or (len(clauses) > 1 + count and _word_at(text[slice(*clauses[1 + count])], word) >= 0):
        return []  # a longer run of the same shape is some other list
    names = [strip_framing(text, a, a + _word_at(text[a:b], word)) for a, b in run]
    sizes = [b - a for a, b in names]
    if len({text[a:b] for a, b in names}) < count or min(sizes) < 2 or max(sizes) - min(sizes) > SHARED_NAME_SPREAD:
        return []  # parallel subjects are alike in size (日常党建经费 / 组织活动经费 / 专项工作经费)
    items = [Item(n, c) for n, c in zip(names, run)]
    return [Expansion(items, "并列分句", open_ended, 2)]


def _word_at(clause: str, word: str) -> int:
    """Where `word` starts in the clause's lead window, or -1."""
    i = clause.find(word, SHARED_WORD_MIN, SHARED_WORD_MAX + len(word))
    return i


def _shared_word(clauses: list[str]) -> str:
    """The word (2-3 characters) every clause has near its start; the latest one in the first
    clause wins (经费|用于: 用于, not 经费)."""
    first = clauses[0]
    best, best_at = "", -1
    for n in (3, 2):
        for i in range(SHARED_WORD_MIN, min(len(first) - n, SHARED_WORD_MAX) + 1):
            w = first[i:i + n]
            if re.search(r"[，、；：“”\s]", w):
                continue
            if all(_word_at(c, w) >= 0 for c in clauses[1:]) and i > best_at:
                best, best_at = w, i
    return best


def counted_instances(text: str, q_start: int, q_end: int, count: int) -> list[Expansion]:
    """坚持两个“四不一否决”硬规定，对于A、B、C、D的…，一律…；对于E、F、G、H的…，一律…:
    the text counts the instances, each the first list of the name's first count in its
    own ；-segment after the mention."""
    m = COUNTED.search(text, max(0, q_start - 3), q_start)
    n = cn_to_int(m.group(1)) if m else None
    if not n or n < 2:
        return []
    stop = text.find("\n", q_end)
    stop = len(text) if stop < 0 else stop
    segments = [strip_span(text, *p) for p in _split(text, q_end, stop, "；;。")][:n]
    items = []
    for seg in segments:
        lists = [sp for sp in enumerations_in(text, *seg) if len(sp) == count or count < 2]
        if not lists:
            return []
        items.append(Item((lists[0][0][0], lists[0][-1][1]), seg))
    if len(items) != n:
        return []
    return [Expansion(items, "分条实例", True, 0, exact=True)]


def keyword_clauses(text: str, end: int, count: int, keyword: str) -> list[Expansion]:
    """“三张地图”…，形成问题地图；…，形成资源地图；…，形成需求地图: exactly `count`
    clauses in this sentence or the next end on the name's keyword."""
    if len(keyword) < 2 or count < 2:
        return []
    names: list[Span] = []
    for cs, ce in clause_bounds(text, end, _next_sentence_end(text, end)):
        cs, ce = strip_span(text, cs, ce)
        if text[cs:ce].endswith(keyword):
            ns, ne = strip_framing(text, cs, ce)
            if ne - ns <= KEYWORD_CLAUSE_MAX and text[ns:ne] != keyword:
                names.append((ns, ne))
    if len(names) != count or len({text[a:b] for a, b in names}) != count:
        return []
    return [Expansion(_items(names, text), "关键词分句", False, 2)]


def quoted_before_name(text: str, name: str, count: int) -> list[Expansion]:
    """Elsewhere in the document the bare name follows its parts in quotes:
    “群众点题约谈、干部答题解难”双向约谈."""
    out = []
    for m in re.finditer(r"”(?:的)?" + re.escape(name), text):
        q = text.rfind("“", 0, m.start())
        if q < 0 or m.start() - q > QUOTED_PARTS_MAX:
            continue
        spans = [strip_span(text, *p) for p in _split(text, q + 1, m.start(), "、，,；")]
        if len(spans) == count and all(b - a >= 2 for a, b in spans):
            out.append(Expansion(_items(spans, text, (q + 1, m.start())), "引号列举", True, 0))
    return out
