"""Recall inside a document that is plainly about the topic (its title holds the topic's words:
《特困人员认定办法》 for 特困供养人员认定). Retrieval keeps the best chunks per wording only, so
such a document's articles on 受理, 调查核实 and 公示 can miss the cut although the whole
text is about the topic. Its further chunks are read too (capped); their practices are judged
by the same gates, their own text read under the document's title."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .precedents import Point, Scorer, excluded, points_of_chunk, score_point
from .similarity import practice_similarity

if TYPE_CHECKING:
    from .draft import Search


def on_topic_documents(kb, search: Search, points: list[Point] = ()) -> list[str]:
    """Allowed documents whose title holds at least ps.expand_title of the topic's words (best
    wording), best first, then those holding expand_own_margin less where a practice squarely on the
    topic is the unit's own duty (by_own_duty); at most ps.expand_docs."""
    ps, scorer = search.ps, Scorer(kb)
    cov = {d.doc_id: scorer.best_coverage(search.words, d.title) for d in kb.documents.values()
           if search.allowed is None or d.doc_id in search.allowed}
    hits = sorted((d for d, c in cov.items() if c >= ps.expand_title), key=lambda d: (-cov[d], d))
    if ps.expand_title < 1:  # 1.0 switches within-document recall off
        hits += [d for d in by_own_duty(points, ps) if d not in hits and cov.get(d, 0) >= ps.expand_title - ps.expand_own_margin]
    return hits[:ps.expand_docs]


def by_own_duty(points: list[Point], ps) -> list[str]:
    """Documents, best first, in which a practice squarely on the topic is the unit's own duty (not a
    place's account): a regulation on the topic worded otherwise (《特困人员认定办法》 for
    特困人员认定和分散供养照料服务, title coverage 0.38) holds the unit's procedural articles too
    (受理, 调查核实, 公示) that retrieval did not return (cadre review s32)."""
    from .draft import squarely  # draft imports this module

    best: dict[str, float] = {}
    for p in points:
        if p.own and not p.account and squarely(p, ps):
            best[p.doc_id] = max(best.get(p.doc_id, 0.0), p.relevance)
    return sorted(best, key=lambda d: (-best[d], d))


def within_documents(kb, search: Search, found: list[Point], points: list[Point] = ()) -> list[Point]:
    """Points from the on-topic documents' chunks that retrieval did not return (at most
    ps.expand_chunks per document, in text order), scored like retrieved ones (chunk score 0)."""
    ps, scorer, docs = search.ps, Scorer(kb), kb.documents
    seen = {p.chunk_id for p in found}
    out: list[Point] = []
    for doc_id in on_topic_documents(kb, search, points):
        doc = docs[doc_id]
        chunks = [c for c in kb.chunks if c.doc_id == doc_id and c.chunk_id not in seen][:ps.expand_chunks]
        for c in chunks:
            for p in points_of_chunk(doc, c):
                if not excluded(p, doc):
                    p.dense = (search.similarity or {}).get(c.chunk_id, 0.0)
                    score_point(p, doc, search.words, 0.0, scorer, search.dense)
                    out.append(p)
    return out


def rate_in_document(kb, points: list[Point], topic) -> None:
    """Each point's own similarity to the topic, its text read under its document's title."""
    for p, sim in zip(points, practice_similarity(kb, points, topic, titled=True)):
        p.sentence = sim
