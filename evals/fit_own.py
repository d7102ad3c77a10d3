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
    from assistant.plan.practice import unit_level
    from assistant.plan.precedents import points_of_chunk, score_point, topic_similarity

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


SENTENCE_GRID = np.round(np.arange(0.85, 0.95, 0.0025), 4)


def own_sentence_rows(kb, labels: list[dict]) -> list[tuple[float, str]]:
    """(the practice's own text's similarity to the topic, label) of each labelled dev measure whose
    practice is a statute's article stating the unit's own duty (gate.statutory_own)."""
    from assistant.plan.actor import mark_duty
    from assistant.plan.articles import ARTICLE
    from assistant.plan.draft import understand
    from assistant.plan.practice import unit_level
    from assistant.plan.precedents import points_of_chunk
    from assistant.plan.similarity import practice_similarity, topic_vectors

    kb = kb.library()
    units = {r["topic"]: r.get("unit") or "" for r in load_topics(SETS["first"]) + load_topics(SETS["dev"])}
    out = []
    for r in labels:
        doc = kb.documents.get(r["doc_id"])
        chunk = next((c for c in kb.chunks if c.doc_id == r["doc_id"] and c.start <= r["start"] < c.end), None) \
            if doc is not None and r["topic"] in units else None
        mine = [p for p in points_of_chunk(doc, chunk) if p.start < r["end"] and r["start"] < p.end] if chunk else []
        if not mine:
            continue
        p = mine[0]
        mark_duty(p, doc, unit_level(units[r["topic"]]))
        if p.own and ARTICLE.match(doc.text[p.start:p.end]):
            t = understand(r["topic"], kb.tokenizer.cut)
            out.append((practice_similarity(kb, [p], topic_vectors(kb, list(t.variants[:4])))[0], r["label"]))
    return out


def fit_own_sentence(rows: list[tuple[float, str]], sentence_floor: float) -> dict:
    """The lowest own_sentence (at least sentence_floor, which on_topic applies to every practice) at
    which the own-duty measures at or above it reach PRECISION on topic."""
    for g in (x for x in SENTENCE_GRID if x >= sentence_floor):
        kept = [lb != "irrelevant" for s, lb in rows if s >= g]
        if kept and sum(kept) / len(kept) >= PRECISION:
            return {"own_sentence": float(g), "of": len(rows), "kept": len(kept),
                    "precision": round(sum(kept) / len(kept), 3)}
    return {"own_sentence": 1.0, "of": len(rows), "kept": 0, "precision": None}


def main() -> None:
    """Print the own_sentence fit (the other values are fit_plan's)."""
    import json
    from pathlib import Path

    from assistant import Assistant

    kb = Assistant.open()
    labels = [json.loads(ln) for ln in Path(__file__).with_name("data").joinpath(
        "plan_measures_dev.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows = own_sentence_rows(kb, labels)
    print(sorted((round(s, 4), lb) for s, lb in rows))
    print(json.dumps(fit_own_sentence(rows, kb.settings.plan.sentence_floor), ensure_ascii=False))


if __name__ == "__main__":
    main()
