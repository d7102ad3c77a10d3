"""The library's dense leg: assistant.milvus.MilvusStore on the library's own collection,
except that rows no chunk has any more are deleted only after the new version is live
(`gc`), so readers still on the previous version keep their vectors until they move on."""
from __future__ import annotations

from ..milvus import MilvusStore, collection_for
from ..vectors import milvus_uri


class LibraryVectors(MilvusStore):
    def stored_ids(self) -> set[str]:
        """Every row id in the collection: one query while it holds fewer than 16,384."""
        from .tables import QUERY_MAX, page_all

        c, name = self.vs.client, self.info["collection"]
        rows = c.query(name, filter='id != ""', output_fields=["id"], limit=QUERY_MAX, consistency_level="Strong")
        if len(rows) >= QUERY_MAX:
            rows = page_all(c, name, 'id != ""', ["id"])
        return {r["id"] for r in rows}

    def finish(self) -> None:
        self._have = None  # no flush: Milvus persists its log anyway, and a flush of 2.3 takes seconds

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
    from . import prefix_for

    info = vector_info(settings, prefix_for(settings, model_id), model_id, dim)
    store = LibraryVectors(info, row_ids, settings.milvus_token)
    store.vs  # connect now: a wrong address fails before any embedding work
    return store
