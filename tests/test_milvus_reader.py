"""The Milvus store's reader keeps its lexical leg in parts (assistant/store/reader.py): after any
run of adds, changes and removals, and through merges, it scores exactly as one part built from
every live chunk in index order — what a fresh app server reads."""
from __future__ import annotations

import random

import numpy as np

from assistant.store.reader import _Cache, lexical_of, new_part, update_parts

WORDS = [f"w{i}" for i in range(40)]


def _doc(rng: random.Random) -> list[list[str]]:
    return [[rng.choice(WORDS) for _ in range(rng.randint(0, 12))] for _ in range(rng.randint(1, 4))]


def _offsets(order: list[str], docs: dict[str, list[list[str]]]) -> dict[str, int]:
    out, at = {}, 0
    for i in order:
        out[i], at = at, at + len(docs[i])
    return out


def _fresh(order: list[str], docs: dict[str, list[list[str]]]):
    c = _Cache()
    update_parts(_Cache(), c, order, new_part(order, docs), 8, 0.2)
    return lexical_of(c, _offsets(order, docs))


def test_parts_score_as_one_fresh_part_through_updates_and_merges():
    rng = random.Random(7)
    docs = {f"d{i}": _doc(rng) for i in range(12)}
    order = list(docs)
    cache = _Cache()
    update_parts(_Cache(), cache, order, new_part(order, docs), 3, 0.5)
    merged = 0
    for step in range(40):
        changed: dict[str, list[list[str]]] = {}
        kind = rng.random()
        if kind < 0.4 or len(order) < 3:  # a new document, at the end
            i = f"n{step}"
            order.append(i)
            changed[i] = _doc(rng)
        elif kind < 0.7:  # a changed one keeps its place
            changed[rng.choice(order)] = _doc(rng)
        else:
            order.remove(rng.choice(order))
        docs.update(changed)
        new = _Cache()
        update_parts(cache, new, order, new_part([i for i in order if i in changed], changed), 3, 0.5)
        merged += len(new.parts) < len(cache.parts) + bool(changed)
        cache = new
        assert len(cache.parts) <= 4 and set(cache.home) == set(order)
        got, want = lexical_of(cache, _offsets(order, docs)), _fresh(order, docs)
        assert got.n_docs == want.n_docs and got.avg_len == want.avg_len
        for q in (["w1"], ["w2", "w3", "w2"], [rng.choice(WORDS) for _ in range(4)], ["absent"]):
            assert np.array_equal(got.scores(q), want.scores(q)), (step, q)
    assert merged  # the thresholds were crossed along the way
