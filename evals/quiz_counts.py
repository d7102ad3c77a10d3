"""Counts a reviewer asks of papers: items, trivia-type items (a 填空 whose key is a higher body,
or an item of a filters.LAST_RESORT fact), wrong option texts used more than once, and false 判断
that only swap a figure.

    python -m evals.quiz_counts 24 31 43 47 48
"""
from __future__ import annotations

import re
import sys
from collections import Counter

from assistant.quiz import build
from assistant.quiz.filters import HIGHER_ACTOR
from assistant.quiz.model import BLANK, FALSE, LETTERS, MULTI, SINGLE, TRUE_FALSE, Quiz
from assistant.quiz.verify import norm

WHO = re.compile(r"(?:^|，)______(?:应当|负责|可以|必须|应|要|会同)")  # a 填空 asking who acts


def counts(quiz: Quiz) -> dict[str, int]:
    last = set(quiz.stats.get("last_resort", ()))
    who = [it for it in quiz.items if it.type == BLANK and WHO.search(it.stem)]
    trivia = sum(1 for it in quiz.items if it.fact_id in last or (it in who and HIGHER_ACTOR.match(it.answer)))
    wrong = Counter(norm(o) for it in quiz.items if it.type in (SINGLE, MULTI)
                    for ch, o in zip(LETTERS, it.options) if ch not in it.answer)
    false_tf = [it for it in quiz.items if it.type == TRUE_FALSE and it.answer == FALSE]
    swaps = sum(1 for it in false_tf if it.check.get("kind") == "number" and it.check.get("swap") != "limit")
    return {"items": len(quiz.items), "last_resort": len(last), "who_blank": len(who), "trivia": trivia, "repeated_wrong": sum(c - 1 for c in wrong.values() if c > 1),
            "false_tf": len(false_tf), "number_swaps": swaps}


def main() -> None:
    from assistant import Assistant

    kb = Assistant.open()
    for seed in [int(s) for s in sys.argv[1:]]:
        print(seed, counts(build(kb, n=60, seed=seed)), flush=True)


if __name__ == "__main__":
    main()
