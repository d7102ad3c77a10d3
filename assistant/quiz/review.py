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
TITLE_COVER = 0.5  # share of a key's character bigrams in the title past which the title tells it


def _bigrams(text: str) -> set[str]:
    t = norm(text)
    return {t[i:i + 2] for i in range(len(t) - 1)}


def names_community(text: str) -> bool:
    return any(w in text for w in _COMMUNITY)


def other_only(item) -> bool:
    """plan/actor.py reads another body as the passage's duty-holder and no community body is named."""
    from assistant.plan.actor import OTHER, sentence_actor

    quote = item.citation.quote if item.citation else ""
    return sentence_actor(quote, 5) == OTHER and not names_community(quote)


def value_key(item) -> bool:
    return item.type == BLANK and not item.figure_key() and norm(item.answer).endswith(_VALUE)


def title_key(item, title: str) -> bool:
    k = _bigrams(item.answer)
    return item.type == BLANK and not item.figure_key() and bool(k) and len(k & _bigrams(title)) >= TITLE_COVER * len(k)


def stem_key(item, items: list) -> bool:
    k = norm(item.answer)
    return item.type == BLANK and not item.figure_key() and len(k) >= 2 and \
        any(o is not item and k in norm(re.sub(r"《[^》]*》", "", o.stem)) for o in items)


def kinds(quiz, docs: dict) -> dict[str, int]:
    items = quiz.items
    return {"other_only": sum(other_only(it) for it in items),
            "value_key": sum(value_key(it) for it in items),
            "title_key": sum(title_key(it, docs[it.citation.doc_id].title) for it in items),
            "stem_key": sum(stem_key(it, items) for it in items),
            "list_items": sum(it.check.get("kind") == "list" for it in items),
            "scenes_all": sum(it.type == SINGLE and it.stem.startswith("【情景】") for it in items)}
