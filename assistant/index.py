"""The on-disk index: immutable segments shared by versioned manifests, swapped in atomically.

    index/CURRENT              name of the live version folder (replaced atomically)
    index/v-…/manifest.json    model id, vector size, chunker settings, per-document hashes, the
                               segments of this version (each file's size + sha256, the documents
                               deleted from each), size + sha256 of the version's own files
    index/v-…/terms.json       the domain terms the tokenizer used (all segments')
    index/v-…/segments.json    a copy of the manifest's segment list, for salvage
    index/segments/<id>/       documents, chunks, term counts, vectors, cards (assistant.segments)

A version is its manifest: segments are written once and shared, so a commit that adds one
document writes one small segment and one manifest. Old versions' segments are deleted when
no kept version lists them.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from ingest.chunk import CHUNKER_VERSION
from ingest.model import Chunk, Document, stable_hash

from .errors import REPAIR, IndexBusy, IndexCorrupt, IndexMismatch, OldIndexFormat, ShequError, os_failure
from .integrity import MARKER, check_files, file_records, read_manifest, read_part
from .lexical import Lexical
from .segments import DIR, Segment, SegmentedDense, load_segment, referenced, write_segment
from .vectors import DenseStore, load_store, row_id

FORMAT = 2


@dataclass
class IndexData:
    manifest: dict
    documents: dict[str, Document]
    chunks: list[Chunk]  # live chunks of all segments, in segment order; a row = a position here
    vectors: DenseStore  # assistant.segments.SegmentedDense over FAISS segments, or Milvus
    lexical: Lexical
    terms: list[str] = field(default_factory=list)
    embed_keys: list[str] = field(default_factory=list)
    cards: list[dict] = field(default_factory=list)  # method cards (assistant.methods)
    segments: list[Segment] = field(default_factory=list)
    deleted: dict[str, set[str]] = field(default_factory=dict)  # segment id -> deleted doc ids

    @property
    def model_id(self) -> str:
        return self.manifest["embed_model"]


def assemble(manifest: dict, segments: list[Segment], deleted: dict[str, set[str]], terms: list[str],
             vectors: DenseStore | None = None) -> IndexData:
    """The live view of `segments` minus the deleted documents: rows numbered in segment order."""
    docs: dict[str, Document] = {}
    chunks: list[Chunk] = []
    keys: list[str] = []
    cards: list[dict] = []
    row_maps = []
    for seg in segments:
        gone = deleted.get(seg.seg_id, set())
        row_maps.append(seg.rows(gone, len(chunks))[1])
        live_chunks, live_keys, live_docs = seg.live_content(gone)
        chunks += live_chunks
        keys += live_keys
        docs.update(live_docs)
        cards += [c for i, cs in seg.cards.items() if i not in gone for c in cs]
    if vectors is None:
        vectors = SegmentedDense([s.dense for s in segments], row_maps)
    lexical = Lexical([s.lex for s in segments], row_maps)
    return IndexData(manifest, docs, chunks, vectors, lexical, list(terms), keys, cards,
                     list(segments), {k: set(v) for k, v in deleted.items()})


def chunker_version() -> str:
    """CHUNKER_VERSION plus a hash of the ingest code: a change to how files are read, cleaned,
    structured or cut re-reads every document (unchanged chunks keep their cached vectors)."""
    import ingest

    files = sorted(Path(ingest.__file__).parent.glob("*.py"))
    return f"{CHUNKER_VERSION}-{stable_hash(*(f.read_bytes() for f in files), n=8)}"


def make_manifest(model_id: str, dim: int, chunk_cfg: dict, docs: dict[str, Document],
                  chunks: list[Chunk], hashes: dict[str, str] | None = None) -> dict:
    """`hashes`: content hashes already known (documents not re-read), so an update does not
    hash every text of the library again."""
    hashes = hashes or {}
    counts: dict[str, int] = {}
    for c in chunks:
        counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
    return {
        "format": FORMAT, "embed_model": model_id, "dim": dim,
        "chunker": {"version": chunker_version(), **chunk_cfg},
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "documents": {d.doc_id: {"hash": hashes.get(d.doc_id) or d.content_hash, "source": d.source,
                                 "chunks": counts.get(d.doc_id, 0)} for d in docs.values()},
        "n_chunks": len(chunks),
    }


def save(data: IndexData, folder: Path, fsync=None) -> None:
    """Write the segments not yet on disk (under folder.parent/segments), then the version folder."""
    fsync = fsync or (lambda _: None)
    folder.mkdir(parents=True, exist_ok=True)
    for seg in data.segments:
        write_segment(seg, folder.parent, fsync)
    data.manifest["format"] = FORMAT
    data.manifest["segments"] = [s.entry(data.deleted.get(s.seg_id, set())) for s in data.segments]
    if isinstance(data.vectors, SegmentedDense):  # backend, index type, parameters of the base
        data.manifest["vectors"] = {"backend": "faiss", "kind": data.vectors.kind, **data.vectors.params}
    else:
        data.manifest["vectors"] = data.vectors.save(folder)
    (folder / "terms.json").write_text(json.dumps(data.terms, ensure_ascii=False), encoding="utf-8")
    # A copy of the segment list: if the manifest is lost, the documents can still be found.
    (folder / "segments.json").write_text(json.dumps(data.manifest["segments"], ensure_ascii=False), encoding="utf-8")
    data.manifest["files"] = file_records(folder)
    # The manifest goes last: a folder without one is incomplete and never opened.
    tmp = folder / "manifest.json.tmp"
    tmp.write_text(json.dumps(data.manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / "manifest.json")


def load(folder: Path, hashes: bool = False) -> IndexData:
    """One version, its files' and its segments' sizes (and with `hashes` their sha256)
    checked against the manifest first; a damaged file is an IndexCorrupt naming it."""
    manifest = read_manifest(folder)
    if manifest.get("format", 1) < FORMAT or "segments" not in manifest:
        raise OldIndexFormat(f"索引 {folder} 是旧版格式（没有分段），需要重建；{REPAIR}")
    check_files(folder, manifest, hashes)
    segments = [load_segment(folder.parent, e, hashes) for e in manifest["segments"]]
    deleted = {e["id"]: set(e.get("deleted", [])) for e in manifest["segments"]}
    terms = read_part(folder / "terms.json", lambda p: json.loads(p.read_text(encoding="utf-8")))
    vectors = None
    if (manifest.get("vectors") or {}).get("backend") == "milvus":
        data = assemble(manifest, segments, deleted, terms, vectors=_NoVectors())
        # a server or milvus-lite: its errors are its own, not a damaged file
        vectors = load_store(folder, manifest["vectors"], [row_id(c.chunk_id, k) for c, k in
                                                           zip(data.chunks, data.embed_keys)])
    data = assemble(manifest, segments, deleted, terms, vectors)
    if data.vectors.ntotal != len(data.chunks) or data.lexical.n_docs != len(data.chunks):
        raise IndexCorrupt(f"索引 {folder} 已损坏：向量数 {data.vectors.ntotal} 与段落数 {len(data.chunks)} 不一致；{REPAIR}")
    return data


class _NoVectors:
    ntotal = 0


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
            save(data, tmp, fsync=_fsync_tree)  # new segments are fsynced as they are written
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

    def _gc_segments(self) -> None:
        """Delete segments no kept version lists (and temp segments of killed commits). Runs
        under the write lock; a version whose manifest cannot be read keeps every segment."""
        manifests = []
        for v in self.root.glob("v-*"):
            try:
                manifests.append(read_manifest(v))
            except (IndexCorrupt, OSError):
                if v.is_dir() and (v / "manifest.json").exists():
                    return
        used = referenced(manifests)
        for p in (self.root / DIR).glob("*"):
            if p.name not in used:
                shutil.rmtree(p, ignore_errors=True)

    def _gc(self, keep: set[str], keep_old: int = 1) -> None:
        """Drop old versions (keeping the newest few for rollback and for readers still using
        them) and temp dirs."""
        versions = sorted((p for p in self.root.glob("v-*") if p.is_dir() and p.name not in keep),
                          key=lambda p: p.stat().st_mtime_ns)  # names tie within one second
        for p in versions[:-keep_old] if keep_old else versions:
            shutil.rmtree(p, ignore_errors=True)
        for p in self.root.glob(".tmp-*"):
            shutil.rmtree(p, ignore_errors=True)
        self._gc_segments()
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
