"""python -m evals.milvus_eval — the eval on the FAISS backend and on Milvus, side by side.

Both indexes cover the bundled corpus and share one vector cache, so the vectors are the
same and only the backend differs. Milvus runs embedded (milvus-lite, a file under --base)
unless --uri points at a server. With --store, the whole library lives in Milvus
(SHEQU_STORE=milvus: documents, chunks, lexical leg, cards, vectors), not just the vectors.
Prints the usual metrics for both and the questions whose top-10 differ beyond ties (hits
with equal scores may trade places).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from assistant import Assistant, Settings

from .run import DEFAULT_BASE, by_split, eval_home, load_questions, run_ours, table


def differs(a, b, tol: float = 1e-3) -> bool:
    """True when two hit lists differ by more than ties: scores may differ in the last float
    bits (two libraries, two kernels), and hits with equal scores may trade places or, at
    the cut-off, be replaced by another hit with that score."""
    if len(a) != len(b) or any(abs(x.score - y.score) > tol for x, y in zip(a, b)):
        return True
    score_a = {h.chunk_id: h.score for h in a}
    for x, y in zip(a, b):
        if x.chunk_id == y.chunk_id:
            continue
        partner = score_a.get(y.chunk_id, a[-1].score)  # not in a: must tie with a's last hit
        if abs(partner - y.score) > tol:
            return True
    return False


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.milvus_eval")
    p.add_argument("--base", default=DEFAULT_BASE)
    p.add_argument("--uri", default="", help="Milvus server; default: milvus-lite file under --base")
    p.add_argument("--store", action="store_true", help="the whole library in Milvus (SHEQU_STORE=milvus)")
    args = p.parse_args(argv)
    faiss_s = eval_home(Path(args.base), Settings.load())
    milvus_s = faiss_s.model_copy(update={
        "home": faiss_s.home.with_name(faiss_s.home.name + "-milvus"), "vector_store": "milvus",
        "milvus_uri": args.uri or str(Path(args.base) / "milvus.db"),
        **({"store": "milvus", "milvus_collection": "shequ_eval"} if args.store else {})})
    fa = Assistant.open(settings=faiss_s)
    fa.ingest()
    mv = Assistant.open(settings=milvus_s, embedder=fa.embedder)
    mv.ingest()
    qs = load_questions()
    rows = {"faiss": run_ours(fa, qs), "milvus": run_ours(mv, qs)}
    what = "the whole library in Milvus" if args.store else "vectors in Milvus"
    print(f"# FAISS vs Milvus, {what} ({mv.data.manifest['vectors']['uri']}, index "
          f"{mv.data.manifest['vectors']['index_type']}) — {len(qs)} questions, {len(fa.data.chunks)} chunks\n")
    print(table({f"{name} {split}": by_split(r, split) for name, r in rows.items() for split in ("dev", "test")}))
    diff = [q for q in qs if differs(fa.search(q["question"], k=10), mv.search(q["question"], k=10))]
    same_answers = sum(fa.ask(q["question"]).text == mv.ask(q["question"]).text for q in qs)
    print(f"\nTop-10 differing beyond ties: {len(diff)} of {len(qs)} "
          f"({', '.join(q['id'] for q in diff) or 'none'}); identical answers: {same_answers} of {len(qs)}")
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
