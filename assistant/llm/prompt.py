"""Retrieved chunks -> keyed, fenced sources -> chat messages. Document text is data: it is
fenced, it cannot close its fence, and sentences that read as instructions to a model are
masked before the model (or the verifier) sees them."""
from __future__ import annotations

import re

import numpy as np

from ingest.model import place_label

from .. import prompts
from ..injection import InstructionDetector, mask_instructions
from .verify import Source

__all__ = ["mask_instructions", "make_sources", "render_sources", "answer_messages", "fence_text", "chunk_vector"]

_FENCE = re.compile(r"</?\s*资料[^>]*>")


def fence_text(text: str) -> str:
    """Document text that cannot open or close a <资料> fence."""
    return _FENCE.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)


def chunk_vector(data, row: int):
    """The stored passage vector of a chunk row, or None when the store cannot give it back
    (e.g. Milvus): the verifier then decides on lexical evidence alone."""
    data = getattr(data, "data", data)  # a LibraryView: its index version
    index = getattr(data.vectors, "index", data.vectors)  # FaissStore wraps a faiss index
    if not hasattr(index, "reconstruct") or not 0 <= row < index.ntotal:
        return None
    try:
        return np.asarray(index.reconstruct(int(row)), dtype=np.float32)
    except RuntimeError:  # e.g. a FAISS IVF index without a direct map
        return None


def make_sources(data, scored: list, prefix: str = "S", detector: InstructionDetector | None = None) -> list[Source]:
    """Sources S1..Sn for retrieved chunks (assistant.retrieve.Scored), with index vectors;
    sentences that read as instructions (assistant.injection, `detector`) are masked."""
    out = []
    for i, s in enumerate(scored, 1):
        c = data.chunks[s.idx]
        doc = data.documents[c.doc_id]
        text = mask_instructions(c.text, detector)
        # The stored vector embeds the unmasked text: useless as evidence once we masked it.
        vec = chunk_vector(data, s.idx) if text == c.text else None
        meta = {k: doc.meta.get(k) for k in ("place", "date", "doc_type", "source")}
        meta["place_label"] = place_label(doc.meta.get("place", {}))
        out.append(Source(f"{prefix}{i}", text, doc.title, c.section, vec, c, meta))
    return out


def render_sources(sources: list[Source]) -> str:
    blocks = []
    for s in sources:
        head = prompts.SOURCE_OPEN.format(key=s.key, title=fence_text(s.title).replace('"', "'"))
        where = f"（章节：{fence_text(s.section)}）\n" if s.section and s.section != s.title else ""
        blocks.append(f"{head}\n{where}{fence_text(s.text)}\n{prompts.SOURCE_CLOSE}")
    return "\n\n".join(blocks)


def answer_messages(question: str, sources: list[Source]) -> list:
    from llama_index.core.llms import ChatMessage

    user = prompts.LLM_USER.format(sources=render_sources(sources), question=question)
    return [ChatMessage(role="system", content=prompts.LLM_SYSTEM), ChatMessage(role="user", content=user)]
