"""Several processes on one library in a real Milvus server (SHEQU_STORE=milvus): an upload
through one process is served by another within 2 s; with the server gone, every request is a
clear error naming the address, never a partial answer. The server is the PyPI `milvus`
standalone (2.3.5, dev extra), started here as in test_milvus_server.py."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from milvus_server import milvus_server

from assistant import Assistant

pytest.importorskip("pymilvus")

READER = """
import json, sys, time
from assistant import Assistant
kb = Assistant.open()
print("ready", flush=True)
deadline = time.time() + 120
while time.time() < deadline:
    hits = kb.search(sys.argv[1], k=1)
    if hits and hits[0].doc_id == sys.argv[2]:
        doc = kb.document(hits[0].doc_id)
        print(json.dumps({"seen": time.time(), "exact": doc.text[hits[0].start:hits[0].end] == hits[0].text}))
        break
    time.sleep(0.05)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with milvus_server(tmp_path_factory.mktemp("milvus-store-server")) as (uri, stop):
        yield uri, stop


def _env(uri: str, home, cache) -> dict:
    return {**os.environ, "SHEQU_HOME": str(home), "SHEQU_STORE": "milvus", "SHEQU_MILVUS_URI": uri,
            "SHEQU_MILVUS_COLLECTION": "shequ_store_test", "SHEQU_CACHE": str(cache), "SHEQU_EMBED_THREADS": "1"}


def _cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr[-2000:]
    return r


def test_an_upload_on_one_server_is_served_by_another_within_2s(server, settings, small_corpus, tmp_path):
    uri, _ = server
    writer = _env(uri, tmp_path / "machine-a", settings.cache_dir)
    _cli(writer, "ingest", str(small_corpus))
    reader = subprocess.Popen([sys.executable, "-c", READER, "楼道议事角每周二晚上开放", "upload.txt"],
                              env=_env(uri, tmp_path / "machine-b", settings.cache_dir),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "ready", reader.stderr.read()[-2000:]
        upload = tmp_path / "upload.txt"
        upload.write_text("社区通知\n\n楼道议事角每周二晚上开放，居民可以当面提出意见。\n", encoding="utf-8")
        _cli(writer, "ingest", str(upload))
        done = time.time()
        out, err = reader.communicate(timeout=150)
    finally:
        reader.kill()
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["exact"] and seen["seen"] - done < 2.0, (seen, done, err[-2000:])
    assert not list((tmp_path / "machine-b").glob("index/v-*"))  # the second server holds only caches


def test_milvus_down_is_a_clear_error_and_no_partial_answer(server, small_home, small_corpus, embedder):
    from assistant.milvus import MilvusUnavailable

    uri, stop = server
    s = small_home.model_copy(update={"store": "milvus", "milvus_uri": uri, "milvus_collection": "shequ_store_test",
                                      "milvus_timeout": 5})
    kb = Assistant.open(settings=s, embedder=embedder)
    assert kb.search("社区议事", k=3)
    stop()
    for call in (lambda: kb.search("社区议事", k=3), lambda: kb.ask("社区议事会怎么开？")):
        t = time.monotonic()
        with pytest.raises(MilvusUnavailable, match="127.0.0.1:19530"):
            call()
        assert time.monotonic() - t < 60
