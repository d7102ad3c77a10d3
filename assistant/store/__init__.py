"""Where the library lives: local index folders (`IndexStore`) or Milvus (`MilvusLibrary`).

`store_for(settings)` is the one place that chooses (settings.store). Both answer the same
calls: exists(), lock(timeout), open(), current_dir() (a folder, or a Milvus version number),
commit(data, keep); the Milvus library also has stamp() and load(version), which the
Assistant uses to follow another process's commits.
"""
from __future__ import annotations

import threading

from ingest.model import stable_hash

from ..index import IndexStore

_LIBRARIES: dict[tuple, object] = {}
_LOCK = threading.Lock()


def store_for(settings):
    """IndexStore over $SHEQU_HOME/index, or the (process-wide, cached) Milvus library."""
    if settings.store != "milvus":
        return IndexStore(settings.index_root)
    from ..vectors import milvus_uri
    from .library import MilvusLibrary

    model = _model_id(settings)
    key = (milvus_uri(settings), settings.milvus_token, prefix_for(settings, model), str(settings.home))
    with _LOCK:
        if key not in _LIBRARIES:
            _LIBRARIES[key] = MilvusLibrary(settings, model)
        return _LIBRARIES[key]


def prefix_for(settings, model_id: str) -> str:
    """Collection names of one library: one per embedding model (vectors never mix)."""
    return f"{settings.milvus_collection}_lib_{stable_hash(model_id, n=8)}"


def _model_id(settings) -> str:
    from ..build import _model_id as model_of

    return model_of(settings)
