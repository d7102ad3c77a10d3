"""Topic clusters of documents, so one subject (社会救助's 办法, 通知 and 意见 together) cannot
fill a paper through many documents when a per-document cap alone would let it.

Each document is a tf-idf vector of its Chinese character bigrams (title and the opening
`TOPIC_CHARS` of its text); documents join the cluster whose centroid is nearest when the
cosine reaches `link`, in a fixed order (leader clustering: one pass, no pairwise matrix).
"""
from __future__ import annotations

import math
import re
from collections import Counter

from ingest.model import Document

TOPIC_CHARS = 6000  # characters of a document's text that say what it is about
_HAN = re.compile(r"[^\u4e00-\u9fff]")


def _vectors(docs: dict[str, Document]) -> dict[str, dict[str, float]]:
    grams = {}
    for d, doc in docs.items():
        t = _HAN.sub("", doc.title + doc.text[:TOPIC_CHARS])
        grams[d] = Counter(t[i:i + 2] for i in range(len(t) - 1))
    df = Counter(g for c in grams.values() for g in c)
    n = len(grams)
    out = {}
    for d, c in grams.items():
        v = {g: (1 + math.log(k)) * math.log(n / df[g]) for g, k in c.items() if df[g] < n}
        size = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[d] = {g: x / size for g, x in v.items()}
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(g, 0.0) for g, x in a.items())


def clusters(docs: dict[str, Document], link: float) -> dict[str, int]:
    """doc_id -> topic cluster number; documents of one subject share a number."""
    vecs = _vectors(docs)
    sums: list[Counter] = []
    sizes: list[int] = []
    out: dict[str, int] = {}
    for d in sorted(vecs):
        v = vecs[d]
        best, at = link, -1
        for i, s in enumerate(sums):
            norm = math.sqrt(sum(x * x for x in s.values())) or 1.0
            c = _cos(v, s) / norm
            if c >= best:
                best, at = c, i
        if at < 0:
            sums.append(Counter())
            sizes.append(0)
            at = len(sums) - 1
        sums[at].update(v)
        sizes[at] += 1
        out[d] = at
    return out
