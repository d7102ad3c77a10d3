"""Question words (是什么, 哪些, 怎么…): one home, assistant/data/question_words.json.

Each list there serves one use; `alternatives(name)` joins it into a regular-expression
alternation for the module that matches it:
  filler          stripped from a query before keyword search (retrieve.strip_question)
  asks            a piece of a question that asks something (answer.intent.sub_questions)
  asks_opening    a comma before one of these opens a new sub-question
  asks_for_list   the question wants a list (answer.intent.is_enumeration)
  what_is_lead / what_is_tail   “什么是X” / “X是什么”: X is a method name (methods.lookup)
  asks_for_parts  the question asks what a method consists of (methods.lookup)
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

DATA = Path(__file__).parent / "data" / "question_words.json"


@functools.lru_cache(maxsize=1)
def _lists() -> dict[str, list[str]]:
    return {k: v for k, v in json.loads(DATA.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def alternatives(name: str) -> str:
    """The list `name` as a regex alternation (ungrouped): "是什么|是啥|…"."""
    lists = _lists()
    if name not in lists:
        raise KeyError(f"no question-word list {name!r} in {DATA.name}; known: {', '.join(sorted(lists))}")
    return "|".join(lists[name])
