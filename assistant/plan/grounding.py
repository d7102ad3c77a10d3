"""The grounding check: no number, date, name or organisation in a draft unless the user
typed it or a cited source contains it. It runs on every draft, whoever wrote the wording
(the extractive composer today, an LLM rewrite later)."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..library import view_of
from .model import WorkPlan

_NUMBER = re.compile(r"\d+(?:[.．]\d+)?%?")
_CN_QUANTITY = re.compile(r"[零〇一二两三四五六七八九十百千万]+[0-9]*"
                          r"(?:年|月|日|号|个|名|户|家|次|件|人|支|项|余|多|届|期|周|天|小时|元|万|%)")
_QUOTED = re.compile(r"“([^”]{1,40})”|《([^》]{1,60})》")
_NAME_TAGS = {"nrt", "nrfg", "ns", "nt"}  # nz, and nr of dictionary words, tag too many common words
_ROLE = ("律师", "教授", "书记", "主任", "老师", "主席", "经理", "队长", "院长", "局长", "同志")
_ORG_SUFFIX = ("社区", "街道", "党委", "党工委", "党总支", "党支部", "居委会", "委员会", "协会", "公司",
               "医院", "大厦", "学校", "大学", "中心", "集团", "银行", "法院", "局", "馆")
_GENERIC = {"社区", "街道", "党组织", "党委", "党支部", "党总支", "居委会", "委员会", "领导小组", "单位",
            "中心", "协会", "公司", "群众", "居民", "党员", "本社区", "本街道", "本单位", "辖区"}


@dataclass
class Claim:
    kind: str  # 数字 / 名称 / 引语
    text: str


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def claims(text: str, known: str = "") -> list[Claim]:
    """Numbers, dates, quoted names and proper names (jieba POS nr/ns/nt) in text. With
    `known` (normalised text), names certainly inside it may be left out (see proper_names)."""
    text = _strip_markers(normalize(text))
    out = [Claim("引语", m.group(1) or m.group(2)) for m in _QUOTED.finditer(text)]
    out += [Claim("数字", m.group(0)) for m in _NUMBER.finditer(text)]
    out += [Claim("数字", m.group(0)) for m in _CN_QUANTITY.finditer(text)]
    out += [Claim("名称", w) for w in proper_names(text, known)]
    return out


def _strip_markers(text: str) -> str:
    """Citation markers [n], enumerators （一） 一、 and ____ blanks are layout, not claims."""
    text = re.sub(r"\[\d+(?:[,，]\d+)*\]", "", text)
    text = re.sub(r"[（(][一二三四五六七八九十\d]{1,3}[)）]|(?:^|\n)[一二三四五六七八九十]{1,3}、", " ", text)
    return re.sub(r"_+(?:年|月|日)?", " ", text)


def proper_names(text: str, known: str = "") -> list[str]:
    """Proper nouns, each extended by an organisation suffix that follows it (五里桥 + 街道).

    Runs of characters that jieba's dictionary does not know go through posseg's HMM tagger,
    pure Python and most of the ~1 ms a sentence costs. A run found in `known` (normalised
    text), also with any suffix that follows it, is not tagged: every name inside it is in
    `known`, so it could never be an ungrounded claim."""
    import jieba

    if known and text in known:
        return []
    toks = [(t.word, t.flag) for t in _tagger(text, known).cut(text)]
    names = []
    for i, (w, flag) in enumerate(toks):
        latin = flag == "eng" and len(w) >= 2
        prev = toks[i - 1][0] if i else ""
        person = flag == "nr" and (w not in jieba.dt.FREQ or prev in _ROLE)  # unknown or titled
        if (flag in _NAME_TAGS or latin or person) and w not in _GENERIC and len(w) >= 2:
            nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
            names.append(w + nxt if nxt in _ORG_SUFFIX else w)
    return names


@functools.cache
def _tagger_class():
    import jieba.posseg as pseg

    class KnownRunsTagger(pseg.POSTokenizer):
        """jieba.posseg.dt, except that unknown-word runs inside `known` skip the HMM."""

        def __init__(self, text: str, known: str):  # shares posseg's loaded dictionaries
            self.tokenizer, self.word_tag_tab = pseg.dt.tokenizer, pseg.dt.word_tag_tab
            self.text, self.known = text, known

        def _POSTokenizer__cut_detail(self, run):  # overrides posseg's private HMM step
            if self.known and run in self.known and all(
                    run + s in self.known for s in _ORG_SUFFIX if run + s in self.text):
                return (pseg.pair(ch, "x") for ch in run)
            return super()._POSTokenizer__cut_detail(run)

    return KnownRunsTagger


def _tagger(text: str, known: str):
    """A per-call tagger (no shared state between threads) over posseg's dictionaries."""
    return _tagger_class()(text, known)


def ungrounded(text: str, allowed: list[str]) -> list[Claim]:
    """Claims in text that occur in none of the allowed texts."""
    pool = normalize("\n".join(allowed))
    return [c for c in claims(text, pool) if normalize(c.text) not in pool]


def check_grounding(plan: WorkPlan, kb=None) -> list[str]:
    """Problems of the draft, in Chinese; empty when every claim is grounded.

    Also checks that every citation resolves: its quote is exactly doc.text[start:end].
    """
    kb = view_of(kb) if kb is not None else None
    problems = _check_citations(plan, kb) if kb is not None else []
    user = plan.user_input()
    for label, text in _fixed_texts(plan):
        problems += [f"{label}：{c.kind}“{c.text}”既不在用户输入中，也不在引用原文中"
                     for c in ungrounded(text, user)]
    for i in range(len(plan.measures)):
        problems += measure_problems(plan, i)
    return problems + _check_periods(plan)


def measure_problems(plan: WorkPlan, i: int) -> list[str]:
    """Problems of measure i (0-based): claims its cited precedents do not hold, bad markers."""
    m, label = plan.measures[i], f"主要措施第{i + 1}条"
    if not m.citations or any(not 1 <= n <= len(plan.citations) for n in m.citations):
        return [f"{label}：没有有效的引用"]
    cites = [plan.citation(n) for n in m.citations]
    allowed = plan.user_input() + [c.quote for c in cites] + [c.meta.get("place", "") for c in cites] \
        + [c.title for c in cites] + [c.section for c in cites]  # (a quoted measure's title is its section's heading)
    out = [f"{label}：{c.kind}“{c.text}”既不在用户输入中，也不在所引原文中"
           for c in ungrounded(m.title + "\n" + m.text, allowed)]
    if {int(n) for n in re.findall(r"\[(\d+)\]", m.text)} != set(m.citations):
        out.append(f"{label}：正文中的引用标号与引用列表不一致")
    return out


def _check_periods(plan: WorkPlan) -> list[str]:
    """Phase dates are computed from the user's range: each must lie inside it."""
    from .timeframe import as_key

    out = []
    for p in plan.schedule:
        for d in re.findall(r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?", p.period):
            inside = plan.start and plan.end and as_key(plan.start) <= as_key(d) and \
                as_key(d, last=True) <= as_key(plan.end, last=True)
            if not inside and normalize(d) not in normalize("\n".join(plan.user_input())):
                out.append(f"实施步骤：日期“{d}”不在用户给出的时间范围内")
    return out


def _fixed_texts(plan: WorkPlan) -> list[tuple[str, str]]:
    """Every text of the draft that is not a measure: the template sections."""
    out = [("标题", plan.title)]
    out += [("指导思想", t) for t in plan.guiding] + [("工作目标", t) for t in plan.goals]
    out += [("组织领导", t) for t in plan.leadership]
    out += [("实施步骤", f"{p.name}{p.tasks}") for p in plan.schedule]  # periods: _check_periods
    out += [("工作要求", f"{r.title}{r.text}") for r in plan.requirements]
    return out


def _check_citations(plan: WorkPlan, kb) -> list[str]:
    problems = []
    for c in plan.citations:
        doc = kb.documents.get(c.doc_id)
        if doc is None:
            problems.append(f"引用[{c.n}]：资料库中没有文档 {c.doc_id}")
        elif doc.text[c.start:c.end] != c.quote:
            problems.append(f"引用[{c.n}]：引文与原文位置不符")
    return problems
