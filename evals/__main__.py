"""python -m evals — retrieval and answer quality, ours vs the naive baseline, in one run."""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from assistant import Assistant, Settings

from .baseline import NaiveBaseline
from .run import by_split, eval_home, load_questions, run_baseline, run_ours, table


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals")
    p.add_argument("--base", default=os.environ.get("SHEQU_EVAL_HOME", str(Path.home() / ".cache" / "shequ-eval")))
    p.add_argument("--max-chars", type=int)
    p.add_argument("--min-chars", type=int)
    p.add_argument("--dense-weight", type=float)
    p.add_argument("--fusion", choices=["minmax", "rrf"])
    p.add_argument("--split", choices=["all", "dev", "test", "holdout"], default="all")
    p.add_argument("--details", action="store_true", help="print per-question misses")
    args = p.parse_args(argv)

    over = {k: v for k, v in {"chunk_max_chars": args.max_chars, "chunk_min_chars": args.min_chars,
                             "dense_weight": args.dense_weight, "fusion": args.fusion}.items() if v is not None}
    settings = eval_home(Path(args.base), Settings.load(**over))
    t = time.perf_counter()
    kb = Assistant.open(settings=settings)
    kb.ingest()
    build_s = time.perf_counter() - t
    qs = load_questions()
    ours = run_ours(kb, qs)
    base = run_baseline(NaiveBaseline(settings.corpus), qs)
    split = None if args.split == "all" else args.split
    print(f"# shequ eval — {len(qs)} questions (split: {args.split}); chunks={len(kb.data.chunks)}, "
          f"max_chars={settings.chunk_max_chars}, fusion={settings.fusion}, w_dense={settings.dense_weight}; "
          f"index ready in {build_s:.1f}s\n")
    print(table({"shequ": by_split(ours, split), "naive baseline": by_split(base, split)}))
    if split is None:
        print("\nBy split (dev and test were tuned on; holdout was written later, unseen):\n")
        print(table({f"{who} {sp}": by_split(rows, sp) for who, rows in (("shequ", ours), ("baseline", base))
                     for sp in ("dev", "test", "holdout")}))
    _feature_evals(kb)
    if args.details:
        for r, q in zip(ours, qs):
            bad = (r["type"] == "out_of_scope") == r["found"] or (r["type"] != "out_of_scope" and (
                not r["rank"] or r["rank"] > 5 or r["coverage"] < 1 or not all(r["cites"])))
            if bad:
                print(f"{q['id']} {q['type']:<12} rank={r['rank']} cov={r['coverage']:.2f} "
                      f"cites={sum(r['cites'])}/{len(r['cites'])} found={r['found']} {q['question']}")
    return 0


def _feature_evals(kb) -> None:
    """Method cards, work plans and quizzes, each scored by its own eval module."""
    for title, mod, fn in (("Method cards", "evals.methods_eval", "evaluate_cards"),
                           ("Work plans", "evals.plan_eval", "evaluate_plans"),
                           ("Quizzes", "evals.quiz_eval", "evaluate_quiz")):
        try:
            import importlib
            result = getattr(importlib.import_module(mod), fn)(kb)
        except ModuleNotFoundError:
            continue
        print(f"\n## {title}\n")
        print(_dict_table(result))


def _dict_table(d: dict) -> str:
    lines = ["| measure | value |", "|---|---|"]
    for k, v in d.items():
        if isinstance(v, (list, dict)):
            v = json.dumps(v, ensure_ascii=False)[:200]
        lines.append(f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
