"""A spoken plan request said as a written topic, for the plan's title and search:
“后进社区党组织要集中整顿，帮我出个方案” → 集中整顿后进社区党组织; “…，重点是A和B” → focus A, B.
Word lists are data (spoken.json); a topic with none of them is returned as given."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .titling import formal, tidy

DATA = Path(__file__).with_name("spoken.json")
_CLAUSE = re.compile(r"[，,；;。！!？?]")
_TAIL = re.compile(r"(?:等|等方面|方面|问题|工作)+$")  # 赡养纠纷等问题 → 赡养纠纷
_NOT_WISH = "思理设构梦感联猜回"  # 想 in 思想, 理想, 设想 … is not a wish


@functools.cache
def _words() -> dict:
    d = json.loads(DATA.read_text(encoding="utf-8"))
    return {k: (sorted(v, key=len, reverse=True) if isinstance(v, list) else v)
            for k, v in d.items() if not k.startswith("_")}


@dataclass(frozen=True)
class Written:
    topic: str  # the written topic (the title's “关于…的实施方案” middle)
    focus: tuple[str, ...]  # the foci the request names (重点是A和B → A, B)
    context: str = ""  # the complaint's subject the title leaves out (居委会台账报表太多了): searched, not titled
    own: tuple[str, ...] = ()  # the speaker's own unit and year kept in the title (桃源街道, 2025年)
    search: str = field(default="", compare=False)  # the topic as searched: the user's words less relay fillers (titling.tidy), short forms as said


def _strip_head(c: str, words: list[str]) -> tuple[str, bool]:
    for w in words:
        if c.startswith(w) and len(c) > len(w):
            return c[len(w):], True
    return c, False


def _after(c: str, words: list[str]) -> tuple[str, str] | None:
    """(before, after) around the earliest of words in c (the longest at a place), None when absent."""
    hits = [(i, -len(w), w) for w in words if (i := c.find(w)) >= 0 and (i == 0 or len(w) > 1)]
    if not hits:
        return None
    i, _, w = min(hits)
    return c[:i], c[i + len(w):]


def _content(body: str) -> str:
    """What a request or wish asks for: its request verb and 的方案 tail cut off."""
    w = _words()
    if body in w["request_verbs"]:
        return ""  # 给我来一个: the request alone
    body, _ = _strip_head(body, w["request_verbs"])
    for t in w["request_tails"] + ["的"]:  # 的: the tail 方案 already cut off (request.validate_topic)
        if body.endswith(t):
            return body[: -len(t)]
    return body if len(body) > 2 else ""


def _request(c: str, last: bool = False) -> str | None:
    """The content of a clause that asks for the plan (帮我弄个规范管理和公开的方案 → 规范管理和公开;
    突发事件应对能不能弄个方案 → 突发事件应对), "" for a bare request (帮我出个方案), None when the
    clause is not a request."""
    w = _words()
    split = _after(c, w["request_heads"])
    if split is None:
        if not (c.startswith(tuple(v for v in w["request_verbs"] if len(v) > 1)) and (
                c.endswith(tuple(w["request_tails"])) or last)):
            return None
        split = ("", c)  # (…，)搞个规范低保审核确认的方案: a request without 帮我
    before, body = split
    return _content(body) or _content(_bare(before))


def _bare(text: str) -> str:
    """A clause's subject with chat fillers dropped (家庭教育指导这块 → 家庭教育指导); "" when too short."""
    for f in _words()["fillers"]:
        text = text.replace(f, "")
    return text if len(text) >= 2 else ""


def _wish(c: str) -> str | None:
    """What the speaker wants to do (想搞个业委会秘书制度 → 业委会秘书制度; 家庭教育指导这块想重新弄个 →
    家庭教育指导); None when the clause says no wish. 想 inside a word (思想, 理想) is not a wish."""
    heads = "|".join(map(re.escape, _words()["want_heads"]))
    m = re.search(rf"(?<![{_NOT_WISH}])(?:{heads})", c)
    if m is None:
        return None
    return _content(_bare(c[m.end():])) or _bare(c[:m.start()])


def _question(c: str) -> str | None:
    """The subject of a how-to question (预防未成年人犯罪这块咋整 → 预防未成年人犯罪)."""
    end = next((t for t in _words()["question_tails"] if c.endswith(t)), None)
    return None if end is None else _bare(c[: -len(end)])


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
    for x in w["complaint_adverbs"] + w["subject_ends"]:  # 楼道堆物老是清不干净: the complaint's subject
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
    verb = next((x for x in w["disposal_verbs"] if c[:1] in "把将" and c.endswith(x) and len(c) - len(x) >= 3), None)
    if verb:  # 把老年助餐点铺开 → 推广老年助餐点
        c = w["disposal_verbs"][verb] + c[1: -len(verb)]
    end = next((x for x in w["disposal_ends"] if c.endswith(x)), None)
    if c[:1] in "把将" and end and not c[: -len(end)].endswith(tuple(w["complements"])):
        c = c[1: -len(end)]  # 把老年人权益保护抓起来 → 老年人权益保护 (not 把…找回来管起来: a verb inside)
    for a, b in w["spoken_verbs"].items():
        for m in sorted(w["modals"], key=len, reverse=True):  # 各社区得搞一轮演练 → 各社区开展演练: 得 goes with 搞
            c = c.replace(m + a, b)
        c = c.replace(a, b)
    for a, b in w["benefactive"].items():
        if c.startswith(a):
            c = b + c[len(a):]
    return c.replace("小区里", "小区").replace("社区里", "社区").strip()


def _kind(c: str, last: bool) -> tuple[str, object]:
    """A clause's part in the request: focus, request, question, wish (with what it asks), or said."""
    for kind, read in (("focus", _focus), ("request", lambda x: _request(x, last)), ("question", _question),
                       ("wish", _wish)):
        if (got := read(c)) is not None:
            return kind, got
    return "said", _clause(c)


def _names_object(text: str) -> bool:
    """Whether a request names what it acts on: a noun before its last word, or after its opening verb
    (集中整治, 定期上门探访关爱 name none — 整治 ends it; 人民调解提质增效, 为社区减负增效, 推广老年助餐点 do)."""
    from .practice import pos_tags  # part of speech, read by jieba

    tags = [t for t in pos_tags(text) if t[0].strip()]  # ns left out: jieba reads 上门 as a place
    nouns = ("n", "nz", "nt", "nr", "ng", "nl", "l")
    after_verb = len(tags) > 2 and tags[0][1] == "v" and tags[-1][1] in nouns  # 推广老年助餐点: the object last
    return after_verb or any(t[1] in nouns for t in (tags[:-1] if len(tags) > 1 else tags))


def _overlap(a: str, b: str) -> bool:
    return any(a[i:i + 2] in b for i in range(len(a) - 1))


def _own(text: str) -> tuple[str, ...]:
    """The speaker's own unit and year, kept in the title (我们桃源街道2025年想… → 桃源街道2025年)."""
    w = _words()
    heads = "|".join(map(re.escape, w["own_place"]))
    ends = "|".join(map(re.escape, w["place_ends"]))
    place = re.search(rf"(?:{heads})((?!{ends})[^\W有几个的是在要想把这那都也]{{2,5}}?(?:{ends}))", text)
    year = re.search(r"20\d\d年", text)
    return tuple(m.group(m.lastindex or 0) for m in (place, year) if m)


def written(text: str) -> Written:
    w = _words()
    clauses = [c.strip() for c in _CLAUSE.split(text) if c.strip()]
    kinds = [_kind(c, i == len(clauses) - 1) for i, c in enumerate(clauses)]
    spoken = any(k != "said" for k, _ in kinds) or any(
        x in text for x in w["complaints"] + w["complaint_adverbs"] + list(w["spoken_verbs"])) or _strip_head(text, w["times"])[1] or any(
        re.match(r"(?:要|需要)?[把将]", c) and c.endswith(tuple(w["disposal_ends"])) for c in clauses)
    if not spoken:  # a written topic, even of two parts (小区物业，推动业委会规范运作): as given
        return Written(text, ())
    focus = [x for k, f in kinds if k == "focus" for x in f]
    said = [c for k, c in kinds if k == "said" and c]
    asked = next((_clause(c) for kind in ("request", "question", "wish")
                  for k, c in kinds if k == kind and len(c or "") >= 4), "")
    if asked and said and not _names_object(asked) and not _overlap(said[0], asked):
        asked = said[0] + asked  # 楼道堆物…，帮我弄个集中整治的方案: the problem's object, then the act
    topic = asked or (said[0] if len(said) > 1 and len(said[0]) >= 4 else "".join(said)) or text
    own = _own(text)
    context = _bare(said[0]) if asked and said and said[0] not in topic else ""
    if not asked and len(said) > 1 and len(said[0]) >= 4:  # the problem said after its subject searches too
        context = "".join(_bare(c) for c in said[1:] if c not in topic)  # (老人多，吃饭看病都不方便 → 吃饭看病)
    for part in own:
        context = context.replace(part, "")
    for part in reversed(own):  # each once, in front: 桃源街道2025年 + 建设完整社区试点
        topic = part + topic.replace(part, "")
    topic = tidy(topic)
    return Written(formal(topic), tuple(dict.fromkeys(focus)), context, own, topic)
