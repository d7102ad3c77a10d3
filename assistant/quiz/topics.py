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
TOPIC_TERMS = 400  # a document's and a cluster centroid's heaviest bigrams kept (cost: docs × clusters × terms)
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
        v = dict(sorted(v.items(), key=lambda x: -x[1])[:TOPIC_TERMS])
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
    heads: list[tuple[dict[str, float], float]] = []  # each centroid's heaviest terms and its norm
    out: dict[str, int] = {}
    for d in sorted(vecs):
        v = vecs[d]
        best, at = link, -1
        for i, (top, size) in enumerate(heads):
            c = _cos(v, top) / size
            if c >= best:
                best, at = c, i
        if at < 0:
            sums.append(Counter())
            heads.append(({}, 1.0))
            at = len(sums) - 1
        sums[at].update(v)
        top = dict(sums[at].most_common(TOPIC_TERMS))
        heads[at] = (top, math.sqrt(sum(x * x for x in top.values())) or 1.0)
        out[d] = at
    return out
