"""Extractive answers: choose, order and cite the supporting sentences. No LLM."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Chunk, Document
from ingest.sentences import sentence_spans

from .prompts import CANNOT_ANSWER
from .retrieve import HybridRetriever, Scored, rewrite_query, strip_question
from .types import Answer, Citation

_ENUM_Q = re.compile(r"哪些|哪几|分别|包括|包含|几个方面|几项|有什么(做法|措施|内容|要求)|组成|构成")
_ENUM_MARK = re.compile(r"即[:：]?|[:：]|一是|首先|(?:^|。)[（(]?[一二三四五六七八九十1-9][)）、.．]")
_ORDINAL = re.compile(r"(?:其)?[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、是]|首先|其次|再次|最后")
_QUANT_Q = re.compile(r"多少|几|多大|多长|多久|比例|百分|率")
# Expected answer type: a question asking "how much money" needs an amount in 元, and so on.
_UNITS = [(re.compile(r"多少钱|多少元|几元|金额|罚多少|补贴多少|费用是多少"), re.compile(r"[0-9０-９一二三四五六七八九十百千万]+(?:多|余)?(?:万|亿)?元")),
          (re.compile(r"比例|百分之|百分比|占比|[^效]率[是为有]?多"), re.compile(r"[0-9０-９]+(?:\.\d+)?\s*[%％]|百分之|[一二三四五六七八九十]成"))]
RANK_PENALTY = 0.05  # per retrieval rank: later chunks must be clearly better to win
KEEP_RATIO = 0.85  # a further sentence needs this share of the best score (chosen on dev: 0.6-0.9 swept)
_NUM = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两]+(个|名|人|户|次|天|年|项|支|家|条|级|类|种)")


@dataclass
class Sent:
    chunk_rank: int
    chunk: Chunk
    start: int
    end: int
    score: float


def is_enumeration(question: str) -> bool:
    return bool(_ENUM_Q.search(question))


def coverage(retriever: HybridRetriever, words: list[str], texts: list[str]) -> float:
    """IDF-weighted share of question words that occur in the given passages."""
    if not words:
        return 0.0
    blob = rewrite_query("\n".join(texts))
    total = sum(retriever.idf(w) for w in words)
    hit = sum(retriever.idf(w) for w in words if w in blob)
    return hit / total if total else 0.0


def sentence_score(text: str, words: list[str], retriever: HybridRetriever, context: str = "") -> float:
    """IDF share of question words in the sentence; words only in its heading path count half
    (a sentence under "工作目标" answers a question about 目标 without repeating the word)."""
    t, ctx = rewrite_query(text), rewrite_query(context)
    total = sum(retriever.idf(w) for w in words) or 1.0
    return sum(retriever.idf(w) * (1.0 if w in t else 0.5 if w in ctx else 0.0) for w in words) / total


def candidate_sentences(doc_text: str, chunks: list[tuple[int, Chunk, float]],
                        words: list[str], retriever: HybridRetriever, quantity: bool = False) -> list[Sent]:
    out = []
    for rank, c, chunk_score in chunks:
        for s, e in sentence_spans(doc_text, c.start, c.end):
            text = doc_text[s:e]
            if e - s < 12 and re.match(r"^[（(]?[0-9一二三四五六七八九十]+[)）、.．]", text):
                continue  # a bare run-in heading ("3、选优配强。") says nothing by itself
            lex = sentence_score(text, words, retriever, " ".join(c.section_path[1:]))
            bonus = 0.15 if quantity and _NUM.search(text) else 0.0
            out.append(Sent(rank, c, s, e, lex + bonus + 0.35 * chunk_score - RANK_PENALTY * rank))
    return out


def enumeration_sentences(doc_text: str, c: Chunk, words: list[str],
                          retriever: HybridRetriever, rank: int) -> list[Sent]:
    """In an enumerating chunk: the list sentence, or the run of 一是…二是… sentences."""
    spans = sentence_spans(doc_text, c.start, c.end)
    texts = [doc_text[s:e] for s, e in spans]
    ordinals = [i for i, t in enumerate(texts) if _ORDINAL.match(t.lstrip("（(一二三四五六七八九十1234567890）)、.． "))
                or _ORDINAL.match(t)]
    scored = [(sentence_score(t, words, retriever), i) for i, t in enumerate(texts)]
    best_score, best = max(scored) if scored else (0, 0)
    picked = [best]
    if _LIST.search(texts[best]) or "即" in texts[best]:
        picked = [best]
    elif len(ordinals) >= 2:
        picked = sorted(set(ordinals) | {best})
    elif _ENUM_MARK.search(texts[best]) and best + 1 < len(texts) and texts[best].rstrip().endswith(("：", ":")):
        picked = [best, best + 1]
    return [Sent(rank, c, spans[i][0], spans[i][1], best_score) for i in picked]


_LEAD = re.compile(r"^(?:[（(]?[0-9一二三四五六七八九十]+[)）、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、])")
_LIST = re.compile(r"(?:[^、，。；]{2,16}、){2,}[^、，。；]{2,16}")


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


def best_sentences(sents: list[Sent], max_sents: int) -> list[Sent]:
    """The best sentence, plus up to max_sents-1 more scoring close to it, in reading order."""
    sents = sorted(sents, key=lambda s: -s.score)
    picked = [s for s in sents[:max_sents] if s.score >= KEEP_RATIO * sents[0].score] if sents else []
    return sorted(picked, key=lambda s: (s.chunk_rank, s.start))


HEADING_MATCH = 0.3  # share of the question's weighted words a parent heading must hold


def in_heading(word: str, heading: str) -> bool:
    """Word in heading, or (for compounds) its characters in order: 整改措施 ~ 整改具体措施."""
    if word in heading:
        return True
    if len(word) < 3:
        return False
    it = iter(heading)
    return all(ch in it for ch in word)


def heading_list(hits: list[tuple[int, Chunk, float]], words: list[str], retriever: HybridRetriever,
                 docs: dict[str, Document]) -> list[Sent]:
    """“具体措施有哪几条” under a heading “五、集中整改具体措施”: the list is the heading's
    sub-headings, each cited where it opens its own section."""
    best, best_score = None, HEADING_MATCH
    for _, c, _ in hits[:3]:
        for depth in range(1, len(c.section_path) - 1):
            if not any(in_heading(w, c.section_path[depth]) for w in words if len(w) >= 2):
                continue  # the heading itself must name what is asked about
            path = c.section_path[:depth + 1]
            total = sum(retriever.idf(w) for w in words) or 1.0
            sc = sum(retriever.idf(w) for w in words if any(in_heading(w, h) for h in path)) / total
            if sc > best_score:
                best, best_score = (c.doc_id, c.section_path[:depth + 1]), sc
    if best is None:
        return []
    doc_id, prefix = best
    text, seen, out = docs[doc_id].text, set(), []
    for c in retriever.data.chunks:
        if c.doc_id != doc_id or c.section_path[:len(prefix)] != prefix or len(c.section_path) <= len(prefix):
            continue
        child = c.section_path[len(prefix)]
        at = text.find(child, c.start, c.end)
        if child in seen or at < 0:
            continue
        seen.add(child)
        span = next(((s, e) for s, e in sentence_spans(text, c.start, c.end) if s <= at < e), None)
        if span:
            out.append(Sent(0, c, span[0], span[1], best_score))
    return sorted(out, key=lambda s: s.start) if len(out) >= 2 else []


_ADMIN = re.compile(r"(?:街道|社区|新区|区|市|省|县|镇|乡)$")


_ALIASES: list = [None, {}]  # (docs object, {alias: (place, doc ids)}) for the live index


def place_aliases(docs: dict[str, Document]) -> dict[str, tuple[str, frozenset[str]]]:
    """Each place name, and the name without its admin suffix (东山街道 → 东山), mapped to
    (place, its documents). Built once per index (held with the docs object it describes)."""
    if _ALIASES[0] is not docs:
        groups: dict[str, set[str]] = {}
        for d in docs.values():
            place = d.meta.get("place") or {}
            for v in (place.values() if isinstance(place, dict) else [place]):
                if str(v or "").strip():
                    groups.setdefault(str(v).strip(), set()).add(d.doc_id)
        aliases = {}
        for v, ids in groups.items():
            for alias in {v, _ADMIN.sub("", v)}:
                if len(alias) >= 2:
                    aliases[alias] = (v, frozenset(ids))
        _ALIASES[:] = [docs, aliases]
    return _ALIASES[1]


def place_groups(question: str, docs: dict[str, Document]) -> tuple[list[set[str]], set[str]]:
    """Doc-id groups for each place the question names (“东山和文化路…”); plus the names matched."""
    groups: dict[str, set[str]] = {}
    names: set[str] = set()
    for alias, (place, ids) in place_aliases(docs).items():
        if alias in question:
            groups[place] = set(ids)
            names.add(alias)
    uniq = [g for g in groups.values() if g != set(docs)]
    return [g for g in uniq if not any(g < h for h in uniq)], names


def per_place(question: str, words: list[str], retriever: HybridRetriever,
              docs: dict[str, Document], groups: list[set[str]], names: set[str]) -> list[Sent]:
    """A cross-place question gets the best supported sentence from each named place,
    scored on the topic alone (the place names only choose the documents)."""
    topic = question
    for n in sorted(names, key=len, reverse=True):
        topic = topic.replace(n, " ")
    words = [w for w in words if not any(w in n or n in w for n in names)]
    hits = retriever.scored(rewrite_query(topic), k=min(60, len(retriever.data.chunks)))
    quantity = bool(_QUANT_Q.search(question))
    out: list[Sent] = []
    for g in groups:
        mine = [h for h in hits if retriever.data.chunks[h.idx].doc_id in g][:2]
        cands = [s for r, h in enumerate(mine) for s in candidate_sentences(
            docs[retriever.data.chunks[h.idx].doc_id].text, [(r, retriever.data.chunks[h.idx], h.score)],
            words, retriever, quantity)]
        out += best_sentences(cands, 1)
    return out


def answer(question: str, retriever: HybridRetriever, docs: dict[str, Document],
           abstain_coverage: float, abstain_dense: float, max_sents: int = 4) -> Answer:
    q = rewrite_query(question)
    words = retriever.tokenizer.content_words(strip_question(q))
    hits: list[Scored] = retriever.scored(q, k=6)
    chunks = [(r, retriever.data.chunks[h.idx], h.score) for r, h in enumerate(hits)]
    if not hits:
        return Answer(question, CANNOT_ANSWER, [], False)
    cov = coverage(retriever, words, [c.context_text() for _, c, _ in chunks[:3]])
    if cov < abstain_coverage or max(h.dense for h in hits) < abstain_dense:
        return Answer(question, CANNOT_ANSWER, [], False)

    sents: list[Sent] = []
    groups, names = place_groups(question, docs)
    if len(groups) >= 2:
        sents = per_place(question, words, retriever, docs, groups, names)
    elif is_enumeration(question):
        sents = heading_list(chunks, words, retriever, docs)
    if not sents and is_enumeration(question) and len(groups) < 2:
        rank, top, _ = chunks[0]
        sents = enumeration_sentences(docs[top.doc_id].text, top, words, retriever, rank)
        sents = sents[: max(max_sents, 8)] if len(sents) > 1 else []
    if not sents:
        quantity = bool(_QUANT_Q.search(question))
        for rank, c, score in chunks[:3]:
            sents += candidate_sentences(docs[c.doc_id].text, [(rank, c, score)], words, retriever, quantity)
        if quantity and any(_NUM.search(docs[s.chunk.doc_id].text[s.start:s.end]) for s in sents):
            sents = [s for s in sents if _NUM.search(docs[s.chunk.doc_id].text[s.start:s.end])]
        unit = next((u for q_pat, u in _UNITS if q_pat.search(question)), None)
        if unit is not None:  # no amount of the asked kind anywhere near: the corpus has no answer
            sents = [s for s in sents if unit.search(docs[s.chunk.doc_id].text[s.start:s.end])]
            if not sents:
                return Answer(question, CANNOT_ANSWER, [], False)
        sents = best_sentences(sents, max_sents)
    sents = with_elaboration(sents, docs[chunks[0][1].doc_id].text) if len({s.chunk.doc_id for s in sents}) == 1 \
        else [x for s in sents for x in with_elaboration([s], docs[s.chunk.doc_id].text)]
    text, cites = make_citations(sents, docs)
    return Answer(question, text, cites, True)
