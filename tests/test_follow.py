"""Readers follow writers: a long-lived Assistant (the web app's) serves a version committed by
another process within 2 s of the commit, and requests running meanwhile never fail."""
from __future__ import annotations

import threading
import time

from index_files import index_file
from proc_util import CliProcess

from assistant import Assistant
from assistant.build import ingest
from assistant.index import IndexStore


def _wait_until(check, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return False


def _served_after_commit(seen: list, store: IndexStore, present: bool) -> float:
    """Seconds between the commit (CURRENT's mtime) and the first request that saw it."""
    committed = store.pointer.stat().st_mtime
    assert _wait_until(lambda: any(t > committed and p == present for t, p in seen))
    return next(t for t, p in seen if t > committed and p == present) - committed


def test_a_running_assistant_follows_another_process(small_home, small_corpus, embedder, tmp_path):
    ingest([small_corpus], small_home, embedder=embedder)
    kb = Assistant.open(settings=small_home, embedder=embedder)
    store = IndexStore(small_home.index_root)
    new = tmp_path / "mine" / "议事会.txt"
    new.parent.mkdir()
    new.write_text("楼道议事会每周三晚上在三号楼一楼召开，居民可以当面提出意见。\n", encoding="utf-8")

    errors, served, seen, stop = [], [], [], threading.Event()

    def requests():  # in-flight requests all through both swaps
        while not stop.is_set():
            try:
                served.append(kb.search("议事会在哪里召开", k=3)[0].doc_id)
                seen.append((time.time(), kb.document("议事会.txt") is not None))
            except Exception as e:  # noqa: BLE001 - any failure is the finding
                errors.append(e)

    reader = threading.Thread(target=requests)
    reader.start()
    env = {"SHEQU_CORPUS": str(small_corpus)}
    try:
        code, out, err = CliProcess(["ingest", str(new.parent)], small_home.home, small_home.cache_dir,
                                    **env).finish()
        assert code == 0 and "新增 1 篇" in out, err
        assert _served_after_commit(seen, store, present=True) <= 2.0
        assert kb.search("议事会在哪里召开", k=1)[0].doc_id == "议事会.txt"
        code, out, err = CliProcess(["ingest", "--remove", "议事会.txt"], small_home.home,
                                    small_home.cache_dir, **env).finish()
        assert code == 0 and "删除 1 篇" in out, err
        assert _served_after_commit(seen, store, present=False) <= 2.0
        assert all(h.doc_id != "议事会.txt" for h in kb.search("议事会在哪里召开", k=10))
    finally:
        stop.set()
        reader.join(30)
    assert not errors and len(served) > 10 and "议事会.txt" in served


def test_a_damaged_new_version_keeps_the_old_one_serving(small_home, small_corpus, embedder, caplog):
    ingest([small_corpus], small_home, embedder=embedder)
    kb = Assistant.open(settings=small_home, embedder=embedder)
    before = set(kb.data.documents)
    (small_corpus / "新.txt").write_text("社区食堂每天中午供应老年餐。\n", encoding="utf-8")
    ingest([small_corpus], small_home, embedder=embedder)
    index_file(IndexStore(small_home.index_root), "chunks.jsonl").write_bytes(b"")  # the new segment's
    time.sleep(1.1)
    assert set(kb.data.documents) == before and kb.search("老年餐", k=1)  # still answering
    assert "新版本无法读取" in caplog.text
