"""The Milvus store's manifests as deltas (assistant/store/manifest.py): a version stores only
the documents it changed; a follower that missed versions, and one that starts from scratch,
get exactly the manifest a whole write would have given; a gap in the chain is noticed."""
from __future__ import annotations

import pytest

from assistant.store.manifest import LibraryChanged, record, resolve, seqs, stale


def _man(v: int, docs: dict[str, str], prev: dict | None = None) -> dict:
    order = seqs(list(docs), prev)
    return {"version": v, "terms_hash": "t", "vectors": {"collection": "c"},
            "documents": {i: {"key": k, "seq": order[i], "chunks": 3} for i, k in docs.items()}}


class Records(dict):
    """manifest/<n> records, as Tables.get_blobs reads them; counts what each read asked for."""

    def __init__(self):
        super().__init__()
        self.asked: list[list[str]] = []

    def get(self, names):  # noqa: D102 - Tables.get_blobs
        self.asked.append(list(names))
        return {x: self[x] for x in names if x in self}


def _history(n_versions: int, chain: int = 32, share: float = 0.25, n_docs: int = 40):
    """Versions 1..n: each adds one document, changes another and removes a third; returns the
    full manifests and the stored records."""
    docs = {f"d{i}": "k0" for i in range(n_docs)}
    fulls, recs, prev = {}, Records(), None
    for v in range(1, n_versions + 1):
        docs = dict(docs)
        if v > 1:
            docs[f"new{v}"] = f"k{v}"
            docs[f"d{v}"] = f"k{v}"  # changed in place: keeps its position
            docs.pop(f"d{v + 10}", None)
        man = _man(v, docs, prev)
        rec = record(man, prev, chain, share)
        man["base"] = rec["base"]
        recs[f"manifest/{v}"] = rec
        fulls[v], prev = man, man
    return fulls, recs


def _same(a: dict, b: dict) -> bool:
    return a["documents"] == b["documents"] and a["version"] == b["version"]


def test_a_version_stores_only_what_it_changed():
    fulls, recs = _history(5)
    assert "documents" in recs["manifest/1"] and recs["manifest/1"]["base"] == 1
    d5 = recs["manifest/5"]
    assert "documents" not in d5 and d5["base"] == 1 and d5["parent"] == 4
    assert set(d5["changed"]) == {"new5", "d5"} and d5["removed"] == ["d15"]
    assert d5["vectors"] == {"collection": "c"} and d5["terms_hash"] == "t"  # the header is whole
    # a removal leaves a gap in seq: no other document's entry changes
    assert fulls[5]["documents"]["d39"]["seq"] == fulls[1]["documents"]["d39"]["seq"] == 39
    assert [i for i in sorted(fulls[5]["documents"], key=lambda i: fulls[5]["documents"][i]["seq"])][-4:] == \
        ["new2", "new3", "new4", "new5"]


def test_a_follower_that_missed_versions_reads_only_the_deltas():
    fulls, recs = _history(9)
    got = resolve(9, fulls[3], recs.get)
    assert _same(got, fulls[9])
    assert recs.asked == [[f"manifest/{v}" for v in range(4, 10)]]  # one read, no base


def test_a_follower_from_scratch_reads_the_base_and_its_chain():
    fulls, recs = _history(9)
    got = resolve(9, None, recs.get)
    assert _same(got, fulls[9])
    assert recs.asked == [["manifest/9"], [f"manifest/{v}" for v in range(1, 9)]]
    recs.asked.clear()
    assert _same(resolve(9, fulls[9], recs.get), fulls[9]) and not recs.asked  # held: nothing read


def test_a_new_base_after_the_chain_limit_and_after_a_large_change():
    fulls, recs = _history(9, chain=4)
    bases = [recs[f"manifest/{v}"]["base"] for v in range(1, 10)]
    assert bases == [1, 1, 1, 1, 5, 5, 5, 5, 9]
    assert _same(resolve(8, None, recs.get), fulls[8]) and _same(resolve(9, fulls[2], recs.get), fulls[9])
    _, recs = _history(3, share=0.01)  # 3 of 40 documents per version: over 1 %
    assert all("documents" in recs[f"manifest/{v}"] for v in (1, 2, 3))


def test_a_gap_in_the_chain_is_noticed():
    fulls, recs = _history(6)
    del recs["manifest/4"]  # cleaned up by a newer commit, say
    with pytest.raises(LibraryChanged):
        resolve(6, fulls[2], recs.get)
    with pytest.raises(LibraryChanged):
        resolve(6, None, recs.get)
    fulls, recs = _history(6)
    del recs["manifest/1"]
    with pytest.raises(LibraryChanged, match="基础清单"):
        resolve(6, None, recs.get)
    assert _same(resolve(6, fulls[5], recs.get), fulls[6])  # a follower close behind needs no base


def test_a_changed_order_renumbers_and_is_written_whole():
    prev = _man(1, {"a": "1", "b": "1", "c": "1"})
    prev["base"] = 1
    man = _man(2, {"c": "1", "a": "1", "b": "1"}, prev)  # c moved to the front
    assert [man["documents"][i]["seq"] for i in "cab"] == [0, 1, 2]
    assert "documents" in record(man, prev, 32, 0.25)  # every entry differs: over the share


def test_old_manifests_are_dropped_below_the_base_and_the_kept_versions():
    assert stale(5, 1, 1, 3) == ([], 1)  # the chain from 1 is still needed
    names, floor = stale(9, 9, 1, 3)  # a new base: versions 7, 8 kept for readers on them
    assert names == [f"manifest/{v}" for v in range(1, 7)] and floor == 7
    assert stale(10, 9, 7, 3) == (["manifest/7"], 8)
    assert stale(14, 9, 8, 3) == (["manifest/8"], 9)  # versions 9.. are the live chain
    assert stale(15, 15, 9, 3) == ([f"manifest/{v}" for v in range(9, 13)], 13)


def test_followers_behind_and_from_scratch_read_what_the_writer_wrote(small_home, small_corpus, embedder, tmp_path):
    """On milvus-lite: versions stored as deltas; a follower several versions behind reads only
    them, one whose chain was cleaned up meanwhile and one from scratch read the base and its
    chain; all three hold exactly the writer's library, and old manifests are dropped."""
    pytest.importorskip("milvus_lite", reason="the milvus extra is not installed (milvus-lite)")
    from assistant.build import ingest
    from assistant.store import store_for

    s = small_home.model_copy(update={"store": "milvus", "milvus_uri": str(tmp_path / "m.db"), "keep_versions": 2,
                                      "milvus_manifest_chain": 4, "milvus_manifest_share": 0.5})
    ingest([small_corpus], s, embedder=embedder)  # version 1: whole
    lib = store_for(s)
    near = store_for(s.model_copy(update={"home": tmp_path / "near"}))
    far = store_for(s.model_copy(update={"home": tmp_path / "far"}))
    far.open()  # holds version 1
    asked: list[str] = []
    get = near.tables.get_blobs
    near.tables.get_blobs = lambda names, ts=0: asked.extend(names) or get(names, ts=ts)

    def upload(day: str) -> None:
        f = small_corpus / f"通知{day}.txt"
        f.write_text(f"社区通知\n\n楼道议事角每周{day}晚上开放，居民可以当面提出意见。\n", encoding="utf-8")
        assert ingest([f], s, embedder=embedder).incremental

    upload("一")
    near.open()  # holds version 2
    for day in "二三":
        upload(day)  # versions 3, 4: deltas on base 1
    recs = lib.tables.get_blobs([f"manifest/{v}" for v in range(1, 5)])
    assert "documents" in recs["manifest/1"] and all("documents" not in recs[f"manifest/{v}"] for v in (2, 3, 4))
    assert set(recs["manifest/4"]["changed"]) == {"通知三.txt"} and recs["manifest/4"]["base"] == 1
    asked.clear()
    behind = near.load(4)
    assert [x for x in asked if x.startswith("manifest/")] == ["manifest/3", "manifest/4"]  # only the deltas

    for day in "四五六":
        upload(day)  # 5: whole (chain of 4), 6, 7: deltas on base 5
    names = {x for x in lib.tables.blob_names() if x.startswith("manifest/")}
    assert names == {"manifest/5", "manifest/6", "manifest/7"}  # below the base and the 2 kept: dropped
    writer = lib.open()
    for data in (near.load(7), far.load(7), store_for(s.model_copy(update={"home": tmp_path / "new"})).open()):
        assert data.manifest["documents"] == writer.manifest["documents"]
        assert [c.chunk_id for c in data.chunks] == [c.chunk_id for c in writer.chunks]
        assert data.embed_keys == writer.embed_keys and data.cards == writer.cards
        assert {i: d.text for i, d in data.documents.items()} == {i: d.text for i, d in writer.documents.items()}
    assert "通知三.txt" in behind.documents and "通知四.txt" not in behind.documents
