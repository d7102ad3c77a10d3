"""Quiz eval: build whole-corpus quizzes and report verifier failures, type mix, timing and
the review proxies (share of figure keys, items per document, legal-article items, repeated
keys, options that give the key away by form).

    python -m evals.quiz_eval                    # uses SHEQU_HOME (builds the index if missing)
    python -m evals.quiz_eval --proxies 60 0 5   # proxies of 60-item quizzes, seeds 0 and 5
    python -m evals.quiz_eval --proxies-of a.json b.json   # of saved quizzes (shequ quiz --out x.json)
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter

from assistant.library import view_of
from assistant.quiz import build, verify_item
from assistant.quiz.verify import form_giveaway


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


FIGURE_KEY = re.compile(r"^[\d一二两三四五六七八九十百]+")


def _alternates(answers: list[str]) -> bool:
    return len(answers) >= 4 and all(a != b for a, b in zip(answers, answers[1:]))


def _off_ladder(it: dict) -> int:
    """Options of a figure item whose value its unit's rules never use (19个工作日)."""
    from assistant.quiz.numbers import LADDERS, values_in

    if it["check"].get("kind") != "number" or it["type"] != "单选题":
        return 0
    unit = next((u for u in sorted(LADDERS, key=len, reverse=True) if it["check"]["key"][0].endswith(u)), None)
    if unit is None:
        return 0
    return sum(1 for o in it["options"] if o != it["check"]["key"][0] and o.endswith(unit)
               and any(v not in LADDERS[unit] for v in values_in(o)))


def review_proxies(quiz: dict, docs: dict | None = None) -> dict:
    """Proxies of the trainer's review (quiz_review_3): items that give each other away, the
    判断 pattern, implausible figures, dangling stems, cut scoring points, local rules, the
    简答 share of marks."""
    from assistant.quiz.generate import DANGLING, province
    from assistant.quiz.overlap import gives_away

    items = quiz["items"]
    objs = [_item(d) for d in items]
    pairs = sum(gives_away(a, b) for i, a in enumerate(objs) for b in objs[i + 1:])
    tf = [it for it in items if it["type"] == "判断题"]
    tf_num = [it for it in tf if it["check"].get("kind") == "number"]
    total = sum(it.get("score", 0) or _score(it) for it in items) or 1
    out = {"giveaway_pairs": pairs, "tf_true": sum(it["answer"] == "正确" for it in tf), "tf": len(tf),
           "tf_alternates": _alternates([it["answer"] for it in tf]),
           "tf_number_true": f'{sum(it["answer"] == "正确" for it in tf_num)}/{len(tf_num)}',
           "off_ladder_options": sum(_off_ladder(it) for it in items),
           "dangling_stems": sum(it["check"].get("kind") == "number" and bool(DANGLING.search(it["check"]["template"]))
                                 for it in items),
           "cut_points": sum(p.endswith("…") or "…”" in p for it in items for p in it.get("points", [])),
           "short_share": round(sum(_score(it) for it in items if it["type"] == "简答题") / total, 3)}
    out.update(_review4(items))
    out.update(_review5(items, objs))
    if docs:
        places = Counter(province(docs[it["citation"]["doc_id"]]) for it in items)
        local = sum(v for k, v in places.items() if k)
        out.update(local=local, max_place=max((v for k, v in places.items() if k), default=0),
                   local_figures=sum(bool(province(docs[it["citation"]["doc_id"]])) and it["check"].get("kind") == "number"
                                     for it in items))
    return out


def _review4(items: list[dict]) -> dict:
    """Proxies of the fourth review: double negatives, 简答 stems without their count, catch-all
    scoring points."""
    from assistant.quiz.articles import CATCH_ALL
    from assistant.quiz.verify import DENIAL

    shorts = [it for it in items if it["type"] == "简答题"]
    counted = re.compile(r"共\s*\d+|全部\d+项|任意\d+|哪\d+项")
    return {"double_negatives": sum(it["type"] == "判断题" and it["answer"] == "错误" and bool(DENIAL.search(it["stem"]))
                                    for it in items),
            "short_without_count": sum(not counted.search(it["stem"]) for it in shorts),
            "catch_all_points": sum(bool(CATCH_ALL.search(p.strip("答出“”及其要义"))) for it in shorts for p in it["points"])}


def _review5(items: list[dict], objs: list) -> dict:
    """Proxies of the fifth review: 单选 key letters (seed 24 keyed 7 of 10 A), 多选 key counts
    (always three of five), stems that state another item's key figure (15个工作日)."""
    from assistant.quiz.overlap import tells_figure

    singles = Counter(it["answer"] for it in items if it["type"] == "单选题")
    return {"single_keys": "".join(f"{k}{v}" for k, v in sorted(singles.items())),
            "single_key_max_share": round(max(singles.values(), default=0) / (sum(singles.values()) or 1), 2),
            "multi_key_counts": sorted(len(it["answer"]) for it in items if it["type"] == "多选题"),
            "figure_giveaways": sum(tells_figure(a, b) for a in objs for b in objs)}


def _score(it: dict) -> int:
    from assistant.quiz.model import SCORES

    return it.get("score") or SCORES[it["type"]]


def proxies(quiz: dict, docs: dict | None = None) -> dict:
    """Review proxies of one quiz (Quiz.to_dict() form): how many items ask a figure, how
    concentrated the paper is, how many items ask a legal article, how often one key recurs."""
    return {**_base_proxies(quiz), **review_proxies(quiz, docs)}


def _base_proxies(quiz: dict) -> dict:
    items = quiz["items"]
    figure = sum(it["check"].get("kind") == "number" for it in items)
    per_doc = Counter(it["citation"]["doc_id"] for it in items)
    keys = Counter((it["type"], it["check"]["key"][0]) for it in items
                   if it["check"].get("kind") == "number")
    singles = [it for it in items if it["type"] == "单选题"]
    return {"items": len(items), "type_counts": dict(Counter(it["type"] for it in items)),
            "figure_keys": figure, "figure_share": round(figure / max(len(items), 1), 3),
            "documents": len(per_doc), "max_per_document": max(per_doc.values(), default=0),
            "article_items": sum("条规定：“" in it["stem"] for it in items),
            "most_repeated_key": max(keys.values(), default=0),
            "single_choice_key_once": sum(it["check"].get("key") == ["一次"] for it in singles),
            "form_giveaways": sum(form_giveaway(_item(it)) for it in items if it["options"])}


def _item(d: dict):
    from assistant.quiz.model import QuizItem
    from assistant.types import Citation

    c = d.get("citation") or {}
    cite = Citation(**{k: c.get(k, "") for k in ("n", "chunk_id", "doc_id", "title", "section", "quote", "start", "end")})
    return QuizItem(d["type"], d["stem"], d["answer"], d["explanation"], cite, d["options"], check=d.get("check", {}),
                    points=d.get("points", []))


def main() -> None:
    from assistant import Assistant

    args = sys.argv[1:]
    if args[:1] == ["--proxies-of"]:
        docs = view_of(Assistant.open()).documents
        for path in args[1:]:
            with open(path, encoding="utf-8") as f:
                print(path, json.dumps(proxies(json.load(f), docs), ensure_ascii=False))
        return
    if args[:1] == ["--proxies"]:
        kb, n = Assistant.open(), int(args[1])
        for seed in map(int, args[2:]):
            print(f"seed {seed}", json.dumps(proxies(build(kb, n=n, seed=seed).to_dict(), view_of(kb).documents),
                                             ensure_ascii=False))
        return
    print(json.dumps(evaluate_quiz(Assistant.open()), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
