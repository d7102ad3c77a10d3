"""Files -> Documents: load, clean, split compilations, attach metadata."""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .clean import clean, clean_lines, normalize_punct, split_articles
from .loaders import SUPPORTED, read_file
from .markup import FRONT, HEADING, STRUCTURED
from .meta import infer, infer_title
from .model import Document, IngestError

META_FILE = "metadata.json"
META_KEYS = ("title", "place", "date", "source", "author", "doc_type", "licence", "issuer", "effective_date",
             "doc_number")


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # every file that was looked at
    timings: dict = field(default_factory=lambda: {"load": 0.0, "clean": 0.0})


def collect_files(paths: list[Path]) -> tuple[list[tuple[Path, Path]], list[IngestError]]:
    """(root, file) pairs under the given files/folders. Symlinks that leave a folder, broken
    symlinks and names that are not valid UTF-8 are refused with a reason."""
    pairs, errors = [], []
    for root in paths:
        root = Path(root)
        if not root.exists():
            errors.append(IngestError(display_name(str(root)), "路径不存在"))
            continue
        if root.is_file():
            pairs.append((root.parent, root))
            continue
        real_root = root.resolve()
        for f in sorted(root.rglob("*")):
            rel = f.relative_to(root).parts  # hidden files and folders (.vectors/) are not documents
            if f.name == META_FILE or any(p.startswith(".") for p in rel):
                continue
            problem = _refuse(f, real_root)
            if problem:
                errors.append(IngestError(display_name(f.name), problem))
            elif f.is_file():
                pairs.append((root, f))
    return pairs, errors


def _refuse(f: Path, real_root: Path) -> str:
    """Why file/link `f` under a folder cannot be ingested, or '' when it can (or is a folder)."""
    if f.is_symlink() and not f.exists():
        return "符号链接无效（目标不存在或形成循环），已跳过"
    if (f.is_symlink() or f.is_file()) and real_root not in f.resolve().parents:
        return "符号链接指向资料目录之外，已跳过"
    if not f.is_file():
        return ""
    try:
        str(f.resolve()).encode("utf-8")
    except UnicodeEncodeError:
        guess = os.fsencode(f.name).decode("gb18030", "replace")
        return f"文件名不是 UTF-8 编码（可能是 GBK：“{guess}”），请重命名后再导入"
    if f.suffix.lower() not in SUPPORTED:
        return f"不支持的文件类型“{f.suffix or '无扩展名'}”"
    return ""


def display_name(name: str) -> str:
    """A file name safe to print on one line: undecodable bytes and control characters escaped."""
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)


def read_metadata(folder: Path) -> dict:
    p = folder / META_FILE
    if not p.exists():
        return {}
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}


def _meta(entry: dict) -> dict:
    m = {k: entry.get(k, "") for k in META_KEYS}
    m["place"] = entry.get("place") or {}
    return m


def documents_from_text(name: str, raw: str, meta_entry: dict, source: str,
                        structured: bool = False) -> list[Document]:
    """One file's raw text -> one Document, or one per article of a compilation.
    `structured`: the format marked its paragraphs and headings (markup.py)."""
    raw, headings = split_headings(raw)
    raw, stated = split_front(raw)
    page_date = stated.pop("page_date", "")  # a repost's stamp: only when the text dates nothing
    meta_entry = {**stated, **meta_entry}  # what metadata.json says wins over the file's own header
    articles = split_articles(raw)
    if articles:
        per = meta_entry.get("articles", {})
        docs = []
        for a in articles:
            m = _meta({**{k: meta_entry.get(k, "") for k in ("date", "source")}, **per.get(a.number, {})})
            m["author"] = m["author"] or a.author
            m["compilation"] = meta_entry.get("title", "")
            title = normalize_punct(m["title"] or a.label)
            m["title"] = title
            m = with_inferred(m, title, a.text, page_date)
            docs.append(Document(f"{name}#{a.number}", title, a.text, m, source))
        return docs
    m = _meta(meta_entry)
    drop = tuple(x for x in (m.get("author"),) if x)  # a bare byline line is metadata, not text
    text = clean(raw, drop=drop, join=not structured)
    title = normalize_punct(m["title"] or infer_title(text))
    m["title"] = title
    m = with_inferred(m, title, text, page_date)
    if headings:
        m["headings"] = sorted(set(headings) & set(text.split("\n")))
    return [Document(name, title, text, m, source)]


def with_inferred(m: dict, title: str, text: str, page_date: str = "") -> dict:
    """Fields the metadata entry leaves empty, read off the text (ingest/meta.py). The entry's
    own values always win (a place it gives is kept whole); `inferred` names what was guessed.
    `page_date` (the stamp of the page that carried the text) dates a text only as a last resort."""
    out, inferred = dict(m), []
    try:
        guesses = infer(title, text, str(out.get("issuer") or ""), page_date)
    except Exception as e:  # a guess must never cost the document itself
        logging.getLogger(__name__).warning("%s：元数据推断失败（%s: %s），已跳过", title, type(e).__name__, e)
        return out
    for key, value in guesses.items():
        empty = not any(out.get(key).values()) if isinstance(out.get(key), dict) else not out.get(key)
        guessed = any(value.values()) if isinstance(value, dict) else bool(value)
        if empty and guessed:
            out[key] = value
            inferred.append(key)
    if inferred:
        out["inferred"] = inferred
    return out


def split_front(raw: str) -> tuple[str, dict]:
    """The metadata a Markdown file states in its front matter (markup.FRONT), and the rest."""
    if not raw.startswith(FRONT):
        return raw, {}
    first, _, rest = raw.partition("\n")
    try:
        return rest, json.loads(first[1:])
    except ValueError:
        return rest, {}


def split_headings(raw: str) -> tuple[str, list[str]]:
    """Raw text without the loaders' heading marks, and the marked lines as cleaned text."""
    if HEADING not in raw:
        return raw, []
    marked = [ln.replace(HEADING, "") for ln in raw.split("\n") if ln.startswith(HEADING)]
    return raw.replace(HEADING, ""), clean_lines("\n".join(marked))


def load_paths(paths: list[Path], max_bytes: int, progress=None) -> LoadResult:
    """Load every supported file; bad files become IngestErrors, the rest go on."""
    pairs, errors = collect_files(paths)
    result = LoadResult(errors=errors)
    metas: dict[Path, dict] = {}
    for i, (root, f) in enumerate(pairs):
        result.files.append(f)
        if f.parent not in metas:
            metas[f.parent] = read_metadata(f.parent)
        try:
            t0 = time.perf_counter()
            raw = read_file(f, max_bytes)
            t1 = time.perf_counter()
            # The id is the path under the ingested folder: a/报告.txt and b/报告.txt are two documents.
            docs = documents_from_text(f.relative_to(root).as_posix(), raw, metas[f.parent].get(f.name, {}),
                                       str(f.resolve()),
                                       structured=f.suffix.lower() in STRUCTURED)
            result.timings["load"] += t1 - t0
            result.timings["clean"] += time.perf_counter() - t1
            if not any(d.text.strip() for d in docs):
                raise IngestError(f.name, "清洗后没有正文内容")
            result.documents.extend(d for d in docs if d.text.strip())
        except IngestError as e:
            result.errors.append(e)
        except (OSError, MemoryError, RecursionError) as e:
            result.errors.append(IngestError(f.name, f"读取失败（{type(e).__name__}）"))
        except Exception as e:  # one hostile file must never stop the others
            result.errors.append(IngestError(f.name, f"无法读取，已跳过（内部错误 {type(e).__name__}: {str(e)[:80]}）"))
        if progress:
            progress(i + 1, len(pairs), f.name)
    return result
