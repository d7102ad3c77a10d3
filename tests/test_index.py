"""Index build, round trip, incremental ingest, model mismatch — real model, real files."""
from __future__ import annotations

import json
import shutil

import pytest

from assistant import Assistant, IndexMismatch
from assistant.build import ingest
from assistant.index import IndexStore, load, save


def test_save_load_round_trip_gives_identical_results(kb, tmp_path):
    save(kb.data, tmp_path / "copy")
    copy = Assistant(kb.settings, load(tmp_path / "copy"), kb.embedder)
    for q in ("网格化管理怎么做", "4+1工作法包括哪些内容", "社区两委成员配备几人"):
        a = [(h.chunk_id, h.score) for h in kb.search(q, k=5)]
        b = [(h.chunk_id, h.score) for h in copy.search(q, k=5)]
        assert a == b


def test_index_folder_is_plain_files(kb):
    folder = IndexStore(kb.settings.index_root).current_dir()
    assert {p.name for p in folder.iterdir()} == {"manifest.json", "terms.json", "segments.json"}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    segment = folder.parent / "segments" / manifest["segments"][0]["id"]
    assert {"chunks.jsonl", "documents.jsonl", "vectors.faiss", "lex", "cards.json"} <= {p.name for p in segment.iterdir()}
    assert manifest["embed_model"] and manifest["dim"] == 384
    assert manifest["chunker"]["max_chars"] == kb.settings.chunk_max_chars
    assert all("hash" in v for v in manifest["documents"].values())
    assert not list(folder.parent.rglob("*.pkl")) and not list(folder.parent.rglob("*.pickle"))


def test_incremental_ingest_touches_exactly_the_changed_chunks(small_home, small_corpus, embedder):
    first = ingest([small_corpus], small_home, embedder=embedder)
    assert len(first.added) == 2 and not first.errors
    before = {c.chunk_id: c for c in IndexStore(small_home.index_root).open().chunks}

    again = ingest([small_corpus], small_home, embedder=embedder)
    assert not again.changed and again.embedded == 0

    doc = small_corpus / "003_f97dfd424ead4bbd.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n六、新增一段\n社区新增了一项议事规则，每季度召开一次居民议事会。\n",
                   encoding="utf-8")
    changed = ingest([small_corpus], small_home, embedder=embedder)
    after = {c.chunk_id: c for c in IndexStore(small_home.index_root).open().chunks}
    assert changed.updated == ["003_f97dfd424ead4bbd.txt"]
    assert 1 <= changed.new_vectors <= 2  # only the new section's chunk(s)
    assert changed.embedded <= changed.new_vectors
    assert {k for k in before if before[k].doc_id.startswith("000")} == \
           {k for k in after if after[k].doc_id.startswith("000")}

    (small_corpus / "new.txt").write_text("新文档标题\n楼道灯修好了，居民很满意。", encoding="utf-8")
    added = ingest([small_corpus], small_home, embedder=embedder)
    assert added.added == ["new.txt"]

    (small_corpus / "000_3a74469a4d6c4f69.txt").unlink()
    removed = ingest([small_corpus], small_home, embedder=embedder)
    data = IndexStore(small_home.index_root).open()
    assert removed.removed == ["000_3a74469a4d6c4f69.txt"]
    assert not [c for c in data.chunks if c.doc_id.startswith("000")]
    assert data.vectors.ntotal == len(data.chunks)
    assert data.lexical.n_docs == len(data.chunks)


def test_remove_by_doc_id_drops_chunks_from_both_legs(small_home, small_corpus, embedder):
    ingest([small_corpus], small_home, embedder=embedder)
    kb = Assistant(small_home, IndexStore(small_home.index_root).open(), embedder)
    assert any(h.doc_id.startswith("000") for h in kb.search("4+1工作法", k=3))
    kb.remove(["000_3a74469a4d6c4f69.txt"])
    assert kb.document("000_3a74469a4d6c4f69.txt") is None
    assert not any(h.doc_id.startswith("000") for h in kb.search("4+1工作法", k=10))
    kb.ingest([small_corpus])  # a later sync of the folder keeps it out
    assert kb.document("000_3a74469a4d6c4f69.txt") is None
    kb.ingest([small_corpus / "000_3a74469a4d6c4f69.txt"])  # naming the file brings it back
    assert kb.document("000_3a74469a4d6c4f69.txt") is not None


def test_index_built_with_another_model_is_refused(small_home, small_corpus, embedder):
    ingest([small_corpus], small_home, embedder=embedder)
    folder = IndexStore(small_home.index_root).current_dir()
    m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    m["embed_model"] = "st:BAAI/bge-small-zh-v1.5"
    (folder / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(IndexMismatch, match="重新建立索引"):
        Assistant.open(settings=small_home)


def test_failed_ingest_keeps_last_good_index(small_home, small_corpus, embedder):
    ingest([small_corpus], small_home, embedder=embedder)
    store = IndexStore(small_home.index_root)
    good = store.current_dir()
    (small_corpus / "broken.docx").write_bytes(b"garbage")
    report = ingest([small_corpus], small_home, embedder=embedder)
    assert [e.path for e in report.errors] == ["broken.docx"]
    assert store.current_dir() == good  # nothing changed, so the good index stays as it was
    # a half-written version folder (no manifest) is never opened
    shutil.copytree(good, small_home.index_root / "v-99999999-broken")
    (small_home.index_root / "v-99999999-broken" / "manifest.json").unlink()
    assert store.open().manifest["n_chunks"] > 0


@pytest.mark.parametrize("damage", ["v-2026", "", "\x00\xff garbage", "v-20990101-000000-abcdef", None])
def test_a_damaged_pointer_keeps_the_users_documents(tmp_path, small_home, small_corpus, embedder, damage, caplog):
    """CURRENT truncated, emptied, garbled, dangling or deleted: the next open uses the newest
    complete version (with the user's documents), says so, and the next ingest repairs it."""
    from assistant import Assistant
    from assistant.build import ingest as do_ingest
    from assistant.index import IndexStore

    do_ingest([small_corpus], small_home, embedder=embedder)
    store = IndexStore(small_home.index_root)
    before = set(store.open().documents)
    if damage is None:
        store.pointer.unlink()
    else:
        store.pointer.write_bytes(damage.encode("utf-8", "surrogateescape") if damage else b"")
    kb = Assistant.open(settings=small_home, embedder=embedder)
    assert set(kb.data.documents) == before  # not rebuilt from the bundled corpus
    assert "已改用最新的完整索引版本" in caplog.text
    (small_corpus / "新增.txt").write_text("社区议事会每月召开一次。\n", encoding="utf-8")
    report = do_ingest([small_corpus], small_home, embedder=embedder)
    assert report.added == ["新增.txt"] and set(IndexStore(small_home.index_root).open().documents) == before | {"新增.txt"}
    assert store.pointer.read_text(encoding="utf-8").startswith("v-")


def test_a_copy_of_a_document_already_held_is_not_imported_twice(tmp_path):
    """The bundled corpus ingested again from its folder would answer every question twice."""
    from assistant import Assistant, Settings

    kb = Assistant.open(settings=Settings.load(home=tmp_path / "home", cache=tmp_path / "cache"))
    kb.ingest()
    n = len(kb.documents())
    copy = tmp_path / "copy"
    copy.mkdir()
    src = next(p for p in Settings.load().corpus.iterdir() if p.suffix == ".md")
    (copy / f"again_{src.name}").write_bytes(src.read_bytes())
    report = kb.ingest([copy])
    assert len(kb.documents()) == n and not report.added
    assert any("内容相同，未重复导入" in note and src.name in note for note in report.notes)


def test_cards_of_another_extractor_are_not_reused():
    """A full build after the card extractor changed extracts again (it used to copy the old
    cards of unchanged documents, so an upgrade kept them)."""
    from types import SimpleNamespace

    from assistant.build import _cards_version, _old_cards

    card = {"doc_hash": "h1", "name": "4+1工作法"}
    same = SimpleNamespace(cards=[card], manifest={"cards_version": _cards_version()})
    other = SimpleNamespace(cards=[card], manifest={"cards_version": "an older extractor"})
    assert _old_cards(same) == {"h1": [card]} and _old_cards(other) == {}
