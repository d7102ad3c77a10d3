"""Work-plan eval: for each topic in data/plan_topics.jsonl, draft a plan and measure it.

Per topic: measures, cited measures, distinct documents, citation resolution rate,
ungrounded claims (by the grounding check) and warm draft time. Unsupported topics must be
refused. Run alone: python -m evals.plan_eval
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

DATA = Path(__file__).parent / "data" / "plan_topics.jsonl"


def load_topics(path: Path = DATA) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _resolves(kb, c) -> bool:
    doc = kb.data.documents.get(c.doc_id)
    return doc is not None and doc.text[c.start:c.end] == c.quote


def measure_topic(kb, row: dict) -> dict:
    from assistant.plan import PlanError, UngroundedPlan, check_grounding, draft

    kw = {k: row[k] for k in ("unit", "start", "end", "focus") if row.get(k)}
    t0 = time.perf_counter()
    try:
        plan = draft(kb, row["topic"], strict=False, **kw)
    except (PlanError, UngroundedPlan) as e:
        return {"topic": row["topic"], "refused": True, "message": str(e),
                "ok": not row.get("supported", True)}
    seconds = time.perf_counter() - t0
    cited = [m for m in plan.measures if m.citations]
    resolved = sum(_resolves(kb, c) for c in plan.citations)
    ungrounded = len(check_grounding(plan, kb))
    out = {"topic": row["topic"], "refused": False, "measures": len(plan.measures),
           "cited_measures": len(cited), "documents": len(plan.documents()),
           "merged_measures": sum(1 for m in plan.measures if len(m.citations) > 1),
           "citations": len(plan.citations),
           "resolution": resolved / len(plan.citations) if plan.citations else 0.0,
           "ungrounded": ungrounded, "seconds": round(seconds, 3)}
    out["ok"] = (row.get("supported", True) and len(cited) >= 5 and out["documents"] >= 2
                 and out["resolution"] == 1.0 and ungrounded == 0 and seconds < 3.0)
    return out


def evaluate_plans(kb, topics: list[dict] | None = None) -> dict:
    topics = topics or load_topics()
    from assistant.plan import draft

    draft(kb, topics[0]["topic"], strict=False)  # warm-up: jieba POS model, query paths
    rows = [measure_topic(kb, t) for t in topics]
    drafted = [r for r in rows if not r["refused"]]
    return {"topics": rows, "passed": sum(r["ok"] for r in rows), "total": len(rows),
            "mean_seconds": round(sum(r["seconds"] for r in drafted) / max(len(drafted), 1), 3),
            "max_seconds": max((r["seconds"] for r in drafted), default=0.0)}


def main() -> None:
    os.environ.setdefault("SHEQU_EMBED_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from assistant import Assistant

    print(json.dumps(evaluate_plans(Assistant.open()), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
