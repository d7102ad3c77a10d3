"""A practice's own embedding similarity to the topic (not its chunk's): a sentence about
something else inside an on-topic passage, or an on-topic word in a passage about another
matter, scores low. Vectors are kept in memory by text, so a repeated draft costs nothing."""
from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from .precedents import Point, dense_relevance

MAX_CHARS = 160  # the practice's opening: its heading and first sentences carry its matter
_MEMO: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_MEMO_SIZE = 20000
_LOCK = threading.Lock()


def practice_text(p: Point, text: str) -> str:
    return text[p.start:p.end][:MAX_CHARS]


def _embed(kb, texts: list[str]) -> np.ndarray:
    model = str(getattr(kb.settings, "embed_model", ""))
    with _LOCK:
        todo = list(dict.fromkeys(t for t in texts if (model, t) not in _MEMO))
    if todo:
        vecs = np.asarray(kb.embedder.get_text_embedding_batch(todo), dtype=np.float32)
        with _LOCK:
            for t, v in zip(todo, vecs):
                _MEMO[(model, t)] = v / (np.linalg.norm(v) or 1.0)
            while len(_MEMO) > _MEMO_SIZE:
                _MEMO.popitem(last=False)
    with _LOCK:
        return np.stack([_MEMO[(model, t)] for t in texts]) if texts else np.zeros((0, 1), np.float32)


def topic_vectors(kb, wordings: list[str]) -> np.ndarray:
    vecs = np.stack([np.asarray(kb.embed_query(w), dtype=np.float32) for w in wordings])
    return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)


def practice_similarity(kb, points: list[Point], topic: np.ndarray, titled: bool = False) -> list[float]:
    """Cosine of each practice's text to the nearest of the topic's wordings. titled: the text
    is read under its document's title (第十二条 …予以受理 in 《特困人员认定办法》)."""
    if not points:
        return []
    docs = kb.documents
    vecs = _embed(kb, [(f"{docs[p.doc_id].title}：" if titled else "") + practice_text(p, docs[p.doc_id].text)
                       for p in points])
    return (vecs @ topic.T).max(axis=1).tolist()


def rate(kb, points: list[Point], topic: np.ndarray, floor: float, top: int) -> None:
    """Set `sentence` on the `top` best-scored points at or above the relevance floor (the
    only ones a measure can come from); the others keep 0."""
    pool = sorted((p for p in points if p.relevance >= floor), key=lambda p: -p.score)[:top]
    for p, sim in zip(pool, practice_similarity(kb, pool, topic)):
        p.sentence = sim


def strength(p: Point, ps) -> float:
    """The rank weak fill (fill_cut, fitted on it) is judged on: the point's score, and (by the
    fitted `centrality`) how near its own text is to the topic, so an article about the topic
    comes before one that only shares its words; the unit's level's own statutory duty first.
    A community-level body's duty and another body's only order the measures (rank)."""
    return _base(p, ps) * (1 + ps.own_duty) if p.level else _base(p, ps)


def _base(p: Point, ps) -> float:
    return (1 - ps.centrality) * p.score + ps.centrality * dense_relevance(p.sentence, ps.dense_lo, ps.dense_hi)


def rank(p: Point, ps) -> float:
    """The order measures are chosen in: the unit's own (or its community bodies') statutory
    duty first, another body's last."""
    base = _base(p, ps)
    if p.own:
        return base * (1 + ps.own_duty)
    return base * (1 - ps.other_duty) if p.other else base


def reaches(p: Point, ps, topical: set[str]) -> bool:
    """On the topic enough to be a measure: at the floor, or the unit's own statutory duty at own_floor
    in a document whose title is on the topic (反家庭暴力法 for 家庭暴力预防): a law's article names the
    duty in the law's words, not the topic's. Not any document with one article on it: a 街道办事处条例
    is all the unit's duties. A paper's or a place's account (p.account) states no duty: the floor holds."""
    return p.relevance >= ps.floor or (p.own and not p.account and p.doc_id in topical and p.relevance >= ps.own_floor)


def beyond_generic(kb, points: list[Point], topic: np.ndarray, generic: np.ndarray, margin: float) -> list[Point]:
    """The points whose own text is nearer the topic than its generic words alone, within margin:
    a passage on 规范化建设 is near every topic on 规范化建设, and nearer that than the topic."""
    if margin >= 1.0 or not points:
        return points
    full, bare = practice_similarity(kb, points, topic), practice_similarity(kb, points, generic)
    return [p for p, f, g in zip(points, full, bare) if f >= g - margin]
