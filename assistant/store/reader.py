"""What an app server holds of the Milvus library, kept up to date without rebuilding it.

The lexical leg is a list of parts, Lucene-style: the part built when the library was first
read, plus one small part per version that added or changed documents. A document lives in
exactly one part (`_Cache.home`); its older copies stay in their part, masked out by the row
maps (-1), until a merge folds the parts together from their term counts (no tokenizing).
`assistant.lexical.Lexical` sums the global statistics over the live rows at query time, so
the scores are exactly those of one part built from every live chunk.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ingest.model import Chunk, Document

from ..lexical import Lexical, LexSegment


@dataclass
class LexPart:
    """One segment of the lexical leg: the chunks of `spans`' documents, in that order."""

    seg: LexSegment
    spans: dict[str, tuple[int, int]]  # doc id -> (first local row, chunks)


@dataclass
class _Cache:
    """What a process already holds of the library, to fetch only what a new version adds."""

    version: int = 0
    terms_hash: str = ""
    docs: dict[str, tuple[str, Document]] = field(default_factory=dict)  # id -> (blob key, doc)
    rows: dict[str, list[tuple[Chunk, str, str]]] = field(default_factory=dict)  # doc id -> (chunk,
    # embed key, row id) by ord, parsed once
    cards: dict[str, list[dict]] = field(default_factory=dict)  # blob key -> cards
    terms: list[str] = field(default_factory=list)
    parts: list[LexPart] = field(default_factory=list)
    home: dict[str, int] = field(default_factory=dict)  # doc id -> the part holding its live copy


def new_part(order: list[str], tokens: dict[str, list[list[str]]]) -> LexPart:
    """A part over the documents `order` (their chunks' terms in `tokens`, by ord)."""
    spans, lists, at = {}, [], 0
    for i in order:
        spans[i] = (at, len(tokens[i]))
        lists += tokens[i]
        at += len(tokens[i])
    return LexPart(LexSegment.build(lists), spans)


def update_parts(old: _Cache, new: _Cache, order: list[str], tokens: dict[str, list[list[str]]],
                 max_parts: int, merge_share: float) -> None:
    """`new.parts`/`new.home`: `old`'s parts with the documents of `tokens` (new or changed) in
    one more part, parts left with no live document dropped, merged past the thresholds."""
    live = set(order)
    home = {i: p for i, p in old.home.items() if i in live and i not in tokens}
    parts = list(old.parts)
    fresh = [i for i in order if i in tokens]
    if fresh:
        home.update((i, len(parts)) for i in fresh)
        parts.append(new_part(fresh, tokens))
    keep = sorted(set(home.values()))
    renumber = {p: n for n, p in enumerate(keep)}
    new.parts = [parts[p] for p in keep]
    new.home = {i: renumber[p] for i, p in home.items()}
    if _should_merge(new.parts, new.home, max_parts, merge_share):
        new.parts, new.home = [merge_parts(new.parts, new.home, order)], {i: 0 for i in new.home}


def _live_rows(part: LexPart, n: int, home: dict[str, int]) -> np.ndarray:
    mask = np.zeros(part.seg.n_docs, bool)
    for i, (lo, cnt) in part.spans.items():
        if home.get(i) == n:
            mask[lo:lo + cnt] = True
    return mask


def _should_merge(parts: list[LexPart], home: dict[str, int], max_parts: int, share: float) -> bool:
    """Past `max_parts` parts, or once the small parts and the dead rows reach `share` of the live."""
    if len(parts) < 2:
        return False
    live = [int(_live_rows(p, n, home).sum()) for n, p in enumerate(parts)]
    dead = sum(p.seg.n_docs for p in parts) - sum(live)
    return len(parts) > max_parts or sum(p.seg.n_docs for p in parts[1:]) + dead >= share * max(sum(live), 1)


def merge_parts(parts: list[LexPart], home: dict[str, int], order: list[str]) -> LexPart:
    """One part with the live rows of `parts`, in `order`, from their term counts."""
    vocab: dict[str, int] = {}
    rows, cols, tfs, lengths, spans, at = [], [], [], [], {}, 0
    for i in order:
        lo, cnt = parts[home[i]].spans[i]
        spans[i] = (at, cnt)
        at += cnt
    for n, p in enumerate(parts):
        keep = _live_rows(p, n, home)
        new_row = np.full(p.seg.n_docs, -1, np.int64)
        for i, (lo, cnt) in p.spans.items():
            if home.get(i) == n:
                new_row[lo:lo + cnt] = np.arange(spans[i][0], spans[i][0] + cnt)
        r, c, f = p.seg.triples(keep, new_row, vocab)
        rows.append(r)
        cols.append(c)
        tfs.append(f)
        lengths.append((new_row[keep], p.seg.lengths[keep]))
    length = np.zeros(at, np.int32)
    for where, vals in lengths:
        length[where] = vals
    seg = LexSegment.from_triples(np.concatenate(rows), np.concatenate(cols), np.concatenate(tfs), length, vocab)
    return LexPart(seg, spans)


def lexical_of(cache: _Cache, offsets: dict[str, int]) -> Lexical:
    """The lexical leg over the live rows; `offsets`: each document's first row in the index."""
    maps = []
    for n, p in enumerate(cache.parts):
        m = np.full(p.seg.n_docs, -1, np.int64)
        for i, (lo, cnt) in p.spans.items():
            if cache.home.get(i) == n:
                m[lo:lo + cnt] = np.arange(offsets[i], offsets[i] + cnt)
        maps.append(m)
    return Lexical([p.seg for p in cache.parts], maps)
