"""Fit `head_floor` (plan/gate.near_head): a thin plan searched without the head gate takes a practice
only if its own text is near the topic's head words alone. Rule: the highest floor (GRID) that keeps
a measure for every supported dev topic that reaches that fallback; the unsupported ones it
refuses are reported. Run: python -m evals.fit_head
"""
from __future__ import annotations

import json

import numpy as np

from .plan_eval import SETS, load_topics

GRID = np.round(np.arange(0.80, 0.90, 0.0025), 4)


def fallback_rows(kb, topics: list[dict]) -> list[tuple[str, bool, float]]:
    """(topic, supported, best head similarity) of each topic whose draft reaches the ungated fallback."""
    import importlib

    from assistant.plan import gate
    from assistant.plan.model import PlanError
    from assistant.plan.similarity import practice_similarity

    D = importlib.import_module("assistant.plan.draft")
    seen: list[float] = []

    def record(kb_, points, heads_, ps):
        vecs = gate.head_vectors(kb_, heads_)
        if vecs is not None and points:
            seen.append(max(practice_similarity(kb_, points, vecs)))
        return points

    rows, keep = [], D.near_head
    D.near_head = record
    try:
        for r in topics:
            seen.clear()
            try:
                D.draft(kb, r["topic"], unit=r.get("unit"), strict=False)
            except PlanError:
                pass
            if seen:
                rows.append((r["topic"], bool(r["supported"]), max(seen)))
    finally:
        D.near_head = keep
    return rows


def fit_head_floor(rows: list[tuple[str, bool, float]]) -> dict:
    ok = [s for _, sup, s in rows if sup]
    best = max((g for g in GRID if all(s >= g for s in ok)), default=0.0)
    return {"head_floor": float(best), "fallback_topics": len(rows), "supported": len(ok),
            "refused_unsupported": sum(1 for _, sup, s in rows if not sup and s < best)}


def main() -> None:
    from assistant import Assistant

    kb = Assistant.open()
    rows = fallback_rows(kb, load_topics(SETS["first"]) + load_topics(SETS["dev"]))
    for r in rows:
        print(r)
    print(json.dumps(fit_head_floor(rows), ensure_ascii=False))


if __name__ == "__main__":
    main()
