"""Immutable index segments, shared by the versions that list them.

    index/segments/<id>/documents.jsonl   the documents whose chunks this segment holds
    index/segments/<id>/chunks.jsonl      their chunks (with the key of the text embedded)
    index/segments/<id>/lex/              term counts (assistant.lexical.LexSegment)
    index/segments/<id>/vectors.faiss     their vectors, ids = local chunk numbers (FAISS only)
    index/segments/<id>/cards.json, terms.json   method cards and quoted terms, per document

A segment is written once (to a temp folder, fsynced, renamed) and never changed; a version's
manifest lists its segments with each file's size and sha256 and the documents deleted from
each (tombstones). An ingest writes one small segment with the documents it read; a merge
folds segments into one without tokenizing or embedding again.
"""
from __future__ import annotations

import json
import os
import shutil
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingest.model import Chunk, Document

from .errors import REPAIR, IndexCorrupt
from .integrity import check_files, file_records, read_part
from .lexical import LexSegment
from .vectors import FaissStore

DIR = "segments"


@dataclass(eq=False)
class Segment:
    seg_id: str
    documents: dict[str, Document]
    chunks: list[Chunk]
    embed_keys: list[str]
    lex: LexSegment
    dense: FaissStore | None  # None when the vectors live in Milvus
    cards: dict[str, list[dict]] = field(default_factory=dict)  # doc id -> method cards
    doc_terms: dict[str, list[str]] = field(default_factory=dict)  # doc id -> quoted terms found in it
    files: dict = field(default_factory=dict)  # size + sha256 of each file, once written

    def entry(self, deleted: set[str]) -> dict:
        """This segment's record in a version manifest."""
        info = self.dense.info() if self.dense is not None else None
        return {"id": self.seg_id, "n_chunks": len(self.chunks), "deleted": sorted(deleted),
                "vectors": info, "files": self.files}

    def live(self, deleted: set[str]) -> np.ndarray:
        return np.fromiter((c.doc_id not in deleted for c in self.chunks), bool, len(self.chunks))

    def rows(self, deleted: set[str], first: int) -> tuple[np.ndarray, np.ndarray]:
        """(live mask, row of each local chunk numbered from `first`, -1 where deleted)."""
        live = self.live(deleted)
        row_map = np.full(len(self.chunks), -1, np.int64)
        row_map[live] = np.arange(first, first + int(live.sum()))
        return live, row_map

    def live_content(self, deleted: set[str]) -> tuple[list[Chunk], list[str], dict[str, Document]]:
        """The live chunks, their embed keys and the live documents."""
        live = self.live(deleted)
        return ([c for c, ok in zip(self.chunks, live) if ok], [k for k, ok in zip(self.embed_keys, live) if ok],
                {i: d for i, d in self.documents.items() if i not in deleted})


def _write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_segment(seg: Segment, root: Path, fsync) -> None:
    """Write `seg` under root/segments/<id> unless a complete copy is there (shared, immutable)."""
    final = root / DIR / seg.seg_id
    if final.is_dir() and seg.files and check_files(final, {"files": seg.files}) == len(seg.files):
        return
    tmp = root / DIR / f".tmp-{seg.seg_id}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
        _write_jsonl(tmp / "documents.jsonl", (d.to_dict() for d in seg.documents.values()))
        _write_jsonl(tmp / "chunks.jsonl", ({**c.to_dict(), "embed_key": k} for c, k in zip(seg.chunks, seg.embed_keys)))
        (tmp / "cards.json").write_text(json.dumps(seg.cards, ensure_ascii=False), encoding="utf-8")
        (tmp / "terms.json").write_text(json.dumps(seg.doc_terms, ensure_ascii=False), encoding="utf-8")
        seg.lex.save(tmp / "lex")
        if seg.dense is not None:
            seg.dense.save(tmp)
        seg.files = file_records(tmp)
        fsync(tmp)
        shutil.rmtree(final, ignore_errors=True)  # an incomplete copy left by a killed commit
        os.replace(tmp, final)
    except BaseException:  # a full disk: nothing half-written stays behind
        shutil.rmtree(tmp, ignore_errors=True)
        seg.files = {}
        raise


_LOADED: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # path -> Segment, per process


def load_segment(root: Path, entry: dict, hashes: bool = False) -> Segment:
    """A segment listed in a manifest, its files' sizes (with `hashes`, sha256) checked first.
    Segments never change, so one this process already parsed is reused: a reader following
    a commit reads only the new segment."""
    folder = root / DIR / entry["id"]
    check_files(folder, entry, hashes)
    key = str(folder)
    seg = _LOADED.get(key)
    if seg is not None and seg.files == entry["files"]:
        return seg
    seg = _parse(folder, entry)
    _LOADED[key] = seg
    return seg


def _parse(folder: Path, entry: dict) -> Segment:
    docs = read_part(folder / "documents.jsonl",
                     lambda p: {d["doc_id"]: Document.from_dict(d) for d in _read_jsonl(p)})
    rows = read_part(folder / "chunks.jsonl", _read_jsonl)
    keys = [r.pop("embed_key", "") for r in rows]
    chunks = [Chunk.from_dict(r) for r in rows]
    lost = next((c.doc_id for c in chunks if c.doc_id not in docs), None)
    if lost is not None:
        raise IndexCorrupt(f"索引文件 {folder / 'documents.jsonl'} 已损坏（缺少文档“{lost}”）；{REPAIR}")
    lex = read_part(folder / "lex", LexSegment.load)
    dense = None
    if entry.get("vectors"):
        dense = read_part(folder / "vectors.faiss", lambda _: FaissStore.load(folder, entry["vectors"]))
    cards = read_part(folder / "cards.json", lambda p: json.loads(p.read_text(encoding="utf-8")))
    terms = read_part(folder / "terms.json", lambda p: json.loads(p.read_text(encoding="utf-8")))
    n_vec = dense.ntotal if dense is not None else len(chunks)
    if lex.n_docs != len(chunks) or n_vec != len(chunks) or len(chunks) != entry.get("n_chunks", len(chunks)):
        raise IndexCorrupt(f"索引段 {folder} 已损坏：向量数 {n_vec}、词项行数 {lex.n_docs} 与段落数 "
                           f"{len(chunks)} 不一致；{REPAIR}")
    return Segment(entry["id"], docs, chunks, keys, lex, dense, cards, terms, dict(entry["files"]))


def referenced(manifests: list[dict]) -> set[str]:
    return {s["id"] for m in manifests for s in m.get("segments", [])}


class SegmentedDense:
    """The dense leg over several segments' FAISS indexes, as one store of index rows.
    Each segment is searched for k plus its deleted count, so k live hits always come back."""

    def __init__(self, stores: list[FaissStore], row_maps: list[np.ndarray]):
        self.parts = [(s, m, int((m < 0).sum())) for s, m in zip(stores, row_maps)]
        self.kind = stores[0].kind if stores else "flat"
        self.params = stores[0].params if stores else {}
        self._where = np.full(sum(int((m >= 0).sum()) for m in row_maps), -1, np.int64)
        for i, m in enumerate(row_maps):  # row -> (segment, local) for reconstruct
            local = np.flatnonzero(m >= 0)
            self._where[m[local]] = (i << 32) | local

    @property
    def ntotal(self) -> int:
        return len(self._where)

    @property
    def dim(self) -> int:
        return self.parts[0][0].dim if self.parts else 0

    def search(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores, rows = [], []
        for store, row_map, n_deleted in self.parts:
            if store.ntotal:
                s, ids = store.search(q, min(k + n_deleted, store.ntotal))
                r = row_map[ids]
                scores.append(s[r >= 0])
                rows.append(r[r >= 0])
        if not scores:
            return np.zeros(0, np.float32), np.zeros(0, np.int64)
        s, r = np.concatenate(scores), np.concatenate(rows)
        order = np.lexsort((r, -s))[:k]  # best first, ties by row
        return s[order], r[order]

    def reconstruct(self, row: int) -> np.ndarray:
        w = int(self._where[row])
        return self.parts[w >> 32][0].index.reconstruct(w & 0xFFFFFFFF)

    def reconstruct_all(self) -> np.ndarray:
        """Every row's vector, in row order."""
        out = np.zeros((self.ntotal, self.dim), np.float32)
        for store, row_map, _ in self.parts:
            if store.ntotal:
                vecs = store.reconstruct_all()
                out[row_map[row_map >= 0]] = vecs[row_map >= 0]
        return out
