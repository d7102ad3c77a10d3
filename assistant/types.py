"""Public result types: Hit, Citation, Answer. Citations are data, never pasted strings."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Hit:
    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    score: float
    start: int
    end: int
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Citation:
    n: int
    chunk_id: str
    doc_id: str
    title: str
    section: str
    quote: str  # == document.text[start:end]
    start: int
    end: int
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    question: str
    text: str  # with [n] markers
    citations: list[Citation] = field(default_factory=list)
    found: bool = True
    mode: str = "extractive"
    notice: str = ""  # e.g. an LLM endpoint that failed and was bypassed
    unverified: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["citations"] = [c.to_dict() for c in self.citations]
        return d
