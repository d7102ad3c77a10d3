"""The dense leg on Milvus, through llama-index's MilvusVectorStore (pymilvus).

A local file URI runs embedded milvus-lite; an http(s):// URI talks to a Milvus server or
cluster with the same client code. Only vectors go to Milvus, keyed by `vectors.row_id`;
chunk texts, BM25 and method cards stay in the local index folder. Each ingest syncs the
collection to the chunk list: rows it lacks are inserted, rows no chunk has are deleted.
"""
from __future__ import annotations

import logging
import re
import threading
import warnings
from pathlib import Path
from typing import Callable, TypeVar
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from ingest.model import stable_hash

from .errors import ShequError
from .vectors import milvus_uri

T = TypeVar("T")

_CLIENTS: dict[tuple[str, str], object] = {}  # one MilvusVectorStore per (uri, collection)
_LOCK = threading.Lock()
_DELETE_BATCH = 1000


log = logging.getLogger(__name__)
_LITE_BUSY = re.compile(r"lock|already (?:in use|opened)|Resource temporarily unavailable|Open local milvus failed",
                        re.IGNORECASE)


class MilvusUnavailable(ShequError):
    pass


def safe_uri(uri: str) -> str:
    """The address without credentials (user:password@ or ?token=…): safe to show or log."""
    if "://" not in uri:
        return uri
    parts = urlsplit(uri)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    query = re.sub(r"(?i)(token|password|api_key)=[^&]*", r"\1=***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _redact(text: str, uri: str, token: str) -> str:
    """An error message with every secret it may echo (token, password, raw URI) removed."""
    secrets = [token, *(token.split(":", 1) if token and ":" in token else [])]
    parts = urlsplit(uri) if "://" in uri else None
    if parts is not None:
        secrets += [parts.password or "", parts.username or "", uri]
    for x in sorted((x for x in secrets if x and len(x) >= 3), key=len, reverse=True):
        text = text.replace(x, "***" if x != uri else safe_uri(uri))
    return text


def _failure(info: dict, token: str, e: Exception) -> MilvusUnavailable:
    """One Chinese line naming the (credential-free) address and, for a busy milvus-lite file,
    the fix."""
    uri, detail = info["uri"], _redact(str(e), info["uri"], token)
    if "://" not in uri and _LITE_BUSY.search(str(e)):
        return MilvusUnavailable(f"无法打开 milvus-lite 数据文件 {uri}：通常是另一个进程正在使用它（milvus-lite "
                                 "只允许一个进程打开）；请先关闭该进程，或设置 SHEQU_MILVUS_URI 指向一个 Milvus 服务器")
    return MilvusUnavailable(f"无法连接 Milvus（{safe_uri(uri)}，集合 {info['collection']}）：{detail}")


def collection_for(base: str, model_id: str, dim: int, index_type: str) -> str:
    """One collection per embedding model (vectors of two models never mix) and index type
    (changing the index re-inserts the vectors into a collection built with it)."""
    return f"{base}_{stable_hash(model_id, dim, index_type, n=10)}"


def _open(info: dict, token: str):
    key = (info["uri"], info["collection"])
    with _LOCK:
        if key in _CLIENTS:
            return _CLIENTS[key]
        try:
            from llama_index.vector_stores.milvus import MilvusVectorStore
        except ImportError as e:
            raise MilvusUnavailable("使用 Milvus 需要安装可选组件：pip install -e '.[milvus]'") from e
        if "://" not in info["uri"]:
            Path(info["uri"]).parent.mkdir(parents=True, exist_ok=True)
        try:
            with warnings.catch_warnings(record=True) as caught:  # library warnings go to the log
                warnings.simplefilter("always")
                vs = MilvusVectorStore(
                    uri=info["uri"], token=token, collection_name=info["collection"], dim=info["dim"],
                    similarity_metric="IP", consistency_level="Strong", batch_size=1000,
                    index_config={"index_type": info["index_type"], "metric_type": "IP",
                                  "params": info.get("index_params", {})},
                    search_config=info.get("search_params", {}))
                vs.client.load_collection(info["collection"])  # an existing collection starts released
            for w in caught:
                log.info("pymilvus: %s", _redact(str(w.message), info["uri"], token))
        except Exception as e:  # pymilvus raises many kinds; the user needs the address
            raise _failure(info, token, e) from None
        _CLIENTS[key] = vs
        return vs


def _token_from_settings() -> str:
    """An index opened from disk knows the address (manifest) but never the secret."""
    from .settings import Settings

    return Settings.load().milvus_token


class MilvusStore:
    kind = "milvus"

    def __init__(self, info: dict, row_ids: list[str], token: str | None = None):
        self.info, self.row_ids = info, list(row_ids)
        self._rows: dict[str, int] | None = None  # row id -> row, built at the first search
        self._token = token
        self._vs = None
        self._have: set[str] | None = None

    @classmethod
    def connect(cls, settings, dim: int, model_id: str, row_ids: list[str]) -> "MilvusStore":
        info = {"backend": "milvus", "uri": milvus_uri(settings),
                "collection": collection_for(settings.milvus_collection, model_id, dim, settings.milvus_index),
                "index_type": settings.milvus_index, "dim": dim,
                "index_params": dict(settings.milvus_index_params),
                "search_params": dict(settings.milvus_search_params)}
        store = cls(info, row_ids, settings.milvus_token)
        store.vs  # connect now: a wrong address fails before any embedding work
        return store

    @classmethod
    def from_manifest(cls, info: dict, row_ids: list[str]) -> "MilvusStore":
        return cls(info, row_ids)  # connects on first search

    @property
    def vs(self):
        if self._vs is None:
            token = self._token if self._token is not None else _token_from_settings()
            self._vs = _open(self.info, token)
        return self._vs

    @property
    def _row(self) -> dict[str, int]:
        """Row id -> row: built when first searched, not on every version a follower loads."""
        rows = self._rows
        if rows is None:
            rows = self._rows = {r: i for i, r in enumerate(self.row_ids)}
        return rows

    @property
    def ntotal(self) -> int:
        return len(self.row_ids)

    def stored_ids(self) -> set[str]:
        """Every row id in the collection (paged, so a large collection is fine)."""
        it = self.vs.client.query_iterator(self.info["collection"], batch_size=4096,
                                           filter='id != ""', output_fields=["id"])
        out: set[str] = set()
        try:
            while page := it.next():
                out.update(r["id"] for r in page)
        finally:
            it.close()
        return out

    def pending(self) -> list[int]:
        self._have = self.stored_ids()
        return [i for i, r in enumerate(self.row_ids) if r not in self._have]

    def put(self, rows: list[int], vecs: np.ndarray) -> None:
        from llama_index.core.schema import TextNode

        nodes = [TextNode(id_=self.row_ids[r], text="", embedding=np.asarray(v, np.float32).tolist())
                 for r, v in zip(rows, vecs)]
        if nodes:
            self.vs.add(nodes)

    def finish(self) -> None:
        """Delete rows of chunks that are gone (removed or changed documents)."""
        have = self._have if self._have is not None else self.stored_ids()
        self._delete(sorted(have - set(self.row_ids)))
        self.vs.client.flush(self.info["collection"])
        self._have = None

    def _delete(self, ids: list[str]) -> None:
        for lo in range(0, len(ids), _DELETE_BATCH):
            self.vs.delete_nodes(node_ids=ids[lo:lo + _DELETE_BATCH])

    def remove(self, rows: list[int]) -> None:
        drop = set(rows)
        self._delete([self.row_ids[i] for i in sorted(drop)])
        self.row_ids = [r for i, r in enumerate(self.row_ids) if i not in drop]
        self._rows = None

    def _call(self, what: str, fn: Callable[[], T]) -> T:
        """One Milvus call; a failure becomes MilvusUnavailable naming the address."""
        try:
            return fn()
        except MilvusUnavailable:
            raise
        except Exception as e:  # a server that went away mid-session: say where
            with _LOCK:  # and connect afresh next time (it may come back)
                if _CLIENTS.get((self.info["uri"], self.info["collection"])) is self._vs:
                    _CLIENTS.pop((self.info["uri"], self.info["collection"]), None)
            self._vs = None
            detail = _redact(str(e), self.info["uri"], self._token or "")
            raise MilvusUnavailable(f"Milvus {what}失败（{safe_uri(self.info['uri'])}，集合 {self.info['collection']}）："
                                    f"{detail}") from None

    def search(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        if not self.row_ids or k < 1:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        from llama_index.core.vector_stores.types import VectorStoreQuery

        res = self._call("查询", lambda: self.vs.query(VectorStoreQuery(
            query_embedding=np.asarray(q, np.float32).ravel().tolist(),
            similarity_top_k=min(k, len(self.row_ids)), output_fields=["id"])))
        # Rows of another index version (an ingest running elsewhere) are not ours: skip them.
        pairs = [(self._row[i], s) for i, s in zip(res.ids or [], res.similarities or []) if i in self._row]
        rows = np.asarray([p[0] for p in pairs], dtype=np.int64)
        return np.asarray([p[1] for p in pairs], dtype=np.float32), rows

    def save(self, folder: Path) -> dict:
        return {**self.info, "ntotal": self.ntotal}
