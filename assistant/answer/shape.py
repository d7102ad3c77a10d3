"""The shape of a candidate text: how many items the list it states has."""
from __future__ import annotations

import re

_QUOTED_ITEM = re.compile(r"“([^“”]{1,24})”")
_LIST = re.compile(r"(?:[^、，。；]{2,16}、){2,}[^、，。；]{2,16}")
# “经济上供养、生活上照料和精神上慰藉”: the last item joined by a conjunction, not a 、
_CONJ_LIST = re.compile(r"(?:[^、，。；]{2,16}、)+[^、，。；]{2,16}?(?:以及|或者|和|及|与)[^、，。；]{2,16}")


def list_size(text: str) -> int:
    """Items in the longest list the sentence states: 、-separated (the last item may follow
    和/及/与), or quoted terms (“共建联建型”“融合互助型”…)."""
    best = max((m.group(0).count("、") + 1 for m in _LIST.finditer(text)), default=0)
    best = max([best] + [m.group(0).count("、") + 2 for m in _CONJ_LIST.finditer(text)])
    quoted = _QUOTED_ITEM.findall(text)
    return max(best, len(quoted) if len(quoted) >= 2 else 0)
