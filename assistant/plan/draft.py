"""draft(): topic -> WorkPlan. Fixed sections from templates; measures from retrieved
precedents, merged across places, each citing the exact precedent text."""
from __future__ import annotations

import re
import time

from ingest.model import Document

from ..types import Citation
from . import templates as T
from .compose import action_text, lead_sentence, place_of
from .grounding import check_grounding
from .model import Measure, PlanError, UngroundedPlan, WorkPlan
from .precedents import Point, Scorer, cosine, gather
from .timeframe import parse_when

_CONTENT = re.compile(r"[\w\u3400-\u9fff]")
_PLAN_SUFFIX = re.compile(r"(?:的)?(?:工作)?(?:实施方案|工作方案|方案)$")
TOPIC_LIMIT = 60
MAX_MEASURES = 8
MIN_MEASURES = 5
PER_DOC = 3  # measures led by one document, before topping up to MIN_MEASURES
MERGE = 0.15  # similarity at which points from two documents count as the same measure
DUPLICATE = 0.45  # similarity at which two points of one document repeat each other
FLOOR = 0.3  # topic relevance a point needs to open a measure of its own
SECOND_DOC_FLOOR = 0.15  # a weaker point may open a measure when it brings a second document


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
    for d in kb.data.documents.values():
        by_doc = not docs or any(x == d.doc_id or x in d.title for x in docs)
        by_place = not places or any(x in place_of(d) or x in d.title for x in places)
        if by_doc and by_place:
            out.add(d.doc_id)
    if not out:
        raise PlanError(T.NO_DOCUMENTS.format(what="、".join([*(docs or []), *(places or [])])))
    return out


def usable(kb, points: list[Point]) -> list[Point]:
    """Points with at least one detail sentence a measure can be written from."""
    return [p for p in points if action_text(p, kb.data.documents[p.doc_id])]


def supported(points: list[Point]) -> bool:
    """Enough on-topic practices to draft from (several, one of them squarely on topic)."""
    rel = sorted((p.relevance for p in points), reverse=True)
    return bool(rel) and rel[0] >= 0.6 and len(rel) >= 2 and rel[1] >= 0.4


def _overlaps(p: Point, used: list[Point]) -> bool:
    return any(p.doc_id == q.doc_id and p.start < q.end and q.start < p.end for q in used)


def select(points: list[Point], seeded: list[list[Point]] = ()) -> list[list[Point]]:
    """Greedy by score: a point similar to a measure from another document joins it (merge),
    a repeat from the same document is dropped, a new on-topic point opens a measure."""
    groups = [list(g) for g in seeded]
    used = [p for g in groups for p in g]
    pool = sorted(points, key=lambda p: -p.score)
    for cap in (PER_DOC, MAX_MEASURES):
        for p in pool:
            if _overlaps(p, used):
                continue
            sim, g = max(((cosine(p.vector, q.vector), g) for g in groups for q in g),
                         key=lambda x: x[0], default=(0.0, None))
            if g is not None and sim >= MERGE and p.doc_id not in {q.doc_id for q in g}:
                if len(g) < 3:
                    g.append(p)
                    used.append(p)
                continue
            one_doc = len({q.doc_id for x in groups for q in x} - {p.doc_id}) == 0
            floor = SECOND_DOC_FLOOR if cap == MAX_MEASURES and one_doc is False and \
                len({q.doc_id for x in groups for q in x}) < 2 else FLOOR
            if (g is not None and sim >= DUPLICATE) or p.relevance < floor:
                continue
            lead = sum(1 for x in groups if x[0].doc_id == p.doc_id)
            if len(groups) < MAX_MEASURES and lead < cap:
                groups.append([p])
                used.append(p)
        if len(groups) >= MIN_MEASURES and len({q.doc_id for g in groups for q in g}) >= 2:
            break
    return groups


def expand(kb, groups: list[list[Point]], words: list[str], allowed: set[str] | None) -> list[Point]:
    """Look for the same practice elsewhere: each measure's heading as a query."""
    out = []
    for g in groups[:MAX_MEASURES]:
        head = g[0].head or kb.data.documents[g[0].doc_id].text[g[0].start:g[0].end][:40]
        for p in gather(kb, head, words, allowed, k=5):
            if p.doc_id != g[0].doc_id:
                p.score *= 0.5  # found by a measure's wording, not by the topic
                out.append(p)
    return out


def focus_groups(kb, topic: str, focus: list[str], words: list[str],
                 allowed: set[str] | None) -> tuple[list[list[Point]], list[str]]:
    scorer, docs = Scorer(kb), kb.data.documents
    groups, missing = [], []
    for f in focus:
        fw = scorer.words(f)
        best, best_cov = None, 0.0
        for p in usable(kb, gather(kb, f"{f} {topic}", words, allowed, k=8)):
            text = p.section.split(" › ")[-1] + docs[p.doc_id].text[p.start:p.end]
            cov = scorer.coverage(fw, text)
            if cov >= 0.6 and (best is None or (cov, p.score) > (best_cov, best.score)):
                best, best_cov = p, cov
        if best is None:
            missing.append(f)
        elif not any(_overlaps(best, g) for g in groups):
            best.focus = f
            groups.append([best])
    return groups, missing


def draft(kb, topic: str, unit: str | None = None, start: str | None = None, end: str | None = None,
          focus: list[str] | str | None = None, docs: list[str] | None = None,
          places: list[str] | None = None, strict: bool = True) -> WorkPlan:
    """Draft a 实施方案. Raises PlanError for bad input or an unsupported topic, and
    UngroundedPlan when the grounding check fails (unless strict=False: then the plan is
    returned with .problems filled in)."""
    t0 = time.perf_counter()
    topic = validate_topic(topic)
    unit = " ".join(str(unit or "").split())
    start_s, end_s = parse_when(start), parse_when(end)
    _check_range(start, end)
    focus = split_focus(focus)
    allowed = allowed_documents(kb, docs, places)
    words = Scorer(kb).words(topic)
    points = usable(kb, gather(kb, topic, words, allowed))
    if not supported(points):
        raise PlanError(T.UNSUPPORTED.format(topic=topic))
    seeded, missing = focus_groups(kb, topic, focus, words, allowed)
    groups = select(points, seeded)
    groups = select(points + usable(kb, expand(kb, groups, words, allowed)), seeded)
    plan = assemble(kb, topic, unit, start_s, end_s, focus, groups)
    plan.unsupported_focus = missing
    if missing:
        plan.notices.append(T.FOCUS_MISSING.format(items="、".join(missing)))
    if len(plan.measures) < MIN_MEASURES:
        plan.notices.append(T.FEW_MEASURES.format(n=len(plan.measures)))
    plan.problems = check_grounding(plan, kb)
    plan.elapsed = round(time.perf_counter() - t0, 3)
    if plan.problems and strict:
        raise UngroundedPlan(T.UNGROUNDED.format(n=len(plan.problems), first=plan.problems[0]), plan)
    return plan


def _check_range(start: str | None, end: str | None) -> None:
    from .timeframe import as_key

    if start and end and as_key(end, last=True) < as_key(start):
        raise PlanError(T.BAD_RANGE.format(start=start, end=end))


def split_focus(focus: list[str] | str | None) -> list[str]:
    items = [focus] if isinstance(focus, str) else list(focus or [])
    out: list[str] = []
    for item in items:
        out += [x.strip() for x in re.split(r"[、,，;；\n]", str(item)) if x.strip()]
    return list(dict.fromkeys(out))


def assemble(kb, topic: str, unit: str, start: str, end: str, focus: list[str],
             groups: list[list[Point]]) -> WorkPlan:
    docs: dict[str, Document] = kb.data.documents
    citations: list[Citation] = []
    measures = [_measure(g, unit, docs, citations) for g in groups]
    return WorkPlan(topic=topic, unit=unit, title=T.title(unit, topic), guiding=T.guiding(unit, topic),
                    goals=T.goals(unit, topic, end), leadership=T.leadership(unit, topic),
                    measures=measures, schedule=T.schedule(start, end),
                    requirements=T.requirements(topic), citations=citations,
                    start=start, end=end, focus=focus)


def _cite(p: Point, doc: Document, chunk_section: str, citations: list[Citation]) -> int:
    for c in citations:
        if (c.doc_id, c.start, c.end) == (p.doc_id, p.start, p.end):
            return c.n
    meta = {"place": place_of(doc), "date": doc.meta.get("date", ""),
            "doc_type": doc.meta.get("doc_type", ""), "source": doc.meta.get("source", "")}
    n = len(citations) + 1
    citations.append(Citation(n, p.chunk_id, doc.doc_id, doc.title, chunk_section,
                              doc.text[p.start:p.end], p.start, p.end, meta))
    return n


def _measure(group: list[Point], unit: str, docs: dict[str, Document],
             citations: list[Citation]) -> Measure:
    lead = group[0]
    title, first = lead_sentence(lead, docs[lead.doc_id], unit or T.DEFAULT_UNIT)
    parts, ns = [], []
    for i, p in enumerate(group):
        doc = docs[p.doc_id]
        n = _cite(p, doc, p.section, citations)
        ns.append(n)
        where = place_of(doc)
        src = f"{where}的做法" if where else f"《{doc.title}》中的做法"
        parts.append(f"{'可参照' if i == 0 else '另可参照'}{src}：{action_text(p, doc, 2 if i == 0 else 1)}[{n}]")
    return Measure(title=title, text=first + "；".join(parts) + "。", citations=ns, focus=lead.focus)
