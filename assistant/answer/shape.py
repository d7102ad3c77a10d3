"""The shape of a candidate text: how many items the list it states has."""
from __future__ import annotations

import re

_QUOTED_ITEM = re.compile(r"“([^“”]{1,24})”")
_LIST = re.compile(r"(?:[^、，。；]{2,16}、){2,}[^、，。；]{2,16}")


def list_size(text: str) -> int:
    """Items in the longest list the sentence states: 、-separated, or quoted terms
    (“共建联建型”“融合互助型”…)."""
    best = max((m.group(0).count("、") + 1 for m in _LIST.finditer(text)), default=0)
    quoted = _QUOTED_ITEM.findall(text)
    return max(best, len(quoted) if len(quoted) >= 2 else 0)
