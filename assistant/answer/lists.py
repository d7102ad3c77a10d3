"""List answers: a list-shaped sentence or list unit, or a run of 一是…二是…."""
from __future__ import annotations

import re

from ingest.model import Chunk
from ingest.numerals import cn_to_int, int_to_cn
from ingest.sentences import sentence_spans

from ..settings import AnswerSettings
from .intent import asked_classifier, asked_count
from .ranker import Shape
from .sentences import Sent, candidate_sentences
from .shape import list_size
from .view import IndexView

_ENUM_MARK = re.compile(r"即[:：]?|[:：]|一是|首先|(?:^|。)[（(]?[一二三四五六七八九十1-9][)）、.．]")
_ORDINAL = re.compile(r"其[一二三四五六七八九十](?:是)?|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、是]|首先|其次|再次|最后")


# A numbered item (（一） 1. 一、); “1.75周岁” is item 1, so the run must count up from 1
_ITEM = re.compile(r"\s*(?:[（(]([一二三四五六七八九十0-9]{1,3})[)）]|([0-9]{1,2})[.．、]|([一二三四五六七八九十]{1,3})、)")
_POINTER = re.compile(r"下列|以下|如下")


def list_bonus(text: str, n: int | None, cfg: AnswerSettings, unit: str | None = None) -> float:
    size = list_size(text)
    if size < 2:
        return 0.0
    named = n is not None and 0 <= n <= 10 and re.search(
        rf"[{int_to_cn(n)}{n}](?:大|个|项|种|类|级|条|方面|站)", text)
    # “分成哪几类” and a list that says “3类”: the count the question asks in, though no number
    counted = n is None and unit is not None and re.search(rf"[0-9一二两三四五六七八九十]个?{unit}", text)
    return cfg.list_bonus + (cfg.count_bonus if (n is not None and (size == n or named)) or counted else 0.0)


def enumeration_sentences(question: str, chunks: list[tuple[int, Chunk, float]], words: list[str],
                          view: IndexView, cfg: AnswerSettings, dense: dict[str, float] | None = None) -> list[Sent]:
    """The best candidate of the top chunks, with the rest of its list (none when it states no
    list). Reaching down to a lower list-stating candidate (within 70–95% of the best score) was
    tried on the dev questions in stop 37 and did not pay at any margin."""
    n, unit, shape = asked_count(question), asked_classifier(question), Shape.of(question) if cfg.learned else None
    cands = []
    for rank, c, score in chunks[:cfg.candidate_chunks]:
        text = view.text(c)
        for s in candidate_sentences(view, [(rank, c, score)], words, cfg, shape=shape, dense=dense):
            s.score += 0.0 if cfg.learned else list_bonus(text[s.start:s.end], n, cfg, unit)
            cands.append(s)
    return list_of(max(cands, key=lambda s: s.score), view) if cands else []


def _numbered_run(texts: list[str], k: int) -> list[int]:
    """Indices of the sentences from k on numbered 1, 2, 3… (in any of the usual styles)."""
    out = []
    for j in range(k, len(texts)):
        m = _ITEM.match(texts[j])
        label = m and next(g for g in m.groups() if g)
        if not label or (int(label) if label.isdigit() else cn_to_int(label)) != len(out) + 1:
            break
        out.append(j)
    return out


def list_of(best: Sent, view: IndexView) -> list[Sent]:
    """The list a candidate states, as sentences: a list unit or heading as it is; the sentence
    itself when it holds the list; the run of 一是…二是… around it; a lead pointing to 下列/以下
    items with the numbered items after it; a lead ending in "：" with the sentence after it."""
    if best.kind != "sentence":
        return [best]
    doc_text, c = view.text(best.chunk), best.chunk
    spans = sentence_spans(doc_text, c.start, c.end)
    texts = [doc_text[a:b] for a, b in spans]
    i = next(k for k, (a, _) in enumerate(spans) if a == best.start)
    ordinals = [k for k, t in enumerate(texts) if _ORDINAL.match(t.lstrip("（(一二三四五六七八九十1234567890）)、.． "))
                or _ORDINAL.match(t)]
    items = _numbered_run(texts, i + 1)
    picked = []
    if list_size(texts[i]) >= 2 or "即" in texts[i]:
        picked = [i]
    elif len(ordinals) >= 2:
        picked = sorted(set(ordinals) | {i})
    elif _POINTER.search(texts[i]) and len(items) >= 2:
        picked = [i] + items
    elif _ENUM_MARK.search(texts[i]) and i + 1 < len(texts) and texts[i].rstrip().endswith(("：", ":")):
        picked = [i, i + 1]
    return [Sent(best.chunk_rank, c, spans[k][0], spans[k][1], best.score) for k in picked]
