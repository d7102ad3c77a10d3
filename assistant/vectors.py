"""The dense leg behind one small interface: local FAISS (flat, IVF or HNSW) or Milvus.

A store maps rows (positions in the index's chunk list) to vectors:

    store.pending()          rows the store still lacks (FAISS: all rows of a fresh index)
    store.put(rows, vecs)    give it those rows' vectors
    store.finish()           complete the build (Milvus: drop rows no chunk has any more)
    store.search(q, k)       -> (scores, rows), best first; inner product of unit vectors
    store.save(folder)       -> the manifest entry that `load_store` reads back
    store.ntotal, store.kind

FAISS is exact (flat) below `ann_threshold` chunks and approximate (IVF by default, or
HNSW) from it on. Threshold and parameters come from `python -m evals.ann_sweep`: flat
stays under ~20 ms per query up to ~100k chunks on 2 cores; past that, IVF (2·√n lists, a
third of them probed) keeps recall@10 ≥ 0.98 at about a third of the scan and builds in
seconds, where HNSW needed minutes and a wide beam to reach the same recall.
Milvus lives in `assistant.milvus`, so pymilvus is imported only when chosen.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Callable, Protocol

import faiss
import numpy as np

FILE = "vectors.faiss"
KINDS = ("flat", "ivf", "hnsw")


class DenseStore(Protocol):
    kind: str

    @property
    def ntotal(self) -> int: ...

    def pending(self) -> list[int]: ...

    def put(self, rows: list[int], vecs: np.ndarray) -> None: ...

    def finish(self) -> None: ...

    def search(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def save(self, folder: Path) -> dict: ...


def ann_params(kind: str, rows: int, settings=None) -> dict:
    """Parameters of an approximate index for `rows` vectors."""
    if kind == "ivf":
        nlist = max(1, min(int(2 * math.sqrt(rows)), rows // 39 or 1))  # faiss wants ≥39 points a list
        share = getattr(settings, "ivf_probe_share", 0.33)
        # At least 32 probes: a small index has small lists, so probing widely costs little there.
        return {"nlist": nlist, "nprobe": min(nlist, max(32, round(nlist * share)))}
    if kind == "hnsw":
        return {"m": getattr(settings, "hnsw_m", 32),
                "ef_construction": getattr(settings, "hnsw_ef_construction", 80),
                "ef_search": getattr(settings, "hnsw_ef_search", 256)}
    return {}


class FaissStore:
    """A FAISS index whose ids are row numbers, written with faiss.write_index (no pickle)."""

    def __init__(self, index: faiss.Index, kind: str, params: dict | None = None, rows: int | None = None):
        self.index, self.kind, self.params = index, kind, dict(params or {})
        self._rows = int(index.ntotal) if rows is None else rows  # rows the finished index holds
        self._train: list[tuple[list[int], np.ndarray]] = []  # IVF: vectors seen before training
        if kind == "hnsw":
            index.hnsw.efSearch = int(self.params["ef_search"])
        elif kind == "ivf":
            index.nprobe = int(self.params["nprobe"])

    @classmethod
    def new(cls, dim: int, rows: int, kind: str = "flat", params: dict | None = None) -> "FaissStore":
        params = params if params is not None else ann_params(kind, rows)
        if kind == "flat":
            return cls(faiss.IndexFlatIP(dim), "flat", {}, rows)
        if kind == "ivf":
            index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, params["nlist"], faiss.METRIC_INNER_PRODUCT)
            return cls(index, "ivf", params, rows)
        if kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, params["m"], faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = params["ef_construction"]
            return cls(index, "hnsw", params, rows)
        raise ValueError(f"index kind must be one of {KINDS}, got {kind!r}")

    @classmethod
    def for_rows(cls, dim: int, rows: int, settings) -> "FaissStore":
        """Flat below settings.ann_threshold rows, settings.ann_index from it on."""
        kind = "flat" if rows < settings.ann_threshold else settings.ann_index
        return cls.new(dim, rows, kind, ann_params(kind, rows, settings))

    @property
    def ntotal(self) -> int:
        return int(self.index.ntotal)

    @property
    def dim(self) -> int:
        return int(self.index.d)

    def pending(self) -> list[int]:
        if self.kind == "ivf":  # shuffled, so the first vectors are a fair sample to train on
            return np.random.default_rng(0).permutation(self._rows).tolist()
        return list(range(self.ntotal, self._rows))

    def put(self, rows: list[int], vecs: np.ndarray) -> None:
        vecs = np.ascontiguousarray(vecs, dtype=np.float32)
        if len(rows) != len(vecs):
            raise ValueError(f"{len(rows)} rows but {len(vecs)} vectors")
        if self.kind == "ivf":
            self._put_ivf(rows, vecs)
        elif len(rows):
            if rows[0] != self.ntotal:
                raise ValueError(f"rows must continue at {self.ntotal}, got {rows[0]}")
            self.index.add(vecs)

    def _put_ivf(self, rows: list[int], vecs: np.ndarray) -> None:
        if self.index.is_trained:
            self.index.add_with_ids(vecs, np.asarray(rows, dtype=np.int64))
            return
        self._train.append((list(rows), vecs))
        if sum(len(r) for r, _ in self._train) >= min(self._rows, 64 * self.params["nlist"]):
            self._train_ivf()

    def _train_ivf(self) -> None:
        rows = [r for part, _ in self._train for r in part]
        vecs = np.concatenate([v for _, v in self._train]) if self._train else np.zeros((0, self.dim), np.float32)
        self._train = []
        if len(vecs):
            self.index.train(vecs)
            self.index.add_with_ids(vecs, np.asarray(rows, dtype=np.int64))

    def finish(self) -> None:
        if self.kind == "ivf" and not self.index.is_trained:
            self._train_ivf()
        if self.ntotal != self._rows:
            raise ValueError(f"index holds {self.ntotal} vectors, expected {self._rows}")

    def search(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        if self.ntotal == 0 or k < 1:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        q = np.ascontiguousarray(q, dtype=np.float32).reshape(1, -1)
        # One query on one thread: OpenMP threads cost more than they save here (at 200k
        # vectors on a busy 2-core machine, 36 ms on one thread vs 140 ms on two).
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            scores, ids = self.index.search(q, min(k, self.ntotal))
        finally:
            faiss.omp_set_num_threads(threads)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def reconstruct_all(self) -> np.ndarray:
        """Every row's vector, in row order (to measure recall against exact search)."""
        if self.ntotal == 0:
            return np.zeros((0, self.dim), np.float32)
        return self.index.reconstruct_n(0, self.ntotal)  # IVF: found by id in its lists

    def info(self) -> dict:
        return {"backend": "faiss", "kind": self.kind, "ntotal": self.ntotal, **self.params}

    def save(self, folder: Path) -> dict:
        faiss.write_index(self.index, str(Path(folder) / FILE))
        return self.info()

    @classmethod
    def load(cls, folder: Path, info: dict) -> "FaissStore":
        index = faiss.read_index(str(Path(folder) / FILE))
        kind = info.get("kind", "flat")
        return cls(index, kind, ann_params(kind, int(index.ntotal)) | {
            k: v for k, v in info.items() if k not in ("backend", "kind", "ntotal")})


def new_store(settings, dim: int, rows: int, row_ids: list[str], model_id: str) -> DenseStore:
    """The store the settings ask for, to be filled for `rows` chunks."""
    if getattr(settings, "store", "local") == "milvus":  # the whole library in Milvus (assistant/store)
        from .store.vectors import library_vectors

        return library_vectors(settings, dim, model_id, row_ids)
    if settings.vector_store == "milvus":
        from .milvus import MilvusStore

        return MilvusStore.connect(settings, dim, model_id, row_ids)
    return FaissStore.for_rows(dim, rows, settings)


def load_store(folder: Path, info: dict | None, row_ids: list[str]) -> DenseStore:
    """Open the store a manifest entry describes; old manifests without one are FAISS flat."""
    info = info or {"backend": "faiss", "kind": "flat"}
    if info.get("backend") == "milvus":
        from .milvus import MilvusStore

        return MilvusStore.from_manifest(info, row_ids)
    return FaissStore.load(folder, info)


def same_backend(info: dict | None, settings) -> bool:
    """Whether an index built with manifest entry `info` lives where the settings point."""
    backend = (info or {}).get("backend", "faiss")
    wanted = "milvus" if getattr(settings, "store", "local") == "milvus" else settings.vector_store
    if backend != wanted:
        return False
    return backend == "faiss" or info.get("uri") == milvus_uri(settings)


def milvus_uri(settings) -> str:
    """The Milvus address; empty means an embedded milvus-lite file in SHEQU_HOME."""
    return settings.milvus_uri or str(settings.home / "milvus.db")


def row_id(chunk_id: str, embed_key: str) -> str:
    """A row's key outside our files: the chunk plus the text its vector came from, so a
    chunk whose title or section changed gets a new vector rather than a stale one."""
    return f"{chunk_id}-{embed_key[:12]}"


Embed = Callable[[list[int], Callable[[int, int], None] | None], tuple[np.ndarray, int]]


def fill(store: DenseStore, embed: Embed, progress=None, slice_rows: int = 4096) -> int:
    """Stream the vectors the store lacks into it, `slice_rows` at a time, so only one slice
    of vectors is in memory besides the store. `embed(rows, step)` returns (vectors, number
    the model computed) and calls step(done, n) per batch. Returns the total computed."""
    need = store.pending()
    made = 0
    for lo in range(0, len(need), slice_rows):
        rows = need[lo:lo + slice_rows]
        step = (lambda done, _n, lo=lo: progress(lo + done, len(need))) if progress else None
        vecs, n_new = embed(rows, step)
        store.put(rows, vecs)
        made += n_new
        if progress:
            progress(lo + len(rows), len(need))
    store.finish()
    return made
