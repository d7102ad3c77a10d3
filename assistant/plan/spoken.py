"""A spoken plan request said as a written topic, for the plan's title and search:
“后进社区党组织要集中整顿，帮我出个方案” → 集中整顿后进社区党组织; “…，重点是A和B” → focus A, B.
Word lists are data (spoken.json); a topic with none of them is returned as given."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("spoken.json")
_CLAUSE = re.compile(r"[，,；;。！!？?]")
_TAIL = re.compile(r"(?:等|等方面|方面|问题|工作)+$")  # 赡养纠纷等问题 → 赡养纠纷


@functools.cache
def _words() -> dict:
    d = json.loads(DATA.read_text(encoding="utf-8"))
    return {k: (sorted(v, key=len, reverse=True) if isinstance(v, list) else v)
            for k, v in d.items() if not k.startswith("_")}


@dataclass(frozen=True)
class Written:
    topic: str  # the written topic (the title's “关于…的实施方案” middle)
    focus: tuple[str, ...]  # the foci the request names (重点是A和B → A, B)


def _strip_head(c: str, words: list[str]) -> tuple[str, bool]:
    for w in words:
        if c.startswith(w) and len(c) > len(w):
            return c[len(w):], True
    return c, False


def _request(c: str) -> str | None:
    """The content of a clause that asks for the plan (帮我弄个规范管理和公开的方案 → 规范管理和公开),
    "" for a bare request (帮我出个方案), None when the clause is not a request."""
    w = _words()
    body, asked = _strip_head(c, w["request_heads"])
    if not asked:
        return None
    body, _ = _strip_head(body, w["request_verbs"])
    for t in w["request_tails"] + ["的"]:  # 的: the tail 方案 already cut off (request.validate_topic)
        if body.endswith(t):
            return body[: -len(t)]
    return body if len(body) > 2 else ""


def _focus(c: str) -> tuple[str, ...] | None:
    body, named = _strip_head(c, _words()["focus_heads"])
    if not named:
        return None
    parts = [_TAIL.sub("", x.strip()) for x in re.split(r"以及|[和与及、，,]", body)]
    return tuple(x for x in parts if len(x) >= 2)


def _clause(c: str) -> str:
    """One statement clause in written form: time words and complaints dropped; 要把X抓起来 → X
    (topic.plain and the suffix list do the rest); X要V → VX; spoken verbs and 给 written."""
    w = _words()
    c, _ = _strip_head(c, w["times"])
    for x in w["complaint_adverbs"]:  # 楼道堆物老是清不干净: the complaint's subject is the topic
        if (i := c.find(x)) >= 2:
            c = c[:i]
            break
    for x in w["complaints"]:
        c = c.replace(x, "")
    for m in w["modals"]:
        if c.startswith(m + "把") or c.startswith(m + "将"):
            c = c[len(m):]
            break
    for m in w["modals"]:  # 后进社区党组织要集中整顿: the object before its verb
        head, sep, verb = c.partition(m)
        if sep and len(head) >= 4 and 2 <= len(verb) <= 6 and "把" not in head and "的" not in verb:
            c = verb + head
            break
    end = next((x for x in w["disposal_ends"] if c.endswith(x)), None)
    if c[:1] in "把将" and end and not c[: -len(end)].endswith(tuple(w["complements"])):
        c = c[1: -len(end)]  # 把老年人权益保护抓起来 → 老年人权益保护 (not 把…找回来管起来: a verb inside)
    for a, b in w["spoken_verbs"].items():
        c = c.replace(a, b)
    for a, b in w["benefactive"].items():
        if c.startswith(a):
            c = b + c[len(a):]
    return c.replace("小区里", "小区").replace("社区里", "社区").strip()


def written(text: str) -> Written:
    w = _words()
    clauses = [c.strip() for c in _CLAUSE.split(text) if c.strip()]
    spoken = any(_request(c) is not None or _focus(c) is not None for c in clauses) or any(
        x in text for x in w["complaints"] + w["complaint_adverbs"] + list(w["spoken_verbs"])) or _strip_head(text, w["times"])[1] or any(
        re.match(r"(?:要|需要)?[把将]", c) and c.endswith(tuple(w["disposal_ends"])) for c in clauses)
    if not spoken:  # a written topic, even of two parts (小区物业，推动业委会规范运作): as given
        return Written(text, ())
    said, asked, focus = [], [], []
    for c in clauses:
        if (f := _focus(c)) is not None:
            focus += f
        elif (r := _request(c)) is not None:
            asked += [_clause(r)] if r else []
        else:
            said.append(_clause(c))
    topic = "".join(said + asked) or text  # the problem's object, then what the request asks to do with it
    return Written(topic, tuple(dict.fromkeys(focus)))
