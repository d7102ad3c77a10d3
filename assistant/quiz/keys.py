"""Key positions spread over a paper. Each item's options come shuffled, but a paper of ten
单选 drawn at random can still key seven of them A (seed 24: A ×7, B ×2, D ×1, no C), and a
trainee who ticks A scores 14 of 20. So once the paper is filled, each 单选's key is moved to
the letter its position count lacks most (seeded ties), and each 多选's options are reordered
so its key letters are the ones used least so far; the 解析's “故选…” follows the key."""
from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter

from .model import LETTERS, MULTI, SINGLE, QuizItem

_CHOSEN = re.compile(r"故选[A-F]+")
MULTI_DRAWS = 24  # orders of a 多选's options tried for the one whose key letters are least used


def relettered(item: QuizItem, options: list[str]) -> QuizItem:
    """The item with its options in a new order, its key letters and 解析 following them."""
    keyed = {item.options[LETTERS.index(ch)] for ch in item.answer}
    answer = "".join(LETTERS[i] for i, o in enumerate(options) if o in keyed)
    explanation = _CHOSEN.sub("故选" + answer, item.explanation)
    return dataclasses.replace(item, options=options, answer=answer, explanation=explanation)


def _least(counts: Counter, slots: range, rng: random.Random) -> int:
    low = min(counts[LETTERS[s]] for s in slots)
    return rng.choice([s for s in slots if counts[LETTERS[s]] == low])


def _single(item: QuizItem, counts: Counter, rng: random.Random) -> QuizItem:
    """The key moved (swapped with the option there) to the letter used least so far."""
    if len(item.answer) != 1 or len(set(item.options)) != len(item.options):
        return item
    at, to = LETTERS.index(item.answer), _least(counts, range(len(item.options)), rng)
    opts = list(item.options)
    opts[at], opts[to] = opts[to], opts[at]
    return relettered(item, opts)


def _multi(item: QuizItem, counts: Counter, rng: random.Random) -> QuizItem:
    """The options reordered so the key's letters are the least used so far (of some draws)."""
    if len(set(item.options)) != len(item.options):
        return item
    best, best_cost = item, None
    for _ in range(MULTI_DRAWS):
        opts = list(item.options)
        rng.shuffle(opts)
        cand = relettered(item, opts)
        cost = sum(counts[ch] for ch in cand.answer)
        if best_cost is None or cost < best_cost:
            best, best_cost = cand, cost
    return best


def balance_keys(items: list[QuizItem], rng: random.Random) -> list[QuizItem]:
    """The paper with 单选 keys spread evenly over the letters (within one of each other) and
    多选 key letters spread as evenly as some draws allow; other items unchanged."""
    singles, multis, out = Counter(), Counter(), []
    for it in items:
        if it.type == SINGLE and it.options:
            it = _single(it, singles, rng)
            singles.update(it.answer)
        elif it.type == MULTI and it.options:
            it = _multi(it, multis, rng)
            multis.update(it.answer)
        out.append(it)
    return out


def multi_shape(ctx, n_right: int, n_wrong: int, keys_max: int, wrongs_max: int) -> tuple[int, int] | None:
    """How many keys and wrong options the next 多选 takes: of 2, 3 and 4 keys (never fewer
    than `n_wrong` wrong options, five options at least), the count the paper's 多选 have used
    least (ctx.cache["multi_counts"], seeded ties), else the next that the article's items and
    wrong options allow; None if none does. A paper whose 多选 all key three of five is
    answered by ticking three. An easy 多选 (one wrong option) keeps its shape."""
    if n_wrong < 2:
        return (n_right, n_wrong) if n_right <= keys_max and n_wrong <= wrongs_max else None
    used = ctx.cache.get("multi_counts", Counter())
    shapes = [(k, max(n_wrong, 5 - k)) for k in (2, 3, 4)]
    ctx.rng.shuffle(shapes)
    shapes.sort(key=lambda s: used[s[0]])
    return next(((k, w) for k, w in shapes if k <= keys_max and w <= wrongs_max), None)
