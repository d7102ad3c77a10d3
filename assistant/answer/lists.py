"""List answers: a list-shaped sentence, a run of 一是…二是…, or a heading's sub-headings."""
from __future__ import annotations

import re

from ingest.headings import article_label
from ingest.model import Chunk
from ingest.sentences import sentence_spans

from ..settings import AnswerSettings
from .intent import asked_count
from .sentences import Sent, candidate_sentences
from .view import IndexView

_ENUM_MARK = re.compile(r"即[:：]?|[:：]|一是|首先|(?:^|。)[（(]?[一二三四五六七八九十1-9][)）、.．]")
_ORDINAL = re.compile(r"其[一二三四五六七八九十](?:是)?|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、是]|首先|其次|再次|最后")
_QUOTED_ITEM = re.compile(r"“([^“”]{1,24})”")
_LIST = re.compile(r"(?:[^、，。；]{2,16}、){2,}[^、，。；]{2,16}")
_CN_DIGITS = "零一二三四五六七八九十"


def list_size(text: str) -> int:
    """Items in the longest list the sentence states: 、-separated, or quoted terms
    (“共建联建型”“融合互助型”…)."""
    best = max((m.group(0).count("、") + 1 for m in _LIST.finditer(text)), default=0)
    quoted = _QUOTED_ITEM.findall(text)
    return max(best, len(quoted) if len(quoted) >= 2 else 0)


def list_bonus(text: str, n: int | None, cfg: AnswerSettings) -> float:
    size = list_size(text)
    if size < 2:
        return 0.0
    named = n is not None and n < len(_CN_DIGITS) and re.search(
        rf"[{_CN_DIGITS[n]}{n}](?:大|个|项|种|类|级|条|方面|站)", text)
    return cfg.list_bonus + (cfg.count_bonus if n is not None and (size == n or named) else 0.0)


def enumeration_sentences(question: str, chunks: list[tuple[int, Chunk, float]], words: list[str],
                          view: IndexView, cfg: AnswerSettings) -> list[Sent]:
    """The best list-shaped sentence of the top chunks, with the rest of its list: the
    sentence itself when it holds the list, else the run of 一是…二是… sentences around it,
    else the sentence after a lead ending in "：". """
    n = asked_count(question)
    cands = []
    for rank, c, score in chunks[:cfg.top_chunks]:
        text = view.text(c)
        for s in candidate_sentences(view, [(rank, c, score)], words, cfg):
            s.score += list_bonus(text[s.start:s.end], n, cfg)
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


def in_heading(word: str, heading: str) -> bool:
    """Word in heading, or (for compounds) its characters in order: 整改措施 ~ 整改具体措施."""
    if word in heading:
        return True
    if len(word) < 3:
        return False
    it = iter(heading)
    return all(ch in it for ch in word)


def heading_list(hits: list[tuple[int, Chunk, float]], words: list[str], view: IndexView,
                 cfg: AnswerSettings) -> list[Sent]:
    """“具体措施有哪几条” under a heading “五、集中整改具体措施”: the list is the heading's
    sub-headings, each cited where it opens its own section. The best-matching heading with
    at least two sub-headings wins; on a tie, the deeper (more specific) one."""
    total = sum(view.idf(w) for w in words) or 1.0
    found: dict[tuple, float] = {}
    for _, c, _ in hits[:cfg.top_chunks]:
        intro = view.text(c)[c.start:c.end].rstrip()
        for depth in range(1, len(c.section_path)):
            path = c.section_path[:depth + 1]
            # A section's intro paragraph that ends in "：" ("主要体现在以下几个方面：") reads
            # as part of its heading.
            heads = path + ((intro,) if depth == len(c.section_path) - 1 and intro.endswith(("：", ":")) else ())
            if not any(in_heading(w, h) for h in heads[depth:] for w in words if len(w) >= 2):
                continue  # the heading itself must name what is asked about
            sc = sum(view.idf(w) for w in words if any(in_heading(w, h) for h in heads)) / total
            if sc > cfg.heading_match:
                found[(c.doc_id, path)] = max(sc, found.get((c.doc_id, path), 0.0))
    for (doc_id, prefix), sc in sorted(found.items(), key=lambda kv: (-kv[1], -len(kv[0][1]))):
        out = sub_headings(doc_id, prefix, view, sc)
        if len(out) >= 2:
            return out
    return []


def sub_headings(doc_id: str, prefix: tuple, view: IndexView, score: float) -> list[Sent]:
    text, seen, out = view.documents[doc_id].text, set(), []
    for c in view.chunks:
        if c.doc_id != doc_id or c.section_path[:len(prefix)] != prefix or len(c.section_path) <= len(prefix):
            continue
        child = c.section_path[len(prefix)]
        if article_label(child):
            continue  # an article (第X条) is a labelled paragraph, not a sub-heading
        at = text.find(child, max(0, c.start - len(child) - 4), c.end)
        if child in seen or at < 0:
            continue
        seen.add(child)
        span = (at, at + len(child)) if at < c.start else \
            next(((s, e) for s, e in sentence_spans(text, c.start, c.end) if s <= at < e), None)  # heading line
        if span:
            out.append(Sent(0, c, span[0], span[1], score))
    return sorted(out, key=lambda s: s.start)
