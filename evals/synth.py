"""Synthetic governance-style corpus for scale benchmarks: recombined, perturbed text.

Each synthetic document takes a real document's heading skeleton and refills it with
sentences drawn from across the corpus, with numbers and place names perturbed, so the
text is new (never a byte copy of a seed) but reads like the domain. Fixed seed.
"""
from __future__ import annotations

import random
import re

from ingest.model import Document
from ingest.sentences import sentence_spans

PLACES = ["东湖街道", "西城社区", "南山街道", "北苑社区", "青石街道", "和平里社区", "临江街道", "新华社区",
          "长宁街道", "金桥社区", "翠园社区", "太平街道", "白塔社区", "松江街道", "兴隆社区", "望海街道"]
_PLACE = re.compile(r"[\u4e00-\u9fa5]{2,4}(?:街道|社区)")
_NUM = re.compile(r"\d+(?:\.\d+)?")


def _perturb(text: str, rng: random.Random) -> str:
    text = _NUM.sub(lambda m: str(max(1, int(float(m.group()) * rng.uniform(0.5, 1.8)))), text)
    return _PLACE.sub(lambda m: rng.choice(PLACES), text)


def synthetic_documents(docs: list[Document], factor: int, seed: int = 7) -> list[Document]:
    """factor × as many documents as `docs`, each about the size of its template."""
    rng = random.Random(seed)
    pool = [d.text[s:e] for d in docs for s, e in sentence_spans(d.text)]
    out = []
    for k in range(factor):
        for d in docs:
            lines = []
            for line in d.text.split("\n"):
                n = max(1, len(sentence_spans(line)))
                if len(line) < 40:  # headings keep their shape, with a perturbed place
                    lines.append(_perturb(line, rng))
                else:
                    lines.append("".join(_perturb(rng.choice(pool), rng) for _ in range(n)))
            text = "\n".join(lines)
            out.append(Document(f"synth-{k:04d}-{d.doc_id}", _perturb(d.title, rng), text,
                                {**d.meta, "title": d.title}, "synthetic"))
    return out
