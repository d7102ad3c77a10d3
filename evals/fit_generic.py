"""Fit `generic_margin` (similarity.beyond_generic): a thin plan searched without the head gate takes
a practice only if its own text is nearer the topic than the topic's generic words alone, within
the margin. Rule: the smallest margin (GRID) that keeps a measure for every supported first/dev
topic whose draft reaches that fallback; the unsupported ones it refuses are reported.
Run: python -m evals.fit_generic
"""
from __future__ import annotations

import importlib
import json

import numpy as np

from .plan_eval import SETS, load_topics

GRID = np.round(np.arange(0.0, 0.05, 0.0025), 4)


def fallback_rows(kb, topics: list[dict]) -> list[tuple[str, bool, float]]:
    """(topic, supported, the least margin that keeps one of its fallback measures)."""
    from assistant.plan.model import PlanError
    from assistant.plan.similarity import practice_similarity

    D = importlib.import_module("assistant.plan.draft")
    seen: list[float] = []

    def record(kb_, points, topic, generic, margin):
        if points:
            full, bare = practice_similarity(kb_, points, topic), practice_similarity(kb_, points, generic)
            seen.append(min(g - f for f, g in zip(full, bare)))
        return points

    rows, keep = [], D.beyond_generic
    D.beyond_generic = record
    try:
        for r in topics:
            seen.clear()
            try:
                D.draft(kb, r["topic"], unit=r.get("unit"), strict=False)
            except PlanError:
                pass
            if seen:
                rows.append((r["topic"], bool(r["supported"]), min(seen)))
    finally:
        D.beyond_generic = keep
    return rows


def fit_generic_margin(rows: list[tuple[str, bool, float]]) -> dict:
    need = [m for _, sup, m in rows if sup]
    best = min((float(g) for g in GRID if all(m <= g for m in need)), default=1.0)
    return {"generic_margin": best, "fallback_topics": len(rows), "supported": len(need),
            "refused_unsupported": sum(1 for _, sup, m in rows if not sup and m > best)}


def main() -> None:
    from assistant import Assistant

    rows = fallback_rows(Assistant.open(), load_topics(SETS["first"]) + load_topics(SETS["dev"]))
    for r in rows:
        print(r)
    print(json.dumps(fit_generic_margin(rows), ensure_ascii=False))


if __name__ == "__main__":
    main()
