"""The background follower of the Milvus store (assistant/store/follow.py) on a real Milvus
server: a new version is served with no request asking for it; a request during a swap sees
the old or the new version whole; a version that cannot be read, and a server that went away,
reach the requests as the clear Milvus error; the thread stops when the Assistant goes."""
from __future__ import annotations

import gc
import threading
import time

import pytest
from milvus_server import milvus_server

from assistant import Assistant
from assistant.store import store_for

pytest.importorskip("pymilvus")

QUERIES = ["楼道议事角每周几开放", "社区议事会怎么开", "网格员的职责", "物业管理"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with milvus_server(tmp_path_factory.mktemp("milvus-follow")) as (uri, stop):
        yield uri, stop


@pytest.fixture
def pair(server, small_home, small_corpus, embedder, tmp_path):
    """A writer and a reader app server (each its own home) on one new library."""
    s = small_home.model_copy(update={"store": "milvus", "milvus_uri": server[0], "milvus_timeout": 5,
                                      "milvus_collection": f"shequ_follow_{tmp_path.name[-12:].replace('-', '_')}"})
    writer = Assistant.open(settings=s, embedder=embedder)
    reader = Assistant.open(settings=s.model_copy(update={"home": tmp_path / "reader", "milvus_stale_after": 1.5}),
                            embedder=embedder)
    yield writer, reader, tmp_path
    writer.close()
    reader.close()


def _wait_until(check, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return False


def _upload(writer: Assistant, folder, day: str) -> int:
    f = folder / f"通知{day}.txt"
    f.write_text(f"社区通知\n\n楼道议事角每周{day}晚上开放，居民可以当面提出意见。\n", encoding="utf-8")
    writer.ingest([f])
    return store_for(writer.settings).current_dir()


def test_a_new_version_is_served_without_any_request(pair):
    writer, reader, tmp = pair
    polls = reader._follower.polls
    assert _wait_until(lambda: reader._follower.polls > polls, 3)  # polling with no request at all
    new = _upload(writer, tmp, "二")
    t = time.monotonic()
    assert _wait_until(lambda: reader.version_dir == new, 10)  # version_dir asks nothing of Milvus
    assert time.monotonic() - t < 2.0
    # the bench's "served after commit": when the swap happened, on the clock the commit is stamped with
    assert reader._follower.swapped_at is not None and 0 <= time.time() - reader._follower.swapped_at < 2.0
    hit = reader.search("楼道议事角每周二晚上开放", k=1)[0]
    assert hit.doc_id == "通知二.txt" and reader.document(hit.doc_id).text[hit.start:hit.end] == hit.text

    follower = reader._follower  # the thread stops once its Assistant is gone
    reader.close()
    assert not follower.running
    other = Assistant.open(settings=reader.settings, embedder=reader.embedder)
    follower = other._follower
    del other
    gc.collect()
    assert _wait_until(lambda: not follower.running, 5)


def test_a_follower_looks_at_the_pointer_without_waiting_for_a_time_tick(pair):
    """A Strong read waits for Milvus's next time tick (~0.3 s): polled that way, each look cost
    more than the poll interval. The follower's looks are eventually consistent; a new version
    found by one is still read at its pointer's timestamp, so it is whole."""
    writer, reader, tmp = pair
    client = store_for(reader.settings).tables.client
    levels: list[str] = []
    query = client.query

    def spy(*args, **kw):  # pymilvus's own call, only recorded
        levels.append(kw.get("consistency_level"))
        return query(*args, **kw)

    client.query = spy
    try:
        polls = reader._follower.polls
        assert _wait_until(lambda: reader._follower.polls >= polls + 3, 5)
        assert levels and set(levels) == {"Eventually"}, levels
        new = _upload(writer, tmp, "三")
        assert _wait_until(lambda: reader.version_dir == new, 10)
    finally:
        del client.query
    hit = reader.search("楼道议事角每周三晚上开放", k=1)[0]
    assert hit.doc_id == "通知三.txt" and reader.document(hit.doc_id).text[hit.start:hit.end] == hit.text


def test_a_search_during_a_swap_sees_one_version_whole(pair):
    writer, reader, tmp = pair

    def seen(kb: Assistant) -> dict[str, tuple]:
        return {q: tuple(h.chunk_id for h in kb.search(q, k=5)) for q in QUERIES}

    old = seen(reader)
    got, errors, stop = [], [], threading.Event()

    def requests() -> None:
        while not stop.is_set():
            for q in QUERIES:
                try:
                    lib = reader.library()  # one snapshot: its chunks and documents agree
                    hits = reader.search(q, k=5)
                    got.append((q, tuple(h.chunk_id for h in hits)))
                    assert all(lib.data.documents[c.doc_id].text[c.start:c.end] == c.text
                               for c in lib.data.chunks[-5:])
                except Exception as e:  # noqa: BLE001 - any failure is the finding
                    errors.append(e)

    threads = [threading.Thread(target=requests) for _ in range(2)]
    for th in threads:
        th.start()
    try:
        new_version = _upload(writer, tmp, "四")
        assert _wait_until(lambda: reader.version_dir == new_version, 10)
        time.sleep(0.5)
    finally:
        stop.set()
        for th in threads:
            th.join(30)
    new = seen(reader)
    assert not errors, errors[:3]
    assert old["楼道议事角每周几开放"] != new["楼道议事角每周几开放"]  # the swap changed what is served
    assert all(r in (old[q], new[q]) for q, r in got), [(q, r) for q, r in got if r not in (old[q], new[q])][:3]
    assert {r for q, r in got if q == QUERIES[0]} == {old[QUERIES[0]], new[QUERIES[0]]}


def test_an_unreadable_version_stops_answers_after_stale_after(pair):
    from assistant.milvus import MilvusUnavailable

    writer, reader, _ = pair
    tables = store_for(writer.settings).tables
    live = tables.get_blobs(["version"])["version"]
    tables.put_blob("version", {**live, "version": live["version"] + 50, "stamp": "nowhere"})  # no manifest
    try:
        assert _wait_until(lambda: reader._follower.error is not None, 5)
        assert reader.search("社区议事会怎么开", k=3)  # the live version, for up to milvus_stale_after
        assert _wait_until(lambda: _fails(reader), 5)
        with pytest.raises(MilvusUnavailable, match="Milvus 不可用.*未能读取资料库的新版本"):
            reader.ask("社区议事会怎么开？")
    finally:
        tables.put_blob("version", live)
    assert _wait_until(lambda: not _fails(reader), 5)  # the pointer is back: answers again


def _fails(kb: Assistant) -> bool:
    from assistant.milvus import MilvusUnavailable

    try:
        kb.search("社区议事会怎么开", k=3)
        return False
    except MilvusUnavailable:
        return True


def test_milvus_down_reaches_every_request_and_the_thread_stops(server, pair):
    from assistant.milvus import MilvusUnavailable

    _, reader, _ = pair
    assert reader.search("社区议事会怎么开", k=3)
    server[1]()  # stop the server (this module's last test)
    assert _wait_until(lambda: isinstance(reader._follower.error, MilvusUnavailable), 30)
    for call in (lambda: reader.search("社区议事", k=3), lambda: reader.ask("社区议事会怎么开？"),
                 lambda: reader.document("通知二.txt"), reader.library):  # even what needs no Milvus call
        with pytest.raises(MilvusUnavailable, match="Milvus 不可用.*127.0.0.1:19530"):
            call()
    t = time.monotonic()
    reader.close()
    assert not reader._follower.running and time.monotonic() - t < 30
