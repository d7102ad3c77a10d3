"""Hybrid retrieval: jieba+BM25 and dense vectors, fused by a min-max blend (or RRF)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from ingest.model import Chunk
from ingest.numerals import cn_to_int
from ingest.tokenize import ChineseTokenizer, normalize_query

from .embed import embed_query
from .index import IndexData
from .question_words import alternatives
from .short_forms import full_names, short_names

_ARITH = re.compile(r"([零〇一二两三四五六七八九十\d]+)\s*(?:加|\+)\s*([零〇一二两三四五六七八九十\d]+)")
_QWORDS = re.compile(rf"({alternatives('filler')})[？?。！!]*")  # deictics (这次, 那些) too: they carry no topic


def rewrite_query(q: str) -> str:
    """General query rewriting: full-width to ASCII, spoken arithmetic ("四加一") to "4+1",
    short forms to full names (业委会 → 业主委员会, assistant.short_forms)."""
    q = full_names(normalize_query(q))

    def arith(m):
        a, b = cn_to_int(m.group(1)), cn_to_int(m.group(2))
        return f"{a}+{b}" if a is not None and b is not None else m.group(0)

    return _ARITH.sub(arith, q)


_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")  # 能不能/有没有/收不收: asks whether, the verb stays


def strip_question(q: str) -> str:
    return _QWORDS.sub(" ", _A_NOT_A.sub(r"\1", q)).strip() or q


@dataclass
class Scored:
    idx: int
    score: float
    bm25: float
    dense: float


class HybridRetriever(BaseRetriever):
    """llama-index retriever over our index; `scored()` keeps per-leg scores."""

    def __init__(self, data: IndexData, embedder, tokenizer: ChineseTokenizer,
                 fusion: str = "minmax", dense_weight: float = 0.5, candidates: int = 50):
        super().__init__()
        self.data, self.embedder, self.tokenizer = data, embedder, tokenizer
        self.fusion, self.w, self.candidates = fusion, dense_weight, candidates

    def idf(self, token: str) -> float:
        n = max(len(self.data.chunks), 1)
        return math.log(1 + n / (self.data.lexical.df(token) + 0.5))

    def bm25_scores(self, query: str) -> np.ndarray:
        """BM25 over every segment with global statistics (assistant.lexical)."""
        toks = [t for t in self.tokenizer(strip_question(query)) if t in self.data.lexical]
        return self.data.lexical.scores(toks)

    def dense_scores(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        if self.data.vectors.ntotal == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        return self.data.vectors.search(embed_query(self.embedder, query), k)  # assistant.vectors

    def scored(self, query: str, k: int = 5) -> list[Scored]:
        query = rewrite_query(query)
        c = max(self.candidates, k)
        bm = self.bm25_scores(" ".join([query, *short_names(query)]))  # passages may use either
        top_bm = np.argsort(-bm)[:c]
        top_bm = top_bm[bm[top_bm] > 0]
        d_scores, d_ids = self.dense_scores(query, c)
        dense = dict(zip(d_ids.tolist(), d_scores.tolist()))
        lex = {int(i): float(bm[i]) for i in top_bm}
        fused = fuse(lex, dense, self.fusion, self.w)
        order = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        return [Scored(i, fused[i], lex.get(i, float(bm[i]) if len(bm) else 0.0),
                       dense.get(i, 0.0)) for i in order]

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        out = []
        for s in self.scored(query_bundle.query_str, k=10):
            c: Chunk = self.data.chunks[s.idx]
            node = TextNode(id_=c.chunk_id, text=c.text,
                            metadata={"doc_id": c.doc_id, "section": c.section,
                                      "start": c.start, "end": c.end})
            out.append(NodeWithScore(node=node, score=s.score))
        return out


def fuse(lex: dict[int, float], dense: dict[int, float], method: str, w: float) -> dict[int, float]:
    """Min-max blend: w*dense + (1-w)*bm25, each normalized over its own candidates."""
    if method == "rrf":
        out: dict[int, float] = {}
        for leg in (lex, dense):
            for rank, i in enumerate(sorted(leg, key=lambda i: -leg[i])):
                out[i] = out.get(i, 0.0) + 1.0 / (60 + rank + 1)
        return out
    nl, nd = _minmax(lex), _minmax(dense)
    return {i: w * nd.get(i, 0.0) + (1 - w) * nl.get(i, 0.0) for i in set(lex) | set(dense)}


def _minmax(scores: dict[int, float]) -> dict[int, float]:
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi - lo < 1e-9:
        return {i: 1.0 for i in scores}
    return {i: (v - lo) / (hi - lo) for i, v in scores.items()}
