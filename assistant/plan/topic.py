"""Topic understanding: what a cadre types (“进一步加强社区协商议事工作”) → the core topic and
its variants to search with. The word lists are data (topics.json), not code."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("topics.json")
_JOINERS = {"和", "与", "及", "并", "、"}


@functools.cache
def _lists() -> tuple[frozenset[str], tuple[str, ...], tuple[tuple[str, ...], ...]]:
    d = json.loads(DATA.read_text(encoding="utf-8"))
    suffixes = tuple(sorted(d["suffixes"], key=len, reverse=True))
    return frozenset(d["verbs"]), suffixes, tuple(tuple(g) for g in d["synonyms"])


@dataclass(frozen=True)
class Topic:
    text: str  # as the user gave it (plan suffix removed): the plan's title uses it
    core: str  # without leading verbs and trailing 工作: what is searched for
    variants: tuple[str, ...]  # core first, then core with each synonym swapped in


def strip_verbs(text: str, cut) -> str:
    """Leading verbs (加强/推进/进一步…) and trailing 工作/方案 removed, by whole words."""
    verbs, suffixes, _ = _lists()
    toks = [t for t in cut(text) if t.strip()]
    i = 0
    while i < len(toks) - 1 and (toks[i] in verbs or (i and toks[i] in _JOINERS and toks[i - 1] in verbs)):
        i += 1
    core = "".join(toks[i:]).strip("“”\"' ")
    for s in suffixes:
        if core.endswith(s) and len(core) - len(s) >= 2:
            core = core[: -len(s)].rstrip("的")
            break
    return core.replace("“", "").replace("”", "") or text


def variants(core: str) -> tuple[str, ...]:
    """The core and, per synonym group that occurs in it, the core with each other member."""
    out = [core]
    for group in _lists()[2]:
        hit = next((w for w in sorted(group, key=len, reverse=True) if w in core), None)
        if hit:
            out += [core.replace(hit, w) for w in group if w != hit]
    return tuple(dict.fromkeys(out))


def understand(text: str, cut) -> Topic:
    core = strip_verbs(text, cut)
    return Topic(text, core, variants(core))
