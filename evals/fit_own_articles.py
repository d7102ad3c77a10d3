"""Fit `own_article_z` and `own_article_cap` (plan/own_articles.py): how far above the median of the
unit's own statutory clauses a clause's similarity to the topic must stand, and how many a plan takes.
Label: a clause counts as on the topic when its document is one the topic's writer named as holding
precedents (precedent_files of the first and dev topics; supported topics of a 街镇 or 社区 unit only).
Rule: the lowest z on the grid at which PRECISION of the clauses taken (per topic, the best `cap` at or
above z) are from named documents, and at that z the largest cap that keeps it.
Run: python -m evals.fit_own_articles [--write]
"""
from __future__ import annotations

import json
import sys

import numpy as np

from .fit_plan import PRECISION
from .plan_eval import SETS, load_topics

Z_GRID = np.round(np.arange(1.0, 6.01, 0.25), 2)
CAPS = (1, 2, 3, 4, 5)


def rows(kb) -> list[list[tuple[float, bool]]]:
    """Per topic, (z, named) of each own clause holding the topic's head, best first."""
    from assistant.library import view_of
    from assistant.plan.actor import general_unit
    from assistant.plan.draft import Search
    from assistant.plan.own_articles import clauses, standing
    from assistant.plan.practice import unit_level, unit_setting
    from assistant.plan.precedents import Scorer
    from assistant.plan.similarity import topic_vectors
    from assistant.plan.topic import understand

    kb = view_of(kb)
    scorer, out = Scorer(kb), []
    for r in load_topics(SETS["first"]) + load_topics(SETS["dev"]):
        unit = unit_level(r.get("unit") or "")
        if not r.get("supported", True) or unit is None or unit < 4 or not r.get("precedent_files"):
            continue
        t = understand(r["topic"], kb.tokenizer.cut)
        search = Search(t, [scorer.words(v) for v in t.variants], None, kb.settings.plan, None, unit,
                        unit_setting(r.get("unit") or ""), general=general_unit(r.get("unit") or ""))
        pop, own = clauses(kb, unit, search.general)
        named, about = set(r["precedent_files"]), {id(p) for p in search.fit(kb, pop)}
        ranked = sorted((x for x in standing(kb, pop, topic_vectors(kb, list(t.variants[:4])), own) if id(x[0]) in about),
                        key=lambda x: -x[2])
        out.append([(z, p.doc_id in named) for p, _, z in ranked])
    return out


def fit(topics: list[list[tuple[float, bool]]]) -> dict:
    def taken(z: float, cap: int) -> list[bool]:
        return [named for t in topics for zz, named in [x for x in t if x[0] >= z][:cap]]

    for z in Z_GRID:
        ok = [cap for cap in CAPS if taken(z, cap) and np.mean(taken(z, cap)) >= PRECISION]
        if ok:
            got = taken(float(z), max(ok))
            return {"own_article_z": float(z), "own_article_cap": max(ok), "taken": len(got),
                    "named": int(sum(got)), "precision": round(float(np.mean(got)), 3), "topics": len(topics)}
    return {"own_article_z": float(Z_GRID[-1]), "own_article_cap": 0, "topics": len(topics)}


def main() -> None:
    from assistant import Assistant
    from assistant.settings import FITTED_PLAN

    res = fit(rows(Assistant.open()))
    print(json.dumps(res, ensure_ascii=False))
    if "--write" in sys.argv[1:]:
        data = json.loads(FITTED_PLAN.read_text(encoding="utf-8"))
        data["values"].update({k: res[k] for k in ("own_article_z", "own_article_cap")})
        data["own_article_fit"] = res
        FITTED_PLAN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
