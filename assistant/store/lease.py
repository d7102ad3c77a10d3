"""The writer's lock on the Milvus store: this machine's ingest lock plus a lease record in
Milvus that other machines respect (Milvus keeps no locks; a crashed writer's lease expires
after settings.milvus_lease, and a commit still checks that the pointer did not move)."""
from __future__ import annotations

import threading
import time

from filelock import FileLock, Timeout

from ..errors import IndexBusy


class WriterLock:
    """The local ingest lock (one writer per machine) plus a lease record in Milvus."""

    def __init__(self, lib, timeout: float):
        self.lib = lib
        root = lib.settings.index_root
        root.mkdir(parents=True, exist_ok=True)
        self._file = FileLock(str(root / ".milvus-write.lock"))
        try:
            self._file.acquire(timeout=timeout)
        except Timeout:
            raise IndexBusy(f"另一个导入任务正在更新资料库（Milvus {lib.prefix}），请等它完成后再试。") from None
        try:
            self._lease(timeout)
        except BaseException:
            self._file.release()
            raise

    def _lease(self, timeout: float) -> None:
        t, lib = self.lib.tables, self.lib
        t.create()
        deadline = time.monotonic() + timeout
        while True:
            rec = t.get_blobs(["lease"]).get("lease")
            if rec is None or rec["holder"] == lib.holder or rec["until"] < time.time():
                t.put_blob("lease", {"holder": lib.holder, "until": time.time() + lib.settings.milvus_lease})
                # read back at our write's timestamp: any other writer's earlier lease shows
                ts = t.last_write()
                if t.get_blobs(["lease"], ts=ts).get("lease", {}).get("holder") == lib.holder:
                    lib.held = (threading.get_ident(), ts) if ts else None
                    return
            if time.monotonic() >= deadline:
                who = (rec or {}).get("holder", "?").split(":")[0]
                raise IndexBusy(f"另一台机器（{who}）正在更新资料库（Milvus {lib.prefix}），请等它完成后再试。")
            time.sleep(1)

    def release(self) -> None:
        self.lib.held = None
        try:
            t = self.lib.tables
            if t.get_blobs(["lease"]).get("lease", {}).get("holder") == self.lib.holder:
                t.drop_blobs(["lease"])
        finally:
            self._file.release()
