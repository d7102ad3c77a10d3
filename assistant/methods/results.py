"""Is a numbered clause near a method a result of it (成效), or a problem statement, a norm or a
description of the place before it? The marker words are data (result_words.json)."""
from __future__ import annotations

import functools
import json
from pathlib import Path

from .spans import sentence_of

WORDS = Path(__file__).with_name("result_words.json")


@functools.cache
def _words() -> dict[str, tuple[str, ...]]:
    d = json.loads(WORDS.read_text(encoding="utf-8"))
    return {k: tuple(d[k]) for k in ("problem", "rule", "baseline", "result")}


def is_result(text: str, start: int, end: int) -> bool:
    """False when text[start:end] states a problem or a norm, or its sentence describes the
    place (下辖7个社区), unless the clause itself says what was achieved (提升到了90%以上)."""
    w = _words()
    clause = text[start:end]
    if any(x in clause for x in w["result"]):
        return True
    if any(x in clause for x in w["problem"] + w["rule"]):
        return False
    s, e = sentence_of(text, start)
    return not any(x in text[s:e] for x in w["baseline"])
