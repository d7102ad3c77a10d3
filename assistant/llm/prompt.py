"""Retrieved chunks -> keyed, fenced sources -> chat messages. Document text is data: it is
fenced, it cannot close its fence, and sentences that read as instructions to a model are
masked before the model (or the verifier) sees them."""
from __future__ import annotations

import re

import numpy as np

from ingest.model import place_label
from ingest.sentences import sentence_spans

from .. import prompts
from .verify import Source

# Sentences addressed to a model rather than to a reader ("忽略以上指令…", "ignore previous
# instructions", "你现在是…"). Masking them is defence in depth: the prompt already tells the
# model that fenced text is data, and the verifier drops sentences the sources do not support.
_INJECTION = re.compile(
    r"(?:忽略|无视|忘记|忘掉|不要理会|不要遵守|跳过)(?:掉)?(?:你)?(?:以上|上面|上述|之前|前面|先前|此前|所有|全部|系统)"
    r"|(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding)"
    r"|(?:你|您)(?:现在|从现在起|接下来)(?:是|扮演|作为|必须|只能|只需)"
    r"|(?:系统提示|system\s*prompt|提示词|越狱|jailbreak)"
    r"|(?:请|必须|务必)?(?:只|仅)(?:回答|输出|回复)[：:“\"]"
    r"|(?:改为|改成|改用|换成)(?:英文|英语|其他语言)?(?:回答|输出|回复)"
    r"|(?:你|您)的(?:回答|回复|输出|答案)"
    r"|(?:AI|人工智能|大模型|语言模型|聊天机器人|助手)(?:助手)?[，,]?\s*(?:请|必须|应当|你|您)"
    r"|(?:回答|输出|回复)(?:时|中)?(?:只|仅|必须|一律)"
    r"|不要(?:引用|参考|使用|理会)(?:资料|上述|以上|前面)",
    re.IGNORECASE)
_FENCE = re.compile(r"</?\s*资料[^>]*>")


def mask_instructions(text: str) -> str:
    """Replace every sentence that addresses a model with a fixed placeholder."""
    out, pos = [], 0
    for s, e in sentence_spans(text):
        if _INJECTION.search(text[s:e]):
            out.append(text[pos:s] + prompts.INJECTION_MASK)
            pos = e
    out.append(text[pos:])
    return "".join(out)


def fence_text(text: str) -> str:
    """Document text that cannot open or close a <资料> fence."""
    return _FENCE.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)


def chunk_vector(data, row: int):
    """The stored passage vector of a chunk row, or None when the store cannot give it back
    (e.g. Milvus): the verifier then decides on lexical evidence alone."""
    index = getattr(data.vectors, "index", data.vectors)  # FaissStore wraps a faiss index
    if not hasattr(index, "reconstruct") or not 0 <= row < index.ntotal:
        return None
    try:
        return np.asarray(index.reconstruct(int(row)), dtype=np.float32)
    except RuntimeError:  # e.g. a FAISS IVF index without a direct map
        return None


def make_sources(data, scored: list, prefix: str = "S") -> list[Source]:
    """Sources S1..Sn for retrieved chunks (assistant.retrieve.Scored), with index vectors."""
    out = []
    for i, s in enumerate(scored, 1):
        c = data.chunks[s.idx]
        doc = data.documents[c.doc_id]
        text = mask_instructions(c.text)
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
