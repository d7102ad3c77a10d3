"""The extractive answer as an ordered list of named strategies, each leaving a trace.

0. A question naming a document in 《》 that the library does not hold is not answered from others.
1. Scope: a question naming a document (named_document) or one place (one_place) is answered
   from those documents' passages only.
2. Abstain unless the passages the answer will be drawn from hold enough of the question's
   words and are close enough in meaning (decided after the scope, not on the global hits).
3. The first strategy that returns sentences answers: document_dates, survey, multi_part, list_sentence,
   best_sentences. `response` and elaboration then complete it.
Every `Answer.trace` names the strategy, the reason, the candidates with their scores, the
abstention signals and the settings hash; `shequ ask --explain` prints it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from ingest.model import Chunk

from ..prompts import CANNOT_ANSWER, MISSING_DOCUMENT
from ..retrieve import Scored, rewrite_query
from ..settings import AnswerSettings
from ..types import Answer
from .dates import date_sentences
from .documents import missing_title, named_documents
from .intent import (
    asked_unit,
    asks_how,
    expected_amount,
    is_enumeration,
    is_quantity,
    is_survey,
    states_amount,
    sub_questions,
)
from .kinds import asked_kind, stating
from .lists import enumeration_sentences
from .places import per_place, place_groups, survey_groups
from .ranker import Shape
from .sentences import (
    Sent,
    ask_weights,
    best_sentences,
    candidate_sentences,
    coverage,
    make_citations,
    with_context,
    with_elaboration,
    with_response,
)
from .view import IndexView


@dataclass
class Context:
    question: str
    words: list[str]
    pool: list[Scored]  # one search; everything below draws on it
    chunks: list[tuple[int, Chunk, float]]  # (rank, chunk, score as a share of the best hit)
    view: IndexView
    cfg: AnswerSettings
    trace: dict = field(default_factory=dict)
    candidates: list[Sent] = field(default_factory=list)  # what the answering strategy weighed
    gate_words: list[str] = field(default_factory=list)  # the words abstention weighs (set in _scope)
    dense: dict[str, float] = field(default_factory=dict)  # chunk id -> dense similarity (the ranker's feature)


def answer(question: str, view: IndexView, cfg: AnswerSettings) -> Answer:
    ctx = context(question, view, cfg)
    if not ctx.pool:
        return _none(ctx, "no passage retrieved")
    absent = missing_title(question, view, cfg.missing_title_share) if cfg.on("missing_document") else None
    if absent:  # another document's passages would answer a question about one the library lacks
        ctx.trace["strategy"] = "missing_document"
        return _none(ctx, f"the question names a document the library does not hold: 《{absent}》",
                     MISSING_DOCUMENT.format(title=absent))
    ctx.trace["words"] = {"scoring": ctx.words, "abstention": ctx.gate_words}
    if not _passes(ctx):
        ctx.trace["abstain"]["answered"] = False
        return _none(ctx, "abstained: the passages hold too little of the question")
    for name, strategy in STRATEGIES:
        if not cfg.on(name):
            continue
        result = strategy(ctx)
        if result is None:
            continue
        sents, reason = result
        ctx.trace.update(strategy=name, reason=reason)
        if not sents:
            return _none(ctx, reason)
        if not _decide(ctx, sents):
            return _none(ctx, "abstained: the passages and sentences found are not about the question")
        return _finish(ctx, sents)
    return _none(ctx, "no strategy answered")


def context(question: str, view: IndexView, cfg: AnswerSettings) -> Context:
    """One search, narrowed to the document or place the question names."""
    pool = view.scored(rewrite_query(question), k=cfg.place_pool)
    ctx = Context(question, view.question_words(question), pool, _ranked(pool[:6], pool, view), view, cfg,
                  {"settings_hash": cfg.hash, "filters": [], "strategy": "", "reason": ""},
                  dense={view.chunks[h.idx].chunk_id: h.dense for h in pool})
    if pool:
        _scope(ctx)
    return ctx


def _ranked(hits: list[Scored], pool: list[Scored], view: IndexView) -> list[tuple[int, Chunk, float]]:
    """(rank, chunk, score as a share of the best hit): one scale for min-max and RRF fusion."""
    top = max((h.score for h in pool), default=1.0) or 1.0
    return [(r, view.chunks[h.idx], h.score / top) for r, h in enumerate(hits)]


def _scope(ctx: Context) -> None:
    """Narrow the passages to a document or a place the question names (first that applies)."""
    ctx.gate_words = ctx.words
    named, why = named_documents(ctx.question, ctx.view, ctx.cfg.doc_match) if ctx.cfg.on("named_document") \
        else (set(), {})
    groups, names = place_groups(ctx.question, ctx.view.documents)
    if named and len(groups) == 1 and named & groups[0]:
        named = named & groups[0]  # “北京的物业管理条例”: the named document of the named place
    for name, ids, detail in (("named_document", named, why),
                              ("one_place", groups[0] if len(groups) == 1 and ctx.cfg.on("one_place") else set(),
                               {"places": sorted(names)})):
        if not ids:
            continue
        mine = [h for h in ctx.pool if ctx.view.chunks[h.idx].doc_id in ids]
        ctx.trace["filters"].append({"name": name, "docs": sorted(ids)[:5], "passages": len(mine), **detail})
        if mine:
            ctx.chunks = _ranked(mine[:6], ctx.pool, ctx.view)
            if name == "one_place" and ctx.cfg.on("place_words"):  # the scope already says where
                ctx.words = [w for w in ctx.words if not any(w in n or n in w for n in names)] or ctx.words
                ctx.gate_words = ctx.words
            if name == "named_document" and ctx.cfg.on("title_words"):  # …and which document (for
                # choosing sentences only: abstention still asks whether the passages hold them)
                titles = rewrite_query(" ".join(ctx.view.documents[d].title for d in ids))
                ctx.words = [w for w in ctx.words if w not in titles] or ctx.words
            return


def _passes(ctx: Context) -> bool:
    """The cheap gate before any strategy runs: the passages answered from must hold some of
    the question's words. The signals of the final decision (`_decide`) are read here too."""
    cfg, view = ctx.cfg, ctx.view
    top = ctx.chunks[:cfg.top_chunks]
    cov = coverage(view, ctx.gate_words, [c.context_text() for _, c, _ in top])
    dense_of = {view.chunks[h.idx].chunk_id: h.dense for h in ctx.pool}
    scoped = [dense_of.get(c.chunk_id, 0.0) for _, c, _ in top]
    # A passage found by its words alone has no similarity from the dense leg: the question's
    # best similarity anywhere stands in for it.
    dense = max(scoped) if max(scoped, default=0.0) > 0 else max((h.dense for h in ctx.pool), default=0.0)
    blob = rewrite_query("\n".join(c.context_text() for _, c, _ in top))
    missing = [w for w in ctx.gate_words if w not in blob]
    norm = math.log(1 + len(view.chunks) / 0.5) or 1.0
    rare = max((view.idf(w) / norm for w in missing), default=0.0)
    ctx.trace["abstain"] = {"dense": round(dense, 4), "coverage": round(cov, 4), "rare_missing": round(rare, 4),
                            "min_coverage": cfg.abstain_coverage}
    return cov >= cfg.abstain_coverage


def _decide(ctx: Context, sents: list[Sent]) -> bool:
    """Answer or abstain, on the passages and the sentences the answer is drawn from."""
    ab, cfg = ctx.trace["abstain"], ctx.cfg
    texts = [rewrite_query(ctx.view.text(s.chunk)[s.start:s.end] + " " + " ".join(s.chunk.section_path))
             for s in sents]
    ab["answer_coverage"] = round(coverage(ctx.view, ctx.gate_words, texts), 4) if sents else 0.0
    x = (ab["dense"], ab["coverage"], ab["rare_missing"], ab["answer_coverage"])
    w = cfg.abstain_weights
    ab["score"] = round(w[0] + sum(wi * xi for wi, xi in zip(w[1:], x)), 4)
    floor = cfg.abstain_min_dense if cfg.on("dense_floor") else 0.0
    ab["answered"] = ab["score"] >= cfg.abstain_margin and ab["dense"] >= floor
    return ab["answered"]


# ---- strategies: each returns None (does not apply) or (sentences, reason) -------------------
def s_document_dates(ctx: Context):
    sents = date_sentences(ctx.question, ctx.chunks, ctx.view)
    return (sents, "a question about a document's own dates: its closing lines") if sents else None


def s_survey(ctx: Context):
    if not is_survey(ctx.question) or len(place_groups(ctx.question, ctx.view.documents)[0]) >= 2:
        return None
    groups = survey_groups(ctx.pool[:6], ctx.view, ctx.cfg)
    if len(groups) < 2:
        return None
    return per_place(ctx.question, ctx.words, ctx.view, ctx.cfg, groups, set()), \
        f"a survey question: one sentence from each of {len(groups)} documents"


def s_multi_part(ctx: Context):
    asks = sub_questions(ctx.question, ctx.view.cut)
    if len(asks) < 2:
        return None
    sents: list[Sent] = []
    for ask, focus in asks:
        part = select(ask, ask_weights(focus, ctx.words, ctx.view, ctx.cfg.part_ctx), ctx, ctx.cfg.part_sents)
        sents += [x for x in part or [] if all((x.chunk.doc_id, x.start) != (y.chunk.doc_id, y.start) for y in sents)]
    return sorted(sents, key=lambda x: (x.chunk_rank, x.start)), f"{len(asks)} asks: the best sentence for each"


def s_list_sentence(ctx: Context):
    if not is_enumeration(ctx.question):
        return None
    sents = enumeration_sentences(ctx.question, ctx.chunks, ctx.words, ctx.view, ctx.cfg, ctx.dense)[:ctx.cfg.list_max]
    return (sents, "a list question: the best list-shaped sentence or unit") if sents else None


def s_best_sentences(ctx: Context):
    sents = select(ctx.question, ctx.words, ctx, ctx.cfg.max_sents, trace=True)
    kind = next((k for k in ctx.trace.get("asked_kind", []) if not k["stating"]), None)
    return (sents or [], "the best-scoring sentences of the top passages") if sents is not None else \
        ([], f"no candidate states {'an amount' if kind.get('amount') else 'a fact'} of the asked kind ({kind['kind']})"
         if kind else
         "no sentence states an amount of the kind asked for")


def select(question: str, words, ctx: Context, max_sents: int, trace: bool = False) -> list[Sent] | None:
    """The sentences answering one question (None: the passages hold no answer of the asked kind)."""
    cfg, view = ctx.cfg, ctx.view
    quantity = is_quantity(question)
    sents = candidate_sentences(view, ctx.chunks[:cfg.candidate_chunks], words, cfg, quantity,
                                Shape.of(question) if cfg.learned else None, ctx.dense)
    if trace:
        ctx.candidates = sents
    kind = asked_kind(question) if cfg.on("asked_kind") else None
    if kind is not None and kind.amount and not cfg.on("amount_required"):
        kind = None  # an amount of the asked kind is a stricter amount_required: its switch too
    if kind is not None:  # “工资多少” needs a sentence stating money (元), not any number
        sents = stating(kind, sents, lambda s: view.text(s.chunk)[s.start:s.end])
        ctx.trace.setdefault("asked_kind", []).append({"ask": question, "kind": kind.name, "amount": kind.amount,
                                                      "stating": len(sents)})
        if not sents:
            return None
    unit = asked_unit(question)
    if quantity and sents:  # keep the sentences stating a number, in the asked unit (几站 → 三站)
        top = max(s.score for s in sents)  # if any does and is still about the question
        checks = ([unit.search] if unit else []) + [lambda t: states_amount(t, question)]
        for says in checks:
            numeric = [s for s in sents if says(view.text(s.chunk)[s.start:s.end])]
            if numeric and max(s.score for s in numeric) >= cfg.numeric_min * top:
                sents = numeric
                break
    if unit is not None and cfg.on("unit_required") and not any(
            unit.search(view.text(s.chunk)[s.start:s.end]) for s in sents):
        return None  # “几个小时内…” and no passage counts in hours: the library does not say
    unit = expected_amount(question)
    if unit is not None:  # no amount of the asked kind anywhere near: the corpus has no answer
        sents = [s for s in sents if unit.search(view.text(s.chunk)[s.start:s.end])]
        if not sents:
            return None
    chosen = best_sentences(sents, max_sents, cfg.keep)
    if quantity and cfg.on("amount_required") and chosen and not any(
            states_amount(view.text(s.chunk)[s.start:s.end], question) for s in chosen):
        return None  # “多少注册志愿者” answered by a sentence with no number: not an answer
    return chosen


# Removed after `python -m evals --ablate` showed they did not pay on the test splits:
# per_place (one sentence per named place), heading_list (a heading's sub-headings as the list),
# norm_sentences (normative sentences for 能不能 questions).
STRATEGIES = [("document_dates", s_document_dates), ("survey", s_survey), ("multi_part", s_multi_part), ("list_sentence", s_list_sentence),
              ("best_sentences", s_best_sentences)]


def _finish(ctx: Context, sents: list[Sent]) -> Answer:
    docs = ctx.view.documents
    if ctx.cfg.on("response") and asks_how(ctx.question) and ctx.trace["strategy"] != "survey":
        sents = with_response(sents, docs)
    sents = with_elaboration(sents, docs[sents[0].chunk.doc_id].text) if len({s.chunk.doc_id for s in sents}) == 1 \
        else [x for s in sents for x in with_elaboration([s], docs[s.chunk.doc_id].text)]
    windowed = ("best_sentences", "multi_part") + (("list_sentence",) if ctx.cfg.context_lists else ())
    if ctx.cfg.context_chars and ctx.cfg.on("context") and ctx.trace["strategy"] in windowed:
        sents = with_context(sents, docs, ctx.cfg.context_chars, ctx.cfg.context_before, ctx.cfg.context_article)
    masked = ctx.view.instruction_like([ctx.view.text(s.chunk)[s.start:s.end] for s in sents])
    if any(masked):  # a sentence addressed to a model is never quoted (assistant/injection.py)
        ctx.trace["masked"] = [s.trace(docs[s.chunk.doc_id].text) for s, m in zip(sents, masked) if m]
        sents = [s for s, m in zip(sents, masked) if not m]
        if not sents:
            return _none(ctx, "every sentence chosen reads as an instruction to a model (masked)")
    text, cites = make_citations(sents, docs)
    pool = ctx.candidates or sents
    ctx.trace["candidates"] = [s.trace(docs[s.chunk.doc_id].text) for s in sorted(pool, key=lambda s: -s.score)[:8]]
    ctx.trace["chosen"] = [s.trace(docs[s.chunk.doc_id].text) for s in sents]
    return Answer(ctx.question, text, cites, True, trace=ctx.trace)


def _none(ctx: Context, reason: str, text: str = CANNOT_ANSWER) -> Answer:
    ctx.trace.setdefault("strategy", "")
    ctx.trace["reason"] = reason
    return Answer(ctx.question, text, [], False, trace=ctx.trace)
