"""The lexical leg in segments: raw term counts per segment, BM25 statistics over all of them.

bm25s bakes idf and the average length into the scores it stores, so a segment built on its
own would score with its own statistics. A segment here keeps what does not change when
other segments come and go — each chunk's term counts (a CSC matrix, one column per token,
built by bm25s's own CSC builder) and its length — and a `Lexical` over the live segments
scores a query with the global document count, average length and document frequencies
(deleted chunks left out), through bm25s's Lucene idf and term-frequency functions. One
segment with nothing deleted scores exactly as the same chunks split over several.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
from bm25s.scoring import _get_counts_from_token_ids, _score_idf_lucene, _score_tfc_lucene

FILES = ("indptr.npy", "rows.npy", "tf.npy", "lengths.npy", "vocab.json")


@dataclass
class LexSegment:
    """Term counts of one segment's chunks: column `vocab[token]` lists (local chunk, count)."""

    indptr: np.ndarray  # int64, len(vocab) + 1
    rows: np.ndarray  # int32 local chunk numbers
    tf: np.ndarray  # float32 counts
    lengths: np.ndarray  # int32 tokens per chunk
    vocab: dict[str, int]

    @property
    def n_docs(self) -> int:
        return len(self.lengths)

    @classmethod
    def build(cls, token_lists: Iterable[list[str]]) -> "LexSegment":
        vocab: dict[str, int] = {}
        rows, cols, tfs, lengths = [], [], [], []
        for i, toks in enumerate(token_lists):
            ids = [vocab.setdefault(t, len(vocab)) for t in toks or [""]]  # as bm25s: an empty chunk still counts
            voc, tf = _get_counts_from_token_ids(ids, "float32", "int32")
            rows.append(np.full(len(voc), i, np.int32))
            cols.append(voc)
            tfs.append(tf)
            lengths.append(len(ids))
        return cls.from_triples(_cat(rows, np.int32), _cat(cols, np.int32), _cat(tfs, np.float32),
                                np.asarray(lengths, np.int32), vocab)

    @classmethod
    def from_triples(cls, rows, cols, tf, lengths, vocab: dict[str, int]) -> "LexSegment":
        tf, rows, indptr = bm25s.BM25._np_csc(tf, rows, cols, (len(lengths), len(vocab)))
        return cls(indptr.astype(np.int64), rows.astype(np.int32), tf.astype(np.float32), lengths, vocab)

    def postings(self, token: str) -> tuple[np.ndarray, np.ndarray]:
        """(local chunk numbers, counts) of `token`; empty when the segment lacks it."""
        col = self.vocab.get(token)
        if col is None:
            return _EMPTY_I, _EMPTY_F
        lo, hi = self.indptr[col], self.indptr[col + 1]
        return self.rows[lo:hi], self.tf[lo:hi]

    def triples(self, keep: np.ndarray, new_row: np.ndarray, vocab: dict[str, int]):
        """(rows, global columns, counts) of the kept chunks, renumbered by `new_row`, with
        columns renamed into `vocab` (extended in place): the input of a merge."""
        tokens = sorted(self.vocab, key=self.vocab.get)
        col_map = np.asarray([vocab.setdefault(t, len(vocab)) for t in tokens], np.int32)
        cols = np.repeat(np.arange(len(tokens), dtype=np.int32), np.diff(self.indptr))
        ok = keep[self.rows]
        return new_row[self.rows[ok]], col_map[cols[ok]], self.tf[ok]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name in FILES[:4]:
            np.save(folder / name, getattr(self, name[:-4]), allow_pickle=False)
        (folder / "vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "LexSegment":
        arrays = [np.load(folder / name, allow_pickle=False) for name in FILES[:4]]
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        seg = cls(*arrays, vocab)
        if len(seg.indptr) != len(vocab) + 1 or not seg.indptr[-1] == len(seg.rows) == len(seg.tf):
            raise ValueError("lexical segment arrays disagree")
        return seg


_EMPTY_I = np.zeros(0, np.int32)
_EMPTY_F = np.zeros(0, np.float32)


def _cat(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)


class Lexical:
    """BM25 (bm25s's Lucene variant, k1 1.5, b 0.75) over live segments. `row_maps[i]` maps
    segment i's local chunk numbers to rows of the index (-1: deleted)."""

    k1, b = 1.5, 0.75

    def __init__(self, segments: list[LexSegment], row_maps: list[np.ndarray]):
        self.parts = [(s, m) for s, m in zip(segments, row_maps) if s.n_docs]
        self.n_docs = int(sum(int((m >= 0).sum()) for m in row_maps))
        total = sum(int(s.lengths[m >= 0].sum()) for s, m in self.parts)
        self.avg_len = total / self.n_docs if self.n_docs else 1.0
        self._df: dict[str, int] = {}

    def _live(self, token: str):
        for seg, rows in self.parts:
            local, tf = seg.postings(token)
            if len(local):
                row = rows[local]
                ok = row >= 0
                yield row[ok], tf[ok], seg.lengths[local[ok]]

    def df(self, token: str) -> int:
        """Live chunks holding `token`, summed over segments."""
        if token not in self._df:
            self._df[token] = sum(len(r) for r, _, _ in self._live(token))
        return self._df[token]

    def __contains__(self, token: str) -> bool:
        return self.df(token) > 0

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every row for the query tokens (a repeated token counts again, as in bm25s)."""
        out = np.zeros(self.n_docs, np.float64)
        for t in tokens:
            df = self.df(t)
            if not df:
                continue
            idf = _score_idf_lucene(df, self.n_docs)
            for row, tf, length in self._live(t):
                tfc = _score_tfc_lucene(tf.astype(np.float64), length, self.avg_len, self.k1, self.b)
                out[row] += idf * tfc  # a row appears once per token
        return out.astype(np.float32)
