"""Trainer review 71's kinds of unusable items, read off a built paper: another body's job
(plan/actor.py's duty-holder reading, and no community body named), guessable 填空 (a value word,
the document's title, another item's stem) and verbatim list recall beside 情景."""
from __future__ import annotations

import json
import re
from pathlib import Path

from .model import BLANK, SINGLE
from .verify import norm

WORDS = json.loads(Path(__file__).with_name("review_words.json").read_text(encoding="utf-8"))
_COMMUNITY = tuple(WORDS["community_words"])
_VALUE = tuple(WORDS["value_endings"])


def _bigrams(text: str) -> set[str]:
    t = norm(text)
    return {t[i:i + 2] for i in range(len(t) - 1)}


def names_community(text: str) -> bool:
    return any(w in text for w in _COMMUNITY)


def other_only(item) -> bool:
    """plan/actor.py reads another body as the passage's duty-holder and no community body is named."""
    from .holder import holder

    quote = item.citation.quote if item.citation else ""
    return holder(quote) == "other" and not names_community(quote)


def value_key(item) -> bool:
    return item.type == BLANK and not item.figure_key() and norm(item.answer).endswith(_VALUE)


def title_key(item, title: str, cover: float = 0.5) -> bool:
    """Most of a 填空 key's bigrams stand in its document's title (人民调解委员会 of 人民调解法)."""
    k = _bigrams(item.answer)
    return item.type == BLANK and not item.figure_key() and bool(k) and len(k & _bigrams(title)) >= cover * len(k)


def _stem(item) -> str:
    return norm(re.sub(r"《[^》]*》", "", item.stem))


def stem_key(item, items: list) -> bool:
    """Another item's stem prints this 填空's written key (业主大会选聘…物业服务企业 beside ______ keyed 选聘…)."""
    k = norm(item.answer)
    return item.type == BLANK and not item.figure_key() and len(k) >= 2 and \
        any(o is not item and k in _stem(o) for o in items)


def _written(item) -> str:
    return norm(item.answer) if item.type in (BLANK, SINGLE) and item.check.get("kind") != "number" else ""


def guessable(item, items: list, title: str, cover: float) -> bool:
    """A 填空 a trainee can guess, or a new item that makes one on the paper guessable: a value word, the
    title's words, a key another item's stem prints, or a written key the paper has already
    (trainer review 71: 社会责任感, 人民调解委员会 twice, 选聘物业服务企业 in two stems)."""
    if item.type == BLANK and (value_key(item) or title_key(item, title, cover) or stem_key(item, items)):
        return True
    mine = _written(item)
    stem = _stem(item)
    return any((mine and _written(o) == mine and item.type == BLANK) or
               (o.type == BLANK and not o.figure_key() and len(norm(o.answer)) >= 2 and norm(o.answer) in stem)
               for o in items)


def kinds(quiz, docs: dict) -> dict[str, int]:
    items = quiz.items
    return {"other_only": sum(other_only(it) for it in items),
            "value_key": sum(value_key(it) for it in items),
            "title_key": sum(title_key(it, docs[it.citation.doc_id].title) for it in items),
            "stem_key": sum(stem_key(it, items) for it in items),
            "list_items": sum(it.check.get("kind") == "list" for it in items),
            "scenes_all": sum(it.type == SINGLE and it.stem.startswith("【情景】") for it in items)}
