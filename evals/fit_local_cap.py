"""Fit plan.local_cap: the most measures a place's own policy text (local.places) may lead when other
documents are on the topic too (cadre review 38: 7 of 8 measures of a 滨河街道 plan from one city's 通知).

Drafts the first+dev topic wordings (again at each cap only those a cap can change) and scores them by the reviewer's labels (plan_labels):
the lowest cap whose recall of the measures judged relevant and whose relevant share are no lower than
with no cap (max_measures), i.e. the tightest cap the labelled verdicts do not argue against.
Run: python -m evals.fit_local_cap [--write]
"""
from __future__ import annotations

import json
import os
import sys

from .plan_eval import SETS, load_topics
from .plan_labels import load_labels, plan_rows, recall, summary

GRID = (3, 4, 5, 6)


def _rows(kb, topics: list[dict], labels: list[dict], cap: int) -> list[dict]:
    base = kb.settings
    kb.settings = base.model_copy(update={"plan": base.plan.model_copy(update={"local_cap": cap})})
    try:
        return plan_rows(kb, topics, labels)
    finally:
        kb.settings = base


def _score(rows: list[dict], labels: list[dict], cap: int) -> dict:
    return {"cap": cap, **summary(rows), "recall_relevant": recall(rows, labels)}


def _capped(kb, topics: list[dict]) -> set[str]:
    """The topics a cap can change: a place's own policy text leads more than min(GRID) measures uncapped."""
    from assistant.plan.local import places

    out = set()
    for row in topics:
        kw = {k: row[k] for k in ("unit", "start", "end", "focus") if row.get(k)}
        try:
            plan = kb.plan(row["topic"], **kw)
        except Exception:  # refused: no cap changes that
            continue
        leads = [plan.citation(m.citations[0]).doc_id for m in plan.measures]
        if any(leads.count(d) > min(GRID) and places(kb.library().documents[d]) for d in set(leads)):
            out.add(row["topic"])
    return out


def fit(kb) -> dict:
    topics, labels = load_topics(SETS["first"]) + load_topics(SETS["dev"]), load_labels()
    top_rows = _rows(kb, topics, labels, kb.settings.plan.max_measures)
    top = _score(top_rows, labels, kb.settings.plan.max_measures)
    moved = _capped(kb, [t for t in topics if t.get("supported", True)])
    grid = []
    for c in GRID:  # only the topics a cap can change are drafted again
        again = _rows(kb, [t for t in topics if t["topic"] in moved], labels, c)
        grid.append(_score([r for r in top_rows if r["topic"] not in moved] + again, labels, c))
    ok = [g for g in grid if (g["recall_relevant"] or 0) >= (top["recall_relevant"] or 0)
          and (g["relevant"] or 0) >= (top["relevant"] or 0)]
    best = ok[0]["cap"] if ok else top["cap"]
    return {"local_cap": best, "uncapped": top, "grid": grid, "topics_capped": sorted(moved)}


def main() -> None:
    os.environ.setdefault("SHEQU_EMBED_THREADS", "1")
    from assistant import Assistant
    from assistant.settings import FITTED_PLAN

    res = fit(Assistant.open())
    print(json.dumps(res, ensure_ascii=False))
    if "--write" in sys.argv[1:]:
        data = json.loads(FITTED_PLAN.read_text(encoding="utf-8"))
        data["values"]["local_cap"] = res["local_cap"]
        data["local_cap_fit"] = res
        FITTED_PLAN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
