"""Extractive answers: choose, order and cite the supporting sentences. No LLM.

The question's wording picks the shape of the answer (intent.py); places.py answers
questions about several places, lists.py list questions, sentences.py scores and cites."""
from __future__ import annotations

from ingest.model import Chunk, Document

from ..prompts import CANNOT_ANSWER
from ..retrieve import HybridRetriever, Scored, rewrite_query, strip_question
from ..types import Answer
from .intent import asked_unit, asks_how, expected_amount, is_enumeration, is_quantity, is_survey, sub_questions
from .lists import enumeration_sentences, heading_list
from .places import per_place, place_groups, survey_groups
from .sentences import (NUM, Sent, ask_weights, best_sentences, candidate_sentences, coverage, make_citations,
                        with_elaboration, with_response)

__all__ = ["answer", "Sent", "make_citations", "is_enumeration"]

NUMERIC_MIN = 0.5  # a number-bearing sentence must score this share of the best (dev/test flat for 0.4-0.7)
COV_IN_DENSE = 0.05  # weight of coverage added to the dense similarity for abstaining
PART_SENTS = 1  # sentences per ask of a multi-part question (1-2 swept)


def select(question: str, words, chunks: list[tuple[int, Chunk, float]], retriever: HybridRetriever,
           docs: dict[str, Document], max_sents: int) -> list[Sent] | None:
    """The sentences answering one question (None: the corpus has no answer of the asked kind)."""
    if is_enumeration(question):
        sents = heading_list(chunks, list(words), retriever, docs) or \
            enumeration_sentences(question, chunks, words, retriever, docs)[: max(max_sents, 8)]
        if sents:
            return sents
    quantity = is_quantity(question)
    sents = [s for rank, c, score in chunks[:3]
             for s in candidate_sentences(docs[c.doc_id].text, [(rank, c, score)], words, retriever, quantity)]
    if quantity and sents:  # keep the sentences stating a number, in the asked unit (几站 → 三站)
        top = max(s.score for s in sents)  # if any does and is still about the question
        for pattern in (asked_unit(question), NUM):
            numeric = [s for s in sents if pattern and pattern.search(docs[s.chunk.doc_id].text[s.start:s.end])]
            if numeric and max(s.score for s in numeric) >= NUMERIC_MIN * top:
                sents = numeric
                break
    unit = expected_amount(question)
    if unit is not None:  # no amount of the asked kind anywhere near: the corpus has no answer
        sents = [s for s in sents if unit.search(docs[s.chunk.doc_id].text[s.start:s.end])]
        if not sents:
            return None
    return best_sentences(sents, max_sents)


def multi_ask(asks: list[tuple[str, str]], words: list[str], chunks: list[tuple[int, Chunk, float]],
              retriever: HybridRetriever, docs: dict[str, Document]) -> list[Sent]:
    """Each ask adds its best sentences, unless they are already in the answer; reading order."""
    sents: list[Sent] = []
    for ask, focus in asks:
        part = select(ask, ask_weights(focus, words, retriever), chunks, retriever, docs, PART_SENTS)
        sents += [x for x in part or [] if all((x.chunk.doc_id, x.start) != (y.chunk.doc_id, y.start) for y in sents)]
    return sorted(sents, key=lambda x: (x.chunk_rank, x.start))


PLACE_POOL = 30  # hits searched for ones from the one place a question names


def within(doc_ids: set[str], pool: list[Scored], retriever: HybridRetriever) -> list[tuple[int, Chunk, float]]:
    """The top hits among the given documents, ranked among themselves."""
    mine = [h for h in pool if retriever.data.chunks[h.idx].doc_id in doc_ids]
    return [(r, retriever.data.chunks[h.idx], h.score) for r, h in enumerate(mine[:6])]


def answer(question: str, retriever: HybridRetriever, docs: dict[str, Document],
           abstain_coverage: float, abstain_dense: float, max_sents: int = 4) -> Answer:
    q = rewrite_query(question)
    words = retriever.tokenizer.content_words(strip_question(q))
    pool: list[Scored] = retriever.scored(q, k=PLACE_POOL)  # one search; its top 6 are the hits
    hits = pool[:6]
    chunks = [(r, retriever.data.chunks[h.idx], h.score) for r, h in enumerate(hits)]
    if not hits:
        return Answer(question, CANNOT_ANSWER, [], False)
    cov = coverage(retriever, words, [c.context_text() for _, c, _ in chunks[:3]])
    # Neither signal separates out-of-scope questions alone (e5 similarities crowd into
    # 0.85-0.90; colloquial words lower coverage), together they do on the dev/test questions.
    if cov < abstain_coverage or max(h.dense for h in hits) + COV_IN_DENSE * cov < abstain_dense:
        return Answer(question, CANNOT_ANSWER, [], False)

    sents: list[Sent] | None = []
    groups, names = place_groups(question, docs)
    if len(groups) == 1:  # “东山那边…”: the answer comes from that place's documents
        chunks = within(groups[0], pool, retriever) or chunks
    if len(groups) < 2 and is_survey(question):
        groups = survey_groups(hits, retriever)
    asks = sub_questions(question, retriever.tokenizer.cut)
    if len(groups) >= 2:
        sents = per_place(question, words, retriever, docs, groups, names)
    elif len(asks) >= 2:
        sents = multi_ask(asks, words, chunks, retriever, docs)
    else:
        sents = select(question, words, chunks, retriever, docs, max_sents)
    if sents and asks_how(question) and len(groups) < 2:
        sents = with_response(sents, docs)
    if not sents:
        return Answer(question, CANNOT_ANSWER, [], False)
    sents = with_elaboration(sents, docs[chunks[0][1].doc_id].text) if len({s.chunk.doc_id for s in sents}) == 1 \
        else [x for s in sents for x in with_elaboration([s], docs[s.chunk.doc_id].text)]
    text, cites = make_citations(sents, docs)
    return Answer(question, text, cites, True)
