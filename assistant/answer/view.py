"""The narrow, read-only view of one index version that answers are built from.

Strategies see search, IDF, word cutting, chunks and documents, nothing else: not the
retriever's internals, not the Assistant. One view is taken under the Assistant's lock, so
a question is answered from one consistent version even while an ingest swaps it.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ingest.model import Chunk, Document

from ..retrieve import HybridRetriever, Scored, rewrite_query, strip_question


@dataclass(frozen=True)
class IndexView:
    _retriever: HybridRetriever
    documents: Mapping[str, Document]
    chunks: tuple[Chunk, ...]

    @classmethod
    def of(cls, retriever: HybridRetriever, documents: dict[str, Document]) -> "IndexView":
        return cls(retriever, MappingProxyType(documents), tuple(retriever.data.chunks))

    def scored(self, query: str, k: int = 5) -> list[Scored]:
        """Hybrid search: chunk index, fused score, BM25 and dense similarity."""
        return self._retriever.scored(query, k=k)

    def idf(self, word: str) -> float:
        return self._retriever.idf(word)

    def cut(self, text: str) -> list[str]:
        return self._retriever.tokenizer.cut(text)

    def content_words(self, text: str) -> list[str]:
        return self._retriever.tokenizer.content_words(text)

    def question_words(self, question: str) -> list[str]:
        """The words of a question that carry its topic (question framing stripped). A word that
        neither the library's index nor the dictionary knows is a fragment jieba made up from
        spoken wording (考了, 我该): it would weigh as the rarest word of all."""
        words = self.content_words(strip_question(rewrite_query(question)))
        known = [w for w in words if w in self._retriever.data.lexical
                 or self._retriever.tokenizer.in_dictionary(w)]
        return known or words

    def holder(self, chunk: Chunk, start: int, end: int) -> Chunk:
        """The chunk of chunk's document that holds text[start:end] (a heading line may sit in
        the previous chunk's text); chunk itself when none does (headings outside all chunks)."""
        for c in self._retriever.data.chunks:  # chunks of a document are stored together
            if c.doc_id == chunk.doc_id and c.start <= start and end <= c.end:
                return c
        return chunk

    def text(self, chunk: Chunk) -> str:
        return self.documents[chunk.doc_id].text

    def instruction_like(self, texts: list[str]) -> list[bool]:
        """Which texts hold a sentence that reads as an instruction to a model
        (assistant.injection): such text is masked for the model and never quoted."""
        from ingest.sentences import sentence_spans

        from ..injection import detector_for

        det = detector_for(self._retriever.embedder)
        parts = [[t[a:b] for a, b in sentence_spans(t)] or [t] for t in texts]
        flags = iter(det.flags([p for ps in parts for p in ps]))
        return [any([next(flags) for _ in ps]) for ps in parts]
