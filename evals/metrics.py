"""Eval metrics as pure functions over plain data."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher


def norm(text: str) -> str:
    """Canonical form for matching: NFKC (full/half width), no whitespace, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def overlaps(evidence: str, passage: str, share: float = 0.6) -> bool:
    """The passage contains the evidence, or a contiguous run of at least `share` of it."""
    ev, p = norm(evidence), norm(passage)
    if not ev or not p:
        return False
    if ev in p:
        return True
    m = SequenceMatcher(None, ev, p, autojunk=False).find_longest_match(0, len(ev), 0, len(p))
    return m.size >= max(8, share * len(ev))


def is_relevant(q: dict, doc_id: str, text: str) -> bool:
    return doc_id in q["docs"] and any(overlaps(ev, text) for ev in q["evidence"])


def rank_of_first(q: dict, hits: list[tuple[str, str]]) -> int | None:
    """1-based rank of the first relevant (doc_id, text) hit."""
    for i, (doc_id, text) in enumerate(hits, 1):
        if is_relevant(q, doc_id, text):
            return i
    return None


def key_coverage(q: dict, answer_text: str) -> float:
    keys = q["answer_keys"]
    if not keys:
        return 1.0
    a = norm(answer_text)
    return sum(norm(k) in a for k in keys) / len(keys)


def citation_precision(q: dict, quotes: list[tuple[str, str]]) -> list[bool]:
    """Per citation: does its quote hold gold evidence or an answer key?"""
    out = []
    for doc_id, quote in quotes:
        good = any(overlaps(ev, quote) or overlaps(quote, ev) for ev in q["evidence"]) \
            or any(norm(k) in norm(quote) for k in q["answer_keys"])
        out.append(good)
    return out


def summarize(rows: list[dict]) -> dict:
    """rows: per question {type, rank, coverage, cites: [bool], found}."""
    inscope = [r for r in rows if r["type"] != "out_of_scope"]
    oos = [r for r in rows if r["type"] == "out_of_scope"]
    cites = [c for r in inscope for c in r["cites"]]

    def hit(k):
        return sum(1 for r in inscope if r["rank"] and r["rank"] <= k) / max(len(inscope), 1)

    return {
        "n": len(rows),
        "hit@1": hit(1), "hit@3": hit(3), "hit@5": hit(5),
        "MRR": sum(1 / r["rank"] for r in inscope if r["rank"]) / max(len(inscope), 1),
        "key coverage": sum(r["coverage"] for r in inscope) / max(len(inscope), 1),
        "citation precision": sum(cites) / max(len(cites), 1),
        "abstain (out-of-scope)": sum(not r["found"] for r in oos) / max(len(oos), 1),
        "answered (in-scope)": sum(r["found"] for r in inscope) / max(len(inscope), 1),
        "answer chars (median)": _median([r.get("chars", 0) for r in inscope if r["found"]]),
    }


def _median(xs: list[int]) -> int:
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else 0
