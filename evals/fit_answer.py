"""python -m evals.fit_answer — fit the answer's weights and abstention threshold on dev.

Only the dev splits (seed "dev", "new-dev", "new-dev2") are used; test, holdout and sealed are never
read here. Writes assistant/fitted.json (the values, the grid, the objective and the dev
precision/recall curve of abstention), which `AnswerSettings` takes as its defaults.

First the abstention: a logistic model over its signals (dense similarity, passage coverage,
rarest missing question word, answer coverage), with the margin read off the dev precision/
recall curve. Then the sentence weights on a small grid; objective: mean over answerable dev
questions of (key coverage + citation precision) / 2. Searches are memoized, so a grid point
costs only the sentence scoring.
"""
from __future__ import annotations

import argparse
import functools
import itertools
import json
import time
from pathlib import Path

from assistant import Assistant, Settings
from assistant.settings import FITTED, AnswerSettings

from .metrics import citation_precision, key_coverage
from .run import DEFAULT_BASE, DEV_SPLITS, eval_home, library, load_questions

GRID = {"chunk_weight": (0.35, 0.5, 0.7, 1.0), "rank_penalty": (0.02, 0.05, 0.1), "keep_ratio": (0.6, 0.75, 0.85)}
# How far a sentence answer reaches into its own paragraph (the issue asks for answers under
# about 200 characters): fitted alone, the other weights as fitted.
GRID_CONTEXT = {"context_chars": (0, 120, 160, 200), "context_before": (False, True)}
# …and whether, inside a legal article, it reaches on into the article's next paragraphs (款),
# and whether a list answer takes the window too; the budget and the sentence before as fitted
# (stop 40; 160/260 characters with the article window: .7746/.7819).
GRID_ARTICLE = {"context_article": (False, True), "context_lists": (False, True)}
FEATURES = ("dense", "coverage", "rare_missing", "answer_coverage")
MAX_REFUSED = 0.05  # answerable dev questions the abstention may refuse
FLOOR_PCT = 2  # the dense floor refuses at most this percentage of answerable dev questions


def memoize_search(kb: Assistant) -> None:
    """Every configuration asks the same searches: keep their results for the whole fit."""
    kb.retriever.scored = functools.lru_cache(maxsize=None)(kb.retriever.scored)


def dev_library(base: str) -> tuple[Assistant, list[dict]]:
    """The eval library with memoized searches, and the dev questions (DEV_SPLITS)."""
    settings = eval_home(Path(base), Settings.load())
    kb = Assistant.open(settings=settings)
    kb.ingest(library(settings.corpus))
    memoize_search(kb)
    return kb, [q for q in load_questions() if q["split"] in DEV_SPLITS]


def objective(kb: Assistant, qs: list[dict], cfg: AnswerSettings) -> float:
    """Mean over answerable questions of (key coverage + citation precision) / 2."""
    return scored(kb, qs, cfg)[0]


def scored(kb: Assistant, qs: list[dict], cfg: AnswerSettings) -> tuple[float, int]:
    """The objective, and the median length of the answers given (one pass over the questions)."""
    import statistics

    kb.settings = kb.settings.model_copy(update={"answer": cfg})
    total, n, chars = 0.0, 0, []
    for q in qs:
        if q["type"] == "out_of_scope":
            continue
        ans = kb.ask(q["question"])
        cites = citation_precision(q, [(c.doc_id, c.quote) for c in ans.citations])
        cov = key_coverage(q, ans.text) if ans.found else 0.0
        total += (cov + (sum(cites) / len(cites) if cites else 0.0)) / 2
        n += 1
        chars += [len(ans.text)] if ans.found else []
    return total / max(n, 1), int(statistics.median(chars or [0]))


def signals(kb: Assistant, qs: list[dict]) -> list[dict]:
    """The abstention signals of every dev question, answering everything."""
    kb.settings = kb.settings.model_copy(update={"answer": AnswerSettings(
        abstain_coverage=0.0, abstain_weights=(1.0, 0.0, 0.0, 0.0, 0.0), abstain_margin=0.0,
        abstain_min_dense=0.0)})
    rows = []
    for q in qs:
        ab = kb.ask(q["question"]).trace.get("abstain")
        if ab and "answer_coverage" in ab:  # a method card or an answer of no kind asked: no decision
            rows.append({"oos": q["type"] == "out_of_scope", **{f: ab[f] for f in FEATURES}})
    return rows


def fit_abstention(rows: list[dict]) -> tuple[list[float], float, float, list[dict]]:
    """A logistic model (answerable vs out of scope) over the signals; the margin keeps the
    answerable questions refused on dev within MAX_REFUSED; a dense floor below which even a
    confident model refuses (clearly off-topic questions). Returns weights, margin, floor, curve."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    floor = float(np.percentile([r["dense"] for r in rows if not r["oos"]], FLOOR_PCT))
    x = np.array([[r[f] for f in FEATURES] for r in rows])
    y = np.array([0 if r["oos"] else 1 for r in rows])
    model = LogisticRegression(C=1.0, class_weight="balanced").fit(x, y)
    w = [float(model.intercept_[0])] + [float(v) for v in model.coef_[0]]
    z = x @ np.array(w[1:]) + w[0]
    curve = []
    for margin in sorted(set(np.round(np.quantile(z, np.linspace(0, 0.6, 25)), 2))):
        refuse = z < margin
        tp = int((refuse & (y == 0)).sum())
        curve.append({"margin": float(margin), "precision": round(tp / max(int(refuse.sum()), 1), 3),
                      "recall": round(tp / max(int((y == 0).sum()), 1), 3),
                      "answerable_refused": round(float((refuse & (y == 1)).sum() / max((y == 1).sum(), 1)), 3)})
    ok = [c for c in curve if c["answerable_refused"] <= MAX_REFUSED]
    margin = max(ok, key=lambda c: (c["recall"], -c["margin"]))["margin"] if ok else curve[0]["margin"]
    return [round(v, 4) for v in w], margin, round(floor, 3), curve


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.fit_answer")
    p.add_argument("--base", default=DEFAULT_BASE)
    p.add_argument("--dry-run", action="store_true", help="print, do not write fitted.json")
    p.add_argument("--context", action="store_true",
                   help="fit how far an answer reaches into its paragraph (GRID_CONTEXT); the rest stays as fitted")
    p.add_argument("--article", action="store_true",
                   help="fit whether a sentence of a legal article reaches into its next paragraphs, and a list answer too (GRID_ARTICLE)")
    p.add_argument("--abstention-only", action="store_true",
                   help="refit the abstention alone; the sentence weights stay as fitted.json has them")
    p.add_argument("--titles", action="store_true",
                   help="the 《title》 share separating documents the library holds from those it lacks")
    args = p.parse_args(argv)
    kb, qs = dev_library(args.base)
    if args.titles:
        return fit_titles(kb, qs)
    if args.context:
        return fit_grid(kb, qs, GRID_CONTEXT, "context", args.dry_run)
    if args.article:
        return fit_grid(kb, qs, GRID_ARTICLE, "context_article", args.dry_run)
    t = time.perf_counter()
    weights, margin, floor, curve = fit_abstention(signals(kb, qs))
    fixed = {"abstain_weights": tuple(weights), "abstain_margin": margin, "abstain_min_dense": floor}
    results = []
    grid = [tuple(AnswerSettings().model_dump()[k] for k in GRID)] if args.abstention_only else \
        itertools.product(*GRID.values())
    for values in grid:
        cfg = AnswerSettings(**dict(zip(GRID, values)), **fixed)
        results.append((objective(kb, qs, cfg), dict(zip(GRID, values))))
        print(f"{results[-1][0]:.4f} {results[-1][1]}", flush=True)
    best_score, best = max(results, key=lambda r: r[0])
    out = {"values": {**best, **fixed, "abstain_weights": weights},
           "objective": round(best_score, 4), "dev_questions": len(qs), "grid": GRID,
           "abstain_features": FEATURES, "abstain_curve_dev": curve, "seconds": round(time.perf_counter() - t, 1)}
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if not args.dry_run:
        old = json.loads(FITTED.read_text(encoding="utf-8")) if FITTED.exists() else {}
        out = {**old, **out, "values": {**old.get("values", {}), **out["values"]}}  # keeps the ranker's record
        FITTED.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"written: {FITTED}")
    return 0


def fit_titles(kb: Assistant, qs: list[dict]) -> int:
    """missing_title_share: the midpoint between the best title share of the dev questions that
    name a document outside the library (out of scope) and the worst of those naming one inside."""
    from assistant.answer.documents import title_share

    held, lacked = [], []
    for q in qs:
        for title, share in title_share(q["question"], kb.view()):
            (lacked if q["type"] == "out_of_scope" else held).append(share)
            print(f"{share:.2f} {'out' if q['type'] == 'out_of_scope' else 'in '} 《{title}》")
    if held and lacked:
        print(f"missing_title_share = {(min(held) + max(lacked)) / 2:.2f} "
              f"(in library ≥ {min(held):.2f}, not ≤ {max(lacked):.2f}; {len(held)}/{len(lacked)} titles)")
    return 0


def fit_grid(kb: Assistant, qs: list[dict], grid: dict, name: str, dry_run: bool) -> int:
    """One small grid on the dev questions; ties go to the first (smallest) values."""
    results = []
    for values in itertools.product(*grid.values()):
        cfg = AnswerSettings(**dict(zip(grid, values)))
        score, chars = scored(kb, qs, cfg)
        results.append((score, dict(zip(grid, values)), chars))
        print(f"{score:.4f} median {chars} chars {results[-1][1]}", flush=True)
    best_score, best, _ = max(results, key=lambda r: round(r[0], 4))
    print(f"best on {len(qs)} dev questions: {best_score:.4f} {best}")
    if not dry_run:
        old = json.loads(FITTED.read_text(encoding="utf-8"))
        old["values"].update(best)
        old[name] = {"grid": grid, "objective": round(best_score, 4),
                     "results": [[round(r, 4), v, c] for r, v, c in results]}
        FITTED.write_text(json.dumps(old, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"written: {FITTED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
