"""Two kinds a text defines side by side, asked as a 简答 on how they differ (issue 13, trainer review 76: “应改考急难型
和支出型的区分”). A definition is a sentence “（本法所称）X，是指…” or “X主要包括…”; two of one document are a pair when
both terms end alike (精神障碍 / 严重精神障碍, 急难型救助对象 / 支出型救助对象: 志愿服务 / 志愿服务组织 are no
kinds of one thing) or a sentence
splits a whole into them (可分为A和B), and they stand within NEAR characters. The key is each definition as written,
cited to its span; each point's 得分关键词 (model.keywords) one the other definition does not say."""
from __future__ import annotations

import re

from ingest.model import Document

from .facts import Fact
from .model import SHORT, QuizItem, keywords
from .procedure import WORDS

DEFINE = re.compile(r"(?:第[一二三四五六七八九十百零〇]+条\s*)?(?:[（(][一二三四五六七八九十]+[)）])?"
                    r"(?:本(?:法|条例|办法|规定|意见)所称)?" + WORDS["define"] + r"([^。；：\n]{6,160})$")
SENTENCE = re.compile(r"[^。；\n]+[。；]?")
KINDS = re.compile(WORDS["kinds_of"])
POINTS_ON = re.compile(r"下列|以下|如下|前款|本条")  # (a definition by a list it does not print)
NEAR = 600  # characters between two definitions read side by side
SAME_END = 2  # trailing characters two terms share to be kinds of one thing


def definitions(doc: Document) -> list[tuple[str, str, int, int]]:
    """(term, what it is, sentence start, sentence end) of each definition of the document."""
    out = []
    for s in SENTENCE.finditer(doc.text):
        text = s.group().rstrip("。；")
        lead = len(text) - len(text.lstrip())
        m = DEFINE.match(text.strip())
        if not m or POINTS_ON.search(m.group(2)) or re.search(r"[，、（(]", m.group(1)):
            continue
        out.append((m.group(1).strip("“”"), m.group(2).strip(), s.start() + lead, s.end()))
    return out


def _kinds(a: str, b: str, text: str) -> bool:
    split = any({x.strip("“”"), y.strip("“”")} == {a, b} for x, y in KINDS.findall(text))
    return a != b and (a[-SAME_END:] == b[-SAME_END:] or split)


def pairs(doc: Document) -> list[tuple[tuple, tuple]]:
    defs, out, used = definitions(doc), [], set()
    for i, x in enumerate(defs):
        for y in defs[i + 1:]:
            if y[2] - x[3] > NEAR or x[0] in used or y[0] in used or not _kinds(x[0], y[0], doc.text):
                continue
            out.append((x, y))
            used.update((x[0], y[0]))
    return out


def distinction_facts(docs: dict[str, Document], chunks: list) -> list[Fact]:
    out = []
    for doc_id in sorted({c.doc_id for c in chunks}):
        doc = docs.get(doc_id)
        for x, y in pairs(doc) if doc else []:
            chunk = next((c for c in chunks if c.doc_id == doc_id and c.start <= x[2] < c.end), None)
            if chunk is not None:
                out.append(Fact("define", doc_id, chunk.chunk_id, x[2], y[3], f"{x[0]}；{y[0]}", head=x[0],
                                items=(x[0], y[0]), details=(x[1], y[1]), extra={"spans": [[x[2], x[3]], [y[2], y[3]]]}))
    return out


def distinction_item(fact: Fact, kind: str, ctx, section: str) -> QuizItem | None:
    """“X”与“Y”有什么区别？: each definition as written, one point each, keyed by its own words."""
    from .generate import citation, doc_name, ref

    if kind != SHORT:
        return None
    doc = ctx.docs[fact.doc_id]
    (a, b), (da, db) = fact.items, fact.details
    keys = keywords([f"答出“{da}”", f"答出“{db}”"])  # (what a grader looks for, as for any 简答 point)
    keys = [k if k and not any(x in other for x in k.split("、")) else "" for k, other in zip(keys, (db, da))]
    if not any(keys):
        return None  # (neither definition says anything of its own: no difference to ask)
    quotes = "；".join(f"“{doc.text[s:e].strip().rstrip('。；')}”" for s, e in fact.extra["spans"])
    why = f"出自《{doc_name(doc)}》，原文：{quotes}。参考答案为两处定义的原文。"
    stem = ref(doc) + f"“{a}”与“{b}”有什么区别？请分别写出二者的含义。"
    answer = f"1. {a}：{da}；2. {b}：{db}。"
    return QuizItem(SHORT, stem, answer, why, citation(fact, doc, section), points=[f"答出“{a}”的含义", f"答出“{b}”的含义"],
                    check={"kind": "define", "key": [a, b], "defs": [da, db], "spans": fact.extra["spans"], "own_keys": keys,
                           "wrong": []}, need=2)
