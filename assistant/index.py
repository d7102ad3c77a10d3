"""The on-disk index: plain files in a versioned folder, swapped in atomically.

    index/CURRENT            name of the live version folder (replaced atomically)
    index/v-…/manifest.json  model id, vector size, chunker settings, per-document hashes,
                             size + sha256 of every other file of the version (integrity.py)
    index/v-…/documents.jsonl, chunks.jsonl, terms.json
    index/v-…/vectors.faiss  dense leg;  index/v-…/bm25/  lexical leg (bm25s, no pickle)
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import bm25s
from filelock import FileLock, Timeout

from ingest.chunk import CHUNKER_VERSION
from ingest.model import Chunk, Document, stable_hash

from .errors import REPAIR, IndexBusy, IndexCorrupt, IndexMismatch, ShequError, os_failure
from .integrity import MARKER, check_files, file_records, read_manifest, read_part
from .vectors import DenseStore, load_store, row_id

FORMAT = 1


@dataclass
class IndexData:
    manifest: dict
    documents: dict[str, Document]
    chunks: list[Chunk]
    vectors: DenseStore  # assistant.vectors: FAISS flat/IVF/HNSW, or Milvus
    bm25: bm25s.BM25 | None
    terms: list[str] = field(default_factory=list)
    embed_keys: list[str] = field(default_factory=list)
    cards: list[dict] = field(default_factory=list)  # method cards (assistant.methods)

    @property
    def model_id(self) -> str:
        return self.manifest["embed_model"]


def chunker_version() -> str:
    """CHUNKER_VERSION plus a hash of the ingest code: a change to how files are read, cleaned,
    structured or cut re-reads every document (unchanged chunks keep their cached vectors)."""
    import ingest

    files = sorted(Path(ingest.__file__).parent.glob("*.py"))
    return f"{CHUNKER_VERSION}-{stable_hash(*(f.read_bytes() for f in files), n=8)}"


def make_manifest(model_id: str, dim: int, chunk_cfg: dict, docs: dict[str, Document],
                  chunks: list[Chunk]) -> dict:
    counts: dict[str, int] = {}
    for c in chunks:
        counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
    return {
        "format": FORMAT, "embed_model": model_id, "dim": dim,
        "chunker": {"version": chunker_version(), **chunk_cfg},
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "documents": {d.doc_id: {"hash": d.content_hash, "source": d.source,
                                 "chunks": counts.get(d.doc_id, 0)} for d in docs.values()},
        "n_chunks": len(chunks),
    }


def _write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _read_chunks(path: Path) -> tuple[list[Chunk], list[str]]:
    rows = _read_jsonl(path)
    keys = [r.pop("embed_key", "") for r in rows]
    return [Chunk.from_dict(r) for r in rows], keys


def save(data: IndexData, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _write_jsonl(folder / "documents.jsonl", (d.to_dict() for d in data.documents.values()))
    _write_jsonl(folder / "chunks.jsonl",
                 ({**c.to_dict(), "embed_key": k} for c, k in zip(data.chunks, data.embed_keys)))
    (folder / "terms.json").write_text(json.dumps(data.terms, ensure_ascii=False), encoding="utf-8")
    (folder / "cards.json").write_text(json.dumps(data.cards, ensure_ascii=False), encoding="utf-8")
    data.manifest["vectors"] = data.vectors.save(folder)  # backend, index type, parameters
    if data.bm25 is not None:
        data.bm25.save(str(folder / "bm25"), show_progress=False)
    data.manifest["files"] = file_records(folder)
    # The manifest goes last: a folder without one is incomplete and never opened.
    tmp = folder / "manifest.json.tmp"
    tmp.write_text(json.dumps(data.manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / "manifest.json")


def load(folder: Path, hashes: bool = False) -> IndexData:
    """One version, its files' sizes (and with `hashes` their sha256) checked against the
    manifest first; a damaged file is an IndexCorrupt naming it, never a traceback."""
    manifest = read_manifest(folder)
    check_files(folder, manifest, hashes)
    docs = read_part(folder / "documents.jsonl",
                     lambda p: {d["doc_id"]: Document.from_dict(d) for d in _read_jsonl(p)})
    chunks, keys = read_part(folder / "chunks.jsonl", _read_chunks)
    lost = next((c.doc_id for c in chunks if c.doc_id not in docs), None)
    if lost is not None:
        raise IndexCorrupt(f"索引文件 {folder / 'documents.jsonl'} 已损坏（缺少文档“{lost}”）；{REPAIR}")
    open_vectors = partial(load_store, folder, manifest.get("vectors"),
                           [row_id(c.chunk_id, k) for c, k in zip(chunks, keys)])
    if (manifest.get("vectors") or {}).get("backend") == "milvus":
        vectors = open_vectors()  # a server or milvus-lite: its errors are its own, not a damaged file
    else:
        vectors = read_part(folder / "vectors.faiss", lambda _: open_vectors())
    bm25 = None
    if (folder / "bm25").exists():
        bm25 = read_part(folder / "bm25", lambda p: bm25s.BM25.load(str(p), mmap=False, allow_pickle=False))
    terms = read_part(folder / "terms.json", lambda p: json.loads(p.read_text(encoding="utf-8")))
    cards_file = folder / "cards.json"
    cards = read_part(cards_file, lambda p: json.loads(p.read_text(encoding="utf-8"))) if cards_file.exists() else []
    if vectors.ntotal != len(chunks) or (bm25 is not None and bm25.scores["num_docs"] != len(chunks)):
        raise IndexCorrupt(f"索引 {folder} 已损坏：向量数 {vectors.ntotal} 与段落数 {len(chunks)} 不一致；{REPAIR}")
    return IndexData(manifest, docs, chunks, vectors, bm25, terms, keys, cards)


def check_model(manifest: dict, model_id: str) -> None:
    built = manifest.get("embed_model")
    if built != model_id:
        raise IndexMismatch(
            f"索引是用嵌入模型“{built}”建立的，当前设置的模型是“{model_id}”。"
            f"两种模型的向量不能混用，请运行 `shequ ingest --rebuild` 重新建立索引。")


log = logging.getLogger(__name__)
_WARNED: set = set()


class IndexStore:
    """Versioned index folders under `root`, with an atomic CURRENT pointer and a write lock."""

    def __init__(self, root: Path):
        self.root = Path(root)

    @property
    def pointer(self) -> Path:
        return self.root / "CURRENT"

    def current_dir(self) -> Path | None:
        for _ in range(5):  # a version vanishes only after CURRENT moved on: read it again
            try:
                name = self.pointer.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                name = ""
            d = self.root / name if name and "/" not in name and name.startswith("v-") else None
            if d is not None and (d / "manifest.json").exists():
                return d
        return self._recover(name)

    def _recover(self, name: str) -> Path | None:
        """CURRENT is missing, damaged or dangling: the newest complete version still holds the
        user's documents, so use it (and say so) rather than start again from the bundled
        corpus. The next ingest points CURRENT at its own new version."""
        versions = self.versions()[::-1]
        if not versions:
            return None
        if (self.root, name) not in _WARNED:  # once per process, not at every read
            _WARNED.add((self.root, name))
            log.warning("索引指针 %s 缺失或已损坏（内容：%r），已改用最新的完整索引版本 %s；下次导入时会自动修复。",
                        self.pointer, name[:40], versions[-1].name)
        return versions[-1]

    def exists(self) -> bool:
        return self.current_dir() is not None

    def versions(self) -> list[Path]:
        """Complete version folders, newest first (names tie within one second, mtimes do not)."""
        found = [p for p in self.root.glob("v-*") if (p / "manifest.json").exists()]
        return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)

    def crashed(self) -> bool:
        """A commit started and never finished (killed, power cut): check hashes, not just sizes."""
        return (self.root / MARKER).exists()

    def open(self, hashes: bool = False) -> IndexData:
        """Load the live version. A reader racing two quick ingests can see its folder
        garbage-collected mid-read; CURRENT has then moved on, so load the newer one."""
        for attempt in range(5):
            d = self.current_dir()
            if d is None:
                raise FileNotFoundError(f"no index in {self.root}")
            try:
                return load(d, hashes=hashes or self.crashed())
            except Exception:
                if attempt == 4 or self.current_dir() == d:
                    raise
        raise AssertionError("unreachable")

    def lock(self, timeout: float = 0) -> FileLock:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.root / ".write.lock"))
            lock.acquire(timeout=timeout)
        except Timeout:
            raise IndexBusy(f"另一个导入任务正在更新索引（{self.root}），请等它完成后再试。") from None
        except OSError as e:
            raise os_failure(e, self.root) from None
        return lock

    def commit(self, data: IndexData, keep: int = 2) -> Path:
        """Write a new version folder, then point CURRENT at it in one atomic rename. A failed
        commit (full disk, no permission) removes what it wrote at once; `keep` versions stay."""
        name = f"v-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        tmp = self.root / f".tmp-{name}"
        marker = self.root / MARKER
        try:
            marker.touch()
            save(data, tmp)
            _fsync_tree(tmp)  # on disk before it can go live: survives a power cut, not just a kill
            os.replace(tmp, self.root / name)
            self._point(name)
        except BaseException as e:
            shutil.rmtree(tmp, ignore_errors=True)
            marker.unlink(missing_ok=True)
            if isinstance(e, OSError):
                raise os_failure(e, self.root) from None
            raise
        marker.unlink(missing_ok=True)
        self._gc(keep={name}, keep_old=keep - 1)
        return self.root / name

    def _point(self, name: str) -> None:
        """CURRENT := name, atomically and durably; no temp file is left behind on failure."""
        ptr_tmp = self.root / f".CURRENT.{uuid.uuid4().hex[:6]}"
        try:
            ptr_tmp.write_text(name, encoding="utf-8")
            _fsync(ptr_tmp)
            os.replace(ptr_tmp, self.pointer)
        finally:
            ptr_tmp.unlink(missing_ok=True)
        _fsync(self.root)

    def rollback(self, name: str | None = None) -> Path:
        """Point CURRENT at a kept version (default: the one before the live one), after
        checking its hashes. Under the write lock, so no ingest commits meanwhile."""
        lock = self.lock(timeout=0)
        try:
            live, kept = self.current_dir(), self.versions()
            older = [v for v in kept if v != live]
            if name is None and not older:
                raise ShequError(f"没有可回退的旧版本（{self.root} 中只有当前版本）；可用 shequ index versions 查看")
            target = older[0] if name is None else self.root / name
            if target not in kept:
                raise ShequError(f"索引版本“{name}”不存在；可用的版本：{'、'.join(v.name for v in kept)}")
            load(target, hashes=True)
            os.utime(target)  # now the newest: a damaged pointer falls back to it, GC keeps it
            self._point(target.name)
        except OSError as e:
            raise os_failure(e, self.root) from None
        finally:
            lock.release()
        return target

    def _gc(self, keep: set[str], keep_old: int = 1) -> None:
        """Drop old versions (keeping the newest few for rollback and for readers still using
        them) and temp dirs."""
        versions = sorted((p for p in self.root.glob("v-*") if p.is_dir() and p.name not in keep),
                          key=lambda p: p.stat().st_mtime_ns)  # names tie within one second
        for p in versions[:-keep_old] if keep_old else versions:
            shutil.rmtree(p, ignore_errors=True)
        for p in self.root.glob(".tmp-*"):
            shutil.rmtree(p, ignore_errors=True)
        for p in self.root.glob(".CURRENT.*"):  # pointer files left by a killed commit
            p.unlink(missing_ok=True)


def _fsync_tree(folder: Path) -> None:
    for p in folder.rglob("*"):
        _fsync(p)
    _fsync(folder)


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # Windows cannot open folders; its renames are durable anyway
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
