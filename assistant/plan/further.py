"""A thin plan's notice names the further documents that are on the topic but gave no measure
(their articles are another body's duty or a procedure): the user is told where to look, not
only that precedents are few."""
from __future__ import annotations

from .precedents import Point
from .similarity import practice_similarity

CANDIDATES = 8  # documents whose best passage is embedded to check it is about the topic


def further_documents(kb, points: list[Point], cited: set[str], topic, ps) -> list[str]:
    """Titles of uncited documents whose best passage reaches the relevance floor and whose own
    text is near the topic (sentence_accept, the gate of a practice squarely on it), most
    relevant first, at most ps.further_docs."""
    best: dict[str, Point] = {}
    for p in points:
        if p.relevance >= ps.floor and p.doc_id not in cited and p.relevance > getattr(best.get(p.doc_id), "relevance", -1):
            best[p.doc_id] = p
    pool = sorted(best.values(), key=lambda p: (-p.relevance, p.doc_id))[:CANDIDATES]
    sims = practice_similarity(kb, pool, topic)
    near = [p for p, s in zip(pool, sims) if s >= ps.sentence_accept]
    return [book_title(kb.documents[p.doc_id].title) for p in near[:ps.further_docs]]


def book_title(title: str) -> str:
    """《…》 around a title; a title inside it takes 〈〉 (《关于印发〈…方案〉的通知》)."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"
