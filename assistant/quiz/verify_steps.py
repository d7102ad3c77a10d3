"""Verifier checks of items keyed by several spans of one document (procedure.py, distinction.py): every step or
definition is read again at its own span inside the citation, the spans in the text's order, and a 单选's keyed
order is the steps' order while every other option is another order of the same steps."""
from __future__ import annotations

from .model import LETTERS, SHORT, SINGLE, QuizItem
from .verify import norm


def _spans_problems(item: QuizItem, corpus, texts: list[str]) -> list[str]:
    c, spans = item.citation, item.check.get("spans", [])
    doc = corpus.docs[c.doc_id]
    if len(spans) != len(texts) or not spans:
        return ["出处位置与答案不一致"]
    out = []
    if any(s < c.start or e > c.end or s >= e for s, e in spans) or [s for s, _ in spans] != sorted(s for s, _ in spans):
        out.append("出处位置不在引文内或顺序不符")
    for t, (s, e) in zip(texts, spans):
        if any(norm(x) not in norm(doc.text[s:e]) for x in t.split("、")):
            out.append(f"答案“{t}”与引文不符")
    return out


def step_problems(item: QuizItem, corpus) -> list[str]:
    check = item.check
    if check["kind"] == "define":
        out = _spans_problems(item, corpus, [f"{k}、{d}" for k, d in zip(check["key"], check["defs"])])
        return out + (["评分要点与答案不一致"] if len(item.points) != len(check["key"]) else [])
    out = _spans_problems(item, corpus, check["key"])
    key = "→".join(check["key"])
    if item.type == SINGLE:
        chosen = item.options[LETTERS.index(item.answer)] if item.answer in LETTERS[:len(item.options)] else ""
        if chosen != key:
            out.append("答案与选项不符")
        steps = sorted(check["key"])
        for o in item.options:
            if o != key and sorted(o.split("→")) != steps:
                out.append(f"干扰项“{o}”不是同一程序的步骤")
        if len(set(item.options)) != len(item.options):
            out.append("选项重复")
    if item.type == SHORT and len(item.points) != len(check["key"]):
        out.append("评分要点与答案不一致")
    return out
