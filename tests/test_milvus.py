"""The same Assistant on Milvus (embedded milvus-lite, through the pymilvus client a cluster
uses, via llama-index's MilvusVectorStore) instead of local FAISS."""
from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.build import ingest
from assistant.embed import embed_query
from assistant.index import IndexStore
from evals.milvus_eval import differs
from evals.run import load_questions

# The milvus extra (pip install -e '.[milvus]'): without it the whole file is skipped, not an error.
pytest.importorskip("pymilvus", reason="the milvus extra is not installed")
pytest.importorskip("milvus_lite", reason="the milvus extra is not installed (milvus-lite)")
pytest.importorskip("llama_index.vector_stores.milvus", reason="the milvus extra is not installed")


def _on_milvus(settings, tmp_path):
    return settings.model_copy(update={"home": tmp_path / "home", "vector_store": "milvus",
                                       "milvus_uri": str(tmp_path / "milvus.db")})


@pytest.fixture(scope="module")
def milvus_kb(kb, tmp_path_factory):
    """The bundled corpus on Milvus; vectors from the shipped file, as the session's FAISS library
    took them (a private cache: earlier tests add vectors embedded in other batches to the shared
    one, a few 1e-3 off the shipped ones, and the comparison then fails on this machine)."""
    base = tmp_path_factory.mktemp("milvus")
    s = _on_milvus(kb.settings.model_copy(update={"cache": base / "cache"}), base)
    return Assistant.open(settings=s, embedder=kb.embedder)


def test_dev_questions_match_faiss_within_ties(kb, milvus_kb):
    assert milvus_kb.data.manifest["vectors"]["backend"] == "milvus"
    assert not (IndexStore(milvus_kb.settings.index_root).current_dir() / "vectors.faiss").exists()
    dev = [q for q in load_questions() if q["split"] == "dev"]
    for q in dev:
        assert not differs(kb.search(q["question"], k=5), milvus_kb.search(q["question"], k=5)), q["id"]
    for q in dev[:12]:  # answers come from the same retrieval; a sample keeps the test short
        a, b = kb.ask(q["question"]), milvus_kb.ask(q["question"])
        assert (a.found, a.text, [c.chunk_id for c in a.citations]) == \
            (b.found, b.text, [c.chunk_id for c in b.citations]), q["id"]


def test_reopened_index_reconnects_to_the_collection(milvus_kb):
    again = Assistant.open(settings=milvus_kb.settings, embedder=milvus_kb.embedder)
    q = "网格化管理怎么做"
    assert [h.chunk_id for h in again.search(q)] == [h.chunk_id for h in milvus_kb.search(q)]


def test_updates_and_removals_reach_the_collection(small_home, small_corpus, embedder, tmp_path):
    settings = _on_milvus(small_home, tmp_path)
    ingest([small_corpus], settings, embedder=embedder)
    data = IndexStore(settings.index_root).open()
    store = data.vectors
    assert store.stored_ids() == set(store.row_ids) and len(store.row_ids) == len(data.chunks)

    f = sorted(small_corpus.glob("*.txt"))[0]
    f.write_text(f.read_text(encoding="utf-8") + "\n\n补充说明：社区议事会每月第一个周三召开，居民代表列席。\n",
                 encoding="utf-8")
    ingest([small_corpus], settings, embedder=embedder)
    updated = IndexStore(settings.index_root).open()
    assert updated.vectors.stored_ids() == set(updated.vectors.row_ids)  # stale rows deleted
    assert set(updated.vectors.row_ids) != set(store.row_ids)

    gone = next(d for d in updated.documents if d.startswith(f.name))
    ingest([small_corpus], settings, remove=[gone], embedder=embedder)
    after = IndexStore(settings.index_root).open()
    assert after.vectors.stored_ids() == set(after.vectors.row_ids)
    assert all(c.doc_id != gone for c in after.chunks)
    _, rows = after.vectors.search(embed_query(embedder, "社区议事会每月第一个周三召开"), 20)
    assert len(rows) and all(after.chunks[r].doc_id != gone for r in rows)


def test_unreachable_server_is_a_clear_error(small_home, small_corpus, embedder, tmp_path):
    from assistant.milvus import MilvusUnavailable

    settings = small_home.model_copy(update={"home": tmp_path / "h", "vector_store": "milvus",
                                             "milvus_uri": "http://127.0.0.1:9", "milvus_collection": "t"})
    with pytest.raises(MilvusUnavailable, match="127.0.0.1:9"):
        ingest([small_corpus], settings, embedder=embedder)


def test_tie_rule_accepts_only_equal_score_swaps():
    from assistant.types import Hit

    def hits(*pairs):
        return [Hit(c, "d", "t", "", "", s, 0, 1) for c, s in pairs]

    a = hits(("x", 0.9), ("y", 0.5), ("z", 0.5))
    assert not differs(a, hits(("x", 0.9), ("z", 0.5), ("y", 0.5)))  # a tie trades places
    assert not differs(a, hits(("x", 0.9), ("y", 0.5), ("w", 0.5)))  # another hit tied at the cut
    assert differs(a, hits(("y", 0.9), ("x", 0.5), ("z", 0.5)))
    assert differs(a, hits(("x", 0.9), ("y", 0.5), ("w", 0.4)))


def test_switching_backend_rebuilds_on_the_next_ingest(small_home, small_corpus, embedder, tmp_path):
    ingest([small_corpus], small_home, embedder=embedder)
    assert IndexStore(small_home.index_root).open().manifest["vectors"]["backend"] == "faiss"
    settings = _on_milvus(small_home, tmp_path).model_copy(update={"home": small_home.home})
    report = ingest([small_corpus], settings, embedder=embedder)  # no document changed
    data = IndexStore(settings.index_root).open()
    assert data.manifest["vectors"]["backend"] == "milvus" and report.embedded == 0  # vectors from the cache
    assert data.vectors.stored_ids() == set(data.vectors.row_ids)


def test_errors_never_echo_credentials():
    """An address or error carrying a password or token is shown without it (issue 16)."""
    from assistant.milvus import _failure, safe_uri

    uri = "http://admin:s3cretpw@milvus.internal:19530/?token=tok123"
    assert safe_uri(uri) == "http://milvus.internal:19530/?token=***"
    err = ConnectionError(f"cannot reach {uri} with token admin:s3cretpw")
    msg = str(_failure({"uri": uri, "collection": "shequ_x"}, "admin:s3cretpw", err))
    assert "s3cretpw" not in msg and "tok123" not in msg and "milvus.internal:19530" in msg


def test_busy_milvus_lite_file_is_explained(tmp_path):
    from assistant.milvus import _failure

    db = str(tmp_path / "milvus.db")
    msg = str(_failure({"uri": db, "collection": "c"}, "", RuntimeError("Open local milvus failed: lock held")))
    assert "另一个进程" in msg and "SHEQU_MILVUS_URI" in msg and "\n" not in msg
