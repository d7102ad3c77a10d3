"""The whole library in Milvus (SHEQU_STORE=milvus, assistant/store) on embedded milvus-lite:
the same answers as the local store, exact spans, incremental updates, a second Assistant
following, and a clear error when Milvus cannot be reached. Nothing of ours is mocked."""
from __future__ import annotations

import time

import pytest

from assistant import Assistant
from assistant.build import ingest
from assistant.store import store_for
from evals.milvus_eval import differs
from evals.run import load_questions

pytest.importorskip("pymilvus", reason="the milvus extra is not installed")
pytest.importorskip("milvus_lite", reason="the milvus extra is not installed (milvus-lite)")


def _in_milvus(settings, home, uri, collection="shequ"):
    return settings.model_copy(update={"home": home, "store": "milvus", "milvus_uri": str(uri),
                                       "milvus_collection": collection})


@pytest.fixture(scope="module")
def store_kb(kb, tmp_path_factory):
    """The bundled corpus, all of it in milvus-lite; vectors from the shipped file as the session's
    library took them (a private cache: see tests/test_milvus.py's milvus_kb)."""
    base = tmp_path_factory.mktemp("mstore")
    s = _in_milvus(kb.settings.model_copy(update={"cache": base / "cache"}), base / "home", base / "m.db")
    return Assistant.open(settings=s, embedder=kb.embedder)


def test_nothing_but_caches_on_the_app_server(store_kb):
    assert store_kb.data.manifest["store"] == "milvus"
    assert not list(store_kb.settings.index_root.glob("v-*"))  # no local index version
    assert store_kb.data.manifest["vectors"]["backend"] == "milvus"


def test_spans_read_back_from_milvus_are_exact(store_kb, kb):
    assert [c.chunk_id for c in store_kb.chunks()] == [c.chunk_id for c in kb.chunks()]
    for c in store_kb.chunks():
        assert store_kb.document(c.doc_id).text[c.start:c.end] == c.text
    assert store_kb.data.cards == kb.data.cards and store_kb.data.terms == kb.data.terms


def test_dev_questions_match_the_local_store(kb, store_kb):
    dev = [q for q in load_questions() if q["split"] == "dev"]
    for q in dev:
        a, b = kb.search(q["question"], k=10), store_kb.search(q["question"], k=10)
        assert not differs(a, b), q["id"]
        if [h.chunk_id for h in a] == [h.chunk_id for h in b]:  # the lexical leg: the very same scores
            assert [h.meta["bm25"] for h in a] == [h.meta["bm25"] for h in b], q["id"]
    for q in dev[:12]:
        a, b = kb.ask(q["question"]), store_kb.ask(q["question"])
        assert (a.found, a.text, [(c.chunk_id, c.start, c.end) for c in a.citations]) == \
            (b.found, b.text, [(c.chunk_id, c.start, c.end) for c in b.citations]), q["id"]


def test_updates_touch_only_the_changed_document(small_home, small_corpus, embedder, tmp_path):
    s = _in_milvus(small_home, small_home.home, tmp_path / "m.db")
    ingest([small_corpus], s, embedder=embedder)
    reader = Assistant.open(settings=s.model_copy(update={"home": tmp_path / "reader"}), embedder=embedder)
    lib = store_for(s)
    before = {r["pk"]: r["ver"] for r in lib.tables.query(lib.tables.chunks, 'pk != ""', ["pk", "ver"])}

    (small_corpus / "new.txt").write_text("补充说明：社区议事会每月第一个周三召开，居民代表列席。\n", encoding="utf-8")
    report = ingest([small_corpus], s, embedder=embedder)
    after = {r["pk"]: r["ver"] for r in lib.tables.query(lib.tables.chunks, 'pk != ""', ["pk", "ver"])}
    assert report.added == ["new.txt"]
    changed = {pk for pk, v in after.items() if before.get(pk) != v}
    assert changed and all(v == 2 for pk, v in after.items() if pk in changed)
    assert len(changed) == reader.data.manifest["documents"].get("new.txt", {}).get("chunks", 1)

    deadline = time.monotonic() + 2.5  # the reader follows the version record within ~2 s
    while "new.txt" not in {d.doc_id for d in reader.documents()} and time.monotonic() < deadline:
        time.sleep(0.1)
    hits = reader.search("社区议事会每月第一个周三召开", k=3)
    assert hits[0].doc_id == "new.txt" and reader.document("new.txt").text[hits[0].start:hits[0].end] == hits[0].text
    assert len(reader.data.lexical.parts) == 2  # the follower added a part, it did not rebuild
    fresh = Assistant.open(settings=s.model_copy(update={"home": tmp_path / "fresh"}), embedder=embedder)
    for q in ("社区议事会每月第一个周三召开", "居民代表", "网格化管理"):  # the very same scores
        assert [(h.chunk_id, h.score, h.meta["bm25"]) for h in reader.search(q, k=10)] == \
            [(h.chunk_id, h.score, h.meta["bm25"]) for h in fresh.search(q, k=10)], q

    ingest([small_corpus], s, remove=["new.txt"], embedder=embedder)
    rows = lib.tables.query(lib.tables.chunks, 'pk != ""', ["doc_id"])
    assert {r["doc_id"] for r in rows} == {d for d in lib.open().documents}  # old rows cleaned up
    assert len([n for n in lib.tables.blob_names() if n.startswith("doc/")]) == 2  # and their blobs


def test_unreachable_milvus_names_the_address_not_the_password(small_home, small_corpus, embedder, tmp_path):
    from assistant.milvus import MilvusUnavailable

    s = _in_milvus(small_home, tmp_path / "h", "http://admin:s3cretpw@127.0.0.1:9", "t").model_copy(
        update={"milvus_timeout": 3})
    t = time.monotonic()
    with pytest.raises(MilvusUnavailable) as e:
        Assistant.open(settings=s, embedder=embedder)
    msg = str(e.value)
    assert "127.0.0.1:9" in msg and "s3cretpw" not in msg and "admin" not in msg
    assert "SHEQU_MILVUS_URI" in msg and "\n" not in msg and time.monotonic() - t < 30
    with pytest.raises(MilvusUnavailable):
        ingest([small_corpus], s, embedder=embedder)


def test_incremental_uploads_equal_a_full_rebuild(small_home, embedder, tmp_path):
    """Add, change, remove one document: only its rows are read and written, and a follower (its
    lexical leg in parts) ranks exactly as a library rebuilt from the same files; a new domain
    term takes the full path (every chunk's terms may change)."""
    import shutil

    from test_incremental import CORPUS, NEW_DOC, QUERIES, SEEDS

    docs = tmp_path / "docs"
    docs.mkdir()
    for name in SEEDS:
        shutil.copy(CORPUS / name, docs / name)
    s = _in_milvus(small_home, small_home.home, tmp_path / "m.db")
    first = ingest([docs], s, embedder=embedder)
    follower = Assistant.open(settings=s.model_copy(update={"home": tmp_path / "follower"}), embedder=embedder)

    def rebuilt(name: str) -> Assistant:
        r = s.model_copy(update={"home": tmp_path / name, "milvus_collection": name})
        assert not ingest([docs], r, rebuild=True, embedder=embedder).incremental
        return Assistant.open(settings=r, embedder=embedder)

    def check(report, name: str, incremental: bool = True) -> None:
        follower.reload()  # unless its background follower got there first
        assert report.incremental is incremental and follower.version_dir == store_for(s).current_dir()
        fresh = rebuilt(name)
        for q in QUERIES:  # up to ties and the last float bits of Milvus's kernels; BM25 exactly
            a, b = follower.search(q, k=10), fresh.search(q, k=10)
            assert not differs(a, b), (q, a, b)
            if [h.chunk_id for h in a] == [h.chunk_id for h in b]:
                assert [h.meta["bm25"] for h in a] == [h.meta["bm25"] for h in b], q
        mine, theirs = follower.data, fresh.data
        assert [c.chunk_id for c in mine.chunks] == [c.chunk_id for c in theirs.chunks]
        assert mine.cards == theirs.cards and mine.terms == theirs.terms and mine.embed_keys == theirs.embed_keys

    (docs / "通知.txt").write_text("社区通知\n\n楼道议事角每周二晚上开放，居民可以当面提出意见。\n", encoding="utf-8")
    added = ingest([docs], s, embedder=embedder)
    assert added.retokenized == sum(c.doc_id == "通知.txt" for c in store_for(s).open().chunks) < first.n_chunks
    check(added, "added")
    text = (docs / SEEDS[1]).read_text(encoding="utf-8")
    (docs / SEEDS[1]).write_text(text + "\n补充说明：本制度自发布之日起施行。\n", encoding="utf-8")
    check(ingest([docs], s, embedder=embedder), "changed")
    (docs / "通知.txt").unlink()
    removed = ingest([docs], s, embedder=embedder)
    assert removed.removed == ["通知.txt"] and removed.retokenized == 0
    check(removed, "removed")
    lib = store_for(s)
    assert {r["doc_id"] for r in lib.tables.query(lib.tables.chunks, 'pk != ""', ["doc_id"])} == set(SEEDS)
    (docs / "简报.txt").write_text(NEW_DOC, encoding="utf-8")  # a new quoted term
    check(ingest([docs], s, embedder=embedder), "term", incremental=False)


def test_a_due_merge_waits_until_the_new_version_is_served(small_home, small_corpus, embedder, tmp_path):
    """A version whose lexical parts pass the merge thresholds is served unmerged first (no
    follow waits for a merge); the follower's next poll merges them, with the very same scores."""
    s = _in_milvus(small_home, small_home.home, tmp_path / "m.db").model_copy(update={"segment_max": 1})
    ingest([small_corpus], s, embedder=embedder)
    reader = Assistant.open(settings=s.model_copy(update={"home": tmp_path / "reader"}), embedder=embedder)
    reader._follower.close()  # polled by hand below
    (small_corpus / "new.txt").write_text("补充说明：社区议事会每月第一个周三召开，居民代表列席。\n", encoding="utf-8")
    ingest([small_corpus], s, embedder=embedder)
    assert reader.reload()
    version = reader.version_dir
    assert len(reader.data.lexical.parts) == 2  # over segment_max, served as it is
    queries = ("社区议事会每月第一个周三召开", "居民代表", "网格化管理")
    before = {q: [(h.chunk_id, h.score, h.meta["bm25"]) for h in reader.search(q, k=10)] for q in queries}
    reader.follow_now()
    assert len(reader.data.lexical.parts) == 1 and reader.version_dir == version
    assert {q: [(h.chunk_id, h.score, h.meta["bm25"]) for h in reader.search(q, k=10)] for q in queries} == before
    reader.follow_now()  # nothing due: the same data
    assert len(reader.data.lexical.parts) == 1
