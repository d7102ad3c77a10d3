"""Private persons' names in a precedent are never reprinted (cadre review 35: a community report's
quote named two poor residents and one's illness). A name is a 2-3 character word jieba tags nr,
opening with a common surname, near a word about a resident or someone helped or ill, and not
introduced by an office or a byline (社区党委书记俞复玲, 作者：周胜强: public roles, printed as
written). Only printed text is masked (李德明 → 李某某): citations keep the exact source span."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

WORDS = json.loads(Path(__file__).with_name("privacy_words.json").read_text(encoding="utf-8"))
NOTE = "（引文中的个人姓名已隐去）"
_SENTENCE = re.compile(r"[。！？；!?;\n]")


def _common(word: str) -> bool:
    """A word of the dictionary that jieba also tags nr (康复, 申请人), not a name."""
    import jieba

    if len(word) == 3:
        return word[-1] in WORDS["word_ends"] or (jieba.dt.FREQ.get(word[1:]) or 0) >= WORDS["common_freq"]
    return (jieba.dt.FREQ.get(word) or 0) >= WORDS["common_freq"]


def _public(before: str) -> bool:
    """The name follows an office or byline word (书记俞复玲, 记者 黄合, 作者:周胜强)."""
    tail = before.rstrip(" :：　\t")
    return any(tail.endswith(r) for r in WORDS["public_roles"])


def _private_cue(text: str, start: int, end: int) -> bool:
    w = WORDS["window"]
    left = _SENTENCE.split(text[max(0, start - w):start])[-1]
    right = _SENTENCE.split(text[end:end + w])[0]
    return any(c in left or c in right for c in WORDS["private_cues"])


@functools.cache
def private_names(text: str) -> tuple[str, ...]:
    """The private persons' names the text gives, in order of first mention."""
    from .practice import pos_tags

    out, pos = [], 0
    for word, flag in pos_tags(text):
        start, pos = pos, pos + len(word)
        if (flag != "nr" or not 2 <= len(word) <= 3 or word[0] not in WORDS["surnames"] or word in out
                or _common(word) or _public(text[max(0, start - 12):start])):
            continue
        if _private_cue(text, start, pos):
            out.append(_whole(text, word, pos))
    return tuple(out)


def _whole(text: str, word: str, end: int) -> str:
    """A two-character name with the character jieba cut off (李德 of 李德华致电)."""
    nxt = text[end:end + 1]
    return word + nxt if len(word) == 2 and "\u4e00" <= nxt <= "\u9fff" and nxt not in WORDS["name_follows"] else word


def masked(name: str) -> str:
    return name[0] + WORDS["mask"] * (len(name) - 1)


def mask(text: str, names: tuple[str, ...] | None = None) -> str:
    """The text with every mention of the private names (its own, or `names`) masked."""
    for n in sorted(private_names(text) if names is None else names, key=len, reverse=True):
        text = text.replace(n, masked(n))
    return text
