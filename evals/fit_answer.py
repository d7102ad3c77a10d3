"""python -m evals.fit_answer — fit the answer's weights and abstention threshold on dev.

Only the dev splits (seed "dev" and "new-dev") are used; test, holdout and sealed are never
read here. Writes assistant/fitted.json (the values, the grid, the objective and the dev
precision/recall curve of abstention), which `AnswerSettings` takes as its defaults.

Objective: mean over answerable dev questions of (key coverage + citation precision) / 2,
with abstention fixed at its fitted threshold. Searches are memoized, so a grid point costs
only the sentence scoring.
"""
from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import time
from pathlib import Path

from assistant import Assistant, Settings
from assistant.settings import FITTED, AnswerSettings

from .metrics import citation_precision, key_coverage
from .run import eval_home, library, load_questions

GRID = {"chunk_weight": (0.2, 0.35, 0.5), "rank_penalty": (0.02, 0.05, 0.1), "keep_ratio": (0.75, 0.85, 0.95)}
THRESHOLDS = [round(0.85 + 0.005 * i, 3) for i in range(19)]  # 0.85 … 0.94


def memoize_search(kb: Assistant) -> None:
    """Every configuration asks the same searches: keep their results for the whole fit."""
    kb.retriever.scored = functools.lru_cache(maxsize=None)(kb.retriever.scored)


def score(kb: Assistant, qs: list[dict], cfg: AnswerSettings) -> tuple[float, list[dict]]:
    kb.settings = kb.settings.model_copy(update={"answer": cfg})
    rows, total = [], 0.0
    for q in qs:
        ans = kb.ask(q["question"])
        ab = ans.trace.get("abstain", {})
        # A method-card answer has no abstention signals: it names a known method.
        rows.append({"oos": q["type"] == "out_of_scope", "signal": ab.get("signal", 1.0),
                     "coverage": ab.get("coverage", 1.0), "found": ans.found})
        if q["type"] != "out_of_scope":
            cites = citation_precision(q, [(c.doc_id, c.quote) for c in ans.citations])
            cov = key_coverage(q, ans.text) if ans.found else 0.0
            total += (cov + (sum(cites) / len(cites) if cites else 0.0)) / 2
    return total / max(1, sum(not q["type"] == "out_of_scope" for q in qs)), rows


def abstain_curve(rows: list[dict], min_cov: float) -> list[dict]:
    """Precision/recall of "abstain" on out-of-scope dev questions, per threshold."""
    curve = []
    n_oos = sum(r["oos"] for r in rows) or 1
    for t in THRESHOLDS:
        abstain = [r for r in rows if r["signal"] < t or r["coverage"] < min_cov]
        tp = sum(r["oos"] for r in abstain)
        wrong = sum(not r["oos"] for r in abstain)
        curve.append({"threshold": t, "precision": round(tp / max(len(abstain), 1), 3),
                      "recall": round(tp / n_oos, 3), "answerable_refused": wrong})
    return curve


def pick_threshold(curve: list[dict], n_answerable: int, max_refused: float = 0.05) -> float:
    """The highest recall whose wrongly refused answerable questions stay within max_refused."""
    ok = [c for c in curve if c["answerable_refused"] <= max_refused * n_answerable]
    return max(ok, key=lambda c: (c["recall"], -c["threshold"]))["threshold"] if ok else curve[0]["threshold"]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.fit_answer")
    p.add_argument("--base", default=os.environ.get("SHEQU_EVAL_HOME", str(Path.home() / ".cache" / "shequ-eval")))
    p.add_argument("--dry-run", action="store_true", help="print, do not write fitted.json")
    args = p.parse_args(argv)
    settings = eval_home(Path(args.base), Settings.load())
    kb = Assistant.open(settings=settings)
    kb.ingest(library(settings.corpus))
    memoize_search(kb)
    qs = [q for q in load_questions() if q["split"] in ("dev", "new-dev")]
    n_ans = sum(q["type"] != "out_of_scope" for q in qs)
    base = AnswerSettings(abstain_dense=0.0, abstain_coverage=0.0)  # answer everything: read the signals
    _, rows = score(kb, qs, base)
    min_cov = AnswerSettings().abstain_coverage
    curve = abstain_curve(rows, min_cov)
    threshold = pick_threshold(curve, n_ans)
    t = time.perf_counter()
    results = []
    for values in itertools.product(*GRID.values()):
        cfg = AnswerSettings(**dict(zip(GRID, values)), abstain_dense=threshold)
        results.append((score(kb, qs, cfg)[0], dict(zip(GRID, values))))
        print(f"{results[-1][0]:.4f} {results[-1][1]}", flush=True)
    best_score, best = max(results, key=lambda r: r[0])
    out = {"values": {**best, "abstain_dense": threshold},
           "objective": round(best_score, 4), "questions": len(qs), "grid": GRID,
           "abstain_curve": curve, "seconds": round(time.perf_counter() - t, 1)}
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if not args.dry_run:
        FITTED.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"written: {FITTED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
