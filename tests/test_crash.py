"""Crash safety (issue 8): `shequ ingest` killed with SIGKILL at seeded random points.

After every kill the index opens, is internally whole, answers, and equals either the
state before that ingest or the state the next complete ingest produces — never a mix —
and the next ingest completes. A killed ingest resumes without re-embedding the batches
it had finished. Real processes, real files, real model.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import time
from pathlib import Path

import numpy as np
import pytest
from proc_util import CliProcess

from assistant import Assistant
from assistant.build import ingest
from assistant.embed import VectorCache
from assistant.index import IndexStore

REPO = Path(__file__).resolve().parent.parent
SEEDS = ("000_3a74469a4d6c4f69.txt", "003_f97dfd424ead4bbd.txt", "004_34afdbec26affd05.txt")
KILL_RUNS = 10
MODES = ("any", "work", "write", "after")
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def Ingest(docs: Path, home: Path, cache: Path, **env) -> CliProcess:
    return CliProcess(["ingest", str(docs)], home, cache, **env)


def index_state(home) -> tuple:
    """The live index's content (doc hashes, chunk ids), after checking it is whole."""
    data = IndexStore(home.index_root).open()
    docs = {d: v["hash"] for d, v in data.manifest["documents"].items()}
    assert docs == {d.doc_id: d.content_hash for d in data.documents.values()}
    assert data.vectors.ntotal == len(data.chunks) == data.manifest["n_chunks"]
    assert data.lexical.n_docs == len(data.chunks)
    assert {c.doc_id for c in data.chunks} <= set(docs)
    return tuple(sorted(docs.items())), tuple(c.chunk_id for c in data.chunks)


def answers(home, embedder) -> None:
    kb = Assistant(home, IndexStore(home.index_root).open(), embedder)
    assert kb.search("五里桥的4+1工作法", k=3)[0].doc_id == SEEDS[0]
    assert kb.ask("4+1工作法包括哪些内容").citations


def revise(docs: Path, run: int) -> None:
    """The next corpus state: doc 003 gains a revision note at the top (every chunk id of it
    moves, one new vector to embed) and doc 004 comes and goes."""
    name = docs / SEEDS[1]
    text = (REPO / "corpus" / SEEDS[1]).read_text(encoding="utf-8")
    title, rest = text.split("\n", 1)
    note = f"第{run}次修订说明：居民议事会第{run}次会议通过了新的议事规则，自公布之日起施行。"
    name.write_text(f"{title}\n{note}\n{rest}", encoding="utf-8")
    if run % 2:
        (docs / SEEDS[2]).unlink(missing_ok=True)
    else:
        shutil.copy(REPO / "corpus" / SEEDS[2], docs / SEEDS[2])


def _files(root: Path) -> dict:
    """Every file under the index folder with its size and mtime (any write shows here)."""
    out = {}
    for p in root.rglob("*"):
        if p.name == ".write.lock":  # touched when the lock is taken, long before writing
            continue
        try:
            st = p.stat()
            out[p] = (st.st_size, st.st_mtime_ns)
        except OSError:  # removed while we looked
            pass
    return out


def kill_somewhere(job: Ingest, rng: random.Random, mode: str, full: float, work: float,
                   index_root: Path) -> None:
    """SIGKILL at a seeded random point: anywhere in the run; while it works (after it took
    the write lock); while it writes (within 20 ms of the first change under the index
    folder; a commit takes 30-70 ms, mostly fsync); or just after CURRENT moved."""
    files = _files(index_root)
    current = (index_root / "CURRENT").read_text(encoding="utf-8")
    end = time.perf_counter() + 120

    def poll(done) -> None:
        while not done() and job.proc.poll() is None and time.perf_counter() < end:
            time.sleep(0.001)

    if mode == "any":
        time.sleep(rng.uniform(0, full))
    elif mode == "work":
        job.wait_for("读取文档")
        time.sleep(rng.uniform(0, work))
    elif mode == "write":
        poll(lambda: _files(index_root) != files)
        time.sleep(rng.uniform(0, 0.02))
    else:
        poll(lambda: (index_root / "CURRENT").read_text(encoding="utf-8") != current)
        time.sleep(rng.uniform(0, 0.05))
    job.kill()


def test_sigkill_at_random_points_never_corrupts_the_index(tmp_path, settings, embedder, record_property):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in SEEDS:
        shutil.copy(REPO / "corpus" / name, docs / name)
    home = settings.model_copy(update={"home": tmp_path / "home", "cache": settings.cache_dir})
    ingest([docs], home, embedder=embedder)
    before = index_state(home)

    # One complete run through the real CLI: the next state, and the timings to aim at.
    revise(docs, 1)
    job = Ingest(docs, home.home, home.cache_dir)
    assert job.wait_for("读取文档")
    t_work = time.perf_counter()
    code, out, err = job.finish()
    full, work = time.perf_counter() - job.started, time.perf_counter() - t_work
    assert code == 0 and "Traceback" not in err and "新增 0 篇，更新 1 篇，删除 1 篇" in out
    before = index_state(home)

    rng = random.Random(20240608)
    outcomes = {"old": 0, "new": 0, "corrupt": 0}
    per_mode: dict[str, list[str]] = {}
    torn = 0
    for run in range(2, 2 + KILL_RUNS):
        revise(docs, run)
        job = Ingest(docs, home.home, home.cache_dir)
        mode = MODES[run % len(MODES)]
        temp_before = set(home.index_root.glob(".tmp-v-*"))
        kill_somewhere(job, rng, mode, full, work, home.index_root)
        job.finish()
        torn += bool(set(home.index_root.glob(".tmp-v-*")) - temp_before)  # killed mid-write
        try:
            after = index_state(home)  # opens, and is whole
            answers(home, embedder)
        except Exception:
            outcomes["corrupt"] += 1
            raise
        report = ingest([docs], home, embedder=embedder)  # the next ingest completes
        new = index_state(home)
        assert after in (before, new), f"run {run} ({mode}): a mix of old and new"
        assert before != new and (report.changed or after == new)
        state = "old" if after == before else "new"
        outcomes[state] += 1
        per_mode.setdefault(mode, []).append(state)
        before = new
    print(f"\nSIGKILL runs: {KILL_RUNS}, left old state: {outcomes['old']}, new state: "
          f"{outcomes['new']}, corrupted: {outcomes['corrupt']}; killed mid-write: {torn}; "
          f"by kill point: {per_mode}")
    record_property("kill_outcomes", json.dumps({**outcomes, "torn": torn, "by_mode": per_mode}))
    assert outcomes["corrupt"] == 0 and outcomes["old"] >= 1 and outcomes["new"] >= 1 and torn >= 1

    # The last word goes to the real CLI again.
    revise(docs, 99)
    code, out, err = Ingest(docs, home.home, home.cache_dir).finish()
    assert code == 0 and "Traceback" not in err and "更新 1 篇" in out
    answers(home, embedder)


def test_killed_ingest_resumes_without_reembedding(tmp_path, settings, embedder):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(REPO / "corpus" / SEEDS[1], docs / SEEDS[1])
    cache = tmp_path / "cache"  # private and cold, and no bundled corpus whose shipped vectors
    nowhere = tmp_path / "no-corpus"  # could stand in: every vector must be computed
    home = settings.model_copy(update={"home": tmp_path / "home", "cache": cache, "embed_batch": 4,
                                       "corpus": nowhere})
    job = Ingest(docs, home.home, cache, SHEQU_EMBED_BATCH="4", SHEQU_CORPUS=str(nowhere))
    assert job.wait_for("计算向量 4/"), job.err.decode(errors="replace")
    job.kill()  # the next batch takes ~1 s to embed: this lands mid-batch
    job.finish()
    assert not IndexStore(home.index_root).exists()

    report = ingest([docs], home, embedder=embedder)
    data = IndexStore(home.index_root).open()
    total = len(data.chunks)
    flushed = total - report.embedded
    print(f"\nresume: {total} passages, {flushed} kept from the killed run, {report.embedded} embedded now")
    assert 4 <= flushed < total and report.embedded < total
    # What was kept is exactly what the model gives: the cache segments are sound.
    cache_vecs = VectorCache(cache, embedder.model_name)
    for c, key in list(zip(data.chunks, data.embed_keys))[:3]:
        kept = cache_vecs.get([key])[key]
        assert np.allclose(kept, embedder.get_text_embedding(c.context_text()), atol=1e-4)


def test_vector_cache_survives_torn_and_foreign_segments(tmp_path):
    cache = VectorCache(tmp_path, "m")
    cache.put(["a" * 24, "b" * 24], np.ones((2, 4), dtype=np.float32))
    seg_dir = cache.dir
    (seg_dir / "seg-torn-3.npz").write_bytes(b"PK\x03\x04 cut off by a power cut")
    (seg_dir / "seg-zero-1.npz").write_bytes(b"")
    fresh_tmp = seg_dir / "seg-x-1.tmp999-abc.npz"  # another process is writing this one
    fresh_tmp.write_bytes(b"PK partial")
    stale_tmp = seg_dir / "seg-y-1.tmp998-def.npz"  # left by a killed process long ago
    stale_tmp.write_bytes(b"PK partial")
    os.utime(stale_tmp, (time.time() - 7200, time.time() - 7200))
    again = VectorCache(tmp_path, "m")
    got = again.get(["a" * 24, "b" * 24, "c" * 24])
    assert set(got) == {"a" * 24, "b" * 24} and np.allclose(got["a" * 24], 1)
    assert fresh_tmp.exists() and not stale_tmp.exists()
    assert not (seg_dir / "seg-torn-3.npz").exists() and not (seg_dir / "seg-zero-1.npz").exists()
