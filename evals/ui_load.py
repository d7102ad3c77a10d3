"""Load on the running app: N concurrent clients each ask M questions through the same
streaming chat endpoint the browser uses. Loopback only, bounded in size.

    python -m evals.ui_load                 # starts the app on 127.0.0.1 and measures it
    run_load("http://127.0.0.1:7860/")      # against an app that is already running
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

QUESTIONS = [
    "网格化管理怎么做？", "“4+1”工作法包括哪些内容？", "社区党组织书记应当具备哪些条件？",
    "整顿后进基层党组织分几个阶段？", "“五化五提升”是什么？", "社区协商议事怎么开展？",
    "在职党员如何到社区报到服务？", "社区社会组织怎样参与基层治理？", "公租房怎么申请？",
    "党群服务中心面积有什么要求？",
]
MAX_CLIENTS, MAX_QUESTIONS = 64, 100


def _check_url(url: str) -> None:
    host = urlparse(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"load tests run against loopback only, got host {host!r}")


def distinct_questions() -> list[str]:
    """Every question of the eval sets once: with these no client repeats another's question,
    so nothing is served from the app's query memo."""
    from .run import load_questions
    return list(dict.fromkeys(q["question"] for q in load_questions()))


def _one_client(url: str, questions: int, offset: int, pool: list[str]) -> tuple[list[float], int]:
    from gradio_client import Client

    client = Client(url, verbose=False)
    times, errors = [], 0
    for i in range(questions):
        q = pool[(offset + i) % len(pool)]
        t = time.perf_counter()
        try:
            history, _ = client.predict(q, [], api_name="/chat")
            if "shequ-answer" not in str(history[-1]["content"]):
                errors += 1
        except Exception:  # noqa: BLE001 - any failure counts as an error
            errors += 1
        times.append(time.perf_counter() - t)
    return times, errors


def run_load(url: str, clients: int = 20, questions: int = 10, distinct: bool = False) -> dict:
    """{"p50", "p95", "max", "errors", "requests", "seconds"}; latencies in seconds. The ten
    example questions are shared by all clients (each starts at another one); `distinct`
    gives every request a question of its own."""
    _check_url(url)
    if not (1 <= clients <= MAX_CLIENTS and 1 <= questions <= MAX_QUESTIONS):
        raise ValueError(f"clients must be 1..{MAX_CLIENTS} and questions 1..{MAX_QUESTIONS}")
    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        qs = distinct_questions() if distinct else QUESTIONS
        step = questions if distinct else 1
        results = list(pool.map(lambda i: _one_client(url, questions, i * step, qs), range(clients)))
    times = sorted(t for ts, _ in results for t in ts)
    q = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {"p50": round(statistics.median(times), 3), "p95": round(q[94], 3),
            "max": round(times[-1], 3), "errors": sum(e for _, e in results),
            "requests": len(times), "seconds": round(time.perf_counter() - t0, 1),
            "load_average_1min": round(os.getloadavg()[0], 2), "cores": os.cpu_count(),
            "questions": "distinct" if distinct else "the 10 examples, shared"}


def measure(kb, clients: int = 20, questions: int = 10, distinct: bool = False) -> dict:
    """Start the app on a free loopback port over `kb`, run the load, stop the app."""
    import socket

    from ui.app import launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo, url = launch(kb, "127.0.0.1", port, block=False)
    try:  # clients in their own process, so they don't compete with the server for the GIL
        out = subprocess.run([sys.executable, "-m", "evals.ui_load", "--url", url,
                              "--clients", str(clients), "--questions", str(questions)]
                             + (["--distinct"] if distinct else []),
                             capture_output=True, text=True, timeout=900, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        demo.close()


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(description="界面并发压测（仅限本机）")
    p.add_argument("--url", help="已在运行的界面地址；缺省时在本机启动一个")
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--questions", type=int, default=10)
    p.add_argument("--distinct", action="store_true", help="每个请求一个不同的问题（评测集中的问题）")
    a = p.parse_args(argv)
    if a.url:
        result = run_load(a.url, a.clients, a.questions, a.distinct)
    else:
        from assistant import Assistant
        result = measure(Assistant.open(), a.clients, a.questions, a.distinct)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
