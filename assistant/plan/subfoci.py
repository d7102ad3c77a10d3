"""The foci a topic states in its own words (…，重点是防养老诈骗和赡养纠纷): a draft with no measure
on one of them says so and what to add (cadre review 31: 防养老诈骗 was dropped without a word)."""
from __future__ import annotations

from .spoken import written


def stated_foci(topic: str) -> list[str]:
    """The topic's stated sub-foci, in order (重点是A和B → [A, B]); [] when it states none. One parser
    for them: spoken.written, which also titles the request."""
    return list(written(topic).focus)


def uncovered(foci: list[str], texts: list[str], words, share: float) -> list[str]:
    """The foci no measure covers: fewer than `share` of a focus's words (words: a function, the
    plan's Scorer.words) in any one measure's text, title or precedent."""
    out = []
    for f in foci:
        fw = set(words(f))
        if fw and not any(len(fw & set(words(t))) / len(fw) >= share for t in texts):
            out.append(f)
    return out
