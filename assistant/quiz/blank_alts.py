"""A written 填空 key's other wordings, and blanks whose slot has several answers (trainer review 75, issue 13).

- Alternatives (“参考答案应加上可接受的写法”): the library's own other wordings of the key: its short form or
  full name (assistant/data/short_forms.json, 业委会 / 业主委员会), and a phrase that fills the same slot in
  another passage (after the same two-character verb the stem puts before the blank: 签订服务协议 / 签订物业
  服务合同 → 服务合同), of the key's length give or take one, sharing exactly one of its two-character ends
  with it (the same kind of thing, 服务协议 / 服务合同; or the same act, 自主行走 / 室内行走), used by
  ALT_DOCS documents at least (a settled wording, not one text's phrase) and never listed beside the key
  (培训情况、评价情况 are two records, not two wordings). The answer sheet prints them as 「可接受：…」.
- Parallel slots (“及时、如实记录志愿者的____” keyed 培训情况, where the same document records 个人基本信息,
  志愿服务情况 and 表彰奖励情况 after the same 志愿者的): a phrase the blank's document puts after the lead's
  last LEAD characters that is listed beside the key somewhere in the library makes the blank ambiguous: it
  is not asked.
"""
from __future__ import annotations

import functools
import re

from .verify import norm

LEAD = 4  # characters of the blank's lead that name its slot (志愿者的)
VERB = 2  # characters before the blank read as the verb whose object another passage words otherwise (签订)
ALT_DOCS = 2  # documents that must use an alternative wording
SIDE = 2  # characters of a key's end two wordings share (服务协议 / 服务合同)
_STOP = re.compile(r"[，。；：、,;:（）()“”《》\s]|的|和|或|及|与|等")
_LIST = re.compile(r"[\u4e00-\u9fff]{2,12}(?:、[\u4e00-\u9fff]{2,12})+")


@functools.lru_cache(maxsize=8)
def _siblings(texts: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Each 、-listed phrase of the library with the phrases listed beside it (the list's ends cut at 的/和)."""
    out: dict[str, set[str]] = {}
    for t in texts:
        for m in _LIST.finditer(t):
            items = [re.split(r"[的和及与等]", p)[-1] if i == 0 else re.split(r"[和及与等]", p)[0]
                     for i, p in enumerate(m.group().split("、"))]
            for p in items:
                out.setdefault(p, set()).update(q for q in items if q != p)
    return {k: frozenset(v) for k, v in out.items()}


def listed_beside(key: str, other: str, texts: tuple[str, ...]) -> bool:
    sib = _siblings(texts)
    return other in sib.get(key, ()) or any(other.startswith(s) or s.endswith(other) for s in sib.get(key, ()) if len(s) >= 2)


def parallel_slot(lead: str, key: str, doc_text: str, texts: tuple[str, ...], ending: bool = False) -> bool:
    """The blank's document fills its slot (the lead's last LEAD characters) with a phrase listed beside the
    key elsewhere (or, with `ending`, ending as the key does): the blank has several defensible answers."""
    slot = norm(lead)[-LEAD:]
    if len(slot) < LEAD or not key:
        return False
    text = norm(doc_text)
    at = text.find(slot)
    while at >= 0:
        run = _STOP.split(text[at + len(slot):at + len(slot) + 16], maxsplit=1)[0]
        if run and not run.startswith(key) and not key.startswith(run) and len(run) >= 2 and (
                listed_beside(key, run, texts) or (ending and run.endswith(key[-SIDE:]))):
            return True  # (ending is the eval's wider count: 工作环境 of another body's duty is no rival to 社区环境)
        at = text.find(slot, at + 1)
    return False


def _short_forms(key: str) -> list[str]:
    from assistant.short_forms import forms

    out = []
    for short, full in forms().items():
        if full in key:
            out.append(key.replace(full, short))
        elif short in key and full not in key:
            out.append(key.replace(short, full))
    return out


def _suffixes(run: str, n: int) -> list[str]:
    """The run's endings of n-1 to n+1 characters that open on a word (jieba) and with no vague word
    (其他用途 is no wording of 商业用途)."""
    from .duty_blank import VAGUE
    from .terms import words

    if len(run) < n - 1:
        return []
    starts, pos = set(), 0
    for w, _ in words(run):
        starts.add(pos)
        pos += len(w)
    return [run[len(run) - k:] for k in (n - 1, n, n + 1) if 0 < k <= len(run) and len(run) - k in starts
            and not run[len(run) - k:].startswith(tuple(VAGUE))]


def _slot_wordings(lead: str, key: str, docs: dict, texts: tuple[str, ...]) -> list[str]:
    verb = norm(lead)[-VERB:]
    if len(verb) < VERB or not re.fullmatch(r"[\u4e00-\u9fff]+", verb) or verb[-1] in "的了和及与、":
        return []
    seen: dict[str, set[str]] = {}
    for doc_id, text in zip(docs, texts):
        at = text.find(verb)
        while at >= 0:
            run = _STOP.split(text[at + VERB:at + VERB + 14], maxsplit=1)[0]
            for x in _suffixes(run, len(key)):  # (modifiers come first: 物业服务合同 → 服务合同)
                if x != key and (x[:SIDE] == key[:SIDE]) != (x[-SIDE:] == key[-SIDE:]):
                    seen.setdefault(x, set()).add(doc_id)
            at = text.find(verb, at + 1)
    return [x for x, ds in seen.items() if len(ds) >= ALT_DOCS and not listed_beside(key, x, texts)
            and key not in x and x not in key]


def alternatives(lead: str, key: str, docs: dict) -> list[str]:
    """The key's other wordings the library uses (see the module's doc), the key itself first."""
    texts, memo = _library(docs)
    at = (norm(lead)[-VERB:], key)
    if at not in memo:
        memo[at] = _slot_wordings(lead, key, docs, texts)
    return list(dict.fromkeys([key, *_short_forms(key), *memo[at]]))


_LIBRARY: dict[int, tuple] = {}  # id(docs) → (docs, normalized texts, alternatives found): the docs object is kept
# and compared, so a new library (after an upload) reusing a freed id never reads the old one's results


def _library(docs: dict) -> tuple[tuple[str, ...], dict]:
    hit = _LIBRARY.get(id(docs))
    if hit is None or hit[0] is not docs:
        hit = _LIBRARY[id(docs)] = (docs, tuple(norm(d.text) for d in docs.values()), {})
    return hit[1], hit[2]


def library_texts(docs: dict) -> tuple[str, ...]:
    """The library's normalized texts, once per document set."""
    return _library(docs)[0]
