"""Notices for the drafter: where a draft's measures come from (one document, or material that
is no basis for a 公文: a model text, a report of one's own deeds, a paper; cadre review s27: a plan
of 8 measures from one district's report said nothing about it), and, for a refused topic, where
the library comes closest."""
from __future__ import annotations

from collections import Counter

from . import templates as T
from .articles import ARTICLE
from .cover import found_elsewhere
from .duty import ACCOUNTS
from .model import WorkPlan
from .outline import GENRES
from .subfoci import uncovered

NEAREST = "资料库中与此最接近的内容（不足以起草方案，可供查阅）：{places}。"

ONE_SOURCE = "{count}引用了同一篇文档《{title}》，{what}请对照其他资料和本单位实际补充、调整。"
ONE_PLACE = "该文档是一地的经验材料或范文，反映的是当地当时的做法，"
FOR_REFERENCE = ("{count}主要依据网络范文、汇报材料或研究文章（参考依据中注明“仅供参考”），"
                 "不是政策依据，请核对原文和现行政策后使用。")


def count(n: int, k: int) -> str:
    """本方案 3 条措施中有 2 条, or 本方案 3 条措施都 when all of them (never “3 条中有 3 条”)."""
    return f"本方案 {n} 条措施都" if k == n else f"本方案 {n} 条措施中有 {k} 条"


def _lead(plan: WorkPlan) -> list:
    """Each measure's first citation: the precedent that leads it."""
    return [plan.citation(m.citations[0]) for m in plan.measures if m.citations]


def for_reference(meta: dict | None) -> bool:
    """The document is labelled 仅供参考 in 参考依据 (genres.json): a compilation, a report, a paper."""
    meta = meta or {}
    return bool(meta.get("compilation")) or meta.get("doc_type", "") in GENRES["labels"]


def one_place(meta: dict | None) -> bool:
    """One place's own account (a case, a report, a paper) or a compiled model text: its measures
    are that place's practice, so a plan takes only a few of them (settings.plan.doc_cap)."""
    return for_reference(meta) or (meta or {}).get("doc_type", "") in ACCOUNTS


def source_notices(plan: WorkPlan, share: float) -> list[str]:
    """ONE_SOURCE when one document backs more than `share` of the measures (at least two): cited by
    them anywhere, as the reader counts (cadre review 35: “3 条中有 2 条” when the third cited it second);
    FOR_REFERENCE when material labelled 仅供参考 leads them."""
    lead, out = _lead(plan), []
    n = len(lead)
    if n < 2:
        return out
    backs = Counter(d for m in plan.measures for d in dict.fromkeys(plan.citation(c).doc_id for c in m.citations))
    (doc_id, k), = backs.most_common(1)
    if k / n > share:
        first = next(c for c in plan.citations if c.doc_id == doc_id)
        out.append(ONE_SOURCE.format(count=count(n, k), title=first.title, what=ONE_PLACE if one_place(first.meta) else ""))
    ref = sum(for_reference(c.meta) for c in lead)
    if ref / n > share:
        out.append(FOR_REFERENCE.format(count=count(n, ref)))
    return out


def nearest(kb, topic: str, k: int = 3) -> str:
    """A refusal still says where the library comes closest (cadre review 29: 楼道堆物 was refused
    without pointing to the 物业 opinion's 楼道堆物 passage), so the cadre can read on."""
    seen, out = set(), []
    for h in kb.scored(topic, k=k * 3):
        c = kb.chunks[h.idx]
        if c.doc_id not in seen and len(out) < k:
            seen.add(c.doc_id)
            sec = c.section.split(" › ")[-1] if " › " in c.section else ""
            out.append(f"《{kb.documents[c.doc_id].title}》" + (f"“{sec}”" if sec else ""))
    return NEAREST.format(places="；".join(out)) if out else ""


def focus_notices(plan: WorkPlan, foci: list[str], scorer, ps, docs: dict | None = None) -> list[str]:
    """FOCUS_UNCOVERED for the topic's stated foci no measure is about (subfoci.py), and the library
    documents that do say them (docs: the library's documents)."""
    texts = [m.title + m.text + "".join(plan.citation(n).quote for n in m.citations) for m in plan.measures]
    gone = uncovered(foci, texts, scorer.words, ps.focus_cover)
    return [T.FOCUS_UNCOVERED.format(items="”“".join(gone))] + found_elsewhere(docs or {}, gone) if gone else []


def thin_notice(total: int, usable: int, least: int) -> str:
    """FEW_MEASURES when the plan has fewer than `least` measures, FEW_USABLE when fewer than `least`
    of them are usable as the unit's own (not another body's duty, not quoted as written), whatever the
    total (cadre review 31: 5 unusable measures printed no notice, 3 did); "" otherwise."""
    if usable >= least and total >= least:
        return ""
    if usable == total:
        return T.FEW_MEASURES.format(n=total)
    if not usable:  # (not “只有 0 条”, nor “1 条措施都”)
        return T.ONE_UNUSABLE if total == 1 else T.NONE_USABLE.format(n=total)
    return T.FEW_USABLE.format(n=total, k=usable)


def unusable_passages(plan: WorkPlan, others: list[bool]) -> list[str]:
    """When no measure is usable as the unit's own (each is another body's duty or its precedent
    quoted as written), a notice naming the passages found (document once, then its articles or
    sections), so the cadre can read them (cadre review s36). The plan is still drafted: the issue
    wants a shorter plan with a notice, never a refusal, when precedents exist."""
    if not plan.measures or any(not m.verbatim and not o for m, o in zip(plan.measures, others)):
        return []
    places: dict[str, list[str]] = {}
    for c in (plan.citation(n) for m in plan.measures for n in m.citations):
        places.setdefault(c.title, [])
        if (where := passage(c)) and where not in places[c.title]:
            places[c.title].append(where)
    return [T.NO_USABLE.format(passages="；".join(f"《{t}》" + "、".join(w) for t, w in places.items()))]


def passage(c) -> str:
    """Where in its document a quote stands: 第七十三条 (a statute's article: the quote's or its
    section's), or “（二）固基础、强保障” (the section's own heading), or ""."""
    sec = c.section.split(" › ")[-1].strip() if c.section else ""
    art = ARTICLE.match(c.quote) or ARTICLE.match(sec)
    return art.group(0).strip() if art else f"“{sec}”" if sec else ""


def local_notices(plan: WorkPlan) -> list[str]:
    """LOCAL_RULES once per plan for the cited provincial or city rules (cadre review s36: 北京、山东、上海
    条例 quoted for 和平街道 with no word that they bind only there); never for a national law."""
    kinds = set(GENRES.get("local_rules", []))
    cited = {n for m in plan.measures for n in m.citations}
    local = [c for c in plan.citations if c.n in cited and (c.meta or {}).get("place") and c.meta.get("doc_type") in kinds]
    if not local:
        return []
    docs = "".join(dict.fromkeys(f"《{c.title}》" for c in local))
    return [T.LOCAL_RULES.format(docs=docs, places="、".join(dict.fromkeys(c.meta["place"] for c in local)))]
