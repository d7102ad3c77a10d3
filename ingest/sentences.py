"""Chinese sentence splitting with exact character spans."""
from __future__ import annotations

import re

# A sentence ends at 。！？；!?; (or ……), plus any closing quotes/brackets right after it.
_END = re.compile(r"(?:……|[。！？!?；;])[”’」』）)]*")


def sentence_spans(text: str, start: int = 0, end: int | None = None,
                   hard_max: int = 0) -> list[tuple[int, int]]:
    """Spans (s, e) of sentences in text[start:end]; leading spaces/newlines are skipped.

    With hard_max > 0, a sentence longer than that is cut at the last comma before the
    limit, or at the limit itself when there is no comma (text with no punctuation).
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _END.finditer(text, start, end):
        _add(text, pos, m.end(), spans, hard_max)
        pos = m.end()
    _add(text, pos, end, spans, hard_max)
    return spans


def _add(text: str, s: int, e: int, spans: list, hard_max: int) -> None:
    while s < e and text[s] in " \n\t":
        s += 1
    while e > s and text[e - 1] in " \n\t":
        e -= 1
    if s >= e:
        return
    while hard_max and e - s > hard_max:
        window = text[s:s + hard_max]
        cut = max(window.rfind("，"), window.rfind(","), window.rfind("、"))
        cut = s + cut + 1 if cut > hard_max // 3 else s + hard_max
        spans.append((s, cut))
        s = cut
    spans.append((s, e))

