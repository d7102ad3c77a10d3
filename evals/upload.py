"""One-document upload into a built library, as the web app does it (`Assistant.ingest([file])`),
timed next to the full build of the same run, and seen from a second process.

The second process ("app server") opens its own `Assistant` on the same home, reports its RSS,
then searches for the new document's marker until a hit from it comes back: the time from
the upload's start to that hit is the time to visibility (the commit, then at most one
FOLLOW_EVERY poll and the reader loading the new segment). The uploaded text is a real
document of the bundled corpus with one marker sentence; its chunks are embedded by the real
model (no derived vectors), so the upload time includes the model's cost.

    python -m evals.upload HOME CACHE QUERY DOC_ID    (the second process; used by `upload_rows`)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

MARKER = "青柠议事角每月第二个周六在小区花园开放，居民可以现场提出停车和绿化问题。"
QUERY = "青柠议事角什么时候开放"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576


def upload_rows(settings, kb, full_s: float, work: Path) -> dict:
    """Rows of the scale table: upload time (and its ratio to the full build), time to
    visibility on a second process, memory of that process, removal time."""
    seed = sorted(Path(settings.corpus).glob("0*.txt"))[0]
    title, rest = seed.read_text(encoding="utf-8").split("\n", 1)
    work.mkdir(parents=True, exist_ok=True)
    doc = work / "上传-青柠议事角.txt"
    doc.write_text(f"{title}（青柠小区）\n{MARKER}\n{rest}", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    peer = subprocess.Popen([sys.executable, "-m", "evals.upload", str(settings.home), str(settings.cache_dir),
                             QUERY, doc.name], stdout=subprocess.PIPE, text=True, env=env)
    ready = json.loads(peer.stdout.readline())
    t0 = time.time()
    report = kb.ingest([doc])
    upload_s = time.time() - t0
    seen = json.loads(peer.stdout.readline())
    peer.wait(60)
    t = time.time()
    gone = kb.remove([doc.name])
    remove_s = time.time() - t
    model_s = report.timings.get("embed", 0)
    return {"one-document upload s (incremental)": upload_s,
            "  of which embedding s / chunks tokenized / chunks embedded": "{:.1f} / {} / {}".format(
                model_s, report.retokenized, report.embedded),
            "  upload s without embedding": upload_s - model_s,
            "full build s ÷ upload s (same run)": full_s / upload_s,
            "full build s ÷ upload s without embedding": full_s / max(upload_s - model_s, 1e-3),
            "visible on a second process after s": seen["t"] - t0,
            "one-document removal s": remove_s, "  removal incremental": gone.incremental,
            "app server RSS MB (opened Assistant, model included)": ready["rss"],
            "app server open s": ready["open"]}


def _peer(home: str, cache: str, query: str, doc_id: str) -> int:
    from assistant import Assistant, Settings

    t = time.perf_counter()
    kb = Assistant.open(settings=Settings.load(home=Path(home), cache=Path(cache)))
    kb.search(query, k=10)
    print(json.dumps({"rss": rss_mb(), "open": time.perf_counter() - t}), flush=True)
    end = time.time() + 600
    while time.time() < end:
        if any(h.doc_id == doc_id for h in kb.search(query, k=10)):
            print(json.dumps({"t": time.time()}), flush=True)
            return 0
        time.sleep(0.05)
    print(json.dumps({"t": float("nan")}), flush=True)
    return 1


if __name__ == "__main__":
    raise SystemExit(_peer(*sys.argv[1:5]))
