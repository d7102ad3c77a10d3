"""Uploaded files -> the library directory: sanitized names, size limit, nothing written
outside the directory. Ingest itself is the Assistant's job."""
from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ALLOWED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
_BAD_CHARS = re.compile(r"[^\w\u3400-\u9fff.\-（）()【】 ]+")
_MAX_NAME = 120
_MAX_BYTES = 200  # leaves room for "_2" and the extension within 255 bytes
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


@dataclass
class Saved:
    original: str  # the name the user uploaded
    path: Path | None = None  # where it was stored; None when rejected
    reason: str = ""  # Chinese rejection reason


@dataclass
class SaveResult:
    saved: list[Saved] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        return [s.path for s in self.saved if s.path is not None]


def safe_name(name: str) -> str:
    """A plain file name: no directories, no '..', no control or shell characters, no
    Windows device names (CON, NUL.txt …), at most _MAX_BYTES bytes of UTF-8.
    Returns '' when nothing usable is left."""
    base = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    base = "".join(ch for ch in base if ch.isprintable())
    base = _BAD_CHARS.sub("_", base)
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    ext = ext.strip(" ._")
    stem = _fit(stem.strip(" ._")[: _MAX_NAME])
    if not stem and f".{ext.lower()}" in ALLOWED:
        stem = "未命名"  # e.g. a name made only of emoji
    if not stem:
        return ""
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"  # Windows would open the device, not a file
    return f"{stem}.{ext.lower()}" if ext else stem


def _fit(stem: str) -> str:
    """Cut a stem so that the UTF-8 name stays under the file system's 255-byte limit."""
    while len(stem.encode("utf-8")) > _MAX_BYTES:
        stem = stem[:-1]
    return stem.rstrip(" ._")


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or name_2, name_3 … when a different document already uses it."""
    stem, dot, ext = name.rpartition(".")
    candidate, i = name, 1
    while candidate in taken:
        i += 1
        candidate = f"{stem}_{i}{dot}{ext}"
    return candidate


def save_uploads(files: list[str | Path], library_dir: Path, max_bytes: int,
                 taken: set[str] = frozenset()) -> SaveResult:
    """Copy uploaded temp files into `library_dir`. `taken` holds names owned by documents
    from elsewhere (e.g. the bundled corpus), which an upload must not replace."""
    library_dir.mkdir(parents=True, exist_ok=True)
    root = library_dir.resolve()
    result = SaveResult()
    for f in files or []:
        src = Path(f)  # Gradio keeps the user's file name as the temp file's name
        result.saved.append(_save_one(src, src.name, root, max_bytes, set(taken)))
    return result


def _save_one(src: Path, original: str, root: Path, max_bytes: int, taken: set[str]) -> Saved:
    name = safe_name(original)
    ext = Path(name).suffix.lower()
    if not name:
        return Saved(original, reason="文件名无效")
    if ext not in ALLOWED:
        return Saved(original, reason=f"不支持的文件类型“{ext or '无扩展名'}”，支持 .txt .md .html .docx .pdf")
    if not src.is_file():
        return Saved(original, reason="上传的文件不存在或已过期，请重新上传")
    size = src.stat().st_size
    if size == 0:
        return Saved(original, reason="文件是空的")
    if size > max_bytes:
        return Saved(original, reason=f"文件太大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）")
    dest = (root / _unique(name, taken)).resolve()
    if dest.parent != root:  # belt and braces: never write outside the library
        return Saved(original, reason="文件名无效")
    try:
        shutil.copyfile(src, dest)
    except OSError as e:
        return Saved(original, reason=f"保存失败（{e.strerror or type(e).__name__}）")
    return Saved(original, path=dest)
