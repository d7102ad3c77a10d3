"""What an app server holds of the Milvus library, kept up to date without rebuilding it.

The lexical leg is a list of parts, Lucene-style: the part built when the library was first
read, plus one small part per version that added or changed documents. A document lives in
exactly one part (`_Cache.home`); its older copies stay in their part, masked out by the row
maps (-1), until a merge folds the parts together from their term counts (no tokenizing).
`assistant.lexical.Lexical` sums the global statistics over the live rows at query time, so
the scores are exactly those of one part built from every live chunk.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

import numpy as np
from bm25s.scoring import _get_counts_from_token_ids

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
    rows: dict[str, tuple[tuple, tuple, tuple]] = field(default_factory=dict)  # doc id -> its chunks,
    # embed keys and row ids by ord, parsed once
    cards: dict[str, list[dict]] = field(default_factory=dict)  # blob key -> cards
    terms: list[str] = field(default_factory=list)
    parts: list[LexPart] = field(default_factory=list)
    home: dict[str, int] = field(default_factory=dict)  # doc id -> the part holding its live copy
    merge_due: bool = False  # the parts passed the merge thresholds; merged after the version is served


def new_part(order: list[str], tokens: dict[str, list[list[str]]]) -> LexPart:
    """A part over the documents `order` (their chunks' terms in `tokens`, by ord)."""
    b = PartBuilder(order, {i: len(tokens[i]) for i in order})
    for i in order:
        for o, toks in enumerate(tokens[i]):
            b.add(i, o, None, toks)
    return b.part()


class PartBuilder:
    """One part built from chunk rows that arrive in any order, a page at a time: each chunk's
    terms become its (term id, count) arrays at once, so no page's strings outlive the page
    (holding every chunk's term list of a large library took gigabytes)."""

    def __init__(self, order: list[str], counts: dict[str, int]):
        self.spans, at = {}, 0
        for i in order:
            self.spans[i] = (at, counts[i])
            at += counts[i]
        self.lengths = np.zeros(at, np.int32)
        self.vocab: dict[str, int] = {}
        self.rows: dict[str, list] = {i: [None] * counts[i] for i in order}  # by ord: what add() got
        self._bad: set[str] = set()
        self._trip: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def add(self, doc: str, ord_: int, row, tokens: list[str]) -> None:
        lo, cnt = self.spans[doc]
        if not 0 <= ord_ < cnt or self.rows[doc][ord_] is not None:
            self._bad.add(doc)
            return
        ids = [self.vocab.setdefault(t, len(self.vocab)) for t in tokens or [""]]  # as LexSegment.build
        voc, tf = _get_counts_from_token_ids(ids, "float32", "int32")
        self._trip.append((np.full(len(voc), lo + ord_, np.int32), voc, tf))
        self.lengths[lo + ord_] = len(ids)
        self.rows[doc][ord_] = row if row is not None else True

    def complete(self, doc: str) -> bool:
        """Every chunk of `doc` arrived, once."""
        return doc not in self._bad and all(r is not None for r in self.rows[doc])

    def part(self) -> LexPart:
        trip = self._trip
        cat = [np.concatenate([t[k] for t in trip]) if trip else np.zeros(0, np.int32) for k in range(3)]
        seg = LexSegment.from_triples(cat[0], cat[1], cat[2].astype(np.float32), self.lengths, self.vocab)
        return LexPart(seg, self.spans)


def update_parts(old: _Cache, new: _Cache, order: list[str], part: LexPart | None,
                 max_parts: int, merge_share: float, defer: bool = False) -> None:
    """`new.parts`/`new.home`: `old`'s parts with `part` (the new and changed documents, in
    `order`) added, parts left with no live document dropped, merged past the thresholds — or,
    with `defer`, only marked as due (`new.merge_due`: merged by `merged` once the version is
    served) unless past twice `max_parts`."""
    live = set(order)
    fresh = part.spans if part is not None else {}
    home = {i: p for i, p in old.home.items() if i in live and i not in fresh}
    parts = list(old.parts)
    if fresh:
        home.update((i, len(parts)) for i in fresh)
        parts.append(part)
    keep = sorted(set(home.values()))
    renumber = {p: n for n, p in enumerate(keep)}
    new.parts = [parts[p] for p in keep]
    new.home = {i: renumber[p] for i, p in home.items()}
    new.merge_due = _should_merge(new.parts, new.home, max_parts, merge_share)
    if new.merge_due and (not defer or len(new.parts) > 2 * max_parts):
        new.parts, new.home, new.merge_due = [merge_parts(new.parts, new.home, order)], {i: 0 for i in new.home}, False


def merged(cache: _Cache, order: list[str]) -> _Cache:
    """`cache` with its lexical parts merged into one (same version, same scores)."""
    return replace(cache, parts=[merge_parts(cache.parts, cache.home, order)], home={i: 0 for i in cache.home},
                   merge_due=False)


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


def doc_columns(rows: list[tuple[Chunk, str, str]]) -> tuple[tuple, tuple, tuple]:
    """A document's rows as (chunks, embed keys, row ids), joined cheaply into a version's lists."""
    return tuple(zip(*rows)) if rows else ((), (), ())  # type: ignore[return-value]


class SharedStrings(dict):
    """One copy of each string (and heading path) many chunks repeat: document id, title, headings."""

    def __call__(self, x):
        if isinstance(x, str):
            return self.setdefault(x, x)
        if isinstance(x, dict):
            return {self(k): self(v) if isinstance(v, str) else v for k, v in x.items()}
        return x

    def path(self, x: list) -> tuple:
        t = tuple(self(v) for v in x)
        return self.setdefault(t, t)


def parse_row(row: dict, shared: SharedStrings | None = None) -> tuple[Chunk, str, str]:
    d = json.loads(row["chunk"])
    key = d.pop("embed_key")
    if shared is not None:
        d.update(doc_id=shared(d["doc_id"]), meta=shared(d.get("meta", {})),
                 section_path=shared.path(d.get("section_path", ())))
    return Chunk.from_dict(d), key, row["row_id"]
