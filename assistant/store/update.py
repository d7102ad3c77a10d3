"""An ingest into the Milvus store that reads only what changed (settings.store = "milvus").

The new version reuses the live version's chunks, embedding keys and method cards of every
document the ingest did not add or change; only the added and changed documents are chunked,
carded and embedded (their rows tokenized at commit, assistant/store/library.py). The
library's domain terms come from the per-document terms the manifest keeps. When they change,
every chunk's terms may change with them: then this returns None and the ingest takes the full
path, as a rebuild would. The version written is the one a full build of the same documents
writes: the same documents in the same order, chunks, keys, cards and terms.
"""
from __future__ import annotations

import time
from itertools import groupby
from operator import attrgetter

from ingest.chunk import ChunkConfig
from ingest.model import Chunk, Document
from ingest.tokenize import ChineseTokenizer

from ..index import IndexData, make_manifest
from ..lexical import Lexical
from ..settings import Settings
from ..update import Embedding, all_terms, build_cards, chunk_all, doc_terms
from ..vectors import fill, new_store, row_id


def per_doc_terms(old: IndexData, docs: dict[str, Document], fresh: set[str]) -> dict[str, list[str]]:
    """Each document's quoted terms: found in the new and changed texts, kept in the manifest for
    the rest (read from the text when an older manifest lacks them)."""
    kept = old.manifest.get("documents", {})
    out = {}
    for i, d in docs.items():
        have = None if i in fresh else kept.get(i, {}).get("terms")
        out[i] = doc_terms(d) if have is None else have  # shared, never changed
    return out


def update_library(old: IndexData, docs: dict[str, Document], fresh: set[str], settings: Settings,
                   emb: Embedding) -> IndexData | None:
    """The next version over `docs` with only `fresh` (added, changed) re-read; None when the
    domain terms change (every chunk is re-tokenized: the full path)."""
    t = time.perf_counter()
    terms_of = per_doc_terms(old, docs, fresh)
    tokenizer = ChineseTokenizer(all_terms(list(terms_of.values()), settings), cache_dir=settings.cache_dir)
    emb.timings["terms"] = time.perf_counter() - t
    if tokenizer.terms != list(old.terms):
        return None
    t = time.perf_counter()
    new_docs = [d for i, d in docs.items() if i in fresh]
    new_chunks = chunk_all(new_docs, ChunkConfig(settings.chunk_max_chars, settings.chunk_min_chars))
    emb.timings["chunk"] = time.perf_counter() - t
    t = time.perf_counter()
    cards = build_cards(new_docs, new_chunks, _cards_by_hash(old))
    emb.timings["cards"] = time.perf_counter() - t
    new_keys = emb.keys([c.context_text() for c in new_chunks])
    chunks, keys, all_cards, check, ids = _merge(old, docs, fresh, new_chunks, new_keys, cards)
    data = IndexData({}, dict(docs), chunks, _vectors(settings, emb, chunks, ids, check), Lexical([], []),
                     list(tokenizer.terms), keys, all_cards)
    emb.timings["embedded"], emb.timings["retokenized"] = emb.computed, len(new_chunks)
    model, dim = emb.embedder.model_name, emb.embedder.dim
    kept = {i: m["hash"] for i, m in old.manifest.get("documents", {}).items() if i not in fresh and "hash" in m}
    data.manifest = make_manifest(model, dim, {"max_chars": settings.chunk_max_chars,
                                               "min_chars": settings.chunk_min_chars}, data.documents, chunks, kept)
    for i, ts in terms_of.items():
        data.manifest["documents"][i]["terms"] = ts
    return data


def _cards_by_hash(old: IndexData) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for card in old.cards:
        out.setdefault(card.get("doc_hash", ""), []).append(card)
    return out


def _merge(old: IndexData, docs: dict[str, Document], fresh: set[str], new_chunks: list[Chunk],
           new_keys: list[str], new_cards: dict[str, list[dict]]):
    """Chunks, keys and cards of every document in `docs` order (the live version's for the
    documents not re-read), the rows that are new, and every row's vector id."""
    old_ids = getattr(old.vectors, "row_ids", None)
    if not isinstance(old_ids, list) or len(old_ids) != len(old.chunks):
        old_ids = [row_id(c.chunk_id, k) for c, k in zip(old.chunks, old.embed_keys)]
    new_ids = [row_id(c.chunk_id, k) for c, k in zip(new_chunks, new_keys)]
    spans: dict[str, list[tuple[list, list, list, int, int]]] = {}  # doc id -> runs of its rows (one,
    # in practice: a document's chunks are contiguous), copied as slices rather than row by row
    for cs, ks, rs, skip in ((old.chunks, old.embed_keys, old_ids, fresh), (new_chunks, new_keys, new_ids, ())):
        at = 0
        for i, n in _runs(cs, old if cs is old.chunks else None):
            if i not in skip:
                spans.setdefault(i, []).append((cs, ks, rs, at, at + n))
            at += n
    old_cards: dict[str, list[dict]] = {}
    for card in old.cards:
        old_cards.setdefault(card.get("doc_id", ""), []).append(card)
    chunks, keys, cards, check, ids = [], [], [], [], []
    for i in docs:
        for cs, ks, rs, a, b in spans.get(i, ()):
            if i in fresh:
                check += range(len(chunks), len(chunks) + b - a)
            chunks += cs[a:b]
            keys += ks[a:b]
            ids += rs[a:b]
        cards += new_cards.get(i, []) if i in fresh else old_cards.get(i, [])
    return chunks, keys, cards, check, ids


def _runs(chunks: list[Chunk], old: IndexData | None) -> list[tuple[str, int]]:
    """(document, chunk count) of each run of `chunks`: for the live version, from its manifest
    (its rows are each document's chunks in document order, assistant/store/library.py), so the
    library's rows are not walked one by one; else by grouping."""
    if old is not None:
        counts = old.manifest.get("documents", {})
        runs = [(i, counts.get(i, {}).get("chunks", -1)) for i in old.documents]
        if all(n >= 0 for _, n in runs) and sum(n for _, n in runs) == len(chunks):
            return runs
    return [(i, sum(1 for _ in run)) for i, run in groupby(chunks, key=attrgetter("doc_id"))]


def _vectors(settings: Settings, emb: Embedding, chunks: list[Chunk], ids: list[str], check: list[int]):
    """The library's vector store over every row; only the new rows are looked up and embedded."""
    t = time.perf_counter()
    model, dim = emb.embedder.model_name, emb.embedder.dim
    store = new_store(settings, dim, len(chunks), ids, model)
    store.check = check
    texts = {i: chunks[i].context_text() for i in check}
    emb.computed += fill(store, lambda rows, st: emb.vectors([texts[i] for i in rows], st), emb._step())
    emb.timings["embed"] = emb.timings.get("embed", 0) + time.perf_counter() - t
    return store
