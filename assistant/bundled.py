"""Keeping a library built from the bundled corpus in step with it across upgrades.

An index built by an earlier release holds the bundled documents of that release. When a new
release ships more (or corrected) documents, `Assistant.open` syncs the bundled corpus once:
added and changed files come in, and documents the user deleted stay deleted (they are in
<home>/excluded.json, which every sync honours). A fingerprint of the corpus folder, written
after each successful sync, makes later opens a few milliseconds of hashing."""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from .errors import EnvironmentFailure, IndexBusy
from .settings import Settings

log = logging.getLogger(__name__)


def fingerprint(corpus: Path) -> str:
    """A hash of the folder's visible files: names, sizes and bytes."""
    h = hashlib.sha1()
    for p in sorted(corpus.iterdir()) if corpus.is_dir() else []:
        if p.is_file() and not p.name.startswith("."):
            data = p.read_bytes()
            h.update(f"{p.name}\0{len(data)}\0".encode("utf-8"))
            h.update(hashlib.sha1(data).digest())
    return h.hexdigest()


def _record(settings: Settings) -> Path:
    return settings.home / "bundled.json"


def recorded(settings: Settings) -> str | None:
    try:
        return json.loads(_record(settings).read_text(encoding="utf-8")).get("fingerprint")
    except (OSError, ValueError, AttributeError):
        return None  # missing or unreadable: the next open syncs again, which is harmless


def remember(settings: Settings, value: str | None = None) -> None:
    """Write the corpus fingerprint after a sync (atomic; a failure only means a sync next time)."""
    path = _record(settings)
    tmp = path.with_name(f".bundled.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"fingerprint": value or fingerprint(settings.corpus)}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        log.warning("无法记录内置资料库的版本（%s）：下次打开时会再检查一次", e)
    finally:
        tmp.unlink(missing_ok=True)


def holds_bundled(documents: dict, corpus: Path) -> bool:
    """Whether the library was built from the bundled corpus (it holds a document read from a
    folder of that name with a bundled file's name): a library built only from the user's own
    folders is never given the bundled documents."""
    names = {p.name for p in corpus.iterdir()} if corpus.is_dir() else set()
    for d in documents.values():
        src = Path(d.source)
        if src.name in names and src.parent.name == corpus.name:
            return True
    return False


def sync_if_upgraded(settings: Settings, documents: dict, ingest_default, progress=None) -> bool:
    """Sync the default sources when the bundled corpus changed since the last sync and the
    library was built from it; returns whether a sync ran. `ingest_default()` runs the sync
    and returns its IngestReport."""
    current = fingerprint(settings.corpus)
    if current == recorded(settings) or not holds_bundled(documents, settings.corpus):
        return False
    try:
        report = ingest_default()
    except IndexBusy:  # another process is writing the library: it will be synced next time
        return False
    except (EnvironmentFailure, OSError) as e:  # a read-only or full home: reading must still work
        log.warning("内置资料库有更新，但未能加入索引（%s）；继续使用当前资料库，可在目录可写后运行 shequ ingest", e)
        if progress:
            progress("sync", 1, 1, "内置资料库有更新，但索引目录不可写，继续使用当前资料库")
        return False
    if report.added or report.updated or report.removed:
        log.info("内置资料库已更新：新增 %d 篇，更新 %d 篇，移除 %d 篇",
                 len(report.added), len(report.updated), len(report.removed))
        if progress:
            progress("sync", 1, 1, f"内置资料库已更新：新增 {len(report.added)} 篇，更新 {len(report.updated)} 篇")
    remember(settings, current)
    return True
