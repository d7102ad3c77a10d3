"""Dev measure relevance by the reviewer's labels (data/plan_measures_dev.jsonl).

Drafts the dev topic wordings (data/plan_topics_dev.jsonl and the first round's
data/plan_topics.jsonl) and looks each measure's lead precedent up among the labelled dev
measures of the same topic (same document, overlapping span). Reports how many measures carry
a label, and the share of labelled ones judged relevant / partly / irrelevant. Measures whose
precedent was never labelled are counted apart: the labels describe an earlier draft.
Recall: of the labelled measures judged relevant, the share whose precedent the new draft of
the same topic still cites (any citation overlapping its span).
Run: python -m evals.plan_labels [--list]
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter

from .plan_eval import SETS, load_topics

LABELS = SETS["dev"].with_name("plan_measures_dev.jsonl")


def load_labels() -> list[dict]:
    return [json.loads(ln) for ln in LABELS.read_text(encoding="utf-8").splitlines() if ln.strip()]


def label_of(labels: list[dict], topic: str, doc_id: str, start: int, end: int) -> str:
    """The label of the labelled measure of this topic whose precedent overlaps the span."""
    for r in labels:
        if r["topic"] == topic and r["doc_id"] == doc_id and r["start"] < end and start < r["end"]:
            return r["label"]
    return "unlabelled"


def drafts(kb, topics: list[dict]):
    """(topic row, its draft, or None when refused) for every supported topic."""
    from assistant.plan import PlanError, UngroundedPlan, draft

    for row in topics:
        if not row.get("supported", True):
            continue
        kw = {k: row[k] for k in ("unit", "start", "end", "focus") if row.get(k)}
        try:
            yield row, draft(kb, row["topic"], strict=False, **kw)
        except (PlanError, UngroundedPlan):
            yield row, None


def plan_rows(kb, topics: list[dict], labels: list[dict]) -> list[dict]:
    out = []
    for row, plan in drafts(kb, topics):
        if plan is None:
            out.append({"topic": row["topic"], "title": "", "label": "refused"})
            continue
        cited = [[c.doc_id, c.start, c.end] for c in plan.citations]
        for m in plan.measures:
            c = plan.citation(m.citations[0])
            out.append({"topic": row["topic"], "title": m.title, "text": m.text, "cited": cited,
                        "label": label_of(labels, row["topic"], c.doc_id, c.start, c.end)})
    return out


def recall(rows: list[dict], labels: list[dict]) -> float | None:
    """Share of the labelled relevant measures whose precedent the new draft still cites."""
    cited = {r["topic"]: r.get("cited", []) for r in rows}
    rel = [lb for lb in labels if lb["label"] == "relevant" and lb["topic"] in cited]
    hit = sum(any(d == lb["doc_id"] and s < lb["end"] and lb["start"] < e for d, s, e in cited[lb["topic"]])
              for lb in rel)
    return round(hit / len(rel), 3) if rel else None


def summary(rows: list[dict]) -> dict:
    n = Counter(r["label"] for r in rows)
    judged = n["relevant"] + n["partly"] + n["irrelevant"]
    share = {k: round(n[k] / judged, 3) if judged else None for k in ("relevant", "partly", "irrelevant")}
    return {"measures": sum(v for k, v in n.items() if k != "refused"), "labelled": judged,
            "unlabelled": n["unlabelled"], "refused": n["refused"], **share}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("SHEQU_EMBED_THREADS", "1")
    from assistant import Assistant

    argv = sys.argv[1:] if argv is None else argv
    kb = Assistant.open()
    labels = load_labels()
    rows = plan_rows(kb, load_topics(SETS["first"]) + load_topics(SETS["dev"]), labels)
    if "--list" in argv:
        for r in rows:
            print(json.dumps({k: v for k, v in r.items() if k != "cited"}, ensure_ascii=False))
    print(json.dumps({**summary(rows), "recall_relevant": recall(rows, labels)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
