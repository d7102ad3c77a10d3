"""A real Milvus standalone server (PyPI `milvus`, installed by the dev extra): one ingest,
then several reader processes at once — what milvus-lite cannot do (issue 16)."""
from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from milvus_server import milvus_server

pytest.importorskip("pymilvus")


@pytest.fixture(scope="module")
def milvus_uri(tmp_path_factory):
    with milvus_server(tmp_path_factory.mktemp("milvus-server")) as (uri, _stop):
        yield uri


def _search(env: dict, query: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", "search", query, "-k", "1"],
                          env=env, capture_output=True, text=True, timeout=600)


def test_one_server_many_readers(milvus_uri, tmp_path):
    env = {**os.environ, "SHEQU_HOME": str(tmp_path / "home"), "SHEQU_VECTOR_STORE": "milvus",
           "SHEQU_MILVUS_URI": milvus_uri, "SHEQU_MILVUS_COLLECTION": "shequ_test", "SHEQU_EMBED_THREADS": "1"}
    first = _search(env, "网格化管理")  # builds the index: vectors into the server
    assert first.returncode == 0 and "[1]" in first.stdout, first.stderr
    queries = ["物业管理", "居民议事", "志愿服务", "低保审核"]
    with ThreadPoolExecutor(len(queries)) as pool:  # four processes reading the one collection at once
        runs = list(pool.map(lambda q: _search(env, q), queries))
    for q, r in zip(queries, runs):
        assert r.returncode == 0 and "[1]" in r.stdout, (q, r.stderr)
        assert "Traceback" not in r.stderr
