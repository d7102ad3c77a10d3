"""Quiz eval: build whole-corpus quizzes and report verifier failures, type mix and timing.

    python -m evals.quiz_eval            # uses SHEQU_HOME (builds the index if missing)
"""
from __future__ import annotations

import json
import time

from assistant.quiz import build, verify_item


def evaluate_quiz(kb, n: int = 20, seeds: tuple[int, ...] = (0, 1, 2)) -> dict:
    """Per seed: items, verifier failures (re-run on the final items), types, build time."""
    build(kb, n=n, seed=seeds[0])  # warm caches; the target is warm build time
    runs = []
    for seed in seeds:
        t0 = time.perf_counter()
        quiz = build(kb, n=n, seed=seed)
        secs = time.perf_counter() - t0
        failures = [(i, p) for i, it in enumerate(quiz.items) for p in verify_item(it, kb)]
        stems = [it.stem for it in quiz.items]
        runs.append({"seed": seed, "items": len(quiz.items), "verifier_failures": len(failures),
                     "types": len(quiz.type_counts()), "type_counts": quiz.type_counts(),
                     "duplicates": len(stems) - len(set(stems)), "seconds": round(secs, 3),
                     "rejected_while_building": quiz.stats.get("rejected", 0)})
    return {"n": n, "runs": runs,
            "items": min(r["items"] for r in runs),
            "verifier_failures": sum(r["verifier_failures"] for r in runs),
            "types": min(r["types"] for r in runs),
            "build_seconds": max(r["seconds"] for r in runs)}


def main() -> None:
    from assistant import Assistant

    print(json.dumps(evaluate_quiz(Assistant.open()), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
