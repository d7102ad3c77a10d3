"""A measure that announces a list (建立“三张地图”：…, 重点做好以下几个方面, 包括：…) gives its
items whole, or leaves the lead out: a body that says 三张地图 and gives one map promises
what it does not say."""
from __future__ import annotations

import re

from ingest.numerals import cn_to_int

_COUNT = re.compile(r"(?P<n>[两二三四五六七八九十]|\d{1,2})(?:个|张|项|类|条|种|件|方面)")
# A lead: a count, 以下/下列/如下 or 包括 before a colon, 以下/下列/如下… closing the piece, or a
# quoted set named by its count (“三张地图”).
# …以下/下列/如下 closing a piece, after it at most one short clause (公布下列事项，接受居民查询和监督):
# the lead's colon was cut off with the sentence's end; its items follow.
LIST_END = r"(?:以下(?!简?称)|下列|如下)[^，；。：:]{0,10}(?:(?:之一的)?[，,][^，；。：:]{2,24})?$"
_LEAD = re.compile(r"^(?P<lead>[^：:]*?(?:以下(?!简?称)|下列|如下|包括|[两二三四五六七八九十\d](?:个|张|项|类|条|种|件|方面))[^：:]{0,16}?)[：:]"
                   r"|" + LIST_END +
                   r"|“(?P<named>[两二三四五六七八九十](?:个|张|项|类|条|种|件)[^”]{1,6})”")  # 形成“三张地图”


# 重点包括：人口数据，如人口规模…；用地数据，如…: a named item with its examples, the first of a ；-list.
_FIRST_ITEM = re.compile(r"^[^，,、；]{2,12}[，,](?:如|包括|例如|主要是|即)")


def announced(piece: str) -> int | None:
    """How many items the piece announces: the count (三张地图 → 3), 0 for a list without one
    (以下几个方面, 包括：), None for no lead."""
    m = _LEAD.search(piece)
    if not m:
        return None
    c = _COUNT.search(m.group("lead") or m.group("named") or m.group(0))
    if not c:
        return 0
    return cn_to_int(c.group("n"))


def whole_lists(pieces: list[str], n: int, cap: int) -> list[str]:
    """The first n pieces (sentences or ；-clauses), but a list lead among them keeps all its
    items (the count it announces, or every piece after it) while they fit in cap characters;
    when they do not (or the point holds fewer), the picked pieces without the lead (as they
    were when the lead is all there is)."""
    out = pieces[:n]
    for i, piece in enumerate(out):
        count = announced(piece)
        if count is None:
            continue
        after = re.split(r"[：:]", piece, maxsplit=1)[1:]
        inside = bool(after and after[0].strip())  # 三张地图：一是…, then ；二是…
        if inside and count and len(re.split(r"[、，,]", after[0])) >= count:
            continue  # 落实三项制度：例会、公示、回访: the items are in the piece
        if inside and not count and (i + 1 == len(pieces) or not _FIRST_ITEM.match(after[0].strip())):
            continue  # 包括：身份证、户口本, 下列事项：制定…，选举…: the items are in the piece
        end = i + 1 + (count - inside if count else len(pieces) - i - 1)
        if end <= len(pieces) and len("".join(pieces[:end])) <= cap:
            return pieces[:max(end, n)] if count else pieces[:end]
        return out[:i] + out[i + 1:] or out  # the lead goes, what else was picked stays
    return out
