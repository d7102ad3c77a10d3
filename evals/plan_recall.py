"""Plan recall against passages a reader chose: how many of the passages a cadre would want a
plan to build on does the draft cite?

Input: JSON Lines, one topic a line: {"topic", "unit", "passages": [{"file", "quote"}]}, written
by someone who read the corpus but never ran the assistant or read its code (stop 38:
data/plan_passages_holdout3.jsonl, 12 topics, 72 passages over 33 documents). A passage counts
as found when a citation of the draft overlaps its span in the document. Per topic: drafted or
refused, measures, passages found; overall: passage recall, the share of measures whose citations
touch a chosen passage ("on a chosen passage"), and the share of measures citing a document that
holds one ("in a chosen document").
Run: python -m evals.plan_recall [file.jsonl] [--details]
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

DEFAULT = Path(__file__).parent / "data" / "plan_passages_holdout3.jsonl"


def _norm(text: str) -> tuple[str, list[int]]:
    """Text with full-width forms folded, spaces and Markdown marks dropped, and each kept
    character's position in the original (the library's cleaned text differs from the file)."""
    import unicodedata

    out, at = [], []
    for i, ch in enumerate(text):
        ch = unicodedata.normalize("NFKC", ch)
        if ch.isspace() or ch in "*#>`_":
            continue
        out.append(ch)
        at.append(i)
    return "".join(out), at


def spans(kb, row: dict) -> list[tuple[str, int, int]]:
    """(doc id, start, end) of each chosen passage; a quote not found is an error of the data."""
    by_name = {Path(d.source).name: d for d in kb.documents()}
    out = []
    for p in row["passages"]:
        doc = by_name[p["file"]]
        text, pos = _norm(doc.text)
        quote = _norm(p["quote"])[0]
        at = text.find(quote)
        if at < 0 or not quote:
            raise ValueError(f"{p['file']}: quote not in the document: {p['quote']}")
        out.append((doc.doc_id, pos[at], pos[at + len(quote) - 1] + 1))
    return out


def measure(kb, row: dict) -> dict:
    from assistant.plan import PlanError, UngroundedPlan, draft

    want = spans(kb, row)
    try:
        plan = draft(kb, row["topic"], unit=row.get("unit"), strict=False)
    except (PlanError, UngroundedPlan):
        return {"topic": row["topic"], "refused": True, "found": 0, "wanted": len(want), "measures": 0,
                "on_passage": 0, "in_document": 0}

    def hits(c) -> bool:
        return any(c.doc_id == d and c.start < e and s < c.end for d, s, e in want)

    docs = {d for d, _, _ in want}
    cites = plan.citations
    found = sum(any(c.doc_id == d and c.start < e and s < c.end for c in cites) for d, s, e in want)
    per = [[plan.citation(n) for n in m.citations] for m in plan.measures]
    return {"topic": row["topic"], "refused": False, "found": found, "wanted": len(want),
            "measures": len(plan.measures), "on_passage": sum(any(hits(c) for c in cs) for cs in per),
            "in_document": sum(any(c.doc_id in docs for c in cs) for cs in per)}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("SHEQU_EMBED_THREADS", "1")
    from assistant import Assistant

    args = list(sys.argv[1:] if argv is None else argv)
    details = "--details" in args
    path = Path(next((a for a in args if not a.startswith("--")), DEFAULT))
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    kb = Assistant.open()
    out = [measure(kb, r) for r in rows]
    if details:
        for r in out:
            print(json.dumps(r, ensure_ascii=False))
    drafted = [r for r in out if not r["refused"]]
    n_m = sum(r["measures"] for r in drafted)
    print("| topics | drafted | passages found | recall | measures | on a chosen passage | in a chosen document |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {len(out)} | {len(drafted)} | {sum(r['found'] for r in out)}/{sum(r['wanted'] for r in out)} | "
          f"{sum(r['found'] for r in out) / max(sum(r['wanted'] for r in out), 1):.3f} | {n_m} | "
          f"{sum(r['on_passage'] for r in drafted)}/{n_m} | {sum(r['in_document'] for r in drafted)}/{n_m} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
