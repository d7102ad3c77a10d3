"""The narrow, read-only view of one index version that the features (method cards, plans,
quizzes, generative answers) work from: documents, chunks, cards, hybrid and dense search,
IDF, the tokenizer and the embedder, and the settings. Nothing else of the Assistant.

`Assistant.library()` takes one view under its lock, so a feature sees one consistent
version even while an ingest swaps it. Features accept an Assistant too (`view_of`), so
`draft(kb, …)` and `draft(kb.library(), …)` are the same call.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: features import this module at CLI start
    import numpy as np

    from ingest.model import Chunk, Document
    from ingest.tokenize import ChineseTokenizer

    from .index import IndexData
    from .retrieve import HybridRetriever, Scored
    from .settings import Settings


@dataclass(frozen=True)
class LibraryView:
    settings: Settings
    data: IndexData  # identity only: the key of per-version caches (quiz pools); do not read through it
    documents: Mapping[str, Document]
    chunks: Sequence[Chunk]  # the index version's own list, not a copy: read it, never change it
    cards: Sequence[dict]
    tokenizer: ChineseTokenizer
    embedder: object
    _retriever: HybridRetriever = field(repr=False)

    @classmethod
    def of(cls, settings: Settings, data: IndexData, tokenizer: ChineseTokenizer, retriever: HybridRetriever,
           embedder) -> "LibraryView":
        # No copies: a view is taken on every ask (method cards), and a large index has 200k chunks.
        return cls(settings, data, MappingProxyType(data.documents), data.chunks,
                   getattr(data, "cards", None) or (), tokenizer, embedder, retriever)

    def scored(self, query: str, k: int = 5) -> list[Scored]:
        """Hybrid search: chunk index, fused score, BM25 and dense similarity."""
        return self._retriever.scored(query, k=k)

    def dense_scores(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Embedding similarities and chunk rows of the k nearest chunks."""
        return self._retriever.dense_scores(query, k)

    def idf(self, word: str) -> float:
        return self._retriever.idf(word)

    def embed_query(self, text: str) -> np.ndarray:
        from .embed import embed_query  # llama-index: not at CLI start

        return embed_query(self.embedder, text)

    def vector(self, row: int) -> np.ndarray | None:
        """The stored vector of chunk row `row`, or None when the store cannot give it back."""
        from .llm.prompt import chunk_vector

        return chunk_vector(self.data, row)

    def document(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        return [c for c in self.chunks if c.doc_id == doc_id]


def view_of(kb) -> LibraryView:
    """The view itself, or an Assistant's current one."""
    return kb if isinstance(kb, LibraryView) else kb.library()
