"""Latency against a previous revision, the llama-index peer and the CLI, in one run.

`python -m evals.bench --compare REV` checks REV out into a temporary git worktree and runs
the same query loop there (its own code and its own bundled corpus) in a subprocess, then
the current code on the current corpus and on the seed files alone, so the ratios come from
one run on one machine. The CLI rows time `python -c pass`, `shequ --help` and a cold
`shequ ask` (a new process, the index already built) for both revisions.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = ("000_3a74469a4d6c4f69.txt", "001_4c737dfdfed6e413.txt", "002_b6468e56d54af811.txt",
         "003_f97dfd424ead4bbd.txt", "004_34afdbec26affd05.txt")
QUERY_LOOP = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from assistant import Assistant, Settings
qs = json.loads(open(sys.argv[2], encoding="utf-8").read())
import assistant
kb = Assistant.open(settings=Settings.load(home=sys.argv[3], corpus=sys.argv[4], cache=sys.argv[5]))
for q in qs[:5]:
    kb.ask(q)
def run(f):
    out = []
    for q in qs:
        t = time.perf_counter(); f(q); out.append((time.perf_counter() - t) * 1000)
    return sorted(out)
s, a = run(lambda q: kb.search(q, k=5)), run(kb.ask)
pct = lambda xs, p: xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
print(json.dumps({"code": assistant.__file__, "chunks": len(kb.data.chunks), "search p50 ms": pct(s, 50), "search p95 ms": pct(s, 95),
                  "ask p50 ms": pct(a, 50), "ask p95 ms": pct(a, 95)}))
"""


def worktree(rev: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix="shequ-rev-"))
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(path), rev],
                   check=True, capture_output=True)
    return path


def seeds_only(root: Path) -> Path:
    """The five seed files (and their metadata) of the current corpus, in a folder of their own."""
    out = root / "seed-corpus"
    out.mkdir(parents=True, exist_ok=True)
    meta = json.loads((REPO / "corpus" / "metadata.json").read_text(encoding="utf-8"))
    for name in SEEDS:
        shutil.copy(REPO / "corpus" / name, out / name)
    (out / "metadata.json").write_text(json.dumps({k: meta[k] for k in SEEDS}, ensure_ascii=False), encoding="utf-8")
    return out


def query_loop(code: Path, corpus: Path, home: Path, queries: list[str], cache: Path) -> dict:
    qfile = home.parent / f"{home.name}-queries.json"
    home.mkdir(parents=True, exist_ok=True)
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    # The query memo is off: the loop asks each question it has just searched, and a memo
    # would time a lookup instead of the question (earlier revisions ignore the variable).
    env = {**os.environ, "SHEQU_EMBED_THREADS": os.environ.get("SHEQU_EMBED_THREADS", "1"), "SHEQU_QUERY_MEMO": "0"}
    out = subprocess.run([sys.executable, "-c", QUERY_LOOP, str(code), str(qfile), str(home), str(corpus), str(cache)],
                         check=True, capture_output=True, text=True, env=env, cwd=str(code))
    return json.loads(out.stdout.strip().splitlines()[-1])


def cli_times(code: Path, corpus: Path, home: Path, question: str, cache: Path, runs: int = 3) -> dict:
    """Wall time of a fresh process: `python -c pass`, `shequ --help`, `shequ ask` (cold)."""
    env = {**os.environ, "SHEQU_HOME": str(home), "SHEQU_CORPUS": str(corpus), "PYTHONPATH": str(code),
           "SHEQU_CACHE": str(cache)}
    cmds = {"python -c pass s": [sys.executable, "-c", "pass"],
            "shequ --help s": [sys.executable, "-m", "assistant.cli", "--help"],
            "shequ ask (cold process) s": [sys.executable, "-m", "assistant.cli", "ask", question]}
    out = {}
    for name, cmd in cmds.items():
        best = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, env=env, cwd=str(code), capture_output=True)
            best.append(time.perf_counter() - t)
        out[name] = sorted(best)[len(best) // 2]
    return out


def compare(rev: str, root: Path, queries: list[str], cache: Path) -> dict[str, dict]:
    old = worktree(rev)
    try:
        rows = {}
        for name, code, corpus in ((f"{rev[:7]} (its corpus)", old, old / "corpus"),
                                   ("now (seed files only)", REPO, seeds_only(root)),
                                   ("now (bundled corpus)", REPO, REPO / "corpus")):
            home = root / ("cmp-" + name.split()[0] + ("-seeds" if "seed" in name else ""))
            rows[name] = {**query_loop(code, corpus, home, queries, cache),
                          **cli_times(code, corpus, home, queries[0], cache)}
        return rows
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(old)], capture_output=True)
