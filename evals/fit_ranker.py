"""python -m evals.fit_ranker — fit the learned sentence ranker on the dev questions.

Only the dev splits (seed "dev" and "new-dev") are read. For every answerable dev question,
the candidates the answer strategies weigh (sentences, list units, headings of the top
passages after the question's scope) get their features (assistant/answer/ranker.py); a
candidate is positive when it holds gold evidence or an answer key of the question. A logistic
model (L2, balanced classes) is fitted, and the dev objective — mean (key coverage + citation
precision) / 2 — is printed with and without it. The weights are recorded in fitted.json
("ranker"); with --adopt they become the default. Stop 26: not adopted — on the test splits it
raised new-test coverage but lowered the seed holdout's citation precision by .067.
Stop 30, refitted after the answer's context step: again not adopted (new-test coverage
.750 → .763, but new-test precision .773 → .741, seed holdout .660/.683 → .635/.614).
"""
from __future__ import annotations

import argparse
import json
import time

from assistant import Assistant
from assistant.answer.pipeline import context
from assistant.answer.ranker import FEATURES, Shape
from assistant.answer.sentences import candidate_sentences
from assistant.settings import FITTED, AnswerSettings

from .fit_answer import dev_library, objective
from .metrics import norm, overlaps
from .run import DEFAULT_BASE

HAND: list[float] = []  # the hand-set score of each candidate of the last `rows` call
CS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)  # L2 strengths tried, chosen by cross-validation on dev
GRID = {"top_chunks": (3, 5), "keep_ratio": (0.6, 0.75, 0.85, 0.95)}


def holds_answer(q: dict, doc_id: str, text: str) -> bool:
    if doc_id not in q["docs"]:
        return False
    return any(overlaps(ev, text) for ev in q["evidence"]) or any(norm(k) in norm(text) for k in q["answer_keys"])


def rows(kb: Assistant, qs: list[dict], cfg: AnswerSettings) -> tuple[list[tuple], list[int], list[int]]:
    """(features, label, question index) of every candidate of every answerable question; the
    hand-set scores in HAND."""
    view = kb.view()
    xs, ys, groups = [], [], []
    HAND.clear()
    for i, q in enumerate(qs):
        if q["type"] == "out_of_scope":
            continue
        ctx = context(q["question"], view, cfg)
        shape = Shape.of(q["question"])
        for s in candidate_sentences(view, ctx.chunks[:cfg.top_chunks], ctx.words, cfg, shape.quantity, shape,
                                     ctx.dense):
            xs.append(s.feats)
            ys.append(int(holds_answer(q, s.chunk.doc_id, view.text(s.chunk)[s.start:s.end])))
            groups.append(i)
            HAND.append(s.score)
    return xs, ys, groups


def hand_top1(ys: list[int], groups: list[int]) -> float:
    """Share of questions whose best hand-scored candidate holds the answer (to compare with top1)."""
    best: dict[int, tuple[float, int]] = {}
    for score, y, g in zip(HAND, ys, groups):
        if g not in best or score > best[g][0]:
            best[g] = (score, y)
    return sum(y for _, y in best.values()) / max(len(best), 1)


def top1(xs, ys, groups, c: float) -> float:
    """Cross-validated (5 folds by question) share of questions whose best-scored candidate
    holds the answer, for L2 strength c."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    x, y, g = np.array(xs), np.array(ys), np.array(groups)
    hits, total = 0, 0
    for train, held in GroupKFold(n_splits=5).split(x, y, g):
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x[train], y[train])
        z = model.decision_function(x[held])
        for q in set(g[held]):
            mine = np.where(g[held] == q)[0]
            hits += int(y[held][mine[np.argmax(z[mine])]])
            total += 1
    return hits / max(total, 1)


def fit(xs: list[tuple], ys: list[int], c: float) -> list[float]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(np.array(xs), np.array(ys))
    return [round(float(model.intercept_[0]), 4)] + [round(float(v), 4) for v in model.coef_[0]]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.fit_ranker")
    p.add_argument("--base", default=DEFAULT_BASE)
    p.add_argument("--dry-run", action="store_true", help="print, do not write fitted.json")
    p.add_argument("--adopt", action="store_true", help="make the fitted ranker the default (else its weights "
                   "are only recorded under \"ranker\" in fitted.json, to switch on with SHEQU_ANSWER__RANKER_WEIGHTS)")
    args = p.parse_args(argv)
    kb, qs = dev_library(args.base)
    t = time.perf_counter()
    hand = AnswerSettings(ranker_weights=())
    before = objective(kb, qs, hand)
    results = []
    for top in GRID["top_chunks"]:  # the ranker is fitted on the candidates it will weigh
        xs, ys, groups = rows(kb, qs, hand.model_copy(update={"top_chunks": top}))
        cv = {c: top1(xs, ys, groups, c) for c in CS}
        c = max(CS, key=lambda v: (round(cv[v], 3), -v))  # on a tie, the stronger regularization
        print(f"top_chunks={top}: hand-set top-1 {hand_top1(ys, groups):.3f}; cross-validated top-1 by C "
              f"{ {k: round(v, 3) for k, v in cv.items()} } -> C={c}", flush=True)
        weights = fit(xs, ys, c)
        for keep in GRID["keep_ratio"]:
            cfg = AnswerSettings(ranker_weights=tuple(weights), ranker_top_chunks=top, ranker_keep_ratio=keep)
            results.append((objective(kb, qs, cfg), top, keep, weights, len(xs), sum(ys), c))
            print(f"top_chunks={top} keep_ratio={keep}: {results[-1][0]:.4f}", flush=True)
    # on a tie, the higher keep ratio (shorter answers) and fewer passages
    after, top, keep, weights, n, pos, c = max(results, key=lambda r: (round(r[0], 4), r[2], -r[1]))
    print(f"{n} candidates, {pos} positive; dev objective hand-set {before:.4f} -> learned {after:.4f} "
          f"(top_chunks={top}, keep_ratio={keep})")
    print(json.dumps(dict(zip(("bias",) + FEATURES, weights)), ensure_ascii=False, indent=1))
    out = json.loads(FITTED.read_text(encoding="utf-8"))
    fitted = {"ranker_weights": weights, "ranker_top_chunks": top, "ranker_keep_ratio": keep}
    for key in fitted:
        out["values"].pop(key, None)
    if args.adopt:  # the answer uses the ranker by default only when it paid on the test splits
        out["values"].update(fitted)
    out["ranker"] = {"adopted": args.adopt, "values": fitted, "features": ("bias",) + FEATURES, "C": c, "grid": GRID, "candidates": n, "positives": pos,
                     "objective_hand": round(before, 4), "objective_learned": round(after, 4),
                     "seconds": round(time.perf_counter() - t, 1)}
    if not args.dry_run:
        FITTED.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"written: {FITTED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
