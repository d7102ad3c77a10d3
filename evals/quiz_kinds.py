"""The four kinds of unusable items trainer review 71 found, counted per 60-item paper, with every
quiz_leaks / quiz_counts column from the same build (one build per seed):
other_only (plan/actor.py reads another body as the duty-holder and the passage names no community
body), value_key (a 填空 keyed by a value/abstract word, quiz/review_words.json), title_key (a 填空 whose
key's words are mostly the document title's), stem_key (a 填空 whose key another item's stem prints),
list_items (items reciting an article's list) and scenes (情景).

    python -m evals.quiz_kinds 1-40
"""
from __future__ import annotations

import sys
from collections import Counter

from assistant.library import view_of
from assistant.quiz import build
from assistant.quiz.builder import library
from assistant.quiz.leaks import pairs
from assistant.quiz.review import kinds

from .quiz_counts import _seeds, balance, common_pairs, counts


def main() -> None:
    from assistant import Assistant
    from assistant.quiz.topics import clusters

    kb = Assistant.open()
    qs = view_of(kb).settings.quiz
    common = common_pairs(library(kb)["rules"])
    docs = view_of(kb).documents
    topics = clusters(docs, qs.topic_link)
    rules = {f.key: f for f in library(kb)["rules"]}
    total: Counter = Counter()
    for seed in _seeds(sys.argv[1:]):
        quiz = build(kb, n=60, seed=seed)
        c = {"leak_pairs": len(pairs(quiz.items, qs)), **counts(quiz, docs, common),
             **balance(quiz, docs, topics, rules), **kinds(quiz, docs)}
        total.update(c)
        print(seed, c, flush=True)
    print("sum", dict(total))


if __name__ == "__main__":
    main()
