"""Rows of `python -m evals.bench --scale … --milvus URI` for the Milvus store (SHEQU_STORE=milvus).

Per size, in fresh processes: the full ingest of the corpus into Milvus (vectors from the run's
cache: real ones at 1×, derived ones from `evals.scale.prep` at N×), then one new document
uploaded through a writer while a second process (another app server: its own SHEQU_HOME,
nothing shared but Milvus) polls search for it, giving the upload time and the time from the
commit (the version pointer's write) to the reader serving it (`--rounds` uploads, each removed
again after; medians); the reader's memory after opening the library
(with and without the embedding model) and its search latency.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

from assistant import Assistant, Settings
from assistant.build import ingest
from assistant.store import store_for

from .run import load_questions
from .scale import pct, rss_mb, time_queries

UPLOAD = "社区通知\n\n楼道议事角每周{day}晚上开放，居民可以当面提出意见，网格员当场记录并在一周内答复。\n"
PROBE = "楼道议事角每周{day}晚上开放"
DAYS = ("二", "四", "六", "日", "一")  # one upload per round, each with its own probe


def store_settings(root: Path, factor: int, uri: str, who: str) -> Settings:
    base = root / f"s{factor}"
    cache = root / "h1" / "cache" if factor == 1 and (root / "h1" / "cache").exists() else base / "cache"
    return Settings.load(home=base / f"milvus-{who}", cache=cache, store="milvus", milvus_uri=uri,
                         milvus_collection=f"shequ_bench{factor}")


def reader(root: Path, factor: int, uri: str, n_queries: int) -> None:
    """The second app server: open, report memory and latency, then, for each line `probe doc`
    on stdin, search until the hit for `probe` is `doc` and report when."""
    from assistant.embed import make_embedder

    s = store_settings(root, factor, uri, "reader")
    base = rss_mb()
    emb = make_embedder(s.embed_model, s.embed_threads, s.embed_batch)
    emb.get_text_embedding("预热")
    model = rss_mb() - base
    t = time.perf_counter()
    kb = Assistant.open(settings=s, embedder=emb)
    opened = time.perf_counter() - t
    queries = [q["question"] for q in load_questions()]
    lat = time_queries(lambda q: kb.search(q, k=5), queries, n_queries)
    print(json.dumps({"open library s": opened, "app server RSS MB": rss_mb(),
                      "app server RSS excl. model MB": rss_mb() - model,
                      "search p50 ms": pct(lat, 50), "search p95 ms": pct(lat, 95)}), flush=True)
    for line in sys.stdin:
        probe, doc = line.rstrip("\n").split("\t")
        deadline = time.time() + 600
        while time.time() < deadline:
            hits = kb.search(probe, k=1)
            if hits and hits[0].doc_id == doc:
                swapped = kb._follower.swapped_at if kb._follower else None  # noqa: SLF001 - the bench's look
                print(json.dumps({"seen": time.time(), "swapped": swapped, "rss": rss_mb()}), flush=True)
                break
            time.sleep(0.05)


def measure(root: Path, factor: int, uri: str, n_queries: int, rounds: int = 3, keep: bool = False) -> dict:
    writer = store_settings(root, factor, uri, "writer")
    corpus = [writer.corpus] if factor == 1 else [root / f"s{factor}" / "corpus"]
    t = time.perf_counter()
    if keep and store_for(writer).exists():  # the library of an earlier run (--keep): uploads only
        kb = Assistant.open(settings=writer)
        out: dict = {"docs": len(kb.data.documents), "chunks": len(kb.data.chunks),
                     "full ingest into Milvus s": float("nan"), "writer open s (--keep)": time.perf_counter() - t}
    else:
        report = ingest(corpus, writer, rebuild=True)
        out = {"docs": len(report.added) + len(report.unchanged), "chunks": report.n_chunks,
               "full ingest into Milvus s": time.perf_counter() - t}
        kb = Assistant.open(settings=writer)
    out["load average at start"] = os.getloadavg()[0]
    proc = subprocess.Popen([sys.executable, "-m", __spec__.name, "--reader", "--root", str(root),
                             "--factor", str(factor), "--uri", uri, "--queries", str(n_queries)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    uploads, seen, served = [], [], []
    try:
        out.update(json.loads(proc.stdout.readline()))
        for day in DAYS[:rounds]:
            upload = root / f"s{factor}" / f"bench-upload-{day}.txt"
            upload.write_text(UPLOAD.format(day=day), encoding="utf-8")
            proc.stdin.write(f"{PROBE.format(day=day)}\t{upload.name}\n")
            proc.stdin.flush()
            time.sleep(1.5)  # the reader is polling before the commit
            t = time.perf_counter()
            kb.ingest([upload])  # commit, then this process's own reload
            uploads.append(time.perf_counter() - t)
            committed = store_for(writer).tables.get_blobs(["version"])["version"]["time"]  # the pointer moved
            got = json.loads(proc.stdout.readline())
            seen.append(got["seen"] - committed)
            served.append((got["swapped"] or got["seen"]) - committed)
            out["app server RSS after the uploads MB"] = got["rss"]
            kb.remove([upload.name])
    finally:
        proc.kill()
    out["one-document upload s (median)"] = median(uploads)
    out["visible on the second app server s after commit (median / max)"] = f"{median(seen):.2f} / {max(seen):.2f}"
    out["visible after commit, each round s"] = ", ".join(f"{x:.2f}" for x in seen)
    # a search that starts after the swap sees the upload; the polling search above may still be
    # running on the old version then (under load it takes seconds), so `seen` adds one or two searches
    out["served by the second app server s after commit (median / max)"] = f"{median(served):.2f} / {max(served):.2f}"
    out["served after commit, each round s"] = ", ".join(f"{x:.2f}" for x in served)
    out["one-document upload, each round s"] = ", ".join(f"{x:.1f}" for x in uploads)
    out["upload / full ingest"] = out["one-document upload s (median)"] / out["full ingest into Milvus s"]
    out["rounds"] = rounds
    out["load average at end"] = os.getloadavg()[0]
    return out


def main(argv=None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m evals.milvus_bench")
    p.add_argument("--root", required=True)
    p.add_argument("--factor", type=int, default=1)
    p.add_argument("--uri", required=True)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--rounds", type=int, default=3, help="uploads measured (median reported)")
    p.add_argument("--keep", action="store_true", help="reuse the library an earlier run built (no full ingest)")
    p.add_argument("--reader", action="store_true")
    args = p.parse_args(argv)
    root = Path(args.root)
    if args.reader:
        reader(root, args.factor, args.uri, args.queries)
        return 0
    out = measure(root, args.factor, args.uri, args.queries, args.rounds, args.keep)
    (root / f"milvus-{args.factor}.json").write_text(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
