"""Errors with user-facing Chinese messages, and the exit code each kind maps to."""
from __future__ import annotations

import errno
from pathlib import Path


class ShequError(Exception):
    """Base class: str(e) is a message a user can act on."""

    exit_code = 2


class BadQuestion(ShequError, ValueError):
    pass


class IndexMismatch(ShequError):
    pass


class IndexBusy(ShequError):
    pass


class EnvironmentFailure(ShequError):
    """The machine, not the user's files: a full disk, no permission, a damaged index."""

    exit_code = 4


class IndexCorrupt(EnvironmentFailure):
    pass


class OldIndexFormat(IndexCorrupt):
    """An index written before segments: its documents are read back and the index rebuilt."""


REPAIR = "请运行 shequ ingest 从原文件重建（或 shequ index rollback 回到上一个版本）"


def os_failure(e: OSError, path: str | Path | None) -> EnvironmentFailure:
    """One line for an OSError while writing `path`: what happened and what to do."""
    where = e.filename or path or "SHEQU_HOME"
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return EnvironmentFailure(f"磁盘空间不足，无法写入 {where}；请清理磁盘空间后重新运行（原有索引和文档未受影响）")
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "文件系统为只读" if e.errno == errno.EROFS else "没有写入权限"
        return EnvironmentFailure(f"{why}，无法写入 {where}；请检查该目录的权限，或用环境变量 SHEQU_HOME 指定一个可写的目录")
    return EnvironmentFailure(f"无法读写 {where}（{e.strerror or type(e).__name__}）；请检查磁盘和目录权限后重试")
