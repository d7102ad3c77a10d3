"""A real Milvus standalone server (PyPI `milvus`, installed by the dev extra): one ingest,
then several reader processes at once — what milvus-lite cannot do (issue 16)."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("pymilvus")
SERVER = shutil.which("milvus-server", path=os.path.dirname(sys.executable))
PORT = 19530


def _open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def milvus_uri(tmp_path_factory):
    if SERVER is None:
        pytest.skip("milvus-server not installed (the dev extra installs it: pip install -e '.[dev]')")
    if _open(PORT):
        pytest.skip(f"port {PORT} is taken by another Milvus")
    data = tmp_path_factory.mktemp("milvus-server")
    log = open(data / "server.log", "w")
    proc = subprocess.Popen([SERVER, "--data", str(data)], stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline = time.time() + 180
        while not _open(PORT):
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail(f"milvus-server did not start: {(data / 'server.log').read_text()[-2000:]}")
            time.sleep(1)
        yield f"http://127.0.0.1:{PORT}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        # milvus-server's own children (etcd, `milvus run standalone`) run from its data folder
        subprocess.run(["pkill", "-f", str(data)], check=False)
        log.close()


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
