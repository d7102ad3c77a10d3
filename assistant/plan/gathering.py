"""Retrieval for a plan: the chunks found for the topic's wordings, their points scored
(precedents.score_point), and method-card components as points."""
from __future__ import annotations

from .precedents import Point, Scorer, excluded, head_of, points_of_chunk, score_point


def chunk_scores(kb, queries: list[str], allowed: set[str] | None, k: int) -> dict[int, tuple[float, float]]:
    """chunk index → (fused score, max-normalised per query; dense similarity), best over queries,
    restricted to allowed documents."""
    n = len(kb.chunks)
    out: dict[int, tuple[float, float]] = {}
    for q in queries:
        hits = kb.scored(q, k=n if allowed is not None else k)
        hits = [h for h in hits if allowed is None or kb.chunks[h.idx].doc_id in allowed][:k]
        top = max((h.score for h in hits), default=0.0) or 1.0
        for h in hits:
            old = out.get(h.idx, (0.0, 0.0))
            out[h.idx] = (max(old[0], h.score / top), max(old[1], h.dense))
    return out


def topic_similarity(kb, queries: list[str]) -> dict[str, float]:
    """chunk_id → embedding similarity of the chunk to the topic (best over its wordings), for
    every chunk: a practice found by a measure's wording is still judged against the topic."""
    n = len(kb.chunks)
    out: dict[str, float] = {}
    for q in queries:
        scores, ids = kb.dense_scores(q, n)
        for sc, i in zip(scores.tolist(), ids.tolist()):
            if i >= 0:
                cid = kb.chunks[i].chunk_id
                out[cid] = max(out.get(cid, 0.0), sc)
    return out


def gather(kb, queries: list[str] | str, words: list[list[str]], allowed: set[str] | None,
           k: int = 24, dense: tuple[float, float] = (1.0, 1.0),
           similarity: dict[str, float] | None = None) -> list[Point]:
    """Points from the chunks retrieved for the queries (and from method cards), scored for
    words and for `similarity` (chunk_id → the topic's embedding similarity; default: to the
    queries); boilerplate and fragments are left out."""
    scorer = Scorer(kb)
    docs, chunks = kb.documents, kb.chunks
    out: list[Point] = []
    scores = chunk_scores(kb, [queries] if isinstance(queries, str) else queries, allowed, k)
    for idx, (cs, cos) in scores.items():
        c = chunks[idx]
        doc = docs[c.doc_id]
        for p in points_of_chunk(doc, c):
            p.dense = cos if similarity is None else similarity.get(c.chunk_id, 0.0)
            score_point(p, doc, words, cs, scorer, dense)
            out.append(p)
    by_chunk = {chunks[i].chunk_id: s for i, s in scores.items()}
    for p in card_points(kb, allowed):
        cs, p.dense = by_chunk.get(p.chunk_id, (0.0, 0.0))
        if similarity is not None:
            p.dense = similarity.get(p.chunk_id, 0.0)
        score_point(p, docs[p.doc_id], words, cs, scorer, dense)
        out.append(p)
    return [p for p in out if not excluded(p, docs[p.doc_id])]


def card_points(kb, allowed: set[str] | None) -> list[Point]:
    """Method-card components as points (the methods feature already cut them out).

    Components whose span does not match the document text are skipped: a citation must
    resolve to its quote.
    """
    docs = kb.documents
    sections = {c.chunk_id: c.section for c in kb.chunks}
    out = []
    for card in kb.cards:
        doc = docs.get(card.get("doc_id", ""))
        if doc is None or (allowed is not None and doc.doc_id not in allowed) or card.get("kind", "local") != "local":
            continue
        for comp in card.get("components") or []:
            s, e, quote = comp.get("start"), comp.get("end"), comp.get("quote", "")
            if not isinstance(s, int) or not isinstance(e, int) or not quote or doc.text[s:e] != quote:
                continue
            name = str(comp.get("name") or "").strip()
            out.append(Point(doc.doc_id, comp.get("chunk_id", ""), sections.get(comp.get("chunk_id"), ""),
                             s, e, name or head_of(quote), [(s, e)]))
    return out
