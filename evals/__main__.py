"""python -m evals — retrieval and answer quality, ours vs the naive baseline, in one run."""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from assistant import Assistant, Settings

from .baseline import NaiveBaseline
from .run import (
    DEFAULT_BASE,
    DEV_SPLITS,
    SPLITS,
    by_split,
    eval_home,
    library,
    load_questions,
    run_other,
    run_ours,
    table,
)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals")
    p.add_argument("--base", default=DEFAULT_BASE)
    p.add_argument("--max-chars", type=int)
    p.add_argument("--min-chars", type=int)
    p.add_argument("--dense-weight", type=float)
    p.add_argument("--fusion", choices=["minmax", "rrf"])
    p.add_argument("--split", choices=("all",) + SPLITS, default="all")
    p.add_argument("--sealed", action="store_true", help="also score the sealed holdout (once, at the end)")
    p.add_argument("--no-peer", action="store_true", help="skip the llama-index default pipeline")
    p.add_argument("--no-features", action="store_true", help="skip method cards, plans and quizzes")
    p.add_argument("--details", action="store_true", help="print per-question misses (dev splits only)")
    p.add_argument("--ablate", action="store_true", help="switch each answer strategy off in turn")
    args = p.parse_args(argv)

    over = {k: v for k, v in {"chunk_max_chars": args.max_chars, "chunk_min_chars": args.min_chars,
                             "dense_weight": args.dense_weight, "fusion": args.fusion}.items() if v is not None}
    settings = eval_home(Path(args.base), Settings.load(**over))
    t = time.perf_counter()
    kb = Assistant.open(settings=settings)
    kb.ingest(library(settings.corpus))
    build_s = time.perf_counter() - t
    qs = load_questions(sealed=args.sealed)
    results = {"shequ": run_ours(kb, qs),
               "naive baseline": run_other(NaiveBaseline(library(settings.corpus)), qs)}
    if not args.no_peer:
        from .peer import LlamaIndexDefault

        peer = LlamaIndexDefault(kb.documents(), kb.embedder, settings.cache_dir)
        results["llama-index default"] = run_other(peer, qs)
    print(f"# shequ eval — {len(qs)} questions; {len(kb.documents())} documents, {len(kb.data.chunks)} chunks, "
          f"max_chars={settings.chunk_max_chars}, fusion={settings.fusion}, w_dense={settings.dense_weight}; "
          f"index ready in {build_s:.1f}s\n")
    splits = [args.split] if args.split != "all" else [sp for sp in SPLITS if any(q["split"] == sp for q in qs)]
    for sp in splits:
        print(f"\n## {sp}\n")
        print(table({who: by_split(rows, sp) for who, rows in results.items()}))
    if args.ablate:
        ablate(kb, qs, results["shequ"], splits)
    if not args.no_features:
        _feature_evals(kb)
    if args.details:
        _details(results["shequ"], qs)
    return 0


def ablate(kb, qs: list[dict], full: list[dict], splits: list[str]) -> None:
    """Each strategy off in turn: its effect (answer score = (coverage + citation precision) / 2,
    and abstention) on every split. A strategy that does not pay on test goes."""
    import functools

    from assistant.answer import STRATEGIES

    kb.retriever.scored = functools.lru_cache(maxsize=None)(kb.retriever.scored)  # same searches each run
    base_cfg = kb.settings.answer

    def worth(rows: list[dict], sp: str) -> tuple[float, float]:
        m = by_split(rows, sp)
        return (m["key coverage"] + m["citation precision"]) / 2, m["abstain (out-of-scope)"]

    print("\n## Ablation: answer score (coverage + citation precision)/2 and abstention, change when switched off\n")
    print("| off | " + " | ".join(splits) + " |\n|---" * 1 + "|---" * len(splits) + "|")
    full_w = {sp: worth(full, sp) for sp in splits}
    for name in STRATEGIES:
        kb.settings = kb.settings.model_copy(update={"answer": base_cfg.model_copy(update={"disabled": (name,)})})
        rows = run_ours(kb, qs)
        cells = [f"{worth(rows, sp)[0] - full_w[sp][0]:+.3f} / {worth(rows, sp)[1] - full_w[sp][1]:+.3f}"
                 for sp in splits]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    kb.settings = kb.settings.model_copy(update={"answer": base_cfg})


def _details(rows: list[dict], qs: list[dict]) -> None:
    """Misses on the splits whose failures may be read: never test, holdout or sealed."""
    for r, q in zip(rows, qs):
        if q["split"] not in DEV_SPLITS:
            continue
        bad = (r["type"] == "out_of_scope") == r["found"] or (r["type"] != "out_of_scope" and (
            not r["rank"] or r["rank"] > 5 or r["coverage"] < 1 or not all(r["cites"])))
        if bad:
            print(f"{q['id']} {q['type']:<12} rank={r['rank']} cov={r['coverage']:.2f} "
                  f"cites={sum(r['cites'])}/{len(r['cites'])} found={r['found']} {r.get('strategy', '')} {q['question']}")


def _feature_evals(kb) -> None:
    """Method cards, work plans and quizzes, each scored by its own eval module."""
    from . import methods_eval, plan_eval, quiz_eval

    print("\n## Method cards\n")
    print(_dict_table({**methods_eval.evaluate_cards(kb), **methods_eval.evaluate_new(kb)}))
    print("\n## Work plans (topic wordings: first round, dev, test)\n")
    print(plan_eval.table({n: plan_eval.evaluate_plans(kb, plan_eval.load_topics(plan_eval.SETS[n]))
                           for n in ("first", "dev", "test")}))
    print("\n## Quizzes\n")
    q = quiz_eval.evaluate_quiz(kb)
    print(_dict_table({k: v for k, v in q.items() if not isinstance(v, (list, dict))}))


def _dict_table(d: dict) -> str:
    lines = ["| measure | value |", "|---|---|"]
    for k, v in d.items():
        if isinstance(v, (list, dict)):
            v = json.dumps(v, ensure_ascii=False)[:200]
        lines.append(f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
