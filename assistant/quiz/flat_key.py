"""A 填空 key that tells the trainee nothing new (trainer review 76, issue 13): its words are said by the law's
title or the stem (《精神卫生法》…为需要康复的______提供场所…对患者 keyed 精神障碍患者; 《社区矫正法》…采取针对性的
______ keyed 矫正措施), or are words nearly every text says (及时受理、转办______ keyed 申请事项, 了解掌握居民的______
keyed 生活情况, 科学合理确定______ keyed 服务时间: many fillings defend themselves). A key is asked only when one
of its words is its own: no generic word (echo_words.json), not printed by the title or the stem, no main
word of its document (said more than `giveaway_rate` times per 1000 characters there, the rate at which
overlap.key_rare stops calling a name rare), and said by at most `flat_share` of the library's documents."""
from __future__ import annotations

import functools
import re

from .blank_alts import library_texts
from .terms import COMMON
from .verify import norm

WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


@functools.lru_cache(maxsize=4096)
def pieces(key: str) -> tuple[str, ...]:
    """The key's finest words (jieba's search cut, none holding another: 申请事项 → 申请, 事项)."""
    import jieba

    cut = [w for w in jieba.lcut_for_search(key) if WORD.fullmatch(w)]
    return tuple(w for w in cut if not any(o != w and o in w for o in cut))


@functools.lru_cache(maxsize=4096)
def _share(word: str, texts: tuple[str, ...]) -> float:
    return sum(word in t for t in texts) / max(len(texts), 1)


def own_words(key: str, stem: str, title: str, doc_text: str, docs: dict, rate: float, share: float) -> list[str]:
    """The key's words that none of the title, the stem (less the blank), its document's main words or the
    library's common words gives away."""
    said, texts = norm(stem + title), library_texts(docs)
    size = max(len(doc_text), 1)
    return [w for w in pieces(norm(key)) if w not in COMMON and w not in said
            and doc_text.count(w) * 1000 <= rate * size and _share(w, texts) <= share]


def flat_key(key: str, stem: str, title: str, doc_text: str, docs: dict, limits: tuple[float, float]) -> bool:
    """No word of the written key is its own (see the module's doc); limits: (giveaway_rate, flat_share)."""
    return bool(pieces(norm(key))) and not own_words(key, stem, title, doc_text, docs, *limits)
