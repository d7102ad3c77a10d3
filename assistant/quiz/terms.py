"""Whole terms a marker can score a 简答 point by (trainer review 58: 表示, 代表, 了解 and 社会主义 alone
earned a point; 未成年人开拆, 进行检查, 其他情形 were cut-off fragments). A 得分关键词 is a run of the
point's words that opens on a content word, ends on a noun or a verb's object, is no common word, and
holds a word no other point of the item says. Word lists: echo_words.json."""
from __future__ import annotations

import re

from .echo import WORDS

CUTS = frozenset(WORDS["common_words"])  # (no term holds one: 依法进行检查)
COMMON = CUTS | frozenset(WORDS["generic_words"])
FUNCTION = frozenset(WORDS["function_flags"])
OPENS_ONLY = frozenset(WORDS["open_flags"])
TERM_MIN = 3  # shortest keyword (characters): a two-character word alone is a word, not a point
_SEGMENT = re.compile(r"[，；。、：,;:（）()]")
_ENUM_HEAD = re.compile(r"^(?:、[^，；。、]+)+等([^，；。、的]+)")  # (A)、B、C等X: X names what A is


def words(text: str) -> list[tuple[str, str]]:
    import jieba.posseg as pseg  # (its dictionary loads once)

    return [(w.word, w.flag) for w in pseg.cut(text)]


def _opens(word: str, flag: str) -> bool:
    return word not in COMMON and flag not in FUNCTION and not _SEGMENT.fullmatch(word)


def _ends(word: str, flag: str) -> bool:
    return _opens(word, flag) and flag not in OPENS_ONLY and word not in ("的", "等")


def _own(word: str, others: list[str]) -> bool:
    return len(word) >= 2 and word not in COMMON and not any(word in o for o in others)


def is_term(part: str, text: str, others: list[str]) -> bool:
    """Whether `part` is a whole term of `text`: whole words of it, no cut noun compound either side,
    opening and ending as a term does, TERM_MIN characters at least, with a word no other point says."""
    if len(part) < TERM_MIN or part in COMMON:
        return False
    toks, pos, at = words(text), 0, {}
    for k, (w, _) in enumerate(toks):
        at[pos] = k
        pos += len(w)
    at[pos] = len(toks)
    start = text.find(part)
    while start >= 0 and not (start in at and start + len(part) in at and _whole(toks, at[start], at[start + len(part)])):
        start = text.find(part, start + 1)
    if start < 0:
        return False
    inner = words(part)
    return _opens(*inner[0]) and _ends(*inner[-1]) and any(_own(w, others) for w, _ in inner)


def _noun(tok: tuple[str, str]) -> bool:
    return tok[1].startswith("n") or tok[1] == "vn"


def _whole(toks: list[tuple[str, str]], i: int, j: int) -> bool:
    """toks[i:j] cuts no noun compound: no noun right after it (签订物业|服务合同)."""
    return j >= len(toks) or toks[j][0] in CUTS or not _noun(toks[j])  # (依法 is tagged a noun)


def enum_head(part: str, text: str) -> str:
    """The kind an enumeration names after 等 when `part` is only its first member (社会主义、爱国主义…等
    优良传统教育 → 优良传统教育); "" when it names none, or a generic one (…等适合老年人的服务)."""
    at = text.find(part)
    m = _ENUM_HEAD.match(text[at + len(part):]) if at >= 0 else None
    if not m:
        return ""
    head = m.group(1)
    toks = words(head)
    return head if len(head) >= 4 and toks and toks[-1][0] not in COMMON and _ends(*toks[-1]) else ""


def best_term(text: str, others: list[str], most: int) -> str:
    """The point's term with the most words no other point says (a verb and its object first, then
    the longer), at most `most` characters, within a run of content words (no 的, 或者, 进行 inside);
    "" when it has none."""
    toks = words(text)
    best, score = "", None
    for lo, hi in _segments(toks):
        for i in range(lo, hi):
            for j in range(i + 1, hi + 1):
                run = toks[i:j]
                phrase = "".join(w for w, _ in run)
                if len(phrase) > most:
                    break
                if len(phrase) < TERM_MIN or not (_opens(*run[0]) and _ends(*run[-1]) and _whole(toks, i, j)) \
                        or (i > lo and _noun(toks[i - 1]) and _noun(run[0])):
                    continue
                own = sum(len(w) for w, _ in run if _own(w, others))
                s = (own, run[0][1].startswith("v"), len(phrase))
                if own and (score is None or s > score):
                    best, score = phrase, s
    return best


def _segments(toks: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Runs of content words (generic ones too): split at punctuation, function and common words."""
    out, lo = [], 0
    for k, (w, flag) in enumerate(toks + [("。", "x")]):
        if flag in FUNCTION or w in CUTS or _SEGMENT.fullmatch(w):
            out += [(lo, k)] if k > lo else []
            lo = k + 1
    return out
