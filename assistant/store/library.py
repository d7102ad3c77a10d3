"""The whole library in Milvus (settings.store = "milvus"): documents, chunks with their exact
spans, the lexical leg's terms, method cards, domain terms and the dense vectors, so several
app servers share one library and keep only caches.

Versions, the way the local store has folders and CURRENT:

    records "version"        {"version": n, "stamp": …, "ts": …}: the pointer, replaced in one upsert
    records "manifest/<n>"   the manifest of version n, plus each document's blob key and order:
                             whole, or the change since n - 1 (assistant/store/manifest.py)
    records "doc/<key>", "cards/<key>", "terms/<hash>"   content-addressed blobs
    chunks rows              pk row_id:doc_hash@terms_hash, `ver` = the version that wrote them
    <prefix>_vec_…           dense vectors keyed by row id (assistant.store.vectors)

A commit writes the rows and blobs the new version lacks, then its manifest, then moves the
pointer, and only then deletes what the new version no longer uses. A reader that already
holds version m fetches only chunk rows with m < ver <= n and blobs it lacks, and adds their
terms to its lexical leg as one more part (assistant/store/reader.py). Only the pointer is
read with Strong (or, by a follower, eventual) consistency; everything of version n is read, and searched, at the server
timestamp `ts` of the manifest's write, which the pointer records: nothing of a version
changes once written. The lexical leg is computed here from the stored terms (bm25s, the same
scores as the local store): Milvus 2.3 has no sparse vectors or BM25 function (see README §
Running on several machines). Milvus keeps no locks: a lease record stops a second writer and the commit checks
that the pointer did not move under it.
"""
from __future__ import annotations

import ctypes
import json
import os
import socket
import threading
import time
import uuid
from itertools import accumulate, chain

from ingest.model import Document, stable_hash
from ingest.tokenize import ChineseTokenizer

from ..errors import IndexBusy, ShequError
from ..index import IndexData
from ..vectors import milvus_uri, row_id
from . import prefix_for
from .lease import WriterLock
from .manifest import LibraryChanged, record, resolve, seqs, stale
from .reader import PartBuilder, SharedStrings, _Cache, doc_columns, lexical_of, merged, parse_row, update_parts
from .tables import EVENTUALLY, Tables, fits
from .vectors import LibraryVectors

SEP = "\x1f"  # between stored terms; jieba never yields it
_RETRIES = 5
SCOPE_BATCH = 500  # document ids per `doc_id in [...]` query
PAGE_ROWS = 4000  # chunk rows per query of a reader: each page becomes compact data before the next
_FIELDS = ["pk", "row_id", "doc_id", "doc_hash", "ord", "chunk", "tokens"]  # what a reader reads of a row
ROWS_FORMAT = 2  # chunk row keys: row id, document hash, terms hash (1: without the document hash)


class MilvusLibrary:
    def __init__(self, settings, model_id: str):
        self.settings = settings
        self.uri = milvus_uri(settings)
        self.prefix = prefix_for(settings, model_id)
        self.tables = Tables(self.uri, settings.milvus_token, self.prefix, settings.milvus_timeout)
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._cache = _Cache()
        self._lock = threading.Lock()
        self._base: int | None = None  # the version an ingest started from
        self._pointer: dict = {}  # the version record last read
        self._man: dict | None = None  # the newest full manifest this process read or wrote
        self._data: IndexData | None = None  # the version this process loaded last
        self.committed: tuple = ()  # the stamp of the pointer this process's current ingest wrote
        self.held: tuple[int, int] | None = None  # (thread, server timestamp of its lease) while an
        # ingest of this process holds the writer lease (assistant/store/lease.py)

    # ---- the pointer ------------------------------------------------------------------
    def stamp(self, ts: int = 0, eventual: bool = False) -> tuple:
        """What changes when anyone commits: read Strong (a writer's and a starting reader's
        look), or eventually (the follower's polls); the version's rows are then read at its timestamp. `ts`:
        the writer's lease (`lease_ts`), after which only the writer itself moves the pointer;
        `eventual`: the follower's cheap look, which may lag (Assistant.follow_now)."""
        if not self.tables.exists():
            return ()
        rec = self.tables.get_blobs(["version"], ts=EVENTUALLY if eventual else ts).get("version")
        self._pointer = rec or {}
        return (rec["version"], rec["stamp"]) if rec else ()

    def lease_ts(self) -> int:
        """The server timestamp of the writer lease when the calling thread's ingest holds it,
        else 0. Reads at it see every other writer's work (all done before the lease was
        taken) and, the lease's own read back having waited for it, wait for no time tick."""
        held = self.held
        return held[1] if held is not None and held[0] == threading.get_ident() else 0

    def current_dir(self) -> int | None:
        """The live version number (the local store's live folder)."""
        s = self.stamp()
        return s[0] if s else None

    def exists(self) -> bool:
        return self.current_dir() is not None

    def versions(self) -> list[int]:
        live = self.current_dir()
        return [live] if live else []

    # ---- reading ----------------------------------------------------------------------
    def open(self, hashes: bool = False) -> IndexData:
        """The live version; `hashes` is for the local store (Milvus checks its own data)."""
        for _ in range(_RETRIES):
            s = self.stamp(self.lease_ts())
            n = s[0] if s else None
            if n is None:
                raise FileNotFoundError(f"Milvus {self.tables.records} 中还没有资料库")
            try:
                data = self.load(n)
            except LibraryChanged:
                continue
            self._base = n
            return data
        raise LibraryChanged(f"资料库（{self.prefix}）在读取期间被反复更新，请稍后重试")

    def load(self, n: int) -> IndexData:
        """Version `n`, read at the timestamp its pointer recorded (Strong when unknown); the
        version this process loaded last is not read again (an ingest opens the version its
        app server holds: a version never changes)."""
        ts = int(self._pointer.get("ts", 0)) if self._pointer.get("version") == n else 0
        with self._lock:
            if self._data is not None and self._data.manifest.get("version") == n:
                return self._data
            man = self._resolve(n, ts)
            try:
                cache = self._read(man, self._cache, ts)
            except LibraryChanged:  # rows the incremental read missed: read everything once
                cache = self._read(man, _Cache(), 0)
            self._cache, self._man = cache, man
            data = self._data = self._index_data(man, cache, ts)
        release_freed()
        return data

    def compact(self) -> IndexData | None:
        """The loaded version again with its lexical parts merged, when a merge is due (the
        follower calls it after serving a new version, so no version waits for a merge);
        None when none is due."""
        with self._lock:
            cache, man, data = self._cache, self._man, self._data
            if not cache.merge_due or man is None or data is None or \
                    not cache.version == man["version"] == data.manifest.get("version"):
                return None
            self._cache = merged(cache, _order(man))
            data = self._data = self._index_data(man, self._cache, getattr(data.vectors, "ts", 0))
        release_freed()
        return data

    def _read(self, man: dict, old: _Cache, ts: int) -> _Cache:
        n, th, wanted = man["version"], man["terms_hash"], man["documents"]
        same_terms = old.terms_hash == th and old.version <= n
        new = _Cache(n, th)
        order = _order(man)
        stale = [i for i in order if not same_terms or old.docs.get(i, ("",))[0] != wanted[i]["key"]]
        built = self._read_rows(man, stale, old.version if same_terms else 0, ts)
        names = [f"doc/{wanted[i]['key']}" for i in stale] + ([f"terms/{th}"] if old.terms_hash != th else []) + \
            [f"cards/{m['key']}" for m in wanted.values() if m["key"] not in old.cards]
        blobs = self.tables.get_blobs(names, ts=ts) if names else {}
        new.terms = old.terms if old.terms_hash == th else blobs.get(f"terms/{th}", [])
        for i, m in wanted.items():
            if i in built.spans:
                doc = blobs.get(f"doc/{m['key']}")
                if not built.complete(i) or doc is None:
                    raise LibraryChanged(f"资料库版本 {n} 的文档“{i}”不完整（可能已被更新的版本清理）")
                new.docs[i], new.rows[i] = (m["key"], Document.from_dict(doc)), doc_columns(built.rows[i])
            else:
                new.docs[i], new.rows[i] = old.docs[i], old.rows[i]
            card = old.cards.get(m["key"], blobs.get(f"cards/{m['key']}"))
            if card is None:
                raise LibraryChanged(f"资料库版本 {n} 缺少文档“{i}”的方法卡片")
            new.cards[m["key"]] = card
        s = self.settings
        update_parts(old if same_terms else _Cache(), new, order, built.part() if stale else None,
                     s.segment_max, s.merge_share, defer=True)
        return new

    def _read_rows(self, man: dict, stale: list[str], since: int, ts: int) -> PartBuilder:
        """The chunk rows of the `stale` documents written after version `since`, streamed page
        by page into their chunks and one lexical part."""
        n, th, wanted = man["version"], man["terms_hash"], man["documents"]
        built = PartBuilder(stale, {i: wanted[i]["chunks"] for i in stale})
        if not stale:
            return built
        ver = f"ver > {since} and ver <= {n}" if since else f"ver <= {n}"
        shared = SharedStrings()
        for batch in _batches(stale, {i: wanted[i]["chunks"] for i in stale}):
            expr = f"doc_id in {json.dumps(batch, ensure_ascii=False)} and {ver}"
            page = self.tables.query(self.tables.chunks, expr, _FIELDS, ts=ts,
                                     expect=sum(wanted[i]["chunks"] for i in batch))
            for r in page:
                m, i = wanted.get(r["doc_id"]), r["doc_id"]
                if m is not None and i in built.spans and r["doc_hash"] == m["hash"] and r["pk"].endswith("@" + th):
                    built.add(i, r["ord"], parse_row(r, shared), r["tokens"].split(SEP))
        return built

    def _index_data(self, man: dict, cache: _Cache, ts: int) -> IndexData:
        """The version's flat rows, joined from each document's columns (no loop over rows)."""
        order = _order(man)
        documents = {i: cache.docs[i][1] for i in order}
        cols = [cache.rows[i] for i in order]
        chunks, keys, ids = (list(chain.from_iterable(c[k] for c in cols)) for k in range(3))
        offsets = dict(zip(order, accumulate((len(c[0]) for c in cols), initial=0)))
        vectors = LibraryVectors(man["vectors"], ids, self.settings.milvus_token, ts=ts)
        cards = [c for i in order for c in cache.cards[man["documents"][i]["key"]]]
        return IndexData(man, documents, chunks, vectors, lexical_of(cache, offsets), cache.terms, keys, cards)

    # ---- writing ------------------------------------------------------------------------
    def lock(self, timeout: float = 0) -> WriterLock:
        """This machine's ingest lock plus a lease in Milvus that other machines respect."""
        lock = WriterLock(self, timeout)
        self.committed = ()
        self._base = None  # set again when the ingest reads the live version (open)
        return lock

    def commit(self, data: IndexData, keep: int = 2) -> int:
        """Write version live + 1 and move the pointer to it. `live` is the version this ingest
        opened (read strongly then; the lease keeps other writers out, and the pointer is checked
        once more, strongly, right before it moves)."""
        t = self.tables
        t.create()
        live = self._base if self._base is not None else (self.current_dir() or 0)
        n = live + 1
        prev = self._manifest(live) if self._base is not None else None
        man, wanted_pks, scope, stored, old_manifests = self._write_version(data, n, prev, keep)
        if (self.current_dir() or 0) != live:  # another writer got in: leave its version live
            raise IndexBusy(f"资料库在本次导入期间已被其他进程更新（Milvus {self.prefix}）；请重新导入")
        rec = {"version": n, "stamp": uuid.uuid4().hex, "time": time.time(), "by": self.holder,
               "ts": t.last_write()}  # the manifest's write: after every row of version n
        t.put_blob("version", rec)
        self._base, self._pointer, self.committed, self._man = n, rec, (n, rec["stamp"]), man
        self._gc(man, prev, wanted_pks, stored, data.vectors, old_manifests, scope)
        return n

    def _manifest(self, n: int) -> dict | None:
        """Manifest n, read at its pointer's timestamp when known (a manifest never changes)."""
        ts = int(self._pointer.get("ts", 0)) if self._pointer.get("version") == n else 0
        try:
            return self._resolve(n, ts)
        except LibraryChanged:
            return None

    def _resolve(self, n: int, ts: int) -> dict:
        """The full manifest of version n from the deltas after the one held (or from n's base)."""
        return resolve(n, self._man, lambda names: self.tables.get_blobs(names, ts=ts))

    def _write_version(self, data: IndexData, n: int, prev: dict | None, keep: int):
        """The blobs, rows and manifest of version n: (full manifest, row keys of the documents
        in scope, scope, the rows of those documents found before writing, manifests to drop
        once it is live)."""
        t = self.tables
        th = stable_hash(*data.terms, n=12)
        docs = {}
        by_doc: dict[str, list[dict]] = {}
        for card in data.cards:
            by_doc.setdefault(card.get("doc_id", ""), []).append(card)
        order = seqs(list(data.documents), prev)  # kept from version to version: small deltas
        for i, d in data.documents.items():
            m = data.manifest["documents"][i]
            h = m.get("hash") or d.content_hash
            docs[i] = {"hash": h, "source": d.source, "seq": order[i], "key": stable_hash(i, h, d.source, n=20),
                       "chunks": m["chunks"], **({"terms": m["terms"]} if "terms" in m else {})}
        have = _blob_names(prev) if prev is not None else t.blob_names()  # the live version's exist
        for i, d in data.documents.items():
            key = docs[i]["key"]
            if f"doc/{key}" not in have or f"cards/{key}" not in have:
                t.put_blob(f"doc/{key}", d.to_dict())
                t.put_blob(f"cards/{key}", by_doc.get(i, []))
        if f"terms/{th}" not in have:
            t.put_blob(f"terms/{th}", list(data.terms))
        scope = touched(prev, docs, th)
        wanted, stored = self._write_rows(data, docs, th, n, scope)
        man = {**data.manifest, "version": n, "terms_hash": th, "documents": docs, "store": "milvus",
               "rows": ROWS_FORMAT, "vectors": data.vectors.save(None)}
        s = self.settings
        rec = record(man, prev, s.milvus_manifest_chain, s.milvus_manifest_share)
        prev_floor = prev.get("floor", prev["version"] - keep + 1) if prev is not None else 1
        gone, man["floor"] = stale(n, rec["base"], prev_floor, keep)
        man["base"] = rec["base"]
        t.put_blob(f"manifest/{n}", {**rec, "floor": man["floor"]}, tail=True)
        return man, wanted, scope, stored, gone

    def _write_rows(self, data: IndexData, docs: dict, th: str, n: int,
                    scope: set[str] | None) -> tuple[set[str], list[dict] | None]:
        """Insert the chunk rows the library lacks: those of the documents in `scope` (all of
        them when None: the first build, --rebuild, or new domain terms). Returns the row keys
        of those documents and, with a scope, the rows they had (for the clean-up)."""
        t = self.tables
        stored = self._rows_of(scope, n, ["pk", "row_id"])
        have = {r["pk"] for r in stored}
        tokenizer = None
        rows, wanted, ords = [], set(), {}
        for c, k in zip(data.chunks, data.embed_keys):
            if scope is not None and c.doc_id not in scope:
                continue
            pk = f"{row_id(c.chunk_id, k)}:{docs[c.doc_id]['hash'][:12]}@{th}"  # ROWS_FORMAT
            wanted.add(pk)
            o = ords[c.doc_id] = ords.get(c.doc_id, -1) + 1
            if pk in have:
                continue
            tokenizer = tokenizer or ChineseTokenizer(data.terms, cache_dir=self.settings.cache_dir)
            chunk = json.dumps({**c.to_dict(), "embed_key": k}, ensure_ascii=False)
            tokens = SEP.join(tokenizer(c.context_text()) or [""])
            if not (fits(chunk) and fits(tokens)):
                raise ShequError(f"段落过长，Milvus 无法保存（文档“{c.doc_id}”）；请把设置 chunk_max_chars 调小后重新导入")
            rows.append({"pk": pk, "row_id": row_id(c.chunk_id, k), "doc_id": c.doc_id,
                         "doc_hash": docs[c.doc_id]["hash"], "ord": o, "ver": n, "chunk": chunk, "tokens": tokens})
        t.insert(t.chunks, rows)
        return wanted, stored if scope is not None else None

    def _rows_of(self, scope: set[str] | None, n: int, fields: list[str]) -> list[dict]:
        """Chunk rows of the documents in `scope` plus any of version n or later (left by an
        ingest that failed before its commit); every row when `scope` is None."""
        t, ts = self.tables, self.lease_ts()
        if scope is None:
            return t.query(t.chunks, 'pk != ""', fields, ts=ts)
        ids = sorted(scope)
        batches = [f"doc_id in {json.dumps(ids[lo:lo + SCOPE_BATCH], ensure_ascii=False)}"
                   for lo in range(0, len(ids), SCOPE_BATCH)] or ['doc_id == ""']
        batches[0] = f"ver >= {n} or {batches[0]}"
        return [r for expr in batches for r in t.query(t.chunks, expr, fields, ts=ts)]

    def _gc(self, man: dict, prev: dict | None, wanted_pks: set[str], stored: list[dict] | None, vectors,
            old_manifests: list[str], scope: set[str] | None) -> None:
        """After the pointer moved: drop what the live version does not use — with a scope, of
        the documents in it (their rows as found before writing) and of the blobs the previous
        version used; else of everything, listed."""
        t = self.tables
        gone = [r for r in (stored if scope is not None else self._rows_of(None, 0, ["pk", "row_id"]))
                if r["pk"] not in wanted_pks]
        t.delete(t.chunks, "pk", {r["pk"] for r in gone})
        used = _blob_names(man)
        if scope is not None and prev is not None:
            t.drop_blobs((_blob_names(prev) - used) | set(old_manifests))
        else:
            names = t.blob_names()
            below = {x for x in names if x.startswith("manifest/") and int(x.split("/")[1]) < man["floor"]}
            dead = {x for x in names if x.split("/")[0] in ("doc", "cards", "terms")} - used
            t.drop_blobs(dead | below)
        if isinstance(vectors, LibraryVectors):
            if scope is None:
                vectors.gc()
            else:  # the vectors of the rows just dropped, unless a live chunk still has them
                vectors.drop({r["row_id"] for r in gone} - set(vectors.row_ids))


def _blob_names(man: dict) -> set[str]:
    """The blobs version `man` uses: its documents' texts and cards, its domain terms."""
    out = {f"{kind}/{m['key']}" for m in man["documents"].values() for kind in ("doc", "cards")}
    return out | {f"terms/{man['terms_hash']}"}


def touched(prev: dict | None, docs: dict, th: str) -> set[str] | None:
    """The documents a commit over `prev` (the manifest it started from) adds, changes or
    removes; None (every document) without one, or when the domain terms changed, or when
    that is most of the library anyway."""
    if prev is None or prev.get("terms_hash") != th or prev.get("rows") != ROWS_FORMAT:
        return None
    old = prev["documents"]
    out = {i for i, m in docs.items() if old.get(i, {}).get("key") != m["key"]} | (set(old) - set(docs))
    return out if len(out) <= max(SCOPE_BATCH, len(docs) // 2) else None


def release_freed() -> None:
    """Give the memory a read freed back to the system (glibc keeps it otherwise: the pages of
    rows just parsed would count in the app server's RSS until reused)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _batches(ids: list[str], chunks: dict[str, int]) -> list[list[str]]:
    """`ids` cut into runs of at most PAGE_ROWS chunks and SCOPE_BATCH documents: one query each."""
    out, cur, size = [], [], 0
    for i in ids:
        if cur and (size + chunks[i] > PAGE_ROWS or len(cur) >= SCOPE_BATCH):
            out.append(cur)
            cur, size = [], 0
        cur.append(i)
        size += chunks[i]
    return out + [cur] if cur else out


def _order(man: dict) -> list[str]:
    """The version's documents in index order (rows are numbered in it)."""
    return sorted(man["documents"], key=lambda i: man["documents"][i]["seq"])
