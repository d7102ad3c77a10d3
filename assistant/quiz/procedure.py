"""Procedures a regulation states as consecutive articles (申请→受理→调查核实→公示→审核→确认), asked as a 简答
(the steps in order and who carries each) and as a 单选 on their order (issue 13, trainer review 76: “应改考……
‘先行救助’程序，这些才是社区实际要用的”; 12 of 14 简答 recited lists or sub-headings).

A step is an article whose first sentence is an application (申请X，…向Y提出…) or a named body's duty (plan/practice.py's
subject_of) doing one of procedure_words.json's acts, the last such act of the sentence that is no noun (申请材料, 初审意见)
and no time reference (自受理…之日起): 乡镇人民政府（街道办事处）应当…对…进行调查核实 is 调查核实 by the 乡镇. A chain opens
at an application and takes each later step article within GAP articles whose act is new; an optional step (可视情组织
民主评议) or a branch (不符合条件的，…告知) is no step. The order is the articles' order; every step is cited to its
sentence's span, which verify re-reads."""
from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

from ingest.model import Document

from .facts import Fact
from .model import SHORT, SINGLE, QuizItem

WORDS = json.loads(Path(__file__).with_name("procedure_words.json").read_text(encoding="utf-8"))
ARTICLE = re.compile(r"^第([一二三四五六七八九十百零〇]+)条\s*", re.M)
STEP = re.compile("|".join(sorted(WORDS["steps"], key=len, reverse=True)))
NOUN_AFTER = tuple(WORDS["noun_after"])
APPLY = re.compile(WORDS["apply"])
TO = re.compile(r"向([^，。；]{2,40}?)提出")
MODAL = re.compile("|".join(sorted(WORDS["duty"] + WORDS["optional"], key=len, reverse=True)))
BRANCH = re.compile("|".join(WORDS["branch"]))
# a time or ground reference, not an act: 自受理申请之日起15个工作日内, 在收到…提请后3个工作日内
TIME = re.compile(r"自[^。；]{0,90}?(?:之日起|后)[^，。；]{0,16}?内|在[^，。；]{0,60}?(?:后|前)[^，。；]{0,12}?内|收到[^。；]{0,60}?后")
# the means of an act, not acts: 通过入户调查、邻里访问、信息核对等方式
MEANS = re.compile(r"通过[^，。；]{0,60}?(?:方式|途径|形式)")
CASE = re.compile(r"的，")  # (…有近亲属关系的，乡镇…应当单独登记备案: a step of some cases only)
SENTENCE_END = re.compile(r"[。；]")
ACT_CLAUSES = 4  # clauses of a predicate read for its acts
LIGHT = ("进行", "予以", "提出", "启动", "组织", "开展")  # a light verb that makes a listed word an act (村、社区进行公示)
GAP = 6  # articles a chain may pass over between two of its steps (definitions, lists of materials)
MIN_STEPS, MAX_STEPS = 4, 7
ORDER_WRONG = 3  # wrong orders of a 单选
ARROW = "→"


def _act(pred: str) -> str:
    """The procedure acts of a duty's predicate that are verbs here (not 申请材料, 已经受理的, 经审核), joined with 、
    (进行调查核实，并提出初审意见 → 调查核实、初审)."""
    pred = "，".join([c for c in re.split(r"[，,]", MEANS.sub("", TIME.sub("", pred))) if c.strip()][:ACT_CLAUSES])
    out: list[str] = []
    for m in STEP.finditer(pred):
        after, before = pred[m.end():], pred[:m.start()]
        noun = after.startswith(NOUN_AFTER) and not before.endswith(tuple(WORDS["verb_before"]))
        item = re.split(r"[、，]", before)[-1]
        listed = (after.startswith(("、", "等")) or before.endswith(("、",)) or "、" in re.split(r"，", before)[-1]) \
            and not any(v in item for v in LIGHT)  # (查询…不动产登记、车船登记: objects in a list, not acts)
        if noun or listed or after.startswith("的") or before.endswith("经") or m.group() in out:
            continue
        out.append(m.group())
    return "、".join(out)


def step_of(sentence: str) -> tuple[str, str] | None:
    """(act, who carries it) of an article's first sentence; None when it is no step of a procedure."""
    from ..plan.practice import subject_of

    sentence = sentence.strip()
    m = APPLY.match(sentence)
    if m and "提出" in sentence:
        to = TO.search(sentence)
        return ("申请", to.group(1)) if to else None
    holder = subject_of(sentence)
    if not holder:
        return None
    at = sentence.find(holder)
    if BRANCH.search(sentence[:at]) or CASE.search(sentence[:at]):
        return None  # (不符合条件、不予同意的，…告知: another path, not the next step)
    modal = MODAL.search(sentence, at + len(holder))
    if not modal or modal.group() in WORDS["optional"]:
        return None  # (可视情组织民主评议: a step a case may skip is no fixed place in the order)
    act = _act(sentence[modal.end():])
    return (act, holder) if act else None


def _articles(doc: Document) -> list[tuple[str, int, int]]:
    """(article number, first sentence start, its end past 。/；) of each article."""
    out = []
    for m in ARTICLE.finditer(doc.text):
        end = SENTENCE_END.search(doc.text, m.end())
        line_end = doc.text.find("\n", m.end())
        stop = min(x for x in (end.end() if end else len(doc.text), line_end if line_end >= 0 else len(doc.text)))
        out.append((m.group(1), m.end(), stop))
    return out


def chains(doc: Document) -> list[list[tuple[str, str, str, int, int]]]:
    """Runs of step articles: [(act, holder, article, start, end)], each opened by an application."""
    out, run, last = [], [], -1
    for i, (num, start, end) in enumerate(_articles(doc)):
        found = step_of(doc.text[start:end].rstrip("。；"))
        if not found:
            continue
        act, holder = found
        opens = act == "申请" and APPLY.match(doc.text[start:end].strip()) is not None
        if opens or (run and i - last > GAP):
            out.append(run)
            run = []
        if not opens and not run:
            continue
        if run and any(x in a or a in x for a, *_ in run for x in act.split("、")):
            continue  # (确认 after 审核、确认, 帮助其申请 after the application: no new step)
        run.append((act, holder, f"第{num}条", start, end))
        last = i
    out.append(run)
    return [r for r in out if MIN_STEPS <= len(r) <= MAX_STEPS]


# one sentence that states a whole procedure: 申请临时救助的，应当向乡镇人民政府、街道办事处提出，经审核、公示后，由县级
# 人民政府民政部门审批 (who takes the application, what is done, who decides)
ONE_SENTENCE = re.compile(r"申请[^，。；]{2,12}?的?，应当(?:按照[^，。；]{0,12}?)?向(?P<to>[^，。；]{2,30}?)提出，"
                          r"(?:经|按规定程序)(?P<mid>[^，。；]{2,12}?)后，由(?P<by>[^，。；]{2,24}?)(?P<act>审批|确认|批准|实施|决定)")


def sentence_runs(doc: Document) -> list[list[tuple[str, str, str, int, int]]]:
    """Procedures one article's sentence states whole: three steps, each cited to its own clause."""
    out = []
    for num, start, end in _articles(doc):
        m = ONE_SENTENCE.match(doc.text, start + len(doc.text[start:end]) - len(doc.text[start:end].lstrip()))
        if not m or not STEP.search(m.group("mid")):
            continue
        by = re.split(r"按照|依照|根据", m.group("by"))[0]
        out.append([("申请", m.group("to"), f"第{num}条", m.start(), m.end("to") + 2),
                    (m.group("mid"), "", f"第{num}条", m.start("mid"), m.end("mid")),
                    (m.group("act"), by, f"第{num}条", m.start("by") - 1, m.end("act"))])
    return out


def procedure_facts(docs: dict[str, Document], chunks: list) -> list[Fact]:
    """One fact per chain (or one-sentence procedure) whose application starts in one of `chunks`."""
    out = []
    for doc_id in sorted({c.doc_id for c in chunks}):
        doc = docs.get(doc_id)
        if doc is None:
            continue
        for run in chains(doc) + sentence_runs(doc):
            chunk = next((c for c in chunks if c.doc_id == doc_id and c.start <= run[0][3] < c.end), None)
            if chunk is None:
                continue
            what = re.split(r"以|由|应当|的|，", APPLY.match(doc.text[run[0][3]:run[0][4]].strip()).group(1))[0]
            out.append(Fact("procedure", doc_id, chunk.chunk_id, run[0][3], run[-1][4], ARROW.join(s[0] for s in run),
                            head=what, items=tuple(s[0] for s in run), details=tuple(s[1] for s in run),
                            extra={"spans": [[s[3], s[4]] for s in run], "articles": [s[2] for s in run]}))
    return out


def _explain(fact: Fact, doc: Document) -> str:
    from .generate import doc_name

    arts, spans = fact.extra["articles"], fact.extra["spans"]
    if len(set(arts)) == 1:  # (one sentence states it whole: quoted once)
        return f"出自《{doc_name(doc)}》，原文：{arts[0]}“{_plain(doc.text[fact.start:fact.end])}”。该条依次规定了{fact.key}。"
    quotes = "；".join(f"{a}“{_plain(doc.text[s:e])}”" for a, (s, e) in zip(arts, spans))
    return f"出自《{doc_name(doc)}》，原文：{quotes}。各条依次规定了{'、'.join(fact.items)}，顺序为{fact.key}。"


def _plain(text: str) -> str:
    """A quoted sentence as printed: no markdown emphasis (*3*个工作日), no closing stop."""
    return text.replace("*", "").strip().rstrip("。；")


def _who(act: str, holder: str) -> str:
    return f"（向{holder}提出）" if act == "申请" else f"（{holder}）" if holder else ""


def wrong_orders(steps: list[str], rng, k: int = ORDER_WRONG) -> list[str]:
    """Other orders of the same steps, each two steps swapped; the application stays first (a wrong order
    that opens with 审核 is told unread)."""
    swaps = [(i, j) for i, j in combinations(range(1, len(steps)), 2)]
    rng.shuffle(swaps)
    out = []
    for i, j in swaps[:k]:
        s = list(steps)
        s[i], s[j] = s[j], s[i]
        out.append(ARROW.join(s))
    return out


def procedure_item(fact: Fact, kind: str, ctx, section: str) -> QuizItem | None:
    """简答: each step in order with who carries it, cited to its article; 单选: which order is right."""
    from .generate import _choice, citation, ref

    doc = ctx.docs[fact.doc_id]
    cite, steps = citation(fact, doc, section), list(fact.items)
    check = {"kind": "order", "key": steps, "spans": fact.extra["spans"], "wrong": []}
    lead = f"{ref(doc)}申请{fact.head}，"
    if kind == SINGLE:
        wrong = wrong_orders(steps, ctx.rng)
        if len(wrong) < ORDER_WRONG:
            return None
        opts, ans = _choice(ctx, [fact.key], wrong)
        return QuizItem(SINGLE, lead + "下列各项中办理程序先后顺序正确的是？", ans, _explain(fact, doc), cite, opts,
                        check={**check, "wrong": wrong})
    if kind != SHORT:
        return None
    texts = [_plain(doc.text[s:e]) for s, e in fact.extra["spans"]]
    answer = "；".join(f"{i + 1}. {a}{_who(a, h)}" + (f"：{t}" if t != a else "") for i, (a, h, t) in enumerate(zip(steps, fact.details, texts))) + "。"
    points = [f"答出第{i + 1}个环节“{a}”" + (f"及{'受理机关' if a == '申请' else '负责机关'}" if h else "")
              for i, (a, h) in enumerate(zip(steps, fact.details))]
    keys = ["、".join(x for x in (a, h) if x) for a, h in zip(steps, fact.details)]
    stem = lead + f"依次要经过哪几个环节？请按先后顺序写出各环节及原文写明的负责机关（共{len(steps)}个环节）。"
    return QuizItem(SHORT, stem, answer, _explain(fact, doc), cite, points=points,
                    check={**check, "own_keys": keys}, need=len(steps))
