"""A cheap lexical negation check. A sentence that negates what its cited source says
(source "已建立议事制度", answer "未建立议事制度") shares almost every word with the source, so
neither the term overlap nor the embedding notices. Each word gets a negation level on both
sides: 1 right after a negator (未 建立), 2 one word further (未 及时 建立), 0 otherwise. A key
word the sentence shares with its sources contradicts them when the sentence negates it
directly where the sources never negate it, or the reverse; level 2 matches either, so an
inserted word (未发生一起事故 / 未发生事故) is not taken for a change of meaning.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# Words that negate (or forbid) what follows them. Words that merely start with a negation
# character (不断, 不仅, 不同, 未来, 无论, 非常) are separate jieba tokens and are not here.
NEGATORS = frozenset("""不 未 没 没有 无 非 不再 尚未 并未 从未 未曾 未能 不能 不会 无法 并非 不是 并不
从不 绝不 决不 毫无 不曾 没能 未经 不得 禁止 严禁 不要 无须 无需 不必 不用 不予 未予 勿""".split())
SCOPE = 2  # a negator governs this many following words of its clause (未 及时 建立)
_PREFIX = "不未没无非"  # 不规范 = 不 + 规范, 非公有制 = 非 + 公有制, when the rest is a word
_CLAUSE_END = re.compile(r"[，。；：！？、,.;:!?\n“”\"（）()《》【】\[\]]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _jieba():
    import jieba

    return jieba


def marked_words(text: str) -> list[tuple[str, int]]:
    """(word, negation level) for each word of text, in order."""
    jb = _jieba()
    out: list[tuple[str, int]] = []
    since = SCOPE + 1  # words since the last negator of this clause
    for tok in jb.lcut(unicodedata.normalize("NFKC", text), HMM=False):  # HMM glues 内未
        if _CLAUSE_END.fullmatch(tok) or not tok.strip():
            since = SCOPE + 1
        elif tok in NEGATORS:
            since = 0
        elif len(tok) >= 3 and tok[0] in _PREFIX and jb.dt.FREQ.get(tok[1:]):
            out.append((tok[1:], 1))  # the negation is part of this word only
            since += 1
        else:
            since += 1
            out.append((tok, since if since <= SCOPE else 0))
    return out


def _contexts(text: str) -> list[tuple[str, int, str, str]]:
    """(word, level, previous key word, next key word) for each word of text."""
    words = marked_words(text)
    keys = [i for i, (w, _) in enumerate(words) if _key(w)]  # neighbours skip 了, 的, 已
    out = []
    for j, i in enumerate(keys):
        prev = words[keys[j - 1]][0] if j else ""
        nxt = words[keys[j + 1]][0] if j + 1 < len(keys) else ""
        out.append((words[i][0], words[i][1], prev, nxt))
    return out


@functools.lru_cache(maxsize=256)
def _occurrences(text: str) -> dict[str, list[tuple[int, str, str]]]:
    """word -> (level, previous, next) of each place text has it (sources are shared by
    every sentence of an answer, so this is cached)."""
    seen: dict[str, list[tuple[int, str, str]]] = {}
    for w, lv, prev, nxt in _contexts(text):
        seen.setdefault(w, []).append((lv, prev, nxt))
    return seen


def _key(word: str) -> bool:
    return len(word) >= 2 and bool(_HAN.search(word))


def contradicted(sentence: str, evidence: list[str]) -> list[str]:
    """Key words of the sentence negated directly where the evidence never negates them, or
    not negated where the evidence always negates them directly. The evidence places that
    share a neighbouring word with the sentence's are compared when there are any (建立 in
    "已建立统筹协调制度", not in another clause's "未及时建立台账"). Words the evidence lacks are
    the overlap check's business, not this one's."""
    occ: dict[str, list[tuple[int, str, str]]] = {}
    for text in evidence:
        for w, places in _occurrences(text).items():
            occ.setdefault(w, []).extend(places)
    out = []
    for w, lv, prev, nxt in _contexts(sentence):
        if w not in occ:
            continue
        places = [o for o in occ[w] if o[2] == nxt] or [o for o in occ[w] if o[1] == prev] or occ[w]
        levels = {o[0] for o in places}
        if (lv == 1 and levels == {0}) or (lv == 0 and levels == {1}):
            out.append(w)
    return list(dict.fromkeys(out))
