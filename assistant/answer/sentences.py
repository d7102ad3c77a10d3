"""Sentence scoring and selection, and the answer text with its citations."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Chunk, Document
from ingest.sentences import sentence_spans

from ..retrieve import HybridRetriever, rewrite_query, strip_question
from ..types import Citation

RANK_PENALTY = 0.05  # per retrieval rank: later chunks must be clearly better to win
KEEP_RATIO = 0.85  # a further sentence needs this share of the best score (chosen on dev: 0.6-0.9 swept)
PART_CTX = 0.3  # weight of the other asks' and topic words when scoring one ask (0-0.6 swept)
NUM = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两]+(个|名|人|户|次|天|年|项|支|家|条|级|类|种)")
_LEAD = re.compile(r"^(?:[（(]?[0-9一二三四五六七八九十]+[)）、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、])")
# A sentence that answers the one before it: “针对这一问题，……” / “就这一问题，……” / “为此，……”.
_RESPONSE = re.compile(r"^(?:针对|就|对)(?:这一|这个|这些|此|该|上述)(?:问题|情况|难题|现象)|^(?:对此|为此|于是)")


@dataclass
class Sent:
    chunk_rank: int
    chunk: Chunk
    start: int
    end: int
    score: float
    matched: frozenset = frozenset()  # the question words the sentence holds


def coverage(retriever: HybridRetriever, words: list[str], texts: list[str]) -> float:
    """IDF-weighted share of question words that occur in the given passages."""
    if not words:
        return 0.0
    blob = rewrite_query("\n".join(texts))
    total = sum(retriever.idf(w) for w in words)
    hit = sum(retriever.idf(w) for w in words if w in blob)
    return hit / total if total else 0.0


def word_weights(words, retriever: HybridRetriever) -> dict[str, float]:
    """{word: weight}: corpus IDF, unless the caller already weighted the words."""
    return dict(words) if isinstance(words, dict) else {x: retriever.idf(x) for x in words}


def sentence_score(text: str, weights: dict[str, float], context: str = "") -> float:
    """Weighted share of question words in the sentence; words only in its heading path count
    half (a sentence under "工作目标" answers a question about 目标 without repeating the word).
    Both texts already rewritten (rewrite_query)."""
    total = sum(weights.values()) or 1.0
    return sum(v * (1.0 if w in text else 0.5 if w in context else 0.0) for w, v in weights.items()) / total


def candidate_sentences(doc_text: str, chunks: list[tuple[int, Chunk, float]],
                        words: list[str], retriever: HybridRetriever, quantity: bool = False) -> list[Sent]:
    out = []
    weights = word_weights(words, retriever)
    for rank, c, chunk_score in chunks:
        context = rewrite_query(" ".join(c.section_path[1:]))
        for s, e in sentence_spans(doc_text, c.start, c.end):
            text = doc_text[s:e]
            if e - s < 12 and re.match(r"^[（(]?[0-9一二三四五六七八九十]+[)）、.．]", text):
                continue  # a bare run-in heading ("3、选优配强。") says nothing by itself
            t = rewrite_query(text)
            lex = sentence_score(t, weights, context)
            bonus = 0.15 if quantity and NUM.search(text) else 0.0
            out.append(Sent(rank, c, s, e, lex + bonus + 0.35 * chunk_score - RANK_PENALTY * rank,
                            frozenset(w for w in weights if w in t)))
    return out


def best_sentences(sents: list[Sent], max_sents: int) -> list[Sent]:
    """The best sentence, plus up to max_sents-1 more scoring close to it that each hold a
    question word the ones before did not (no second sentence saying the same), in reading order."""
    sents = sorted(sents, key=lambda s: -s.score)
    picked = sents[:1]
    covered = set(sents[0].matched) if sents else set()
    for s in sents[1:]:
        if len(picked) >= max_sents or s.score < KEEP_RATIO * sents[0].score:
            break
        if not s.matched - covered:  # says nothing new (precision 0.879 → 0.888)
            continue
        picked.append(s)
        covered |= s.matched
    return sorted(picked, key=lambda s: (s.chunk_rank, s.start))


def ask_weights(focus: str, words: list[str], retriever: HybridRetriever) -> dict[str, float]:
    """The ask's own words at full weight; the rest of the question (its topic) as context."""
    own = set(retriever.tokenizer.content_words(strip_question(rewrite_query(focus))))
    out = {w: retriever.idf(w) * (1.0 if w in own else PART_CTX) for w in words}
    out.update({w: retriever.idf(w) for w in own})
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


def with_response(sents: list[Sent], docs: dict[str, Document]) -> list[Sent]:
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


def make_citations(sents: list[Sent], docs: dict[str, Document]) -> tuple[str, list[Citation]]:
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
        parts.append(doc.text[s.start:s.end] + f"[{len(cites)}]")
        prev = s
    return "".join(parts), cites
