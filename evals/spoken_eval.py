"""Chat-style plan requests → the plan's title, against the title a cadre gave each request
(evals/data/plan_spoken.jsonl, written by a reviewer who never saw the code; split dev/test).

    python -m evals.spoken_eval [dev|test|all] [--show]

Prints, per split: titles free of chat residue (words a written title never has), and the mean
character F1 of our topic against the cadre's (the middle of 关于…的实施方案)."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from assistant.plan.request import validate_topic
from assistant.plan.spoken import written

DATA = Path(__file__).parent / "data" / "plan_spoken.jsonl"
# Chat markers, fixed here and independent of spoken.json: a title containing one is not written style.
RESIDUE = re.compile(r"帮我|帮忙|想搞|想弄|弄个|搞个|整个|能不能|咋|领导让|给我|太多|太慢|太乱|了|吧|呢|啥|怎么办|[。？?！!]")


def _middle(title: str) -> str:
    m = re.fullmatch(r"关于(.+)的实施方案", title)
    return m.group(1) if m else title


def char_f1(a: str, b: str) -> float:
    ca, cb = Counter(a), Counter(b)
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(ca.values()), common / sum(cb.values())
    return 2 * p * r / (p + r)


def run(split: str, show: bool = False) -> dict:
    rows = [json.loads(x) for x in DATA.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = [r for r in rows if split == "all" or r["split"] == split]
    clean, f1 = 0, 0.0
    for r in rows:
        ours = written(validate_topic(r["request"])).topic
        ok = not RESIDUE.search(ours)
        clean += ok
        f = char_f1(ours, _middle(r["title"]))
        f1 += f
        if show:
            print(f"{r['id']} {'  ' if ok else '✗ '}{f:.2f}  {ours}  ←  {_middle(r['title'])}")
    n = len(rows) or 1
    return {"split": split, "n": len(rows), "residue_free": round(clean / n, 3), "char_f1": round(f1 / n, 3)}


def main(argv: list[str]) -> None:
    show = "--show" in argv
    splits = [a for a in argv if not a.startswith("--")] or ["dev", "test"]
    print("| split | n | residue-free titles | char F1 vs cadre |\n|---|---|---|---|")
    for s in splits:
        r = run(s, show)
        print(f"| {r['split']} | {r['n']} | {r['residue_free']} | {r['char_f1']} |")


if __name__ == "__main__":
    main(sys.argv[1:])
