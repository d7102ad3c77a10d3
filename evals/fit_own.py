"""Fit `own_floor` (draft.reaches): the relevance the unit's own statutory duty needs to be a
measure when its document is on the topic (holds a practice at the floor). A law's article names
its duty in the law's words (强制报告, 查访), not the topic's, so its relevance undersells it.
Rule, as for `floor` (fit_plan.fit_floor): the lowest relevance at which PRECISION of the cadre's
dev verdicts on such own-duty measures are on topic (relevant or partly).
Run as part of: python -m evals.fit_plan
"""
from __future__ import annotations

import numpy as np

from .plan_eval import SETS, load_topics

PRECISION = 0.8  # as fit_plan.PRECISION
GRID = np.round(np.arange(0.0, 1.0, 0.05), 2)


def own_rows(kb, labels: list[dict], floor: float) -> list[tuple[float, str]]:
    """(relevance, label) of each labelled dev measure whose practice is the unit's own duty
    (actor.mark_duty, the topic's unit) in a document with a practice at the floor."""
    from assistant.plan.actor import mark_duty
    from assistant.plan.draft import Scorer, understand
    from assistant.plan.practice import unit_level
    from assistant.plan.precedents import points_of_chunk, score_point, topic_similarity

    kb = kb.library()
    units = {r["topic"]: r.get("unit") or "" for r in load_topics(SETS["first"]) + load_topics(SETS["dev"])}
    ps, scorer, out = kb.settings.plan, Scorer(kb), []
    for r in labels:
        doc = kb.documents.get(r["doc_id"])
        if doc is None or r["topic"] not in units:
            continue
        t = understand(r["topic"], kb.tokenizer.cut)
        words, sims = [scorer.words(v) for v in t.variants], topic_similarity(kb, list(t.variants[:4]))
        pts = []
        for c in (c for c in kb.chunks if c.doc_id == r["doc_id"]):
            for p in points_of_chunk(doc, c):
                p.dense = sims.get(c.chunk_id, 0.0)
                score_point(p, doc, words, 0.0, scorer, (ps.dense_lo, ps.dense_hi))
                pts.append(p)
        mine = [p for p in pts if p.start < r["end"] and r["start"] < p.end]
        if not mine or max(p.relevance for p in pts) < floor:
            continue
        p = mine[0]
        mark_duty(p, doc, unit_level(units[r["topic"]]))
        if p.own:
            out.append((p.relevance, r["label"]))
    return out


def fit_own_floor(rows: list[tuple[float, str]], floor: float) -> dict:
    """The lowest own_floor (at most the floor) whose kept own-duty measures reach PRECISION on topic."""
    for g in (x for x in GRID if x <= floor):
        kept = [lb != "irrelevant" for rel, lb in rows if rel >= g]
        if kept and sum(kept) / len(kept) >= PRECISION:
            return {"own_floor": float(g), "of": len(rows), "kept": len(kept),
                    "below_floor": sum(rel < floor for rel, _ in rows if rel >= g),
                    "precision": round(sum(kept) / len(kept), 3)}
    return {"own_floor": floor, "of": len(rows), "kept": 0, "below_floor": 0, "precision": None}
