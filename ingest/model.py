"""The data types that flow through every stage: Document and Chunk."""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field


def stable_hash(*parts: object, n: int = 16) -> str:
    """Short sha1 over the parts; the same input always gives the same id."""
    h = hashlib.sha1()
    for p in parts:
        h.update(str(p).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:n]


@dataclass(frozen=True)
class Document:
    """One cleaned document. `text` is the canonical text citations point into."""

    doc_id: str
    title: str
    text: str
    meta: dict = field(default_factory=dict)
    source: str = ""  # file the document came from (relative name)

    @property
    def content_hash(self) -> str:
        return stable_hash(self.title, self.text, sorted(self.meta.items()), n=20)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        return cls(**d)


@dataclass(frozen=True)
class Chunk:
    """A span of a Document: `doc.text[start:end] == text`, always."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    section_path: tuple[str, ...] = ()
    meta: dict = field(default_factory=dict)

    @staticmethod
    def make(doc_id: str, text: str, start: int, end: int,
             section_path: tuple[str, ...] = (), meta: dict | None = None) -> "Chunk":
        cid = stable_hash(doc_id, start, end, text)
        return Chunk(cid, doc_id, text, start, end, tuple(section_path), dict(meta or {}))

    @property
    def section(self) -> str:
        return " › ".join(self.section_path)

    def context_text(self) -> str:
        """Text used for retrieval: heading path as context, then the chunk."""
        return f"{self.section}\n{self.text}" if self.section_path else self.text

    def to_dict(self) -> dict:
        d = asdict(self)
        d["section_path"] = list(self.section_path)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Chunk":
        d = dict(d)
        d["section_path"] = tuple(d.get("section_path", ()))
        return cls(**d)


# An anonymised name (四川省xxx, **社区, ×× 街道, 某社区) is not a place to print.
PLACEHOLDER = re.compile(r"[xX×＊*○〇]{2,}|某")


def place_label(place: object) -> str:
    """'上海市黄浦区五里桥街道' from a place dict, most general first; repeated levels once;
    anonymised levels left out."""
    if isinstance(place, str):
        return "" if PLACEHOLDER.search(place) else place
    if not isinstance(place, dict):
        return ""
    parts: list[str] = []
    for key in ("province", "city", "district", "street", "community"):
        v = str(place.get(key) or "").strip()
        if v and v not in parts and not PLACEHOLDER.search(v):
            parts.append(v)
    return "".join(parts)


class IngestError(Exception):
    """A file that cannot be ingested. `reason` is user-facing Chinese text."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
