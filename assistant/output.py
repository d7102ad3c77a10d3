"""Output files of the CLI (`plan --out`, `quiz --out`): one check, one message, for all."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import ShequError


class OutputError(ShequError):
    pass


def check_output(out: str | Path | None, force: bool, formats: tuple[str, ...]) -> Path | None:
    """Refuse, before any work is done, paths we must not or cannot write."""
    if not out:
        return None
    path = Path(out).expanduser()
    if path.suffix.lower() not in formats:
        raise OutputError(f"不支持的输出格式“{path.suffix or out}”，请使用 {'、'.join(formats)}。")
    if path.is_dir():
        raise OutputError(f"输出路径是一个文件夹：{path}，请写出文件名。")
    if path.exists() and not force:
        raise OutputError(f"文件已存在：{path}。如需覆盖，请加 --force。")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"无法写入 {path}：文件夹 {parent} 不存在。")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputError(f"无法写入 {path}：没有写入权限。")
    return path


def add_out_arguments(parser, help_text: str) -> None:
    parser.add_argument("--out", default="", help=help_text)
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
