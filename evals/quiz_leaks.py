"""Cross-item give-aways per paper (trainer review 59): pairs of items where one item's stem or
options print the other's answer (assistant/quiz/leaks.py), with every column of quiz_counts (counts and
balance) and the kinds trainer review 71 found (assistant/quiz/review.kinds: other_only, value_key,
title_key, stem_key, list_items, scenes) from the same papers (one build per seed).

    python -m evals.quiz_leaks 1-40
    SHEQU_QUIZ__LEAK_CHECK=false SHEQU_QUIZ__SYNONYM_CHECK=false python -m evals.quiz_leaks 1-40   # before
"""
from __future__ import annotations

import sys
from collections import Counter

from assistant.library import view_of
from assistant.quiz import build
from assistant.quiz.builder import library
from assistant.quiz.leaks import pairs
from assistant.quiz.review import kinds

from .quiz_counts import _seeds, balance, common_pairs, counts, summary


def main() -> None:
    from assistant import Assistant

    kb = Assistant.open()
    qs = view_of(kb).settings.quiz
    common = common_pairs(library(kb)["rules"])
    from assistant.quiz.topics import clusters

    docs = view_of(kb).documents
    topics = clusters(docs, qs.topic_link)
    rules = {f.key: f for f in library(kb)["rules"]}
    total: Counter = Counter()
    for seed in _seeds(sys.argv[1:]):
        quiz = build(kb, n=60, seed=seed)
        found = pairs(quiz.items, qs)
        c = {"leak_pairs": len(found), **counts(quiz, docs, common), **balance(quiz, docs, topics, rules),
             **kinds(quiz, docs)}
        total.update(c)
        print(seed, "leaks", found, c, flush=True)
    print("sum", dict(total))
    print(summary(total, len(_seeds(sys.argv[1:]))))


if __name__ == "__main__":
    main()
