"""Incremental ingest (issue 18): adding, changing or removing one document writes one small
segment and tombstones, and search gives what a full rebuild of the same files gives — top-10
chunk ids and scores, up to ties — before and after segments are merged. Real files, real model."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.build import ingest
from assistant.index import IndexStore

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = ("000_3a74469a4d6c4f69.txt", "003_f97dfd424ead4bbd.txt", "004_34afdbec26affd05.txt")
QUERIES = ("服务责任区怎么划分", "4+1工作法包括哪些内容", "网格化管理怎么做", "楼道议事会在哪里召开",
           "社区两委成员配备几人", "居民可以当面提出意见吗")
# A new document quoting a term that doc 000 uses unquoted: 000's chunks must be re-tokenized.
NEW_DOC = ("楼道议事会工作简报\n楼道议事会每周三晚上在三号楼一楼召开，居民可以当面提出意见。"
           "各小区按“服务责任区”分片落实，每个责任区由一名党员联系。\n")


@pytest.fixture
def lib(tmp_path, small_home):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in SEEDS:
        shutil.copy(CORPUS / name, docs / name)
    # no automatic merge: the test decides when segments are merged
    return docs, small_home.model_copy(update={"merge_share": 100.0, "segment_max": 100})


def top10(kb: Assistant) -> dict[str, list[tuple[str, float]]]:
    view = kb.library()
    return {q: [(view.chunks[s.idx].chunk_id, s.score) for s in view.scored(q, k=10)] for q in QUERIES}


def rebuilt(docs: Path, settings, embedder, tmp_path: Path, name: str) -> Assistant:
    home = settings.model_copy(update={"home": tmp_path / f"rebuild-{name}"})
    report = ingest([docs], home, embedder=embedder)
    assert not report.incremental and report.retokenized == report.n_chunks
    return Assistant.open(settings=home, embedder=embedder)


def assert_same_results(a: dict, b: dict) -> None:
    """Same scores rank by rank (to 1e-6); same ids, except within a tie (the set of ids sharing
    a score may be cut anywhere by k)."""
    for q in QUERIES:
        assert len(a[q]) == len(b[q]), q
        for (_, sa), (_, sb) in zip(a[q], b[q]):
            assert abs(sa - sb) < 1e-6, (q, a[q], b[q])
        for score in {round(s, 5) for _, s in a[q]}:
            ia = {i for i, s in a[q] if round(s, 5) == score}
            ib = {i for i, s in b[q] if round(s, 5) == score}
            last = round(a[q][-1][1], 5) == score
            assert ia == ib or (last and len(ia) == len(ib)), (q, a[q], b[q])


def test_incremental_ingest_equals_a_full_rebuild(lib, embedder, tmp_path):
    docs, settings = lib
    first = ingest([docs], settings, embedder=embedder)
    kb = Assistant.open(settings=settings, embedder=embedder)
    n000 = sum(c.doc_id == SEEDS[0] for c in kb.data.chunks)

    (docs / "简报.txt").write_text(NEW_DOC, encoding="utf-8")  # add: brings the term “服务责任区”
    added = ingest([docs], settings, embedder=embedder)
    assert added.incremental and added.added == ["简报.txt"]
    moved = added.retokenized - sum(1 for c in Assistant.open(settings=settings, embedder=embedder).data.chunks
                                    if c.doc_id == "简报.txt")
    assert moved == n000  # doc 000 holds the new term: re-tokenized; doc 003 and 004 untouched
    assert added.retokenized < first.n_chunks and added.embedded <= 1
    kb.reload()
    assert_same_results(top10(kb), top10(rebuilt(docs, settings, embedder, tmp_path, "add")))

    text = (docs / SEEDS[1]).read_text(encoding="utf-8")  # change one document
    (docs / SEEDS[1]).write_text(text + "\n补充说明：本制度自发布之日起施行。\n", encoding="utf-8")
    changed = ingest([docs], settings, embedder=embedder)
    assert changed.updated == [SEEDS[1]] and changed.retokenized == sum(
        c.doc_id == SEEDS[1] for c in IndexStore(settings.index_root).open().chunks)
    (docs / SEEDS[2]).unlink()  # remove one: a tombstone, and the documents holding a term only it quoted
    before = IndexStore(settings.index_root).open()
    removed = ingest([docs], settings, embedder=embedder)
    gone_terms = set(before.terms) - set(IndexStore(settings.index_root).open().terms)
    holders = [c for c in before.chunks if c.doc_id != SEEDS[2] and any(t in c.context_text() for t in gone_terms)]
    assert removed.removed == [SEEDS[2]] and removed.embedded == 0
    assert removed.retokenized == sum(c.doc_id in {h.doc_id for h in holders} for c in before.chunks)
    kb.reload()
    segments = IndexStore(settings.index_root).open().manifest["segments"]
    assert len(segments) >= 2 and SEEDS[2] in segments[0]["deleted"]  # the base with tombstones, deltas
    final = rebuilt(docs, settings, embedder, tmp_path, "final")
    assert_same_results(top10(kb), top10(final))
    assert [h.chunk_id for h in kb.search("服务责任区怎么划分", k=10)] == \
        [h.chunk_id for h in final.search("服务责任区怎么划分", k=10)]

    merged = settings.model_copy(update={"merge_share": 0.0})  # the next ingest merges everything
    (docs / "简报.txt").write_text(NEW_DOC + "下次会议定于月底召开。\n", encoding="utf-8")
    report = ingest([docs], merged, embedder=embedder)
    data = IndexStore(settings.index_root).open()
    assert report.incremental and len(data.manifest["segments"]) == 1
    assert not data.manifest["segments"][0]["deleted"]
    kb.reload()
    assert_same_results(top10(kb), top10(rebuilt(docs, settings, embedder, tmp_path, "merged")))


def test_segments_are_shared_between_versions_and_collected(lib, embedder):
    docs, settings = lib
    settings = settings.model_copy(update={"keep_versions": 2})
    ingest([docs], settings, embedder=embedder)
    store = IndexStore(settings.index_root)
    base = _manifest(store.current_dir())["segments"][0]["id"]
    for i in range(3):
        (docs / f"新{i}.txt").write_text(f"第{i}号楼的加装电梯已经完工。\n", encoding="utf-8")
        ingest([docs], settings, embedder=embedder)
    kept = [_manifest(v) for v in store.versions()]
    assert len(kept) == 2 and len(kept[0]["segments"]) == 4 and kept[1]["segments"] == kept[0]["segments"][:3]
    (docs / "新3.txt").write_text("第3号楼的加装电梯已经完工。\n", encoding="utf-8")
    ingest([docs], settings.model_copy(update={"merge_share": 0.0}), embedder=embedder)  # one new base
    (docs / "新4.txt").write_text("第4号楼的加装电梯已经完工。\n", encoding="utf-8")
    ingest([docs], settings, embedder=embedder)
    on_disk = {p.name for p in (store.root / "segments").iterdir()}
    kept = [_manifest(v) for v in store.versions()]
    assert len(kept[0]["segments"]) == 2 and kept[1]["segments"] == kept[0]["segments"][:1]
    assert on_disk == {s["id"] for m in kept for s in m["segments"]} and base not in on_disk


def _manifest(folder: Path) -> dict:
    import json

    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
