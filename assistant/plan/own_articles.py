"""The unit's own statutory clauses ranked by the topic (stop 36).

A 街道's or 社区's 实施方案 is about that unit's own duties, and a law often states one in a clause
retrieval never returns (未成年人保护法 第十一条第二款, 居民委员会…发现…应当立即报告: cadre review s35).
An article-level dense pass over every article padded plans (stops 34/35: e5 puts most articles of any
law at cosine .87–.88 from any topic). Here the population is small: the paragraphs (款) of statute
articles whose duty-holder is the unit's kind (actor.mark_duty: 街道办事处, 居民委员会 …), about a
hundred. A clause is taken when it holds the topic's head (topic.point_about) and its own text stands
`own_article_z` standard deviations above that population's median similarity to the topic; at most
`own_article_cap` per plan. Both fitted on the dev topics by `python -m evals.fit_own_articles`."""
from __future__ import annotations

import re
import threading
import weakref

import numpy as np

from ingest.sentences import sentence_spans

from .actor import general_unit, mark_duty
from .bodies import unit_level
from .notices import one_place
from .own_store import OwnStore, statute_hashes
from .precedents import Point, Scorer, excluded, head_of, in_article, score_point
from .similarity import MAX_CHARS as SIM_CHARS
from .similarity import practice_similarity

STATUTE = "法规"
MAX_SENTS, MAX_CHARS = 3, 240  # a clause's measure reads like a retrieved point's (precedents._point)
_MEMO: dict[tuple, tuple[weakref.ref, list[tuple], np.ndarray]] = {}
_LOCK = threading.Lock()
_BUSY: dict[tuple, threading.Lock] = {}


def paragraphs(kb, only: set[str] | None = None) -> list[Point]:
    """Every paragraph of a statute's article as a point (its first sentences); `only`: of those documents."""
    docs, out = kb.documents, []
    for c in kb.chunks:
        doc = docs[c.doc_id]
        if doc.meta.get("doc_type") != STATUTE or not in_article(c.section) or (only is not None and c.doc_id not in only):
            continue
        for m in re.finditer(r"[^\n]+", doc.text[c.start:c.end]):
            s, e = c.start + m.start(), c.start + m.end()
            sents = [x for x in sentence_spans(doc.text, s, e) if doc.text[x[0]:x[1]].strip()][:MAX_SENTS]
            sents = [x for i, x in enumerate(sents) if not i or x[1] - sents[0][0] <= MAX_CHARS]
            if sents:
                p = Point(doc.doc_id, c.chunk_id, c.section, sents[0][0], sents[-1][1],
                          head_of(doc.text[sents[0][0]:sents[0][1]]), sents)
                if not excluded(p, doc):
                    out.append(p)
    return out


def stored(kb, unit: int | None, general: bool) -> tuple[list[tuple], np.ndarray, list[str]]:
    """(spans, their vectors, the documents read now) of the unit kind's population, from the store
    beside the index (own_store.py): only statute documents added or changed since are read."""
    from .draft import usable  # draft imports this module

    store, hashes = OwnStore(kb, unit, general), statute_hashes(kb)
    todo = store.stale(hashes)
    found: dict[str, list] = {i: [] for i in todo}
    seen: set[tuple[str, int]] = set()
    for p in usable(kb, paragraphs(kb, set(todo)), unit, general) if todo else []:
        if p.own and (p.doc_id, p.start) not in seen:
            seen.add((p.doc_id, p.start))
            found[p.doc_id].append((p.chunk_id, p.section, p.start, p.end))
    store.update(hashes, found)
    spans, docs = store.spans(hashes), kb.documents
    texts = [f"{docs[i].title}：" + docs[i].text[s:e][:SIM_CHARS] for i, _, _, s, e in spans]
    vecs = store.vectors(texts, kb.embedder.get_text_embedding_batch)
    store.save()
    return spans, vecs, todo


def _memo(kb, unit: int | None, general: bool) -> tuple[list[tuple], np.ndarray]:
    key = (id(kb.data), unit, general)  # IndexData is not hashable: its id, guarded by a weak reference
    with _LOCK:
        busy = _BUSY.setdefault(key, threading.Lock())
    with busy:  # one computation per kind: a plan asked while `shequ ui` warms the store waits for it
        with _LOCK:
            hit = _MEMO.get(key)
        if hit is not None and hit[0]() is kb.data:
            return hit[1], hit[2]
        spans, vecs, _ = stored(kb, unit, general)
        with _LOCK:
            for k in [k for k, v in _MEMO.items() if v[0]() is None]:
                del _MEMO[k]
            _MEMO[key] = (weakref.ref(kb.data), spans, vecs)
    return spans, vecs


def clauses(kb, unit: int | None, general: bool) -> tuple[list[Point], np.ndarray]:
    """The paragraphs a measure can be written from whose duty-holder is the unit's kind (fresh
    points each call) and their texts' vectors under their law's title, row by row."""
    spans, vecs = _memo(kb, unit, general)
    docs, out = kb.documents, []
    for doc_id, chunk_id, section, s, e in spans:
        sents = [x for x in sentence_spans(docs[doc_id].text, s, e) if docs[doc_id].text[x[0]:x[1]].strip()]
        p = Point(doc_id, chunk_id, section, s, e, head_of(docs[doc_id].text[sents[0][0]:sents[0][1]]), sents)
        mark_duty(p, docs[doc_id], unit, general)
        p.account = one_place(docs[doc_id].meta)
        out.append(p)
    return out, vecs


def warm(kb, names: list[str]) -> list[int]:
    """Fill the store (and this process's memo) for the unit kinds these names stand for; the unit
    levels done. Returns at once when the pass is off."""
    from ..library import view_of

    kb = view_of(kb)
    if kb.settings.plan.own_article_cap == 0:
        return []
    done: list[tuple[int, bool]] = []
    for name in names:
        key = (unit_level(name), general_unit(name))
        if key[0] is not None and key not in done:
            _memo(kb, *key)
            done.append(key)
    return [u for u, _ in done]


def population(kb, unit: int | None, general: bool) -> list[Point]:
    return clauses(kb, unit, general)[0]


def standing(kb, pop: list[Point], vecs, own: np.ndarray | None = None) -> list[tuple[Point, float, float]]:
    """(point, similarity, z): each clause's own text (under its law's title) against the topic,
    and how far above the population's median it stands in standard deviations. `own`: the
    clauses' stored vectors (clauses()), else they are embedded now."""
    if own is None:
        sims = np.asarray(practice_similarity(kb, pop, vecs, titled=True)) if pop else np.zeros(0)
    else:
        sims = (own @ vecs.T).max(axis=1) if pop else np.zeros(0)
    if len(sims) < 2 or sims.std() == 0:
        return []
    z = (sims - np.median(sims)) / sims.std()
    return [(p, float(s), float(v)) for p, s, v in zip(pop, sims, z)]


def own_articles(kb, search, vecs, found: list[Point]) -> list[Point]:
    """The unit's own clauses on the topic that retrieval missed, best first, at most own_article_cap;
    scored like retrieved points and raised to the relevance floor (the z gate is their relevance). Such
    a clause retrieval found below the floor is raised to it too, in place (stop 38), and counts to the cap."""
    ps = search.ps
    if ps.own_article_cap == 0 or search.unit is None:
        return []
    pop, own = clauses(kb, search.unit, search.general)
    about = {id(p) for p in search.fit(kb, pop)}  # z against all the unit's clauses, taken only on the topic's head
    ranked = sorted((x for x in standing(kb, pop, vecs, own) if id(x[0]) in about), key=lambda x: -x[2])
    have, scorer = {(p.doc_id, p.start): p for p in found}, Scorer(kb)
    out: list[Point] = []
    lifted = 0
    for p, sim, z in ranked:
        if z < ps.own_article_z or len(out) + lifted >= ps.own_article_cap:
            break
        if (q := have.get((p.doc_id, p.start))) is not None:  # retrieved, but its chunk undersold it (第四十二条 for 应急处置)
            lifted += q.own
            q.relevance = max(q.relevance, ps.floor) if q.own else q.relevance
            continue
        doc = kb.documents[p.doc_id]
        p.dense = (search.similarity or {}).get(p.chunk_id, 0.0)
        score_point(p, doc, search.words, 0.0, scorer, search.dense)
        p.sentence, p.relevance = sim, max(p.relevance, ps.floor)
        out.append(p)
    return out
