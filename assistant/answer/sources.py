"""second_source: a question that compares two sources (“国家的条例和山东的条例各怎么规定”,
“河南和上海的规定一样吗”) is answered from both. When every sentence chosen comes from one
document, the best sentence of the best-ranked passage of another document is added, if that
passage's retrieval score reaches `second_source_min` of the best hit's."""
from __future__ import annotations

import re

from ingest.model import Chunk

from ..question_words import alternatives
from ..settings import AnswerSettings
from .sentences import Sent, candidate_sentences
from .view import IndexView

_COMPARES = re.compile(alternatives("compares_sources"))


def compares_sources(question: str) -> bool:
    return bool(_COMPARES.search(question))


def with_second_source(question: str, sents: list[Sent], chunks: list[tuple[int, Chunk, float]],
                       fallback: list[tuple[int, Chunk, float]], words, view: IndexView,
                       cfg: AnswerSettings) -> list[Sent]:
    """`chunks`: the passages the answer was drawn from (scoped); `fallback`: the global top
    passages, for a second source the scope left out (a question naming 山东 and 国家)."""
    if not sents or not compares_sources(question) or len({s.chunk.doc_id for s in sents}) != 1:
        return sents
    mine = sents[0].chunk.doc_id
    for pool in (chunks, fallback):
        others = [x for x in pool if x[1].doc_id != mine and x[2] >= cfg.second_source_min]
        if others:
            break
    else:
        return sents
    doc = others[0][1].doc_id
    cands = candidate_sentences(view, [x for x in others if x[1].doc_id == doc][:2], words, cfg)
    if not cands:
        return sents
    best = max(cands, key=lambda s: s.score)
    best = Sent(max(s.chunk_rank for s in sents) + 1, best.chunk, best.start, best.end, best.score,
                best.matched, best.kind)  # read after the first source's sentences
    return sents + [best]
