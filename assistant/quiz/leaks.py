"""Cross-item give-aways on one paper (trainer review 59): an item's answer printed by another item's
stem or options. 第4题's key 应当事先告知物业服务企业 stood as 第2题's option A; 第37题's blank
乡镇人民政府（街道办事处）…受理、初审 was stated by 第5、9题's stems; two of 第54题's five 简答 points
stood in 第36题's stem. overlap.near_dup catches give-aways within one document or one figure;
this check holds across the whole paper, whatever the documents."""
from __future__ import annotations

import re

from .echo import WORDS
from .model import BLANK, LETTERS, MULTI, SHORT, SINGLE, keywords
from .verify import norm

_REF = re.compile(r"^(?:【情景】)?[^《]{0,30}《[^》]*》(?:第[^条]{1,8}条规定：)?[，：]?")
_CLAUSE = re.compile(r"[，,；;。？?：:]")
_SENTENCE = re.compile(r"[；;。？?]")
BLANK_MARK = "______"
GENERIC = frozenset(WORDS["generic_pairs"])  # (应当, 工作: a sentence sharing only these says nothing of the clause)


def _bigrams(text: str) -> set[str]:
    t = norm(text)
    return {t[i:i + 2] for i in range(len(t) - 1)}


def _cover(key: str, text: str) -> float:
    """Share of key's character bigrams that text holds."""
    k = _bigrams(key)
    return len(k & _bigrams(text)) / len(k) if k else 0.0


def printed(item) -> list[str]:
    """What a trainee reads of an item, sentence by sentence: its stem without the source it names
    (《…》 titles share words with everything) and its options whole (a figure's options tell nothing)."""
    stem = _REF.sub("", item.stem.replace("【情景】社区工作者在工作中遇到这种情况：", ""))
    stem = re.sub(r"《[^》]*》", "", stem)
    opts = [] if item.check.get("kind") == "number" else list(item.options)
    return [s for s in _SENTENCE.split(stem) if s.strip()] + opts


def _written_keys(item) -> list[str]:
    """A choice item's keyed option texts, a 填空's written key and its other spellings; none for a
    figure (overlap.tells_figure holds those), a 判断 (its key is 正确/错误) or a 简答 (its points)."""
    if item.check.get("kind") == "number":
        return []
    if item.type in (SINGLE, MULTI):
        return [item.options[LETTERS.index(ch)] for ch in item.answer if ch in LETTERS[:len(item.options)]]
    if item.type == BLANK:
        return list(dict.fromkeys([item.answer, *item.accepted]))
    return []


def _blank_context(item) -> set[str]:
    """The bigrams of the clause a 填空's blank stands in, without the blank: what is asked of the key."""
    for s in _SENTENCE.split(_REF.sub("", item.stem)):
        if BLANK_MARK in s:
            clause = next((c for c in _CLAUSE.split(s) if BLANK_MARK in c), s)
            return _bigrams(clause.replace(BLANK_MARK, "|"))
    return set()


def _point_told(point: str, kw: str, texts: list[str], qs) -> bool:
    """Most of a 简答 point's 得分关键词 printed, when it has two or more (one term alone, 签订物业服务合同,
    is a word another rule says too, not the point), or the point's text nearly whole in one sentence."""
    terms = [t for t in kw.split("、") if len(norm(t)) >= 2]
    if len(terms) >= 2 and sum(any(norm(t) in norm(x) for x in texts) for t in terms) * 2 > len(terms):
        return True
    text = point[3:].split("”")[0] if point.startswith("答出“") else point
    return len(norm(text)) >= qs.leak_long and any(_cover(text, x) >= qs.leak_cover for x in texts)


def tells(a, b, qs) -> bool:
    """a's stem or options print b's answer: a long key (a 情景's consequence) nearly whole, a short
    one (a body's name) beside words of the clause b asks it for, or most key terms of enough of a
    简答's points."""
    if a is b:
        return False
    texts = printed(a)
    if b.type == SHORT:
        told = sum(_point_told(p, kw, texts, qs) for p, kw in zip(b.points, keywords(b.points)))
        return told >= qs.leak_points
    for key in _written_keys(b):
        k = norm(key)
        if len(k) < 2:
            continue
        context = _blank_context(b) - GENERIC - _bigrams(k)  # (调解 of 人民调解委员会 says nothing of the clause)
        if b.type != BLANK and len(k) >= qs.leak_long and any(_cover(k, x) >= qs.leak_cover for x in texts):
            return True
        if b.type == BLANK and any(k in norm(x) and len(context & _bigrams(x)) >= qs.leak_context for x in texts):
            return True
    return False


def leaking(item, items: list, qs) -> bool:
    """item tells, or is told by, an item already on the paper (the later of the two is not taken)."""
    return any(tells(item, o, qs) or tells(o, item, qs) for o in items)


def pairs(items: list, qs) -> list[tuple[int, int]]:
    """(teller, told) item numbers (1-based) of every leaking pair on a paper."""
    return [(i, j) for i, a in enumerate(items, 1) for j, b in enumerate(items, 1) if tells(a, b, qs)]
