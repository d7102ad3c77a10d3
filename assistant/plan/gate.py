"""Two embedding gates of a practice's own text: the unit's own statutory duty on the topic in
the law's words (公布 for 公开) is kept, and a thin plan without the head gate takes nothing
that is near the topic only by its generic words (规范化建设 for 退役军人服务站规范化建设)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .articles import ARTICLE
from .precedents import Point
from .similarity import practice_similarity, topic_vectors

if TYPE_CHECKING:
    from ..settings import PlanSettings


def statutory_own(kb, p: Point) -> bool:
    """A statute's article (第十七条 …) stating the unit's (or a community body's) own duty: a law
    names it in its own words. Not a place's or a paper's account, nor an opinion's paragraph."""
    return p.own and not p.account and bool(ARTICLE.match(kb.documents[p.doc_id].text[p.start:p.end]))


def accept_own(kb, points: list[Point], topic: np.ndarray, ps: PlanSettings) -> None:
    """Rate the unit's own statutory duties the relevance floor left unrated, and raise those whose
    own text reaches own_sentence to the floor: the chunk's words are the law's, not the topic's."""
    if ps.own_sentence >= 1.0:
        return
    todo = [p for p in points if statutory_own(kb, p) and not p.sentence]
    for p, sim in zip(todo, practice_similarity(kb, todo, topic)):
        p.sentence = sim
    for p in points:
        if statutory_own(kb, p) and p.relevance < ps.floor and p.sentence >= ps.own_sentence:
            p.relevance = ps.floor


def head_vectors(kb, heads_: list[list[str]]) -> np.ndarray | None:
    """The topic's head words alone, one wording each (None when no wording has a head)."""
    phrases = list(dict.fromkeys("".join(w for w in h if not any(w != x and w in x for x in h)) for h in heads_ if h))
    return topic_vectors(kb, phrases) if phrases else None


def near_head(kb, points: list[Point], heads_: list[list[str]], ps: PlanSettings) -> list[Point]:
    """The points whose own text reaches head_floor against the topic's head words."""
    vecs = head_vectors(kb, heads_) if ps.head_floor > 0 else None
    if vecs is None:
        return points
    return [p for p, sim in zip(points, practice_similarity(kb, points, vecs)) if sim >= ps.head_floor]
