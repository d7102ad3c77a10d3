"""draft(): topic -> WorkPlan. Fixed sections from templates; measures from retrieved
precedents, merged across places, each citing the exact precedent text."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.model import Document

from ..library import view_of
from ..types import Citation
from . import cover
from . import templates as T
from .actor import general_unit, mark_duty
from .articles import ARTICLE
from .compose import action_text
from .feedback import neighbours
from .further import further_documents
from .gathering import gather, topic_similarity
from .grounding import check_grounding, measure_problems
from .listed import community_share
from .measure import measure_of
from .measure_titles import measure_title
from .model import PlanError, UngroundedPlan, WorkPlan
from .notices import focus_notices, local_notices, nearest, one_place, source_notices, thin_notice, unusable_passages
from .own_articles import own_articles
from .practice import NEVER, practice_problem, unit_level, unit_setting, wrong_setting
from .precedents import Point, Scorer, cosine
from .request import allowed_documents, check_range, split_focus, validate_topic
from .similarity import beyond_generic, practice_similarity, rank, rate, reaches, strength, topic_vectors
from .source_title import from_sources
from .stale import plan_context
from .subfoci import focus_groups, overlaps
from .timeframe import parse_when, spread
from .topic import Topic, generic_part, heads, point_about, understand
from .verbatim import MIN_DETAIL, quote_verbatim, says_nothing, verbatim_title  # noqa: F401 (tests import verbatim_title here)
from .within import on_topic_documents, rate_in_document, within_documents

if TYPE_CHECKING:
    from ..settings import PlanSettings

_HAN = re.compile(r"[\u4e00-\u9fff]")
THIN = 2  # measures of a plan whose practices all fall below the floor


@dataclass
class Search:
    """What a draft searches with: the topic's wordings, their words, the allowed documents."""

    topic: Topic
    words: list[list[str]]
    allowed: set[str] | None
    ps: PlanSettings
    similarity: dict[str, float] | None = None  # chunk_id → the topic's embedding similarity
    unit: int | None = None  # the user's unit's level (practice.unit_level), None if not named
    setting: str = ""  # "urban" / "rural" (practice.unit_setting), "" if the name says neither
    gated: bool = True  # fit keeps only the practices about the topic's head (topic.point_about)
    general: bool = True  # the unit is a 街镇's or 社区's general body (actor.general_unit)

    @property
    def dense(self) -> tuple[float, float]:
        return self.ps.dense_lo, self.ps.dense_hi

    def fit(self, kb, points: list[Point]) -> list[Point]:
        """The points for the unit's setting (no 农村 practice for a 街道: practice.wrong_setting)
        that are about the topic's head, not only its modifiers (topic.about)."""
        hs = heads(self.words) if self.gated else []
        return [p for p in points if not wrong_setting(p, kb.documents[p.doc_id], self.setting)
                and point_about(kb, hs, p)]

    def gather(self, kb, queries: list[str] | str, k: int = 0, practice: bool = True) -> list[Point]:
        """Usable points from the k best chunks per query (default: ps.chunks); with
        practice=False also those that are no practice for the unit."""
        pts = usable(kb, gather(kb, queries, self.words, self.allowed, k=k or self.ps.chunks, dense=self.dense,
                                similarity=self.similarity), self.unit if practice else False, self.general)
        return self.fit(kb, pts) if practice else pts


def usable(kb, points: list[Point], unit: int | None | bool = None, general: bool = True) -> list[Point]:
    """Points a measure can be written from: a practice the unit can take up (practice.py),
    an action to title it, detail sentences to say it as the unit's (duty.py). unit=False:
    neither the practice check nor the unit's wording, the points as written (whether the
    library has material on the topic). general: actor.general_unit."""
    docs = kb.documents
    if unit is False:  # as written, or as anyone's instruction (机构可以通过… → 通过…)
        return [p for p in points if has_detail(p, docs[p.doc_id], None) or has_detail(p, docs[p.doc_id], False)]
    out = [p for p in points if has_detail(p, docs[p.doc_id], unit) and not practice_problem(p, docs[p.doc_id], unit)]
    for p in out:
        mark_duty(p, docs[p.doc_id], unit, general)
        p.account = one_place(docs[p.doc_id].meta)
    return out


def has_detail(p: Point, doc: Document, unit: int | None | bool = None) -> bool:
    """An action title and details that say more than the title (not a bare slogan). An
    article's one duty (第十五条 …应当将初审意见及时在申请人所在村（社区）公示。) is a measure
    whole: a statute's sentence says who does what, where; it is no slogan."""
    title, text = measure_title(p, doc, unit), action_text(p, doc, unit=unit)
    listed = unit is not True and unit is not False and any(community_share(x, unit) is not None for s, e in p.body
                                                          for x in re.split(r"[，；]", doc.text[s:e])[:2])
    article = (bool(ARTICLE.match(doc.text[p.start:p.end])) or listed) \
        and len(_HAN.findall(title)) >= MIN_DETAIL  # …街道办事处、…部门应当加强…监管: the listed holders' duty, whole too
    return bool(title) and (article or len(_HAN.findall(text.replace(title, ""))) >= MIN_DETAIL)


def supported(points: list[Point], ps: PlanSettings) -> bool:
    """At least one practice squarely on the topic (by its words, or by its passage's
    embedding similarity): a plan can be drafted from it. The rule evals/fit_plan.py fits."""
    return any(squarely(p, ps) for p in points)


def squarely(p: Point, ps: PlanSettings) -> bool:
    """The point is on the topic by its words or its passage's embedding similarity."""
    return p.lexical >= ps.support or p.dense >= ps.dense_lo + ps.support * (ps.dense_hi - ps.dense_lo)


def on_topic(kb, points: list[Point], topic, ps: PlanSettings) -> list[Point]:
    """The points whose own text is near the topic in the embedding space (rated once). A
    point below the relevance floor (its chunk is about more than the topic) whose own text
    is squarely on it (sentence_accept) and holds enough of its words (lexical_accept) is
    raised to the floor: the chunk's similarity undersold it."""
    rate(kb, [p for p in points if not p.sentence], topic, min(ps.floor, ps.lexical_accept), ps.embed_top)
    for p in points:
        if p.relevance < ps.floor and p.lexical >= ps.lexical_accept and p.sentence >= ps.sentence_accept:
            p.relevance = ps.floor
    return [p for p in points if p.sentence >= ps.sentence_floor]


def near_topic(kb, points: list[Point], topic, ps: PlanSettings) -> list[Point]:
    """The thin plan's candidates (all below the relevance floor) whose own text reaches
    sentence_accept, the gate a practice below the floor passes in on_topic (the best one if
    none does, and only if that one is squarely on the topic): relevance alone is near 0 for all
    when the topic's words are not the library's."""
    top = sorted(points, key=lambda p: -p.relevance)[:ps.embed_top]
    for p, sim in zip(top, practice_similarity(kb, top, topic)):
        p.sentence = sim
    near = [p for p in top if p.sentence >= max(ps.sentence_accept, ps.sentence_floor)]
    return near or [p for p in top[:1] if squarely(p, ps) or stands_out(p, top, ps)]  # never the best of the off-topic


def stands_out(p: Point, points: list[Point], ps: PlanSettings) -> bool:
    """The point's own text is nearer the topic than the bulk of the candidates' by thin_margin:
    e5's similarities are close together, so only the distance from the median tells."""
    sims = sorted(q.sentence for q in points)
    return bool(sims) and p.sentence - sims[len(sims) // 2] >= ps.thin_margin


def feedback(kb, search: Search, found: list[Point], groups: list[list[Point]]) -> list[Point]:
    """The passages near those squarely on the topic (feedback.neighbours), for the unit's setting."""
    seeds = sorted([p for p in found if squarely(p, search.ps)] + [g[0] for g in groups], key=lambda p: -p.score)
    seeds = list({(p.doc_id, p.start): p for p in seeds}.values())
    return search.fit(kb, neighbours(kb, search, seeds, {p.chunk_id for p in found}))


def thin_groups(kb, found: list[Point], points: list[Point], search: Search, vecs) -> list[list[Point]]:
    """A thin plan's measures: the unit's practices near the topic; else the passages that made
    the topic supported, the unit's first, others' tasks last (those are quoted as written)."""
    ps = search.ps
    found = [p for p in found if practice_problem(p, kb.documents[p.doc_id], search.unit) not in NEVER]
    mine = search.fit(kb, [p for p in found if not others_task(kb, p, search.unit)])
    sayable = [p for p in mine if has_detail(p, kb.documents[p.doc_id], search.unit)]
    return thin(near_topic(kb, sayable or mine, vecs, ps), {id(p) for p in points}, ps) \
        or thin([p for p in mine if squarely(p, ps)], set(), ps) \
        or thin(search.fit(kb, [p for p in found if squarely(p, ps)]), set(), ps)


def generic_vectors(kb, search: Search):
    """The topic's wordings less their head words (topic.generic_part)."""
    hs = [w for h in heads(search.words) for w in h]
    return topic_vectors(kb, [generic_part(v, hs) or v for v in search.topic.variants[:4]])


def others_task(kb, p: Point, unit: int | None) -> bool:
    """A higher level's or another branch's task (practice_problem "level"): never a measure,
    not even of a thin plan."""
    return practice_problem(p, kb.documents[p.doc_id], unit) == "level"


def thin(points: list[Point], practices: set[int], ps: PlanSettings) -> list[list[Point]]:
    """The most relevant practices, one measure each, without repeating a text: among the
    points near the best one's relevance, practices for the unit (ids in `practices`) first."""
    best = max((p.relevance for p in points), default=0.0)
    out: list[list[Point]] = []
    near = [p for p in points if p.relevance >= ps.thin_share * best]  # never padded with the off-topic
    for p in sorted(near, key=lambda p: (id(p) not in practices, -p.relevance)):
        if len(out) < THIN and not any(cosine(p.vector, g[0].vector) >= ps.same or overlaps(p, g) for g in out):
            out.append([p])
    return out


def _docs(groups: list[list[Point]]) -> set[str]:
    return {q.doc_id for g in groups for q in g}


def select(points: list[Point], ps: PlanSettings, seeded: list[list[Point]] = (),
           topical: set[str] = frozenset()) -> list[list[Point]]:
    """Greedy by rank (score and centrality): a point similar to a measure from another document joins it (merge),
    a repeat from the same document is dropped, a new on-topic point opens a measure. topical: the
    documents whose title is on the topic (within.on_topic_documents), whose own duties reach at own_floor.
    The unit's 受理 of a party's application (party.py) comes after every duty the precedents state, as fill:
    it never displaces one (特困人员认定办法第十条 beside 第十二条 材料齐备的，予以受理), nor ends the first pass."""
    groups = [list(g) for g in seeded]
    used = [p for g in groups for p in g]
    pool = sorted(points, key=lambda p: -rank(p, ps))
    best = max((strength(p, ps) for p in pool if p.relevance >= ps.floor), default=0.0)
    own = any(p.own and p.relevance >= ps.floor for p in pool)  # the unit's own duties are on the topic
    for cap in (ps.per_doc, ps.max_measures):
        _take([p for p in pool if not p.party], groups, used, cap, ps, (best, own, topical))
        if len(groups) >= ps.min_measures and len(_docs(groups)) >= 2:
            break
    _take([p for p in pool if p.party], groups, used, cap, ps, (best, own, topical))
    return groups


def _take(pool: list[Point], groups: list[list[Point]], used: list[Point], cap: int, ps: PlanSettings, gate) -> None:
    """One greedy pass of select() over the pool, at most `cap` measures led by one document."""
    best, own, topical = gate
    for p in pool:
        if overlaps(p, used):
            continue
        sim, g = max(((cosine(p.vector, q.vector), g) for g in groups for q in g),
                     key=lambda x: x[0], default=(0.0, None))
        if g is not None and sim >= ps.merge and p.doc_id not in {q.doc_id for q in g}:
            if len(g) < 3 and reaches(p, ps, topical):
                g.append(p)
                used.append(p)
            continue
        if (g is not None and sim >= ps.duplicate) or not reaches(p, ps, topical) or weak(p, ps, best, own):
            continue
        lead = sum(1 for x in groups if x[0].doc_id == p.doc_id)
        if len(groups) < ps.max_measures and lead < (min(cap, max(ps.per_doc, ps.doc_cap)) if p.account else cap):
            groups.append([p])
            used.append(p)


def weak(p: Point, ps: PlanSettings, best: float, own: bool) -> bool:
    """Weak fill (fill_cut): the plan ends when its strong measures run out; the unit's own duty
    (街道办事处应当…) is never fill, another body's is none while the unit's own are on the topic."""
    return not p.own and (strength(p, ps) < ps.fill_cut * best or p.other and own)


def reading_order(groups: list[list[Point]]) -> list[list[Point]]:
    """Measures led by one document in its own order (受理 before 调查核实 before 公示), the
    documents in the order their best measure was chosen; focus measures stay first."""
    first: dict[str, int] = {}
    for i, g in enumerate(groups):
        first.setdefault(g[0].doc_id, i)
    return sorted(groups, key=lambda g: (not g[0].focus, first[g[0].doc_id], g[0].start))


def expand(kb, groups: list[list[Point]], search: Search) -> list[Point]:
    """Look for the same practice elsewhere: each measure's heading as a query."""
    out = []
    for g in groups[:search.ps.max_measures]:
        head = g[0].head or kb.documents[g[0].doc_id].text[g[0].start:g[0].end][:40]
        for p in search.gather(kb, head, k=5):
            if p.doc_id != g[0].doc_id:
                p.score *= 0.5  # found by a measure's wording, not by the topic
                out.append(p)
    return out


def draft(kb, topic: str, unit: str | None = None, start: str | None = None, end: str | None = None,
          focus: list[str] | str | None = None, docs: list[str] | None = None,
          places: list[str] | None = None, strict: bool = True) -> WorkPlan:
    """Draft a 实施方案. Raises PlanError for bad input or a topic the library has no practice
    on. A measure whose wording fails the grounding check quotes its precedent as written;
    UngroundedPlan is raised (strict) only if problems remain after that."""
    kb = view_of(kb)
    t0 = time.perf_counter()
    text = validate_topic(topic)
    unit = " ".join(str(unit or "").split())
    start_s, end_s = parse_when(start), parse_when(end)
    check_range(start, end)
    plan_context(start_s, unit)  # stale.printable: the plan's start year, the unit's name
    focus = split_focus(focus)
    ps: PlanSettings = kb.settings.plan
    t = understand(text, kb.tokenizer.cut)
    focus = list(dict.fromkeys(focus + list(t.focus)))  # --focus, then the foci the topic names
    scorer = Scorer(kb)
    search = Search(t, [scorer.words(v) for v in t.variants], allowed_documents(kb, docs, places), ps,
                    topic_similarity(kb, list(t.variants[:4])), unit_level(unit), unit_setting(unit),
                    general=general_unit(unit))
    found = search.gather(kb, list(t.variants[:4]), practice=False)
    if not supported(found, ps):
        raise PlanError(T.UNSUPPORTED.format(topic=t.written or text) + nearest(kb, text))
    points = search.fit(kb, usable(kb, found, search.unit, search.general))
    vecs = topic_vectors(kb, list(t.variants[:4]))
    extra = search.fit(kb, usable(kb, within_documents(kb, search, found, points), search.unit, search.general))  # the rest of an on-topic document
    rate_in_document(kb, extra, vecs)
    points += extra + own_articles(kb, search, vecs, points + extra)  # the unit's own clauses retrieval missed
    seeded, missing = focus_groups(kb, focus, search)
    topical = set(on_topic_documents(kb, search, points))
    groups = select(on_topic(kb, points, vecs, ps), ps, seeded, topical)
    more = on_topic(kb, expand(kb, groups, search), vecs, ps)
    groups = select(on_topic(kb, points, vecs, ps) + more, ps, seeded, topical)
    if len(groups) < ps.min_measures and ps.feedback_seeds:  # the library words the topic otherwise
        near = feedback(kb, search, found, groups)
        mine = on_topic(kb, search.fit(kb, usable(kb, near, search.unit, search.general)), vecs, ps)
        groups = select(on_topic(kb, points, vecs, ps) + more + mine, ps, seeded, topical) if mine else groups
    if not groups:  # on topic, but thin: the best practices that made it supported, not a refusal
        groups = thin_groups(kb, found, points, search, vecs)
    if not groups:  # the library words the topic's head otherwise (轮椅 → 辅助器具): no head gate
        search.gated = False  # and nearer the topic than its generic words alone (规范化建设)
        groups = [g for g in thin_groups(kb, found, points, search, vecs) if beyond_generic(kb, g, vecs, generic_vectors(
            kb, search), ps.generic_margin)]
    t, titled_after = from_sources(t, reading_order(groups), kb.documents, kb.tokenizer.cut)
    plan = assemble(kb, t, unit, start_s, end_s, focus, reading_order(groups))
    if not plan.measures:  # no practice survived as a measure: a refusal, never an empty plan
        raise PlanError(T.UNSUPPORTED.format(topic=t.written or text) + nearest(kb, text))
    others = {(p.doc_id, p.start) for g in groups for p in g if others_task(kb, p, search.unit)}
    for m in plan.measures:
        if says_nothing(m) or (plan.citation(m.citations[0]).doc_id, plan.citation(m.citations[0]).start) in others:
            quote_verbatim(plan, m)  # nothing of it is the unit's to say: the precedent, quoted
    plan.unsupported_focus = missing
    if titled_after:
        plan.notices.append(T.TITLED_AFTER.format(doc=titled_after, topic=t.written))
    if not titled_after:  # a spoken sentence's fragments (喝了酒, 一步) are no terms to report as missing
        plan.notices += cover.check(plan, t, kb.tokenizer, topical, kb.documents)  # refuses a match on a quoted name alone
    if missing:
        plan.notices += [T.FOCUS_MISSING.format(items="、".join(missing))] + cover.found_elsewhere(kb.documents, missing)
    plan.notices += focus_notices(plan, [f for f in focus if f not in missing], scorer, ps, kb.documents)  # seeded, then lost
    plan.notices += source_notices(plan, ps.source_share) + local_notices(plan)
    others = [g[0].other for g in reading_order(groups)]  # each measure's lead is another body's duty
    usable_n = sum(not m.verbatim and not o for m, o in zip(plan.measures, others))
    if few := thin_notice(len(plan.measures), usable_n, ps.min_measures):
        plan.notices.append(few)
        if docs := further_documents(kb, found + points, {c.doc_id for c in plan.citations}, vecs, ps):
            plan.notices.append(T.FURTHER.format(docs="、".join(docs)))
    return finish(kb, plan, strict, t0, others)


def finish(kb, plan: WorkPlan, strict: bool, t0: float, others: list[bool] | None = None) -> WorkPlan:
    """Grounding check; a measure that fails it falls back to its precedent's own words. others: each
    measure's lead is another body's duty (with none usable, a notice names the passages found)."""
    kb = view_of(kb)
    for i, m in enumerate(plan.measures):
        for by_heading in (True, False):  # then its quote's own clause (a heading may say more: 健全“6+N”…)
            if not measure_problems(plan, i):
                break
            quote_verbatim(plan, m, by_heading)
    if others is not None:
        plan.notices += unusable_passages(plan, others)
    plan.problems = check_grounding(plan, kb)
    plan.elapsed = round(time.perf_counter() - t0, 3)
    if plan.problems and strict:
        raise UngroundedPlan(T.UNGROUNDED.format(n=len(plan.problems), first=plan.problems[0]), plan)
    return plan


def assemble(kb, t: Topic, unit: str, start: str, end: str, focus: list[str],
             groups: list[list[Point]]) -> WorkPlan:
    """The title says the topic as the user wrote it; the body's sentences use its core."""
    docs: dict[str, Document] = kb.documents
    citations: list[Citation] = []
    ps = kb.settings.plan
    scorer = Scorer(kb)
    words = [scorer.words(v) for v in t.variants]
    def more_on_topic(later: str, printed: list[str]) -> bool:  # compose.topical: more of the topic by a margin
        return scorer.best_coverage(words, later) > max(scorer.best_coverage(words, x) for x in printed) + ps.topical_margin

    measures = [measure_of(g, docs, citations, unit_level(unit), ps.list_max_chars, more_on_topic) for g in groups]
    best = max((strength(g[0], ps) for g in groups), default=0.0)
    for m, g in zip(measures, groups):
        m.strength = round(strength(g[0], ps) / best, 4) if best > 0 else 1.0
    work = t.named or t.core  # the fixed sections name the work in written form (家暴 → 家庭暴力)
    return WorkPlan(topic=t.text, unit=unit, title=T.title(unit, t.written or t.text), guiding=T.guiding(unit, work),
                    goals=T.goals(unit, work, end), leadership=T.leadership(unit, work), measures=measures,
                    schedule=T.schedule(spread(start, end)), requirements=T.requirements(work), citations=citations,
                    start=start, end=end, focus=focus)
