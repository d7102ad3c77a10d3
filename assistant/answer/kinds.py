"""The kind of fact a question asks for (money, an area, a head count, a time limit, a date,
a rate, a responsible body …) and whether a sentence states a fact of that kind.

“工资多少” is not answered by “再过5到10年”: `amount_required` only asks for *an* amount, this
asks for one of the kind the question's nouns and question words name. The kinds and their
patterns are data (assistant/data/asked_kinds.json); a question naming no kind (“多少” alone)
gets no kind and keeps the general checks.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent.parent / "data" / "asked_kinds.json"
# A number in digits or Chinese numerals, for `{N}` in the data file's patterns.
_NUMBER = r"(?:[0-9０-９]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千万半]+)"
_ORDINAL = re.compile(r"第[0-9０-９一二两三四五六七八九十百千零〇]+")  # 第二名, 第十条: they name, not count


@dataclass(frozen=True)
class Kind:
    name: str
    question: re.Pattern
    answer: re.Pattern
    amount: bool = False  # an amount (money, people, days …): amount_required switches it too

    def stated_in(self, text: str) -> bool:
        return bool(self.answer.search(_ORDINAL.sub(" ", text)))


def _join(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p.replace('{N}', _NUMBER)})" for p in patterns))


@functools.lru_cache(maxsize=1)
def kinds() -> tuple[Kind, ...]:
    rows = json.loads(DATA.read_text(encoding="utf-8"))["kinds"]
    return tuple(Kind(r["name"], _join(r["question"]), _join(r["answer"]), r.get("amount", False)) for r in rows)


def asked_kind(question: str) -> Kind | None:
    """The first kind whose question pattern the question matches; None when it names none."""
    return next((k for k in kinds() if k.question.search(question)), None)


def stating(kind: Kind, sents: list, text_of) -> list:
    """The candidates that state a fact of the asked kind."""
    return [s for s in sents if kind.stated_in(text_of(s))]
