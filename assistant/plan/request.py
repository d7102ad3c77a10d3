"""What the user asked a plan for, checked before any search: the topic's wording, the documents
and places allowed, the date range and the focus items (errors in Chinese, templates.py)."""
from __future__ import annotations

import re

from . import templates as T
from .compose import place_of
from .model import PlanError

_CONTENT = re.compile(r"[\w\u3400-\u9fff]")
_PLAN_SUFFIX = re.compile(r"(?:的)?(?:工作)?(?:实施方案|工作方案|方案)$")
TOPIC_LIMIT = 60


def validate_topic(topic: str | None) -> str:
    t = " ".join(str(topic or "").split())
    if not t:
        raise PlanError(T.EMPTY_TOPIC)
    if not _CONTENT.search(t):
        raise PlanError(T.PUNCT_TOPIC)
    if len(t) > TOPIC_LIMIT:
        raise PlanError(T.LONG_TOPIC.format(n=len(t), limit=TOPIC_LIMIT))
    return _PLAN_SUFFIX.sub("", t).strip() or t


def allowed_documents(kb, docs: list[str] | None, places: list[str] | None) -> set[str] | None:
    """Document ids the user allows (by id or title, and by place); None = all."""
    if not docs and not places:
        return None
    out = set()
    for d in kb.documents.values():
        by_doc = not docs or any(x == d.doc_id or x in d.title for x in docs)
        by_place = not places or any(x in place_of(d) or x in d.title for x in places)
        if by_doc and by_place:
            out.add(d.doc_id)
    if not out:
        raise PlanError(T.NO_DOCUMENTS.format(what="、".join([*(docs or []), *(places or [])])))
    return out


def check_range(start: str | None, end: str | None) -> None:
    from .timeframe import as_key

    if start and end and as_key(end, last=True) < as_key(start):
        raise PlanError(T.BAD_RANGE.format(start=start, end=end))


def split_focus(focus: list[str] | str | None) -> list[str]:
    items = [focus] if isinstance(focus, str) else list(focus or [])
    out: list[str] = []
    for item in items:
        out += [x.strip() for x in re.split(r"[、,，;；\n]", str(item)) if x.strip()]
    return list(dict.fromkeys(out))
