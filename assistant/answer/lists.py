"""List answers: a list-shaped sentence or list unit, or a run of 一是…二是…."""
from __future__ import annotations

import re

from ingest.model import Chunk
from ingest.numerals import int_to_cn
from ingest.sentences import sentence_spans

from ..settings import AnswerSettings
from .intent import asked_count
from .ranker import Shape
from .sentences import Sent, candidate_sentences
from .shape import list_size
from .view import IndexView

_ENUM_MARK = re.compile(r"即[:：]?|[:：]|一是|首先|(?:^|。)[（(]?[一二三四五六七八九十1-9][)）、.．]")
_ORDINAL = re.compile(r"其[一二三四五六七八九十](?:是)?|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、是]|首先|其次|再次|最后")


def list_bonus(text: str, n: int | None, cfg: AnswerSettings) -> float:
    size = list_size(text)
    if size < 2:
        return 0.0
    named = n is not None and 0 <= n <= 10 and re.search(
        rf"[{int_to_cn(n)}{n}](?:大|个|项|种|类|级|条|方面|站)", text)
    return cfg.list_bonus + (cfg.count_bonus if n is not None and (size == n or named) else 0.0)


def enumeration_sentences(question: str, chunks: list[tuple[int, Chunk, float]], words: list[str],
                          view: IndexView, cfg: AnswerSettings, dense: dict[str, float] | None = None) -> list[Sent]:
    """The best list-shaped sentence of the top chunks, with the rest of its list: the
    sentence itself when it holds the list, else the run of 一是…二是… sentences around it,
    else the sentence after a lead ending in "：". """
    n, shape = asked_count(question), Shape.of(question) if cfg.learned else None
    cands = []
    for rank, c, score in chunks[:cfg.candidate_chunks]:
        text = view.text(c)
        for s in candidate_sentences(view, [(rank, c, score)], words, cfg, shape=shape, dense=dense):
            s.score += 0.0 if cfg.learned else list_bonus(text[s.start:s.end], n, cfg)
            cands.append(s)
    if not cands:
        return []
    best = max(cands, key=lambda s: s.score)
    if best.kind != "sentence":  # a list unit (lead + items) or a heading stands as it is
        return [best]
    doc_text, c = view.text(best.chunk), best.chunk
    spans = sentence_spans(doc_text, c.start, c.end)
    texts = [doc_text[a:b] for a, b in spans]
    i = next(k for k, (a, _) in enumerate(spans) if a == best.start)
    ordinals = [k for k, t in enumerate(texts) if _ORDINAL.match(t.lstrip("（(一二三四五六七八九十1234567890）)、.． "))
                or _ORDINAL.match(t)]
    picked = []
    if list_size(texts[i]) >= 2 or "即" in texts[i]:
        picked = [i]
    elif len(ordinals) >= 2:
        picked = sorted(set(ordinals) | {i})
    elif _ENUM_MARK.search(texts[i]) and i + 1 < len(texts) and texts[i].rstrip().endswith(("：", ":")):
        picked = [i, i + 1]
    return [Sent(best.chunk_rank, c, spans[k][0], spans[k][1], best.score) for k in picked]
