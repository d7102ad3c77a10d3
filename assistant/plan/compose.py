"""Wording of a measure: the unit's action sentence and the precedent's details, with the
precedent's own figures turned into ____ blanks for the unit to fill in."""
from __future__ import annotations

import re

from ingest.model import Document, place_label

from .precedents import Point, is_action, strip_ordinal

_NUM = re.compile(r"\d+(?:[.．]\d+)?(?:\s*[-—~～至]\s*\d+(?:[.．]\d+)?)?(?:余|多)?")
_PROTECTED = re.compile(r"“[^”]*”|《[^》]*》")  # names and titles are kept as written
_PERSON_HINT = re.compile(r"(?:律师|教授|书记|主任|老师|主席|经理|队长|院长|局长)[\u4e00-\u9fff]{2,3}(?:[，、。（(]|$)|"
                          r"[\u4e00-\u9fff]{2,3}(?:同志|教授|老人)")
_END = "。；;，,：:！!？? "
_PAST = re.compile(r"(?<![为除])了(?![解])")  # 建立了 → 建立: a plan states what to do


def place_of(doc: Document) -> str:
    """Display place, most general first, without repeats (上海市 上海市 → 上海市)."""
    return place_label(doc.meta.get("place"))


def generalize(text: str) -> str:
    """Replace the precedent's figures with ____ outside quoted names and titles."""
    out, pos = [], 0
    for m in _PROTECTED.finditer(text):
        out.append(_NUM.sub("____", text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_NUM.sub("____", text[pos:]))
    return "".join(out)


def _has_person(sentence: str) -> bool:
    """A sentence naming a person (律师李洪亮, 俞复玲同志) stays in the quote, not in the measure."""
    return bool(_PERSON_HINT.search(sentence))


def action_text(p: Point, doc: Document, max_sents: int = 2, max_chars: int = 160) -> str:
    """The point's action sentences, generalised; sentences naming people are left out."""
    picked: list[str] = []
    for s, e in p.body:
        sent = strip_ordinal(doc.text[s:e]).rstrip(_END)
        if not sent or _has_person(sent):
            continue
        if picked and len("；".join(picked)) + len(sent) > max_chars:
            break
        picked.append(sent)
        if len(picked) >= max_sents:
            break
    return generalize(_PAST.sub("", "；".join(picked)))


def lead_sentence(p: Point, doc: Document, who: str) -> tuple[str, str]:
    """(title, first sentence): what the unit will do, in the precedent's words."""
    head = strip_ordinal(p.head).rstrip(_END)
    s, e = p.body[0]
    lead_clause = re.split(r"[，。；：]", strip_ordinal(doc.text[s:e]))[0]
    if not head or "是指" in head:
        head = lead_clause  # “7”是指… defines a name; the detail sentence says what to do
    clauses = head.split("，")
    acting = [i for i, c in enumerate(clauses) if is_action(c)]
    if acting and not is_action(head):
        head = "，".join(clauses[acting[0]:])  # 在居民区层面，依托… → 依托…
    verbatim, head = head, generalize(_PAST.sub("", head))
    if is_action(head):
        verb = "" if head.startswith(("要", "应")) else "要"
        return head, f"{who}{verb}{head}。"
    name = verbatim.split("：", 1)[0]  # a quoted name stays word for word (锻造了过硬党员队伍)
    return head, f"{who}要学习借鉴“{name}”的做法。" if "“" not in name else f"{who}要学习借鉴{name}的做法。"
