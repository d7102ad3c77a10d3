"""python -m evals.answer_misses — why a dev answer misses its key (dev splits only).

For every answerable dev question whose answer holds less than all its keys: the question, the
missing keys, the strategy that answered (the trace), the chunk and section the answer quotes,
the rank (in the passages answered from, and in the whole search) of the chunk holding a missing
key, and the best score a sentence holding that key reached against the chosen one's: whether
the right passage was not searched, not weighed, or weighed and outscored.
"""
from __future__ import annotations

import argparse
import json

from assistant.answer.pipeline import context
from assistant.answer.sentences import candidate_sentences

from .fit_answer import dev_library
from .metrics import citation_precision, key_coverage, norm
from .run import DEFAULT_BASE


def _key_chunk(view, q: dict, key: str):
    """The first chunk of a gold document whose text holds the key (None: no chunk does)."""
    k = norm(key)
    for i, c in enumerate(view.chunks):
        if c.doc_id in q["docs"] and k in norm(c.text):
            return i, c
    return None, None


def miss(kb, q: dict) -> dict | None:
    ans = kb.ask(q["question"])
    cov = key_coverage(q, ans.text) if ans.found else 0.0
    if cov >= 1.0:
        return None
    view, cfg = kb.view(), kb.settings.answer
    ctx = context(q["question"], view, cfg)
    chosen = ans.trace.get("chosen", [])
    top = max((s["score"] for s in chosen), default=None)
    row = {"id": q["id"], "split": q["split"], "type": q["type"], "q": q["question"], "coverage": round(cov, 2),
           "precision": citation_precision(q, [(c.doc_id, c.quote) for c in ans.citations]),
           "strategy": ans.trace.get("strategy"), "reason": ans.trace.get("reason"), "found": ans.found,
           "filters": [f["name"] for f in ans.trace.get("filters", [])],
           "answer": [(c.doc_id, c.section[-30:], c.quote[:50]) for c in ans.citations], "chosen_score": top,
           "missing": []}
    ranked = {c.chunk_id: r for r, c, _ in ctx.chunks}
    pool = [view.chunks[h.idx].chunk_id for h in ctx.pool]
    for key in q["answer_keys"]:
        if norm(key) in norm(ans.text):
            continue
        _, c = _key_chunk(view, q, key)
        entry = {"key": key, "chunk": None}
        if c is not None:
            entry.update(chunk=c.section[-30:], rank_answered=ranked.get(c.chunk_id),
                         rank_pool=pool.index(c.chunk_id) if c.chunk_id in pool else None)
            if c.chunk_id in ranked:
                chunks = [t for t in ctx.chunks if t[1].chunk_id == c.chunk_id]
                sents = candidate_sentences(view, chunks, ctx.words, cfg)
                holding = [s for s in sents if norm(key) in norm(view.text(s.chunk)[s.start:s.end])]
                entry["key_score"] = round(max((s.score for s in holding), default=0.0), 4)
        row["missing"].append(entry)
    return row


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.answer_misses")
    p.add_argument("--base", default=DEFAULT_BASE)
    p.add_argument("--out", help="write the rows as JSON lines here")
    args = p.parse_args(argv)
    kb, qs = dev_library(args.base)
    rows = [r for q in qs if q["type"] != "out_of_scope" for r in [miss(kb, q)] if r]
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
