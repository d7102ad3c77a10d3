"""The on-disk vector cache: vectors keyed by hash of (model, text), one .npz segment per batch.

Lets a re-ingest skip unchanged chunks and an interrupted ingest resume: every finished batch is
already on disk as a small .npz segment (keys, vecs; no pickle). A lookup reads only what it
needs: each segment's keys once per process (segments never change once renamed into place:
their name carries the hash of their keys), then only the rows asked for, straight from the
uncompressed `vecs.npy` member (a memory map over its bytes). Reading every vector of a 200k-chunk
cache to find one chunk's took 1.3 s.
"""
from __future__ import annotations

import os
import re
import struct
import threading
import time
import uuid
import zipfile
from pathlib import Path

import numpy as np

from ingest.model import stable_hash

_KEYS: dict[tuple[str, int, int], np.ndarray] = {}  # (segment path, size, mtime ns) -> its keys
_KEYS_LOCK = threading.Lock()
_LOCAL_HEADER = 30  # bytes of a zip local file header before its name and extra field


class VectorCache:
    def __init__(self, root: Path, model_id: str):
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", model_id)[-60:]
        self.dir = root / f"vectors-{slug}"
        self.model_id = model_id
        self._mem: dict[str, np.ndarray] = {}  # vectors this object wrote

    def key(self, text: str) -> str:
        return stable_hash(self.model_id, text, n=24)

    def get(self, keys: list[str]) -> dict[str, np.ndarray]:
        """The cached vectors among `keys`; only their rows are read from disk."""
        out = {k: self._mem[k] for k in keys if k in self._mem}
        want = np.array(sorted({k for k in keys if k not in out}), dtype="U24")
        if not len(want):
            return out
        for seg, seg_keys in self._segments():
            rows = _among(seg_keys, want)
            if not len(rows):
                continue
            try:
                vecs = read_rows(seg, rows)
            except Exception:  # unreadable since its keys were read: drop, re-embed
                _forget(seg)
                continue
            for r, v in zip(rows, vecs):
                out[str(seg_keys[r])] = v  # a key in two segments: the later one, as before
        return out

    def _segments(self) -> list[tuple[Path, np.ndarray]]:
        """Each sound segment with its keys (read once per process); torn ones dropped."""
        if not self.dir.exists():
            return []
        out = []
        for seg in sorted(self.dir.glob("seg-*.npz")):
            if ".tmp" in seg.name:  # another writer's segment in progress, or one cut off by a kill
                _drop_if_stale(seg)
                continue
            keys = segment_keys(seg)
            if keys is not None:
                out.append((seg, keys))
        return out

    def put(self, keys: list[str], vecs: np.ndarray) -> None:
        """Write one batch as its own segment: temp file, fsync, atomic rename. A kill at any
        point leaves either the whole segment or none of it."""
        self.dir.mkdir(parents=True, exist_ok=True)
        name = f"seg-{stable_hash(*keys, n=12)}-{len(keys)}"
        tmp = self.dir / f"{name}.tmp{os.getpid()}-{uuid.uuid4().hex[:6]}.npz"
        try:
            with open(tmp, "wb") as f:
                np.savez(f, keys=np.array(keys, dtype="U24"), vecs=vecs.astype(np.float32))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.dir / f"{name}.npz")
        finally:
            tmp.unlink(missing_ok=True)
        for k, v in zip(keys, vecs):
            self._mem[k] = v


def _among(keys: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Positions in `keys` of the values in `want` (sorted): a binary search per key, so a
    lookup of one key and of every key of a build both cost about one pass over the cache."""
    pos = np.minimum(np.searchsorted(want, keys), len(want) - 1)
    return np.flatnonzero(want[pos] == keys)


def segment_keys(seg: Path) -> np.ndarray | None:
    """The keys of one segment (memoized per process), or None after dropping an unreadable one
    (e.g. zeroed by a power cut: its vectors are embedded again)."""
    try:
        st = seg.stat()
    except OSError:  # removed meanwhile
        return None
    memo = (str(seg), st.st_size, st.st_mtime_ns)
    with _KEYS_LOCK:
        if memo in _KEYS:
            return _KEYS[memo]
    try:
        with np.load(seg, allow_pickle=False) as z:
            keys = z["keys"]
            n_vecs = _vec_shape(seg)[0]
        if keys.ndim != 1 or len(keys) != n_vecs:
            raise ValueError("shape")
    except Exception:
        seg.unlink(missing_ok=True)
        return None
    with _KEYS_LOCK:
        _KEYS[memo] = keys
    return keys


def read_rows(seg: Path, rows: np.ndarray) -> np.ndarray:
    """Rows `rows` of a segment's vectors, read through a memory map of its stored member."""
    start, shape, dtype = _vec_layout(seg)
    if len(shape) != 2:
        raise ValueError("shape")
    mm = np.memmap(seg, dtype=dtype, mode="r", offset=start, shape=shape)
    try:
        return np.array(mm[rows], dtype=np.float32)
    finally:
        del mm


def _vec_shape(seg: Path) -> tuple:
    return _vec_layout(seg)[1]


def _vec_layout(seg: Path) -> tuple[int, tuple, np.dtype]:
    """(offset of the array data in the file, shape, dtype) of the `vecs.npy` member, which
    np.savez stores uncompressed."""
    with open(seg, "rb") as f, zipfile.ZipFile(f) as zf:
        info = zf.getinfo("vecs.npy")
        if info.compress_type != zipfile.ZIP_STORED:
            raise ValueError("compressed")
        f.seek(info.header_offset)
        head = f.read(_LOCAL_HEADER)
        if head[:4] != b"PK\x03\x04":
            raise ValueError("header")
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        f.seek(info.header_offset + _LOCAL_HEADER + name_len + extra_len)
        version = np.lib.format.read_magic(f)
        read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, fortran, dtype = read(f)
        if fortran:
            raise ValueError("order")
        return f.tell(), shape, dtype


def _forget(seg: Path) -> None:
    with _KEYS_LOCK:
        for memo in [m for m in _KEYS if m[0] == str(seg)]:
            del _KEYS[memo]


def _drop_if_stale(tmp: Path, age: float = 3600) -> None:
    try:
        if time.time() - tmp.stat().st_mtime > age:
            tmp.unlink()
    except OSError:  # renamed or removed by its writer meanwhile
        pass
