"""Generative answers: retrieve, prompt with keyed sources, stream, verify every sentence,
and fall back to the extractive answer whenever the endpoint fails or nothing verifies."""
from __future__ import annotations

import dataclasses
import re
import threading
import time
from typing import Iterator

from ingest.sentences import sentence_spans

from .. import prompts
from ..library import view_of
from ..types import Answer, AskEvent, Citation
from .client import BoundedStream, LLMFailure, describe, endpoint
from .prompt import answer_messages, make_sources
from .verify import _PARTIAL, MARKER, Source, Verdict, Verifier, complete_sentences, ended, parse_keys, split_answer

_ABSTAIN = ("无法作答", "没有找到能回答")
_WARMED = threading.Event()


def _warm() -> None:
    """Load jieba's part-of-speech model (~2 s, once per process) for the names check while
    the endpoint is still reading the prompt."""
    from ..plan.grounding import proper_names

    proper_names("社区")


class Assembler:
    """Builds the verified Answer sentence by sentence. Citation numbers [n] are given in
    order of first use, so they never change while the answer streams."""

    def __init__(self, question: str, sources: list[Source], unsupported: str = "drop"):
        self.question, self.unsupported = question, unsupported
        self.sources = {s.key.upper(): s for s in sources}
        self.parts: list[str] = []
        self.citations: list[Citation] = []
        self.numbers: dict[tuple[str, tuple[int, int]], int] = {}
        self.dropped: list[str] = []
        self.unverified: list[str] = []
        self.flags: list[str] = []
        self.supported = 0
        self.repeated = 0  # sentences the model had already written (removed)
        self.cap = 0  # the length cap (tokens) when it cut the reply, else 0

    def add(self, v: Verdict) -> AskEvent:
        self.flags += [f"引用编号 [{k}] 不是检索到的资料，已删除（{v.sentence}）" for k in v.removed]
        self.flags += [f"“{m}”不在所引资料中（{v.sentence}）" for m in v.missing]
        self.flags += [f"“{w}”的肯定或否定与所引资料相反（{v.sentence}）" for w in v.negated]
        if v.supported:
            self.supported += 1
            self.parts.append(v.sentence + self._markers(v.keys, v.sentence))
            status = "ok"
        elif self.unsupported == "drop" or not v.sentence:
            self.dropped.append(v.sentence)
            status = "dropped"
        else:
            self.unverified.append(v.sentence)
            self.parts.append(v.sentence + prompts.UNVERIFIED_MARK + self._markers(v.keys, v.sentence))
            status = "unverified"
        return AskEvent("sentence", self.answer(), sentence=v.sentence, status=status)

    def _markers(self, keys: list[str], sentence: str) -> str:
        """[n] for each cited source: the span of its chunk that the sentence draws on."""
        out = []
        for k in keys:
            src = self.sources[k]
            span = best_span(src.chunk.text, sentence)
            if (k, span) not in self.numbers:
                self.numbers[(k, span)] = len(self.citations) + 1
                self.citations.append(_citation(self.numbers[(k, span)], src, span))
            out.append(f"[{self.numbers[(k, span)]}]")
        return "".join(dict.fromkeys(out))

    def answer(self, notice: str = "") -> Answer:
        return Answer(self.question, "".join(self.parts), list(self.citations), True, mode="llm",
                      notice=notice, unverified=list(self.unverified), dropped=list(self.dropped),
                      flags=list(self.flags))

    def notice(self) -> str:
        parts = []
        if self.dropped:
            parts.append(prompts.LLM_DROPPED.format(n=len(self.dropped)))
        elif self.unverified:
            parts.append(prompts.LLM_MARKED.format(n=len(self.unverified)))
        if self.repeated:
            parts.append(prompts.LLM_REPEATED.format(n=self.repeated))
        if self.cap:
            parts.append(prompts.LLM_TRUNCATED.format(n=self.cap))
        return "".join(parts)


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s\W_]+", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def best_span(chunk_text: str, sentence: str) -> tuple[int, int]:
    """(start, end) in the chunk of the source sentences the answer sentence draws on: the
    best match by character bigrams, widened over adjacent sentences that match nearly as
    well; the whole chunk when nothing matches."""
    spans = sentence_spans(chunk_text)
    want = _bigrams(sentence)
    scores = [len(want & _bigrams(chunk_text[s:e])) / (len(want) or 1) for s, e in spans]
    if not spans or max(scores) < 0.2:
        return 0, len(chunk_text)
    best = lo = hi = scores.index(max(scores))
    while lo > 0 and scores[lo - 1] >= 0.6 * scores[best]:
        lo -= 1
    while hi + 1 < len(spans) and scores[hi + 1] >= 0.6 * scores[best]:
        hi += 1
    return spans[lo][0], spans[hi][1]


def _citation(n: int, s: Source, span: tuple[int, int]) -> Citation:
    c = s.chunk  # chunk.text == document.text[chunk.start:chunk.end], so the quote is exact
    meta = {k: v for k, v in s.meta.items() if k != "place_label"}
    return Citation(n, c.chunk_id, c.doc_id, s.title, c.section, c.text[span[0]:span[1]],
                    c.start + span[0], c.start + span[1], meta)


def visible(buffer: str) -> str:
    """Streamed text as a reader may see it before verification: no citation keys."""
    return _PARTIAL.sub("", MARKER.sub("", buffer)).strip()


def _guarded(pieces: Iterator[str], settings) -> Iterator[str]:
    """Endpoint errors (connection, timeout, HTTP status, bad reply) become LLMFailure."""
    try:
        yield from pieces
    except LLMFailure:
        raise
    except Exception as e:  # openai/httpx raise many types; all mean "the endpoint failed"
        raise LLMFailure(describe(e, settings)) from e


def _fallback(fallback: Answer, notice: str, asm: Assembler | None = None) -> Answer:
    """The extractive answer with a notice; what the model wrote is kept on record."""
    extra = asm.dropped + asm.unverified if asm else []
    return dataclasses.replace(fallback, notice=notice, dropped=list(extra),
                               flags=list(asm.flags) if asm else [])


class _Checks:
    """Verifies the streamed sentences into the Assembler, timing all of it into stats."""

    def __init__(self, verifier: Verifier, asm: Assembler, stats: dict):
        self.verifier, self.asm, self.stats = verifier, asm, stats
        self.seconds, self.cpu, self.done_ahead, self.seen = 0.0, 0.0, set(), set()
        stats.update(verify_ms=0.0, verify_cpu_ms=0.0, sentences=0, ahead=0)

    def _timed(self, fn, sentence: str):
        t, c = time.perf_counter(), time.thread_time()
        out = fn(sentence)
        self.seconds += time.perf_counter() - t
        self.cpu += time.thread_time() - c  # wall minus waiting for a core (a local server)
        self.stats.update(verify_ms=round(self.seconds * 1000, 2), verify_cpu_ms=round(self.cpu * 1000, 2))
        return out

    def check(self, sentence: str) -> AskEvent | None:
        """The verified sentence as an event; None for a sentence already written."""
        key = repeat_key(sentence)
        if key and key in self.seen:
            self.asm.repeated += 1
            return None
        self.seen.add(key)
        self.stats["sentences"] += 1
        return self.asm.add(self._timed(self.verifier.check, sentence))

    def ahead(self, buf: str) -> None:
        """Check a sentence that has ended now (or at least embed it, if its keys may still
        follow the end mark), while the model writes on, not once it is complete: for the
        last sentence, that is only when the stream ends."""
        head = next(iter(split_answer(buf)), "")
        if ended(head) and head not in self.done_ahead:
            self.done_ahead.add(head)
            self._timed(self.verifier.prefetch, head)
            self.stats["ahead"] = len(self.done_ahead)


def stream_answer(kb, question: str, fallback: Answer, stats: dict | None = None,
                  look_ahead: bool = True) -> Iterator[AskEvent]:
    """AskEvents for a verified generative answer; the last one is "final".

    `fallback` is the extractive answer: returned as is when it abstains (the same evidence
    gate for both paths), and with a notice when the endpoint fails or nothing verifies.
    `stats` (optional) receives first_piece_s, total_s, verify_ms and verify_cpu_ms (all
    verification, also what was done ahead: wall and CPU time), tail_ms (from the last
    piece shown to the final answer: what the reader waits for after the model stops),
    tail_verify_ms (the verification in it), sentences, ahead (sentences checked ahead, at
    their keys or end mark; look_ahead=False turns that off, only to measure what it saves)
    and raw (the model's text)."""
    s, stats = kb.settings, stats if stats is not None else {}
    if not fallback.found:
        yield AskEvent("final", fallback)
        return
    if not _WARMED.is_set():
        _WARMED.set()
        threading.Thread(target=_warm, daemon=True).start()
    t0 = time.perf_counter()
    lib = view_of(kb)  # one consistent version, even during a swap
    from ..injection import detector_for

    sources = make_sources(lib, lib.scored(question, k=s.llm_sources), detector=detector_for(lib.embedder))
    verifier = Verifier(sources, lib.tokenizer, lib.embed_query, lib.idf)
    asm = Assembler(question, sources, s.llm_unsupported)
    checks = _Checks(verifier, asm, stats)
    raw, buf = "", ""
    reply = BoundedStream(s, answer_messages(question, sources))
    try:
        for piece in _guarded(iter(reply), s):
            stats.setdefault("first_piece_s", round(time.perf_counter() - t0, 3))
            raw += piece
            done, buf = complete_sentences(buf + piece)
            yield from filter(None, map(checks.check, done))
            yield AskEvent("delta", asm.answer(), pending=visible(buf))
            t_shown, v_shown = time.perf_counter(), checks.seconds  # the reader saw this piece
            if look_ahead:
                checks.ahead(buf)
        rest = split_answer(buf)
        if reply.truncated:  # the cap cut the reply: its unfinished sentence is not kept
            asm.cap, rest = s.llm_max_tokens, [x for x in rest if ended(x)]
        yield from filter(None, map(checks.check, rest))
    except LLMFailure as e:
        stats.update(total_s=round(time.perf_counter() - t0, 3), raw=raw, failed=str(e))
        yield AskEvent("final", _fallback(fallback, str(e), asm))
        return
    final = _finish(fallback, asm, raw, s)
    stats.update(total_s=round(time.perf_counter() - t0, 3), raw=raw)
    if raw:
        stats.update(tail_ms=round((time.perf_counter() - t_shown) * 1000, 2),
                     tail_verify_ms=round((checks.seconds - v_shown) * 1000, 2))
    yield AskEvent("final", final)


def repeat_key(sentence: str) -> str:
    """What makes two generated sentences the same: their words, whatever keys they cite."""
    return re.sub(r"[\s\W_]+", "", parse_keys(sentence)[0])


def _finish(fallback: Answer, asm: Assembler, raw: str, settings) -> Answer:
    where = endpoint(settings)
    if not raw.strip():
        return _fallback(fallback, prompts.LLM_FAILED.format(endpoint=where, reason=prompts.LLM_EMPTY))
    if any(p in raw for p in _ABSTAIN) and not asm.supported:
        return _fallback(fallback, prompts.LLM_ABSTAINED.format(endpoint=where), asm)
    if not asm.supported:
        return _fallback(fallback, prompts.LLM_NOTHING_VERIFIED.format(endpoint=where), asm)
    return asm.answer(asm.notice())


def answer(kb, question: str, fallback: Answer) -> Answer:
    """The non-streaming form: the final Answer of stream_answer."""
    final = fallback
    for ev in stream_answer(kb, question, fallback):
        final = ev.answer
    return final
