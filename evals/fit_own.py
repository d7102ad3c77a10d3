"""Fit `own_floor` (similarity.reaches): the relevance the unit's own statutory duty needs to be a
measure when its document's title is on the topic. A law's article names its duty in the law's
words (强制报告, 查访), not the topic's, so its relevance undersells it.
Rule: the lowest relevance at which PRECISION of the cadre's dev verdicts on own-duty measures
between it and the floor are on topic (relevant or partly). The dev verdicts hold too few own
duties in documents whose title is on the topic to fit on those alone; the title gate is the
fitted expand_title.
Run as part of: python -m evals.fit_plan
"""
from __future__ import annotations

import numpy as np

from .plan_eval import SETS, load_topics

PRECISION = 0.8  # as fit_plan.PRECISION
GRID = np.round(np.arange(0.0, 1.0, 0.05), 2)


def own_rows(kb, labels: list[dict]) -> list[tuple[float, str]]:
    """(relevance, label) of each labelled dev measure whose practice is the unit's own duty
    (actor.mark_duty, the topic's unit)."""
    from assistant.plan.actor import mark_duty
    from assistant.plan.draft import Scorer, understand
    from assistant.plan.gathering import topic_similarity
    from assistant.plan.practice import unit_level
    from assistant.plan.precedents import points_of_chunk, score_point

    kb = kb.library()
    units = {r["topic"]: r.get("unit") or "" for r in load_topics(SETS["first"]) + load_topics(SETS["dev"])}
    ps, scorer, out = kb.settings.plan, Scorer(kb), []
    for r in labels:
        doc = kb.documents.get(r["doc_id"])
        if doc is None or r["topic"] not in units:
            continue
        chunk = next((c for c in kb.chunks if c.doc_id == r["doc_id"] and c.start <= r["start"] < c.end), None)
        mine = [p for p in points_of_chunk(doc, chunk) if p.start < r["end"] and r["start"] < p.end] if chunk else []
        if not mine:
            continue
        t = understand(r["topic"], kb.tokenizer.cut)
        p = mine[0]
        p.dense = topic_similarity(kb, list(t.variants[:4])).get(chunk.chunk_id, 0.0)
        score_point(p, doc, [scorer.words(v) for v in t.variants], 0.0, scorer, (ps.dense_lo, ps.dense_hi))
        mark_duty(p, doc, unit_level(units[r["topic"]]))
        if p.own:
            out.append((p.relevance, r["label"]))
    return out


def fit_own_floor(rows: list[tuple[float, str]], floor: float) -> dict:
    """The lowest own_floor (at most the floor) at which the own-duty measures between it and the
    floor reach PRECISION on topic."""
    for g in (x for x in GRID if x <= floor):
        kept = [lb != "irrelevant" for rel, lb in rows if g <= rel < floor]
        if kept and sum(kept) / len(kept) >= PRECISION:
            return {"own_floor": float(g), "of": len(rows), "below_floor": sum(rel < floor for rel, _ in rows),
                    "kept": len(kept), "precision": round(sum(kept) / len(kept), 3)}
    return {"own_floor": floor, "of": len(rows), "below_floor": sum(rel < floor for rel, _ in rows), "kept": 0,
            "precision": None}
