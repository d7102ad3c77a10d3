"""Checksums of an index version's files, and what can be saved from a damaged version.

Every file of a version has its size and sha256 in the manifest (`files`). Sizes are checked at
every open (a stat per file); hashes by `shequ index verify`, before every ingest and after a
crash (a commit that never finished leaves `index/.commit`).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ingest.model import Document

from .errors import REPAIR, IndexCorrupt

MARKER = ".commit"  # exists while a commit runs; still there at the next open = a crash


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_records(folder: Path) -> dict[str, dict]:
    """Size and sha256 of every file in `folder` (relative posix paths), the manifest excepted."""
    return {p.relative_to(folder).as_posix(): {"size": p.stat().st_size, "sha256": sha256(p)}
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith("manifest.json")}


_HASHED: dict[str, tuple] = {}  # path -> (size, mtime_ns, sha256) this process has hashed


def check_files(folder: Path, manifest: dict, hashes: bool = False) -> int:
    """Raise IndexCorrupt naming the first file whose size (or hash) differs from the manifest.
    Returns the number of files checked (0 for versions written before checksums). A file this
    process hashed before is hashed again only if its size or mtime moved: segments are shared
    by versions, and an upload into a large library must not re-hash a gigabyte each time."""
    files = manifest.get("files") or {}
    for rel, rec in files.items():
        p = folder / rel
        try:
            st = p.stat()
        except FileNotFoundError:
            raise IndexCorrupt(f"索引文件 {p} 缺失；{REPAIR}") from None
        if st.st_size != rec["size"]:
            raise IndexCorrupt(f"索引文件 {p} 已损坏（大小应为 {rec['size']} 字节，实为 {st.st_size} 字节）；{REPAIR}")
        if hashes and _hash(p, st) != rec["sha256"]:
            raise IndexCorrupt(f"索引文件 {p} 已损坏（内容与清单中的校验和不符）；{REPAIR}")
    return len(files)


def _hash(p: Path, st) -> str:
    seen = _HASHED.get(str(p))
    if seen is not None and seen[:2] == (st.st_size, st.st_mtime_ns):
        return seen[2]
    h = sha256(p)
    _HASHED[str(p)] = (st.st_size, st.st_mtime_ns, h)
    return h


def read_manifest(folder: Path) -> dict:
    path = folder / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or "embed_model" not in manifest:
            raise ValueError("not a manifest")
        return manifest
    except (ValueError, UnicodeDecodeError) as e:
        raise IndexCorrupt(f"索引文件 {path} 已损坏（{_why(path, e)}）；{REPAIR}") from None


def read_part(path: Path, reader):
    """reader(path), with any failure to parse turned into one line naming the file."""
    try:
        return reader(path)
    except FileNotFoundError:
        raise IndexCorrupt(f"索引文件 {path} 缺失；{REPAIR}") from None
    except (OSError, MemoryError) as e:
        if isinstance(e, OSError) and e.errno is not None:
            raise
        raise IndexCorrupt(f"索引文件 {path} 已损坏（{_why(path, e)}）；{REPAIR}") from None
    except Exception as e:  # every parser has its own errors: json, numpy, faiss, bm25s
        raise IndexCorrupt(f"索引文件 {path} 已损坏（{_why(path, e)}）；{REPAIR}") from None


def _why(path: Path, e: BaseException) -> str:
    try:
        if path.is_file() and path.stat().st_size == 0:
            return "文件为空"
    except OSError:
        pass
    return f"无法解析：{type(e).__name__}"


def salvage_documents(versions: list[Path]) -> tuple[dict[str, Document], dict]:
    """The documents that can be read back from `versions` (newest first): from each version's
    segments whose documents.jsonl is intact, a document kept only in the text the newest
    readable manifest (which names every document and its source) lists for it."""
    manifest: dict = {}
    docs: dict[str, Document] = {}
    for folder in versions:
        try:
            m = read_manifest(folder)
        except (IndexCorrupt, OSError):  # its segment list has a copy (unverified, as a last resort)
            m = {"segments": _read_json(folder / "segments.json") or []}
        manifest = manifest or (m if "embed_model" in m else {})
        listed = manifest.get("documents", {})
        # an index from before segments (format 1) kept documents.jsonl in the version folder
        for seg in m.get("segments", [{"id": None, "files": m.get("files")}]):
            where = folder if seg["id"] is None else folder.parent / "segments" / seg["id"]
            got = _read_documents(where, (seg.get("files") or {}).get("documents.jsonl"))
            gone = set(seg.get("deleted", []))
            for i, d in got.items():
                if i not in gone and i not in docs and listed.get(i, {}).get("hash") in (None, d.content_hash):
                    docs[i] = d
    return docs, manifest


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _read_documents(folder: Path, rec: dict | None) -> dict[str, Document]:
    path = folder / "documents.jsonl"
    try:
        if rec and sha256(path) != rec["sha256"]:
            return {}
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return {r["doc_id"]: Document.from_dict(r) for r in rows}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
