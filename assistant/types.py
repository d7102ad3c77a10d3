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
    unverified: list[str] = field(default_factory=list)  # kept, marked 〔未核实〕 (llm_unsupported=mark)
    dropped: list[str] = field(default_factory=list)  # generated sentences removed as unsupported
    flags: list[str] = field(default_factory=list)  # numbers/names/citation keys the sources lack
    trace: dict = field(default_factory=dict)  # which strategy answered, on what candidates, with what scores

    def to_dict(self) -> dict:
        d = asdict(self)
        d["citations"] = [c.to_dict() for c in self.citations]
        return d


@dataclass
class AskEvent:
    """One step of `Assistant.ask_stream`: "delta" (more text generated), "sentence" (a
    sentence finished and was verified: status ok / dropped / unverified) or "final"."""

    kind: str
    answer: Answer  # the verified answer so far; on "final", the complete answer
    pending: str = ""  # generated text not yet verified (citation keys stripped)
    sentence: str = ""
    status: str = ""
