"""A real Milvus standalone server for tests (PyPI `milvus`, installed by the dev extra):
started in a temp folder on port 19530, stopped with its children afterwards."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

SERVER = shutil.which("milvus-server", path=os.path.dirname(sys.executable))
PORT = 19530


def port_open(port: int = PORT) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _gone(data: Path, timeout: float = 30) -> None:
    """Wait for milvus-server's children (etcd, `milvus run standalone`; they run from its data
    folder) to exit: the next server cannot start while one holds /run/milvus/standalone.pid."""
    end = time.time() + timeout
    while time.time() < end and subprocess.run(["pgrep", "-f", str(data)], capture_output=True).returncode == 0:
        time.sleep(0.5)


def _start(data: Path) -> subprocess.Popen:
    """milvus-server on `data`, retried when it dies or hangs at start (seen on a loaded machine
    right after another server stopped: its embedded etcd too slow, or the pid file every
    standalone shares still held)."""
    for attempt in range(3):
        where = data / f"retry{attempt}" if attempt else data  # a fresh folder: no half-started state
        where.mkdir(exist_ok=True)
        log = open(data / "server.log", "w")
        proc = subprocess.Popen([SERVER, "--data", str(where)], stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        log.close()
        deadline = time.time() + 120
        while not port_open() and proc.poll() is None and time.time() < deadline:
            time.sleep(1)
        if port_open() or attempt == 2:
            return proc
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        subprocess.run(["pkill", "-f", str(data)], check=False)
        _gone(data)
        time.sleep(10)
    return proc


@contextmanager
def milvus_server(data: Path):
    """Yield (uri, stop): `stop()` ends the server early (to test what happens when it is down)."""
    if SERVER is None:
        pytest.skip("milvus-server not installed (the dev extra installs it: pip install -e '.[dev]')")
    if port_open():
        pytest.skip(f"port {PORT} is taken by another Milvus")
    proc = _start(data)

    def stop() -> None:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        # milvus-server's own children (etcd, `milvus run standalone`) run from its data folder
        subprocess.run(["pkill", "-f", str(data)], check=False)
        _gone(data)

    try:
        if not port_open():
            pytest.fail(f"milvus-server did not start: {(data / 'server.log').read_text()[-2000:]}")
        yield f"http://127.0.0.1:{PORT}", stop
    finally:
        stop()
