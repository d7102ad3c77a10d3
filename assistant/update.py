"""Making segments: a full build is one segment; an ingest that changes a few documents adds one
small segment with them and tombstones their old copies; a merge folds segments together.

Only the documents an ingest read (added or changed) are chunked, tokenized and carded — plus
the documents holding a domain term that came or went with them: a term changes the tokens of
exactly the texts that contain it (ingest.tokenize pins jieba's total), so those documents are
moved to the new segment with their chunks and cached vectors, re-tokenized, and nothing else is.
"""
from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ingest.chunk import ChunkConfig, chunk_document
from ingest.model import Chunk, Document
from ingest.tokenize import ChineseTokenizer, extract_terms, load_term_file, normalize_query

from .embed import VectorCache, embed_passages
from .lexical import LexSegment
from .segments import Segment
from .settings import Settings
from .shipped import ShippedVectors, shipped_path
from .vectors import FaissStore, fill

log = logging.getLogger(__name__)


def chunk_all(docs: list[Document], cfg: ChunkConfig) -> list[Chunk]:
    return [c for d in docs for c in chunk_document(d, cfg)]


def new_seg_id() -> str:
    return f"s-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"


def doc_terms(doc: Document) -> list[str]:
    return sorted(extract_terms([doc.text]))


def all_terms(per_doc: list[list[str]], settings: Settings) -> list[str]:
    """Domain terms: quoted slogans found in the documents, and the user's $SHEQU_HOME/terms.txt
    (the shipped hand-checked list is added inside ChineseTokenizer)."""
    return sorted({t for ts in per_doc for t in ts} | set(load_term_file(settings.home / "terms.txt")))


def build_cards(docs: list[Document], chunks: list[Chunk], reuse: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Method cards per document (assistant.methods), reusing cards of an unchanged text (`reuse`:
    content hash -> cards)."""
    from .methods import extract_cards
    by_doc: dict[str, list[Chunk]] = {}
    for c in chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    cards: dict[str, list[dict]] = {}
    for d in docs:
        h = d.content_hash
        if h in reuse:
            cards[d.doc_id] = reuse[h]
            continue
        try:
            cards[d.doc_id] = [{**c, "doc_hash": h} for c in extract_cards(d, by_doc.get(d.doc_id, []))]
        except Exception as e:  # cards are an extra: one odd document must not stop the ingest
            log.warning("%s：方法卡片提取失败（%s: %s），该文档不生成卡片", d.doc_id, type(e).__name__, e)
    return cards


@dataclass
class Embedding:
    """What a segment's vectors need: the model, the cache, the bundled corpus's shipped vectors."""

    embedder: object
    settings: Settings
    progress: Callable | None = None
    computed: int = 0  # model calls made so far
    timings: dict = field(default_factory=dict)

    def store(self, texts: list[str], kind: str | None = None) -> FaissStore:
        """A FAISS store of `texts`' vectors: `kind`, or flat/IVF by size as the settings say."""
        t = time.perf_counter()
        dim = self.embedder.dim
        if kind is None:
            store = FaissStore.for_rows(dim, len(texts), self.settings)
        else:
            store = FaissStore.new(dim, len(texts), kind)
        self.computed += fill(store, lambda rows, st: self.vectors([texts[i] for i in rows], st), self._step())
        self.timings["embed"] = self.timings.get("embed", 0) + time.perf_counter() - t
        return store

    def vectors(self, texts: list[str], step=None) -> tuple[np.ndarray, int]:
        s = self.settings
        cache = VectorCache(s.cache_dir, self.embedder.model_name)
        shipped = ShippedVectors(shipped_path(s.corpus, self.embedder.model_name), self.embedder.model_name)
        return embed_passages(self.embedder, cache, texts, self.embedder.dim, s.embed_batch, step, shipped)

    def keys(self, texts: list[str]) -> list[str]:
        cache = VectorCache(self.settings.cache_dir, self.embedder.model_name)
        return [cache.key(t) for t in texts]

    def _step(self):
        p = self.progress
        return (lambda done, total: p("embed", done, total, "")) if p else None


def make_segment(docs: list[Document], chunks: list[Chunk], terms: dict[str, list[str]],
                 tokenizer: ChineseTokenizer, emb: Embedding, reuse_cards: dict[str, list[dict]],
                 dense: bool, kind: str | None = None, lexical: bool = True) -> Segment:
    """A new segment over `docs` (chunks in document order): tokenized (unless not `lexical`:
    an empty lexical leg), embedded, carded."""
    t = time.perf_counter()
    texts = [c.context_text() for c in chunks]
    lex = LexSegment.build(tokenizer(x) for x in texts) if lexical else LexSegment.build([])
    emb.timings["bm25"] = emb.timings.get("bm25", 0) + time.perf_counter() - t
    store = emb.store(texts, kind) if dense else None
    t = time.perf_counter()
    cards = build_cards(docs, chunks, reuse_cards)
    emb.timings["cards"] = emb.timings.get("cards", 0) + time.perf_counter() - t
    return Segment(new_seg_id(), {d.doc_id: d for d in docs}, chunks, emb.keys(texts), lex, store, cards,
                   {d.doc_id: terms.get(d.doc_id, []) for d in docs})


def affected_by_terms(segments: list[Segment], deleted: dict[str, set[str]], changed: set[str]) -> set[str]:
    """Live documents with a chunk whose retrieval text contains a term that came or went."""
    if not changed:
        return set()
    out = set()
    for seg in segments:
        gone = deleted.get(seg.seg_id, set())
        for c in seg.chunks:
            if c.doc_id not in gone and c.doc_id not in out:
                text = normalize_query(c.context_text())  # what the tokenizer sees
                if any(t in text for t in changed):
                    out.add(c.doc_id)
    return out


def where(segments: list[Segment], deleted: dict[str, set[str]]) -> dict[str, Segment]:
    """Each live document's segment."""
    out = {}
    for seg in segments:
        gone = deleted.get(seg.seg_id, set())
        out.update((i, seg) for i in seg.documents if i not in gone)
    return out


def merge_segments(parts: list[Segment], deleted: dict[str, set[str]], emb: Embedding,
                   dense: bool) -> Segment:
    """One segment holding the live content of `parts`, without tokenizing or embedding: term
    counts and vectors are copied; a merged base gets its FAISS kind by size (IVF retrained)."""
    docs: dict[str, Document] = {}
    chunks, keys, cards, terms = [], [], {}, {}
    rows, cols, tfs, lengths, vocab = [], [], [], [], {}
    vecs = []
    for seg in parts:
        gone = deleted.get(seg.seg_id, set())
        live, new_row = seg.rows(gone, len(chunks))
        r, c, f = seg.lex.triples(live, new_row, vocab)
        rows.append(r)
        cols.append(c)
        tfs.append(f)
        lengths.append(seg.lex.lengths[live])
        live_chunks, live_keys, live_docs = seg.live_content(gone)
        chunks += live_chunks
        keys += live_keys
        docs.update(live_docs)
        cards.update((i, v) for i, v in seg.cards.items() if i not in gone)
        terms.update((i, v) for i, v in seg.doc_terms.items() if i not in gone)
        if dense:
            vecs.append(seg.dense.reconstruct_all()[live])
    lex = LexSegment.from_triples(np.concatenate(rows), np.concatenate(cols), np.concatenate(tfs),
                                  np.concatenate(lengths).astype(np.int32), vocab)
    store = None
    if dense:
        allv = np.concatenate(vecs) if vecs else np.zeros((0, emb.embedder.dim), np.float32)
        store = FaissStore.for_rows(emb.embedder.dim, len(allv), emb.settings)
        fill(store, lambda rs, _st: (allv[rs], 0))
    return Segment(new_seg_id(), docs, chunks, keys, lex, store, cards, terms)


def plan_merge(segments: list[Segment], deleted: dict[str, set[str]], settings: Settings) -> list[Segment]:
    """The segments to merge now (none, the small ones, or all), Lucene-style: every segment but
    the base once there are more than `segment_max`; all of them once the small segments and the
    deleted chunks reach `merge_share` of the library."""
    if len(segments) < 2:
        return []
    sizes = [len(s.chunks) for s in segments]
    dead = sum(int((~s.live(deleted.get(s.seg_id, set()))).sum()) for s in segments)
    if sum(sizes[1:]) + dead >= settings.merge_share * max(sum(sizes) - dead, 1):
        return list(segments)
    if len(segments) > settings.segment_max:
        return list(segments[1:])
    return []
