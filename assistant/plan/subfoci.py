"""The foci a topic states in its own words (…，重点是防养老诈骗和赡养纠纷): a draft with no measure
on one of them says so and what to add (cadre review 31: 防养老诈骗 was dropped without a word)."""
from __future__ import annotations

import re

# What introduces a topic's foci, then the foci joined by 和/、/及/以及/与.
_MARK = re.compile(r"(?:重点是|重点在于|重点为|重点抓|尤其是|特别是|主要是|包括)(?P<f>[^。；;！!？?]+)")
_JOIN = re.compile(r"和|、|及|以及|与|，|,")
_TAIL = re.compile(r"(?:等|等方面|方面|问题|工作)+$")


def stated_foci(topic: str) -> list[str]:
    """The topic's stated sub-foci, in order (重点是A和B → [A, B]); [] when it states none."""
    out: list[str] = []
    for m in _MARK.finditer(topic or ""):
        out += [_TAIL.sub("", x.strip()) for x in _JOIN.split(m.group("f")) if len(x.strip()) >= 2]
    return list(dict.fromkeys(x for x in out if len(x) >= 2))


def uncovered(foci: list[str], texts: list[str], words, share: float) -> list[str]:
    """The foci no measure covers: fewer than `share` of a focus's words (words: a function, the
    plan's Scorer.words) in any one measure's text, title or precedent."""
    out = []
    for f in foci:
        fw = set(words(f))
        if fw and not any(len(fw & set(words(t))) / len(fw) >= share for t in texts):
            out.append(f)
    return out
