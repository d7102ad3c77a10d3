"""python -m evals.meta_eval — inferred metadata against what the collectors recorded.

The gold (`evals/data/doc_meta_gold.json`) was written by the people who collected the public
documents, from each text and its source page. Some of it is not in the text at all (an issuer
known from the source site, a year from memory); those rows count as misses here, so the table
is a floor. A field the file's own metadata states (metadata.json, front matter) is not scored.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ingest.model import place_label
from ingest.pipeline import load_paths

from .run import DATA, EVAL_DOCS

FIELDS = ("title", "doc_type", "issuer", "date", "effective_date", "place")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def same(field: str, got, want) -> bool:
    if field == "place":
        return place_label(got or {}) == place_label(want or {})
    got, want = str(got or "").strip(), str(want or "").strip()
    if field == "title":  # the collectors appended the 发文字号 to some titles
        want = re.sub(r"（[^（）]*〔\d{4}〕[^（）]*）$", "", want)
    if field in ("date", "effective_date") and want:
        return got.startswith(want)
    return got == want


def evaluate() -> dict:
    gold = json.loads((DATA / "doc_meta_gold.json").read_text(encoding="utf-8"))
    docs = {d.doc_id: d for d in load_paths([CORPUS, EVAL_DOCS], 50 << 20).documents}
    scored = {f: [0, 0] for f in FIELDS}  # [right, scored]
    for doc_id, want in gold.items():
        d = docs.get(doc_id)
        if d is None:
            continue
        guessed = set(d.meta.get("inferred", ()))
        for f in FIELDS:
            stated = f not in guessed and (f != "title" or doc_id in _titled())
            if stated and (d.meta.get(f) or f == "title"):
                continue  # the file said it: nothing was inferred
            scored[f][1] += 1
            scored[f][0] += same(f, d.title if f == "title" else d.meta.get(f), want.get(f))
    return {f: f"{r}/{n} ({r / n:.2f})" if n else "—" for f, (r, n) in scored.items()}


def _titled() -> set[str]:
    out = set()
    for folder in (CORPUS, EVAL_DOCS):
        meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        out |= {k for k, v in meta.items() if isinstance(v, dict) and v.get("title")}
    return out


def main() -> int:
    result = evaluate()
    print("| field | inferred right |\n|---|---|")
    for f, v in result.items():
        print(f"| {f} | {v} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
