"""Method-card extraction eval against the hand-annotated set evals/data/methods.jsonl.

evaluate_cards(kb) -> dict: card recall, component exact-match rate, complete-flag
accuracy, citation validity, number of cards, extraction time vs. ingest time.
Run alone: python -m evals.methods_eval [--details] [--split dev|test]

Neither gold file has a dev/test field, so the split is by document: a document is dev when
the SHA-1 of its id is even (`split_of`), test otherwise. Read failures on dev only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
import unicodedata
from pathlib import Path

DATA = Path(__file__).parent / "data"


def split_of(doc_id: str) -> str:
    """"dev" or "test", fixed by the document id (both gold files carry no split)."""
    return "dev" if int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def load_gold(name: str = "methods.jsonl", split: str | None = None) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r for r in rows if split is None or split_of(r["doc"]) == split]


def norm(s: str) -> str:
    """Compare text modulo full/half-width, quote marks and spaces."""
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[“”\"'‘’\s]", "", s)


def _cards_of(kb) -> list[dict]:
    cards = list(getattr(kb.data, "cards", []) or [])
    if cards:
        return cards
    from assistant.methods import extract_cards
    return [c for d in kb.documents() for c in extract_cards(d, kb.chunks(d.doc_id))]


def match_card(gold: dict, cards: list[dict]) -> dict | None:
    key = norm(gold["name"])
    same_doc = [c for c in cards if c["doc_id"] == gold["doc"]]
    for c in same_doc:
        if norm(c["name"]) == key:
            return c
    return None


def citation_ok(kb, card: dict) -> list[bool]:
    """Every cited span: quote == doc.text[start:end], and a component's name lies inside it."""
    doc = kb.document(card["doc_id"])
    out = []
    for part in [card["mention"], *card["components"], *card["outcomes"]]:
        ok = doc is not None and doc.text[part["start"]:part["end"]] == part["quote"]
        if "name" in part:
            ok = ok and part["name"] in part["quote"]
        out.append(ok)
    return out


def evaluate_cards(kb, details: list | None = None, split: str | None = None) -> dict:
    gold = load_gold(split=split)
    t = time.perf_counter()
    from assistant.methods import extract_cards
    fresh = [c for d in kb.documents() for c in extract_cards(d, kb.chunks(d.doc_id))]
    extract_s = time.perf_counter() - t
    cards = _cards_of(kb) or fresh
    found = exact = flag = 0
    for g in gold:
        c = match_card(g, cards)
        comps = [norm(x["name"]) for x in c["components"]] if c else None
        ok = c is not None and comps == [norm(x) for x in g["components"]]
        found += c is not None
        exact += ok
        flag += c is not None and bool(c["complete"]) == bool(g["complete"])
        if details is not None and not ok:
            details.append({"name": g["name"], "doc": g["doc"], "found": c is not None,
                            "expected": g["components"], "got": [x["name"] for x in c["components"]] if c else None,
                            "pattern": c.get("pattern", "") if c else ""})
    cites = [ok for c in cards for ok in citation_ok(kb, c)]
    n = len(gold)
    return {"gold_methods": n, "cards": len(cards), "card_recall": found / n,
            "component_exact_match": exact / n, "complete_flag_accuracy": flag / n,
            "citation_validity": sum(cites) / len(cites) if cites else 1.0,
            "citations_checked": len(cites), "extract_seconds": round(extract_s, 3)}


def evaluate_new(kb, gold_name: str = "methods_new.jsonl", split: str | None = None) -> dict:
    """The policy texts of the bundled corpus (corpus/*.md), against a gold set written by a
    helper who read them but not the code: every quoted numbered name, with its kind (local
    method / national term / not a method) and the parts the document lists.
    card precision: share of local cards (the library's default view) that are gold local
    methods; kind accuracy over gold names; component exact match over gold local methods
    whose parts the document lists."""
    gold = load_gold(gold_name, split)
    corpus = str(kb.settings.corpus.resolve())
    docs = {g["doc"] for g in gold} | {d.doc_id for d in kb.documents()  # the bundled policy texts only
                                       if d.doc_id.endswith(".md") and str(d.source).startswith(corpus)
                                       and (split is None or split_of(d.doc_id) == split)}
    cards = [c for c in _cards_of(kb) if c["doc_id"] in docs]
    by_key = {(norm(g["name"]), g["doc"]): g for g in gold}
    local = [c for c in cards if c.get("kind", "local") == "local"]
    true_local = [c for c in local if by_key.get((norm(c["name"]), c["doc_id"]), {}).get("kind") == "local"]
    kind_ok = 0
    for g in gold:
        c = next((c for c in cards if c["doc_id"] == g["doc"] and norm(c["name"]) == norm(g["name"])), None)
        got = c.get("kind", "local") if c else "not_method"
        kind_ok += got == g["kind"]
    listed = [g for g in gold if g["kind"] == "local" and g["components"]]
    exact = sum(1 for g in listed if (c := match_card(g, cards)) is not None
                and [norm(x["name"]) for x in c["components"]] == [norm(x) for x in g["components"]])
    return {"new_gold_names": len(gold), "new_local_cards": len(local),
            "card_precision": len(true_local) / len(local) if local else 1.0,
            "kind_accuracy": kind_ok / len(gold) if gold else 1.0,
            "new_component_exact_match": exact / len(listed) if listed else 1.0, "new_listed": len(listed)}


def main(argv=None) -> int:
    import os

    p = argparse.ArgumentParser(prog="python -m evals.methods_eval")
    p.add_argument("--details", action="store_true", help="list gold methods not matched exactly")
    p.add_argument("--cards", action="store_true", help="list every extracted card (for counting false cards)")
    p.add_argument("--split", choices=("dev", "test"), help="only the gold documents of one half (split_of)")
    args = p.parse_args(argv)
    os.environ.setdefault("SHEQU_EMBED_THREADS", "1")
    from assistant import Assistant
    kb = Assistant.open()
    misses: list = []
    res = {**evaluate_cards(kb, misses if args.details else None, args.split), **evaluate_new(kb, split=args.split)}
    print("| metric | value |\n|---|---|")
    for k, v in res.items():
        print(f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |")
    for m in misses:
        print(f"- {m['doc']} {m['name']} [{m['pattern']}] expected={m['expected']} got={m['got']}")
    if args.cards:
        for c in _cards_of(kb):
            print(f"{c['doc_id'][:28]:<28} {c['full_name']:<24} {c['type']} "
                  f"{len(c['components'])}/{c['expected_count']} {'完整' if c['complete'] else '不完整'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
