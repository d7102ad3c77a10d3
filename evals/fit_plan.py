"""Fit when a plan is drafted, on the dev topic wordings only (data/plan_topics_dev.jsonl and
the first round's data/plan_topics.jsonl; never the test wordings).

A practice's relevance is max(lexical coverage of the topic's words, embedding similarity
mapped linearly from dense_lo → 0 to dense_hi → 1). A plan is drafted when the best practice
reaches `support`. So a topic is drafted iff its best lexical coverage ≥ support or its best
similarity ≥ dense_lo + support·SPAN. The grid picks (support, that similarity) with the most
topics decided right (drafted when supported, refused when not), ties broken towards the
middle of the widest run of equally good similarity thresholds; dense_lo follows.
Then, on a cadre's verdicts of dev measures (data/plan_measures_dev.jsonl): `floor`, the lowest
relevance at which PRECISION of the kept measures are on topic, `own_floor` (fit_own.py), the same for the
unit's own duties below the floor, and `sentence_floor`, the
highest embedding similarity of a practice's own text to the topic that keeps every measure
judged relevant among those above the floor; then `sentence_accept` and `lexical_accept`
(fit_accept), which let a practice below the floor in when its own text is on the topic; and
`expand_title` (fit_expand_title), when a document's title makes it one to read whole; last
`fill_cut` (fit_fill_cut), the share of a plan's best rank below which a practice opens no measure.
Writes assistant/fitted_plan.json. Run: python -m evals.fit_plan
"""
from __future__ import annotations

import json
import os
import time

import numpy as np

from assistant.settings import FITTED_PLAN

from .fit_own import fit_own_floor, own_rows
from .plan_eval import SETS, load_topics

SPAN = 0.05  # dense_hi - dense_lo: structural, sets how fast similarity turns into relevance


def features(kb, rows: list[dict]) -> list[tuple[float, float, bool]]:
    """(best lexical coverage, best embedding similarity, supported) per topic."""
    from assistant.plan.draft import Scorer, Search, understand

    kb, out = kb.library(), []
    for r in rows:
        t = understand(r["topic"], kb.tokenizer.cut)
        words = [Scorer(kb).words(v) for v in t.variants]
        pts = Search(t, words, None, kb.settings.plan).gather(kb, list(t.variants[:4]), practice=False)
        out.append((max((p.lexical for p in pts), default=0.0), max((p.dense for p in pts), default=0.0),
                    bool(r.get("supported", True))))
    return out


S_GRID = np.round(np.arange(0.10, 1.001, 0.05), 2)
D_GRID = np.round(np.arange(0.85, 0.95, 0.0025), 4)


def fit(feats: list[tuple[float, float, bool]]) -> dict:
    """The grid cell deciding most topics right; among those, the one farthest (as a share of
    each axis's range) from any cell that decides fewer right: the centre of the good region,
    not its edge."""
    score = np.array([[sum((lex >= s or d >= td) == sup for lex, d, sup in feats) for td in D_GRID]
                      for s in S_GRID])
    good = np.argwhere(score == score.max())
    bad = np.argwhere(score < score.max())
    span = np.array([len(S_GRID) - 1, len(D_GRID) - 1], dtype=float)

    def room(cell: np.ndarray) -> float:
        return float(np.min(np.max(np.abs(bad - cell) / span, axis=1))) if len(bad) else 1.0

    i, j = max(good, key=lambda c: (room(c), -c[0]))
    s, td = float(S_GRID[i]), float(D_GRID[j])
    lo = round(td - s * SPAN, 4)
    return {"support": s, "dense_lo": lo, "dense_hi": round(lo + SPAN, 4), "correct": int(score.max()),
            "similarity_threshold": td}


LABELS = SETS["dev"].with_name("plan_measures_dev.jsonl")  # a cadre's verdicts on dev measures
PRECISION = 0.8  # share of kept dev measures judged on topic (relevant or partly) the floor aims at


def labelled_relevance(kb, rows: list[dict]) -> list[tuple[float, bool, float, str, float, str, float]]:
    """(relevance by the current code, judged on topic, the practice's own embedding
    similarity to the topic, label, lexical coverage, topic, score without the chunk's retrieval score) for each labelled dev measure: the practice is found
    again in its chunk by its start and scored for its topic."""
    from assistant.plan.draft import Scorer, understand
    from assistant.plan.gathering import topic_similarity
    from assistant.plan.precedents import points_of_chunk, score_point
    from assistant.plan.similarity import practice_similarity, topic_vectors

    kb = kb.library()
    ps, scorer, out, sims = kb.settings.plan, Scorer(kb), [], {}
    for r in rows:
        doc = kb.documents.get(r["doc_id"])
        chunk = next((c for c in kb.chunks if c.doc_id == r["doc_id"] and c.start <= r["start"] < c.end), None)
        if doc is None or chunk is None:
            continue
        pts = [p for p in points_of_chunk(doc, chunk) if p.start < r["end"] and r["start"] < p.end]
        if not pts:
            continue
        t = understand(r["topic"], kb.tokenizer.cut)
        if r["topic"] not in sims:
            sims[r["topic"]] = topic_similarity(kb, list(t.variants[:4]))
        p = pts[0]
        p.dense = sims[r["topic"]].get(chunk.chunk_id, 0.0)
        score_point(p, doc, [scorer.words(v) for v in t.variants], 0.0, scorer, (ps.dense_lo, ps.dense_hi))
        sim = practice_similarity(kb, [p], topic_vectors(kb, list(t.variants[:4])))[0]
        out.append((p.relevance, r["label"] != "irrelevant", sim, r["label"], p.lexical, r["topic"], p.score))
    return out


def fit_floor(pairs: list[tuple]) -> dict:
    """The lowest floor at which the kept dev measures reach PRECISION on topic."""
    for floor in np.round(np.arange(0.0, 1.0, 0.05), 2):
        kept = [p[1] for p in pairs if p[0] >= floor]
        if kept and sum(kept) / len(kept) >= PRECISION:
            return {"floor": float(floor), "kept": len(kept), "of": len(pairs),
                    "precision": round(sum(kept) / len(kept), 3)}
    return {"floor": 0.95, "kept": 0, "of": len(pairs), "precision": None}


KEEP_RELEVANT = 1.0  # share of the dev measures judged relevant the sentence floor must keep (all)
S_FLOOR_GRID = np.round(np.arange(0.80, 0.95, 0.0025), 4)


def fit_sentence_floor(rows: list[tuple], floor: float) -> dict:
    """The highest similarity floor that still keeps KEEP_RELEVANT of the dev measures judged
    relevant among those above the relevance floor: it drops the irrelevant ones it can
    without losing good measures."""
    above = [r for r in rows if r[0] >= floor]
    rel = [r[2] for r in above if r[3] == "relevant"]
    best = float(S_FLOOR_GRID[0])
    for th in S_FLOOR_GRID:
        if rel and sum(s >= th for s in rel) / len(rel) >= KEEP_RELEVANT:
            best = float(th)
    kept = [r[3] for r in above if r[2] >= best]
    return {"sentence_floor": best, "of": len(above), "kept": len(kept),
            **{k: sum(x == k for x in kept) for k in ("relevant", "partly", "irrelevant")},
            "irrelevant_before": sum(r[3] == "irrelevant" for r in above)}


A_S_GRID = np.round(np.arange(0.86, 0.95, 0.0025), 4)
A_L_GRID = np.round(np.arange(0.20, 0.81, 0.05), 2)


def fit_accept(rows: list[tuple], floor: float, sentence_floor: float) -> dict:
    """The second gate (draft.on_topic): a practice below the floor counts as on topic when its
    own similarity reaches sentence_accept and its lexical coverage lexical_accept. Among the
    cells whose kept dev measures (above the floor, or through the gate) have no larger share
    judged irrelevant than the floor alone keeps, the one keeping most measures judged on
    topic; ties go to the stricter cell."""
    base = [r for r in rows if r[0] >= floor and r[2] >= sentence_floor]
    share = sum(r[3] == "irrelevant" for r in base) / max(len(base), 1)
    best = (sum(r[1] for r in base), 1.0, 1.0, 0)
    for s in A_S_GRID:
        for lx in A_L_GRID:
            add = [r for r in rows if r[0] < floor and r[4] >= lx and r[2] >= max(s, sentence_floor)]
            kept = base + add
            if add and sum(r[3] == "irrelevant" for r in kept) / len(kept) <= share + 1e-9:
                best = max(best, (sum(r[1] for r in kept), float(s), float(lx), len(add)))
    return {"sentence_accept": best[1], "lexical_accept": best[2], "added": best[3], "on_topic_kept": best[0],
            "irrelevant_share": round(share, 3)}


C_GRID = np.round(np.arange(0.0, 1.001, 0.05), 2)


def fit_centrality(rows: list[tuple], lo: float, hi: float) -> dict:
    """centrality: the weight of a practice's own embedding similarity to the topic (mapped
    like the chunk's, dense_lo → 0, dense_hi → 1) against its score when measures are chosen
    (similarity.rank). Fitted on the cadre's dev verdicts: the share of (relevant, irrelevant)
    pairs of one topic that the rank puts in the right order, the middle of the best run of
    weights. Kept only if it pays out of sample: each topic's pairs ordered with the weight
    fitted on the other topics must beat weight 0; else 0."""
    from assistant.plan.precedents import dense_relevance

    pairs = [(a, b) for a in rows for b in rows if a[5] == b[5] and a[3] == "relevant" and b[3] == "irrelevant"]

    def right(w: float, ps: list) -> float:
        def rank(r: tuple) -> float:
            return (1 - w) * r[6] + w * dense_relevance(r[2], lo, hi)
        return sum((rank(a) > rank(b)) + 0.5 * (rank(a) == rank(b)) for a, b in ps)

    def best_weight(ps: list) -> float:
        acc = [right(float(w), ps) for w in C_GRID]
        run = [float(w) for w, a in zip(C_GRID, acc) if a >= max(acc) - 1e-9]
        return run[len(run) // 2]

    topics = sorted({a[5] for a, _ in pairs})
    held = sum(right(best_weight([x for x in pairs if x[0][5] != t]), [x for x in pairs if x[0][5] == t])
               for t in topics)
    n = max(len(pairs), 1)
    w = best_weight(pairs)
    pays = held > right(0.0, pairs)
    return {"centrality": w if pays else 0.0, "fitted": w, "pairs": len(pairs), "ordered": round(right(w, pairs) / n, 3),
            "ordered_at_0": round(right(0.0, pairs) / n, 3), "held_out": round(held / n, 3)}


F_GRID = np.round(np.arange(0.0, 1.0, 0.05), 2)


def measure_strengths(kb, topics: list[dict], labels: list[dict]) -> list[tuple[float, str]]:
    """(strength, label) of each labelled measure of the dev drafts made without a fill cut:
    strength is the lead practice's rank as a share of its plan's best (Measure.strength)."""
    from .plan_labels import drafts, label_of

    ps = kb.settings.plan.model_copy(update={"fill_cut": 0.0})
    kb.settings = kb.settings.model_copy(update={"plan": ps})
    out = []
    for row, plan in drafts(kb, topics):
        for m in (plan.measures if plan else []):
            c = plan.citation(m.citations[0])
            out.append((m.strength, label_of(labels, row["topic"], c.doc_id, c.start, c.end)))
    return [x for x in out if x[1] != "unlabelled"]


def fit_fill_cut(pairs: list[tuple[float, str]]) -> dict:
    """fill_cut: the highest share of the plan's best rank a measure's lead must reach that
    keeps KEEP_RELEVANT of the dev measures judged relevant (weak fill goes, good measures stay)."""
    rel = [s for s, lb in pairs if lb == "relevant"]
    best = 0.0
    for th in F_GRID:
        if rel and sum(s >= th for s in rel) / len(rel) >= KEEP_RELEVANT:
            best = float(th)
    kept = [lb for s, lb in pairs if s >= best]
    return {"fill_cut": best, "of": len(pairs), "kept": len(kept),
            **{k: sum(x == k for x in kept) for k in ("relevant", "partly", "irrelevant")},
            "relevant_before": round(sum(lb == "relevant" for _, lb in pairs) / max(len(pairs), 1), 3),
            "relevant_after": round(sum(x == "relevant" for x in kept) / max(len(kept), 1), 3)}


E_GRID = np.round(np.arange(0.30, 1.001, 0.05), 2)


def fit_expand_title(kb, rows: list[dict]) -> dict:
    """expand_title: the lowest share of the topic's words a document's title must hold for no
    dev document to pass it unless the topic's writer named it as holding precedents (a
    document searched whole must be one the topic is plainly about)."""
    from assistant.plan.draft import Scorer, understand

    kb = kb.library()
    scorer, pairs = Scorer(kb), []
    for r in rows:
        named = set(r.get("precedent_files") or [])
        if not r.get("supported", True) or not named:
            continue
        t = understand(r["topic"], kb.tokenizer.cut)
        words = [scorer.words(v) for v in t.variants]
        pairs += [(scorer.best_coverage(words, d.title), d.doc_id.split("#")[0] in named) for d in kb.documents.values()]
    best = next((float(th) for th in E_GRID if all(ok for cov, ok in pairs if cov >= th)), 1.0)
    return {"expand_title": best, "passing": sum(cov >= best for cov, _ in pairs), "documents": len(pairs)}


def main() -> None:
    os.environ.setdefault("SHEQU_EMBED_THREADS", "1")
    from assistant import Assistant

    t0 = time.time()
    kb = Assistant.open()
    feats = features(kb, load_topics(SETS["dev"]) + load_topics(SETS["first"]))
    r = fit(feats)
    from assistant.settings import PlanSettings

    kb.settings = kb.settings.model_copy(update={"plan": PlanSettings(
        **{k: r[k] for k in ("support", "dense_lo", "dense_hi")})})  # the floor is fitted on these
    labels = [json.loads(ln) for ln in LABELS.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows = labelled_relevance(kb, labels)
    f = fit_floor(rows)
    sf = fit_sentence_floor(rows, f["floor"])
    own = fit_own_floor(own_rows(kb, labels), f["floor"])
    acc = fit_accept(rows, f["floor"], sf["sentence_floor"])
    ex = fit_expand_title(kb, load_topics(SETS["dev"]))
    cen = fit_centrality(rows, r["dense_lo"], r["dense_hi"])
    values = {**{k: r[k] for k in ("support", "dense_lo", "dense_hi")}, "floor": f["floor"], "own_floor": own["own_floor"],
              "sentence_floor": sf["sentence_floor"], "sentence_accept": acc["sentence_accept"],
              "lexical_accept": acc["lexical_accept"], "expand_title": ex["expand_title"],
              "centrality": cen["centrality"]}
    kb.settings = kb.settings.model_copy(update={"plan": PlanSettings(**values)})  # the cut is fitted on these
    fc = fit_fill_cut(measure_strengths(kb, load_topics(SETS["first"]) + load_topics(SETS["dev"]), labels))
    values["fill_cut"] = fc["fill_cut"]
    FITTED_PLAN.write_text(json.dumps({"values": values, "dev_topics": len(feats), "dev_correct": r["correct"],
                                       "span": SPAN, "floor_fit": f, "own_floor_fit": own, "sentence_floor_fit": sf,
                                       "accept_fit": acc, "expand_fit": ex, "centrality_fit": cen, "fill_cut_fit": fc,
                                       "seconds": round(time.time() - t0, 1)},
                                      ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({**r, **f, **own, **sf, **acc, **ex, **cen, **fc}, ensure_ascii=False), f"→ {FITTED_PLAN}")


if __name__ == "__main__":
    main()
