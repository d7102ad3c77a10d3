"""Sentence scoring and selection, and the answer text with its citations."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ingest.headings import ARTICLE, ITEM, marker_level
from ingest.model import Chunk
from ingest.sentences import sentence_spans

from ..retrieve import rewrite_query, strip_question
from ..safe_text import source_marks
from ..settings import AnswerSettings
from ..types import Citation
from .ranker import Shape, features, learned_score
from .view import IndexView

NUM = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两]+(个|名|人|户|次|天|年|项|支|家|条|级|类|种)")
_LEAD = re.compile(r"^(?:[（(]?[0-9一二三四五六七八九十]+[)）、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、])")
# A sentence that answers the one before it: “针对这一问题，……” / “就这一问题，……” / “为此，……”.
_LEAD_END = re.compile(r"[：:]$")
_RESPONSE = re.compile(r"^(?:针对|就|对)(?:这一|这个|这些|此|该|上述)(?:问题|情况|难题|现象)|^(?:对此|为此|于是)")


@dataclass
class Sent:
    chunk_rank: int
    chunk: Chunk
    start: int
    end: int
    score: float
    matched: frozenset = frozenset()  # the question words the sentence holds
    kind: str = "sentence"  # sentence | unit (a list kept whole) | heading
    feats: tuple[float, ...] = ()  # the learned ranker's features (ranker.FEATURES), when it scored

    def trace(self, text: str) -> dict:
        return {"doc_id": self.chunk.doc_id, "start": self.start, "end": self.end, "kind": self.kind,
                "score": round(self.score, 4), "text": text[self.start:self.end][:60]}


def coverage(view: IndexView, words: list[str], texts: list[str]) -> float:
    """IDF-weighted share of question words that occur in the given passages."""
    if not words:
        return 0.0
    blob = rewrite_query("\n".join(texts))
    total = sum(view.idf(w) for w in words)
    hit = sum(view.idf(w) for w in words if w in blob)
    return hit / total if total else 0.0


def word_weights(words, view: IndexView) -> dict[str, float]:
    """{word: weight}: corpus IDF, unless the caller already weighted the words."""
    return dict(words) if isinstance(words, dict) else {x: view.idf(x) for x in words}


def sentence_score(text: str, weights: dict[str, float], context: str = "", ctx_weight: float = 0.5) -> float:
    """Weighted share of question words in the sentence; words only in its heading path count
    `ctx_weight` (a sentence under "工作目标" answers a question about 目标 without repeating
    the word). Both texts already rewritten (rewrite_query)."""
    total = sum(weights.values()) or 1.0
    return sum(v * (1.0 if w in text else ctx_weight if w in context else 0.0) for w, v in weights.items()) / total


def answer_units(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int, str]]:
    """Sentence spans, except that an enumeration stays whole: clauses of one paragraph joined by
    “；” form one unit, and a lead ending in “：” carries the numbered items that follow it
    (as many whole items as fit in max_chars). Kind: "sentence" or "unit"."""
    spans = sentence_spans(text, start, end)
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        j, kind = i, "sentence"
        lead = bool(_LEAD_END.search(text[s:e].rstrip())) or bool(re.search(r"[：:]\n", text[s:e]))
        while j + 1 < len(spans):
            ns, ne = spans[j + 1]
            gap = text[spans[j][1]:ns]
            same_par = "\n" not in gap and text[spans[j][1] - 1] in "；;"
            item = lead and "\n" in gap and bool(ITEM.match(text[ns:ne].lstrip()))
            if not (same_par or item) or ne - s > max_chars:
                break
            j, kind = j + 1, "unit"
        out.append((s, spans[j][1], kind))
        i = j + 1
    return out


def heading_spans(text: str, chunk: Chunk, min_chars: int = 10) -> list[tuple[int, int]]:
    """The heading lines above a chunk that say something (“…根本原因——内在工作系统调整不力”),
    as exact spans of the document text."""
    out = []
    for label in chunk.section_path[1:]:
        label = label.rstrip("…")
        at = text.rfind(label, 0, chunk.start)
        if at < 0 or (at > 0 and text[at - 1] != "\n"):
            continue
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        line_end = min(line_end, at + len(label) + (text[at + len(label):at + len(label) + 1] in "。：:"))
        body = re.sub(r"^[（(]?[0-9一二三四五六七八九十]+[)）、.．]\s*", "", text[at:line_end])
        if len(body) >= min_chars and marker_level(text[at:line_end]) != 3:  # not an article number
            out.append((at, line_end))
    return out


def candidate_sentences(view: IndexView, chunks: list[tuple[int, Chunk, float]], words,
                        cfg: AnswerSettings, quantity: bool = False, shape: Shape | None = None,
                        dense: Mapping[str, float] | None = None) -> list[Sent]:
    """Every sentence (or list unit, or stating heading) of the given passages, scored: by the
    learned ranker when weights are fitted and switched on, else by hand. With the question's
    shape given, each candidate carries its ranker features."""
    out = []
    weights = word_weights(words, view)
    rarest = max(weights, key=weights.get) if weights else None
    learned = shape is not None and cfg.learned
    for rank, c, chunk_score in chunks:
        doc_text = view.text(c)
        context = rewrite_query(" ".join(c.section_path[1:]))
        base = cfg.chunk_weight * chunk_score - cfg.rank_penalty * rank
        units = answer_units(doc_text, c.start, c.end, cfg.unit_max_chars) if cfg.on("list_units") else \
            [(s, e, "sentence") for s, e in sentence_spans(doc_text, c.start, c.end)]
        heads = [(s, e, "heading") for s, e in heading_spans(doc_text, c)] if cfg.on("headings") else []
        for i, (s, e, kind) in enumerate(units + heads):
            text = doc_text[s:e]
            holder = view.holder(c, s, e) if kind == "heading" else c
            if e - s < 12 and re.match(r"^[（(]?[0-9一二三四五六七八九十]+[)）、.．]", text):
                continue  # a bare run-in heading ("3、选优配强。") says nothing by itself
            t = rewrite_query(text)
            lex = sentence_score(t, weights, "" if kind == "heading" else context, cfg.heading_context)
            matched = frozenset(w for w in weights if w in t)
            x = features(text, kind, lex, chunk_score, rank, (dense or {}).get(c.chunk_id, 0.0), i == 0,
                         rarest in matched, shape) if shape is not None else ()
            bonus = cfg.number_bonus if quantity and NUM.search(text) else 0.0
            score = learned_score(x, cfg.ranker_weights) if learned else lex + bonus + base
            out.append(Sent(rank, holder, s, e, score, matched, kind, x))
    return out


def best_sentences(sents: list[Sent], max_sents: int, keep_ratio: float) -> list[Sent]:
    """The best sentence, plus up to max_sents-1 more scoring close to it that each hold a
    question word the ones before did not (no second sentence saying the same), in reading order."""
    sents = sorted(sents, key=lambda s: -s.score)
    picked = sents[:1]
    covered = set(sents[0].matched) if sents else set()
    for s in sents[1:]:
        if len(picked) >= max_sents or s.score < keep_ratio * sents[0].score:
            break
        if not s.matched - covered:  # says nothing new (precision 0.879 → 0.888)
            continue
        picked.append(s)
        covered |= s.matched
    return sorted(picked, key=lambda s: (s.chunk_rank, s.start))


def ask_weights(focus: str, words: list[str], view: IndexView, part_ctx: float) -> dict[str, float]:
    """The ask's own words at full weight; the rest of the question (its topic) as context."""
    own = set(view.content_words(strip_question(rewrite_query(focus))))
    out = {w: view.idf(w) * (1.0 if w in own else part_ctx) for w in words}
    out.update({w: view.idf(w) for w in own})
    return out


def with_elaboration(sents: list[Sent], doc_text: str) -> list[Sent]:
    """A short lead sentence ("三是推广全程代办，提供人性化服务。") brings the next one along."""
    out: list[Sent] = []
    for s in sents:
        out.append(s)
        if s.end - s.start <= 30 and _LEAD.match(doc_text[s.start:s.end]):
            nxt = sentence_spans(doc_text, s.end, s.chunk.end)
            if nxt and not _LEAD.match(doc_text[nxt[0][0]:nxt[0][1]]):
                out.append(Sent(s.chunk_rank, s.chunk, nxt[0][0], nxt[0][1], s.score))
    seen, uniq = set(), []
    for s in out:
        if (s.chunk.doc_id, s.start) not in seen:
            seen.add((s.chunk.doc_id, s.start))
            uniq.append(s)
    return uniq


def with_context(sents: list[Sent], docs, budget: int, before: bool = False, article: bool = False) -> list[Sent]:
    """A short answer takes the neighbouring sentences of its own paragraph (after each chosen
    sentence; with `before`, also the one before) while the answer stays within `budget`
    characters: the sentence that finishes the thought often holds what was asked. With
    `article`, a sentence of a legal article reaches on into the article's next paragraphs
    (款): its exceptions and duties of other holders (对清单以外的事项…有权拒绝) follow there."""
    out = list(sents)
    total = sum(s.end - s.start for s in out)
    for s in sents:
        text = docs[s.chunk.doc_id].text
        par_start = text.rfind("\n", s.chunk.start, s.start) + 1 or s.chunk.start
        par_end = text.find("\n", s.end, s.chunk.end)
        par_end = s.chunk.end if par_end < 0 else par_end
        if article:
            par_end = max(par_end, article_end(text, s.chunk, s.start, s.end) or par_end)
        around = sentence_spans(text, s.end, par_end)[:2] + \
            (sentence_spans(text, par_start, s.start)[-1:] if before else [])
        for a, b in around:
            if total + (b - a) > budget or any(x.chunk.doc_id == s.chunk.doc_id and x.start < b and a < x.end for x in out):
                break
            out.append(Sent(s.chunk_rank, s.chunk, a, b, s.score))
            total += b - a
    return sorted(out, key=lambda x: (x.chunk_rank, x.chunk.doc_id, x.start)) if len(out) > len(sents) else sents


_PART = re.compile(r"^(?:#|第[0-9一二三四五六七八九十百零〇]+[章节编])")  # a heading above the article level


def article_end(text: str, chunk: Chunk, start: int, end: int) -> int | None:
    """Where the legal article holding text[start:end] ends inside its chunk (the next article
    or heading line, else the chunk's end); None when the span is not inside an article."""
    line = text.rfind("\n", chunk.start, start) + 1 or chunk.start
    while True:  # back to the line opening the article, within the chunk
        head = text[line:end].lstrip()
        if ARTICLE.match(head):
            break
        if _PART.match(head) or line <= chunk.start:
            if not (line <= chunk.start and chunk.section_path and ARTICLE.match(chunk.section_path[-1])):
                return None
            break
        line = text.rfind("\n", chunk.start, line - 1) + 1 or chunk.start
    pos = end
    while (nl := text.find("\n", pos, chunk.end)) >= 0:
        nxt = text[nl + 1:chunk.end].lstrip()
        if ARTICLE.match(nxt) or _PART.match(nxt):
            return nl
        pos = nl + 1
    return chunk.end


def with_response(sents: list[Sent], docs) -> list[Sent]:
    """“怎么解决的” is answered by what was done about the problem the best sentence
    describes: one of the next two sentences of its chunk that opens by referring back to it."""
    out: list[Sent] = []
    for s in sents:
        out.append(s)
        text = docs[s.chunk.doc_id].text
        for a, b in sentence_spans(text, s.end, s.chunk.end)[:2]:  # the problem may take two sentences
            if _RESPONSE.match(text[a:b].lstrip()):
                if all(x.start != a for x in sents):
                    out.append(Sent(s.chunk_rank, s.chunk, a, b, s.score))
                break
    return out


def make_citations(sents: list[Sent], docs) -> tuple[str, list[Citation]]:
    """Answer text with [n] after every sentence; each citation quotes its exact span.
    Adjacent sentences of one paragraph share one citation whose span covers them both."""
    parts: list[str] = []
    cites: list[Citation] = []
    prev: Sent | None = None
    for s in sents:
        doc = docs[s.chunk.doc_id]
        adjacent = prev is not None and prev.chunk.chunk_id == s.chunk.chunk_id and \
            prev.end <= s.start and not doc.text[prev.end:s.start].strip()
        if adjacent:
            c = cites[-1]
            c.end = s.end
            c.quote = doc.text[c.start:c.end]
        else:
            cites.append(Citation(len(cites) + 1, s.chunk.chunk_id, doc.doc_id, doc.title, s.chunk.section,
                                  doc.text[s.start:s.end], s.start, s.end,
                                  {k: doc.meta.get(k) for k in ("place", "date", "doc_type", "source")}))
        parts.append(source_marks(doc.text[s.start:s.end]) + f"[{len(cites)}]")
        prev = s
    return "".join(parts), cites
