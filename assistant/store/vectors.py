"""The library's dense leg: assistant.milvus.MilvusStore on the library's own collection,
except that rows no chunk has any more are deleted only after the new version is live
(`gc`), so readers still on the previous version keep their vectors until they move on."""
from __future__ import annotations

import json

import numpy as np

from ..milvus import MilvusStore, collection_for
from ..vectors import milvus_uri

_BATCH = 500  # row ids per `id in [...]` query


class LibraryVectors(MilvusStore):
    def __init__(self, info: dict, row_ids: list[str], token: str | None = None, ts: int = 0):
        super().__init__(info, row_ids, token)
        self.ts = ts  # the version's timestamp (assistant.store.tables.consistency); 0: Strong
        self.check: list[int] | None = None  # the rows an incremental ingest may lack (pending)
        self.check_ts = 0  # the writer lease's timestamp to read them at (0: Strong)

    def search(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """As MilvusStore.search (llama-index's own call), at the version's timestamp."""
        if not self.ts or not self.row_ids or k < 1:
            return super().search(q, k)
        from .tables import consistency

        vs = self.vs
        res = self._call("查询", lambda: vs.client.search(
            self.info["collection"], data=[np.asarray(q, np.float32).ravel().tolist()], filter="",
            limit=min(k, len(self.row_ids)), output_fields=["id"], search_params=vs.search_config,
            anns_field=vs.embedding_field, **consistency(self.ts)))
        pairs = [(self._row[h["id"]], h["distance"]) for h in res[0] if h["id"] in self._row]
        return np.asarray([p[1] for p in pairs], np.float32), np.asarray([p[0] for p in pairs], np.int64)

    def stored_ids(self) -> set[str]:
        """Every row id in the collection: one query while it holds fewer than 16,384."""
        from .tables import QUERY_MAX, page_all

        def run() -> list:
            c, name = self.vs.client, self.info["collection"]
            rows = c.query(name, filter='id != ""', output_fields=["id"], limit=QUERY_MAX, consistency_level="Strong")
            return page_all(c, name, 'id != ""', ["id"]) if len(rows) >= QUERY_MAX else rows
        return {r["id"] for r in self._call("读取", run)}

    def finish(self) -> None:
        self._have = None  # no flush: Milvus persists its log anyway, and a flush of 2.3 takes seconds

    def pending(self) -> list[int]:
        """Rows lacking in Milvus, among `check` when set (the new and changed documents' rows:
        the rest are there already) — one query by id instead of listing the collection."""
        if self.check is None:
            return super().pending()
        from .tables import consistency

        ids = [self.row_ids[i] for i in self.check]
        have: set[str] = set()
        for lo in range(0, len(ids), _BATCH):
            expr = f"id in {json.dumps(ids[lo:lo + _BATCH])}"
            have.update(r["id"] for r in self._call("读取", lambda expr=expr: self.vs.client.query(
                self.info["collection"], filter=expr, output_fields=["id"], **consistency(self.check_ts))))
        self._have = have
        return [i for i in self.check if self.row_ids[i] not in have]

    def drop(self, ids: set[str]) -> None:
        self._delete(sorted(ids))

    def gc(self) -> None:
        """Delete the vectors of chunks that the live version no longer has."""
        self._delete(sorted(self.stored_ids() - set(self.row_ids)))


def vector_info(settings, prefix: str, model_id: str, dim: int) -> dict:
    return {"backend": "milvus", "uri": milvus_uri(settings),
            "collection": collection_for(f"{prefix}_vec", model_id, dim, settings.milvus_index),
            "index_type": settings.milvus_index, "dim": dim,
            "index_params": dict(settings.milvus_index_params),
            "search_params": dict(settings.milvus_search_params)}


def library_vectors(settings, dim: int, model_id: str, row_ids: list[str]) -> LibraryVectors:
    """The store `vectors.new_store` gives a build when settings.store == "milvus"."""
    from . import prefix_for, store_for

    info = vector_info(settings, prefix_for(settings, model_id), model_id, dim)
    store = LibraryVectors(info, row_ids, settings.milvus_token)
    store.check_ts = store_for(settings).lease_ts()  # the ingest's own lease (same settings)
    store.vs  # connect now: a wrong address fails before any embedding work
    return store
