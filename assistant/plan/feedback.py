"""Recall by a passage's own words (pseudo-relevance feedback). When the library words the topic
otherwise than the user (续筹 for 再次筹集, 医养结合 for 医疗卫生资源进入养老机构), few passages
reach the topic by its words; the ones that do are searched with as queries, and the passages
the library's own search ranks near them (the same matter in another document: 北京条例第八十三条
next to 上海意见（十一）) become candidates. They pass the same gates as any other point."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .gathering import chunk_scores
from .precedents import Point, Scorer, excluded, points_of_chunk, score_point

if TYPE_CHECKING:
    from .draft import Search

SEED_CHARS = 160  # a passage's opening carries its matter (as similarity.MAX_CHARS)


def neighbours(kb, search: Search, seeds: list[Point], seen: set[str]) -> list[Point]:
    """Points of the chunks that rank at least ps.feedback_share of the best when a seed's text
    is the query (the seed's own chunk and chunks in `seen` excepted), raised to the relevance
    floor: near a passage squarely on the topic, they are on it too."""
    ps, scorer, docs = search.ps, Scorer(kb), kb.documents
    seen = set(seen)
    out: list[Point] = []
    for seed in seeds[:ps.feedback_seeds]:
        text = docs[seed.doc_id].text[seed.start:seed.end][:SEED_CHARS]
        for idx, (cs, _) in sorted(chunk_scores(kb, [text], search.allowed, ps.feedback_k).items(), key=lambda x: -x[1][0]):
            c = kb.chunks[idx]
            if cs < ps.feedback_share or c.chunk_id in seen or c.chunk_id == seed.chunk_id:
                continue
            seen.add(c.chunk_id)
            for p in points_of_chunk(docs[c.doc_id], c):
                if not excluded(p, docs[c.doc_id]):
                    p.dense = (search.similarity or {}).get(c.chunk_id, 0.0)
                    score_point(p, docs[c.doc_id], search.words, 0.0, scorer, search.dense)
                    p.relevance = max(p.relevance, ps.floor)
                    p.score = max(p.score, seed.score * cs)
                    out.append(p)
    return out
