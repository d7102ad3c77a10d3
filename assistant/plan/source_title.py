"""A request that stays spoken after spoken.py (楼里有户人家男的喝了酒就打老婆孩子，居委会到底能管到哪一步)
is no title: the plan is titled after the subject of the normative text its measures come from
(《中华人民共和国反家庭暴力法》 → 做好反家庭暴力工作), and the fixed sections name that work (cadre
reviews s39: 4 of 4 such requests were printed as 关于<the sentence>的实施方案). Word lists are data
(spoken.json: chat_marks, document_kinds)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ingest.model import Document

from .spoken import _words
from .topic import Topic, strip_verbs

_QUOTED = re.compile(r"《([^《》]+)》")
_ISSUER = re.compile(r"^.{0,40}?关于(?=.)")  # 上海市民政局关于…: the issuer and 关于 name no work
_PRINTING = re.compile(r"印发|转发")
_PLACEHOLDER = re.compile(r"[*＊&＆]|[xX×]{2}")  # an anonymised name (**社区) names no work
_RESIDUE = re.compile(r"(?:的若干|若干|暂行|试行|实施|基本|专项)$")  # 基本规范, 专项行动方案: no work of their own
_FUNCTION_LE = re.compile(r"[为除]了")  # 为了, 除了: 了 as a written word, no chat
_PAREN = re.compile(r"[（(][^（）()]*[)）]")  # （试行）, （2021—2025年）
_STATE = "中华人民共和国"


def still_spoken(topic: str) -> bool:
    """The topic still holds a word a written topic never has."""
    topic = _FUNCTION_LE.sub("", topic)
    return any(m in topic for m in _words()["chat_marks"])


def document_subject(doc: Document) -> str:
    """The work a normative text is about, said from its title: 关于进一步加强和改进临时救助工作的意见 →
    临时救助; 中华人民共和国预防未成年人犯罪法 → 预防未成年人犯罪; 关于印发《上海市完整社区建设实施方案》
    的通知 → 上海市完整社区建设. "" for a title that is not a normative text's (a case report's)."""
    t = doc.title.strip()
    inner = _QUOTED.search(t)
    if _PLACEHOLDER.search(t):
        return ""
    if inner and _PRINTING.search(t.split("《", 1)[0]):
        t = inner.group(1)  # 关于印发《X》的通知: the document is X
    t = _PAREN.sub("", t).replace(_STATE, "")
    t = _ISSUER.sub("", t)
    kinds = _words()["document_kinds"]
    kind = next((k for k in sorted(kinds, key=len, reverse=True) if t.endswith(k)), "")
    if not kind:
        return ""
    t = _RESIDUE.sub("", t[: -len(kind)].rstrip("的")).rstrip("的")
    t = t.removesuffix("组织") if kind == "法" else t  # 居民委员会组织法: the 居民委员会's work
    for place in sorted(_places(doc), key=len, reverse=True) + ["本市", "全市", "全省"]:
        t = t.removeprefix(place)  # 上海市完整社区建设: the user's unit is elsewhere
    t = t.replace("本市", "").replace("的工作", "工作")
    return t if 2 <= len(t) <= 24 and not re.search(r"[：:，,\s《》]", t) else ""


def _places(doc: Document) -> list[str]:
    place = doc.meta.get("place") or {}
    return [v for v in place.values() if isinstance(v, str) and v] if isinstance(place, dict) else []


def work_name(subject: str, cut) -> str:
    """The subject as a written topic and as the work the fixed sections name: a subject that opens
    with its act keeps it (开展康复辅助器具社区租赁服务); a matter is done (做好临时救助工作)."""
    core = strip_verbs(subject, cut)
    if not core or len(core) < 2:
        return ""
    return subject if not subject.startswith(core) else f"做好{core}工作"


def from_sources(t: Topic, groups: list, docs: dict[str, Document], cut) -> tuple[Topic, str]:
    """(topic, the document titled after) for a request that stays spoken: of the normative texts the
    measures cite, the one whose subject shares most of the request's words (停车费、广告费这些公共收益
    → 住宅小区公共收益管理办法, not the 业委会 opinion that leads), then the one leading most measures,
    then the first measure's; else the topic as it was."""
    if not still_spoken(t.written or t.text) or not groups:
        return t, ""
    leads = Counter(g[0].doc_id for g in groups)
    order: dict[str, int] = {}
    for i, g in enumerate(groups):
        for p in g:
            order.setdefault(p.doc_id, i)
    asked = set(w for w in cut(t.text) if len(w) >= 2)
    named = {d: document_subject(docs[d]) for d in order}
    shared = {d: sum(w in named[d] for w in asked) for d in order}
    for doc_id in sorted(order, key=lambda d: (-shared[d], -leads[d], order[d])):
        written = work_name(named[doc_id], cut) if named[doc_id] else ""
        if written:
            core = strip_verbs(named[doc_id], cut)
            return replace(t, written=written, named=core.removesuffix("工作") or core), docs[doc_id].title
    return t, ""
