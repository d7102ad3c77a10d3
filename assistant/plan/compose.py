"""Wording of a measure: the unit's action sentence and the precedent's details, with the
precedent's own figures turned into ____ blanks for the unit to fill in."""
from __future__ import annotations

import re

from ingest.model import Document, place_label

from .bodies import WORDS
from .duty import (
    ACCOUNTS,
    MODAL_OPEN,
    XU,
    YAO,
    YING,
    attributed,
    for_unit,
    named_sites,
    subjectless,
)
from .listed import later_share
from .lists import LIST_END, whole_lists
from .practice import acts, bare, not_practice
from .precedents import Point, strip_ordinal
from .selfref import without_self_reference
from .stale import printable, stale_sentence

_NUM = re.compile(r"\d+(?:[.．]\d+)?(?:\s*[-—~～至]\s*\d+(?:[.．]\d+)?)?(?:余|多)?")
_PROTECTED = re.compile(r"“[^”]*”|《[^》]*》")  # names and titles are kept as written
_PERSON_HINT = re.compile(r"(?:律师|教授|书记|主任|老师|主席|经理|队长|院长|局长)[\u4e00-\u9fff]{2,3}(?:[，、。（(]|$)|"
                          r"[\u4e00-\u9fff]{2,3}(?:同志|教授|老人)")
_END = "。；;，,：:！!？? "
_CIRCLED = re.compile(r"[①-⑳]")  # ①…③ once ② is left out: items joined by ；, unnumbered
_PAST = re.compile(r"(?<![为除])了(?![解])")  # 建立了 → 建立: a plan states what to do


def place_of(doc: Document) -> str:
    """Display place, most general first, without repeats (上海市 上海市 → 上海市)."""
    return place_label(doc.meta.get("place"))


def generalize(text: str, doc: Document | None = None) -> str:
    """Replace a place's own figures (127个责任区) with ____ outside quoted names and titles.
    A rule's figures (18周岁, 15个工作日, 5—9人) bind the user's unit too: kept as written."""
    if doc is not None and doc.meta.get("doc_type") not in ACCOUNTS:
        return text
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


_LINKED = re.compile(r"^(?:同时|此外|另外|与此同时)[，,]")  # 同时，加大宣传力度…: the subject goes on


def continues_another(text: str, start: int, unit: int | None) -> bool:
    """A sentence opening with 同时， or a bare modal (要通过…) goes on with the sentence before it in
    its paragraph: when that one is no act of the unit's (区民政局负责…宣传推广等工作。同时，加大宣传
    力度…; 地方政府要支持…。要通过制定扶持政策…), neither is it."""
    para = text[text.rfind("\n", 0, start) + 1:start].strip()
    prev = [x for x in re.split(r"(?<=[。；;])", para) if x.strip()]
    while len(prev) > 1 and prev[-2].rstrip().endswith(("；", ";")) and subjectless(bare(prev[-1])):
        prev.pop()  # X应当A；B；C: C goes on with X, as B does
    return bool(prev) and for_unit(bare(prev[-1]).rstrip(_END), unit) is None


def goes_on(text: str, start: int, sentence: str) -> bool:
    """The sentence states no subject of its own and goes on with the one before it: it opens with
    同时， or a bare modal (要通过…), or it is a subjectless ；-clause (…应当整合…；引导机关…)."""
    before = text[text.rfind("\n", 0, start) + 1:start].rstrip()
    return bool(_LINKED.match(sentence) or MODAL_OPEN.match(sentence) or _CONDITION_MODAL.match(sentence)
                or (before.endswith(("；", ";")) and subjectless(sentence)))


# 凡新建城区…，要按标准要求配套建设…: a condition without an actor, then a bare modal; no subject of its own.
_CONDITION_MODAL = re.compile(rf"^(?:凡|对于?)[^，。；]{{2,40}}[，,](?:也|还|均|都|并)?(?:{YAO}|应当|{YING}|必须|{XU})"
                              r"(?=[\u4e00-\u9fff])")


def _for_unit(sentence: str, unit: int | None | bool, doc: Document | None = None) -> str | None:
    """duty.for_unit, then without the clauses that refer to the source document itself
    (参照本意见实施, （详见附件）) or that cannot be printed as the unit's (stale.printable: a
    placeholder, a blank the account's figure would leave, a past aim, another place's
    document); unit=False: as written."""
    mine = for_unit(sentence, unit)
    if unit is False or not mine:
        return mine
    mine = uncut(mine, sentence)
    if not mine:
        return None
    mine = without_self_reference(mine)
    return printable(generalize(mine, doc) if doc is not None else mine) if mine else None


_DANGLING = re.compile("(?:{})$".format("|".join(WORDS["dangling_endings"])))


def uncut(text: str, sentence: str) -> str | None:
    """The rewrite without the last clauses that only lead into what it dropped after them
    (再次诊断结论或者鉴定报告表明，[其监护人应当…]): a sentence cut mid-way; None when no act is left."""
    if text == sentence or sentence.startswith(text + "。"):
        return text
    parts = re.split(r"(?<=[，,])", text)
    if not _DANGLING.search(parts[-1].rstrip("，,；; ")):
        return text
    while parts and _DANGLING.search(parts[-1].rstrip("，,；; ")):
        parts.pop()
    out = "".join(parts).rstrip("，,；; ")
    return out if out and acts(out) else None


def unit_sentences(p: Point, doc: Document, unit: int | None | bool = None) -> list[tuple[int, str]]:
    """(index in p.body, sentence) for the point's sentences a measure may say, each as the
    unit's instruction (duty.for_unit): none naming a person, stating no practice, or holding
    only another body's duty. A sentence naming the precedent's own sites (红旗里社区) is said
    only when nothing else is, and then as the precedent's place's practice."""
    out, sited, stale = [], [], False
    orphan = unit is not False and bool(p.body) and _item(doc.text[p.body[0][0]:p.body[0][1]]) and \
        _others_lead(_lead_before(doc.text, p.body[0][0]), unit)
    for i, (s, e) in enumerate(p.body):
        raw = doc.text[s:e]
        orphan = orphan and _item(raw)  # a list's items end where a sentence without an enumerator starts
        if orphan:
            continue  # （一）将老龄事业纳入… under 市和区、县人民政府应当履行下列职责：: another's duty
        sent = bare(raw).rstrip(_END)
        if unit is not False and (stale_sentence(sent) or (i and stale and "\n" not in doc.text[p.body[i - 1][1]:s])):
            stale = True  # 到2020年，全面建成…。养老服务产品更加丰富…: the paragraph's aim is of its own time
            continue
        stale = False
        if unit is not False and _LEAD_END.search(raw.strip()):
            orphan = _others_lead(raw, unit)
        if unit is not False and goes_on(doc.text, s, sent) and continues_another(doc.text, s, unit) \
                and not later_share(sent, unit):
            continue  # another's sentence goes on, unless it names the unit among its holders later
        sent = _LINKED.sub("", sent)
        if not sent or _has_person(sent) or not_practice(sent):
            continue
        mine = _for_unit(sent, unit, doc)
        if mine:
            sites = unit is not False and named_sites(mine, doc.meta.get("doc_type", ""))
            (sited if sites else out).append((i, mine))
    if not out and sited and place_of(doc):
        out = [(i, attributed(x, place_of(doc))) for i, x in sited[:1]]
    return out


_LEAD_END = re.compile(r"[：:]$")
_ARTICLE_NO = re.compile(r"第[一二三四五六七八九十百零〇]+条")


def _item(sentence: str) -> bool:
    """An enumerated list item (（一）…, 1. …, ①…), not an article (第五条 …)."""
    return strip_ordinal(sentence) != sentence.strip() and not _ARTICLE_NO.match(sentence.strip())


def _lead_before(text: str, start: int) -> str:
    """The list lead of the item at `start` (the nearest line before it that is no item), "" when
    that line does not end in a colon."""
    for line in reversed(text[:start].rstrip().split("\n")[-40:]):
        if line.strip() and not _item(line):
            return line.strip() if _LEAD_END.search(line.strip()) else ""
    return ""


def _others_lead(lead: str, unit: int | None) -> bool:
    """The lead states another body's duty (市和区、县人民政府应当履行下列职责：): its items are that body's;
    or it announces principles (应当遵循以下原则：): its items are no acts."""
    text = bare(lead).rstrip(_END)
    return bool(text) and (for_unit(text, unit) is None or bool(_PRINCIPLES.search(text)))


_PRINCIPLES = re.compile(r"(?:以下|下列|如下)(?:基本|工作)?原则$")


def action_text(p: Point, doc: Document, max_sents: int = 2, max_chars: int = 160,
                unit: int | None | bool = None, list_cap: int = 0, better=None) -> str:
    """The point's action sentences for the unit, generalised; list_cap > 0: a list lead
    among them keeps its items whole up to list_cap characters, or is left out (lists.py).
    better (later, printed → bool): a later sentence on the topic is not cut (topical)."""
    sents = [x for _, x in unit_sentences(p, doc, unit)]
    n = _fitting(sents, max_sents, max_chars)
    if better is not None:
        sents = topical(sents, n, better)
        n = _fitting(sents, max_sents, max_chars)
    pieces = [x for sent in sents for x in sent.split("；")]  # 一是…；二是…: items are ；-clauses
    k = sum(len(sent.split("；")) for sent in sents[:n])
    picked = whole_lists(pieces, k, list_cap) if list_cap else sents[:n]
    return generalize(_CIRCLED.sub("", _PAST.sub("", "；".join(picked))), doc)


def _fitting(sents: list[str], max_sents: int, max_chars: int) -> int:
    """How many of the first sentences a measure says: up to max_sents, within max_chars."""
    n = 0
    while n < min(max_sents, len(sents)) and not (n and len("；".join(sents[:n])) + len(sents[n]) > max_chars):
        n += 1
    return n


def topical(sents: list[str], n: int, better) -> list[str]:
    """The sentences with the first later one that is better on the topic than all of the first n
    (better(later, printed)) moved to the nth place (北京物业条例第八条 for 物业纠纷化解: …调处物业管理
    纠纷… is its third sentence). The first sentence stays first: the measure's title names it."""
    if n < 2 or n >= len(sents) or any(_LIST_END.search(x) or x.endswith("：") for x in sents[:n]):
        return sents  # a list's items keep their order
    j = next((i for i in range(n, len(sents)) if better(sents[i], sents[:n])), None)
    if j is None:
        return sents
    return sents[:n - 1] + [sents[j]] + [x for i, x in enumerate(sents) if i >= n - 1 and i != j]


_LIST_END = re.compile(LIST_END)  # 审计包括下列事项, 公布下列事项，接受居民查询和监督: its items follow


def joined(pieces: list[str]) -> str:
    """The pieces joined by ；, but a list lead by ： before its items (…包括下列事项：本村财务收支情况；…)."""
    out = ""
    for i, x in enumerate(pieces):
        out += x + ("" if i + 1 == len(pieces) else "：" if _LIST_END.search(x) else "；")
    return out


_DOUBLE_DENG = re.compile(r"等([\u4e00-\u9fff]{1,4})等(?=[。；，]|$)")  # 科级领导包联等制度等: the source's slip
_MODAL = re.compile(rf"^(?:{YAO}|应当|{YING}|{XU}|必须|需要|需)(?=[\u4e00-\u9fff]{{2}})")  # not 应救尽救, 应急, 要求


def instruction(text: str) -> str:
    """A precedent's sentence as an instruction to the user's unit: 要建立… → 建立…"""
    return _DOUBLE_DENG.sub(r"等\1", _MODAL.sub("", text.strip()))


def measure_text(p: Point, doc: Document, max_sents: int, unit: int | None = None, list_cap: int = 0,
                 better=None) -> str:
    """The practice's action sentences, generalised, as instructions (no subject, no 要)."""
    said = action_text(p, doc, max_sents, unit=unit, list_cap=list_cap, better=better)
    return "；".join(instruction(x) for x in said.split("；") if x)
