"""Each app server on the Milvus store follows the library in a background thread.

A `Follower` polls the version pointer every `milvus_follow_every` seconds (an eventually
consistent read of a few ms; a Strong one waits for Milvus's next time tick, ~0.3 s, and a
pointer that seems to move backwards is read again Strong), and when it moved, loads the new version's parts and swaps the Assistant's
state in one assignment (assistant/api.py `_use`): a request takes one consistent snapshot and
never waits on Milvus for freshness. What the follower could not do reaches the requests
(`check`, before every request):

- Milvus unreachable (pointer or version unreadable): the next request fails with the clear
  “Milvus 不可用（…）” error, never an answer from the old version or the lexical leg alone;
- a new version that cannot be read for another reason: the old version keeps serving for up
  to `milvus_stale_after` seconds (the follower retries each poll), then requests fail with the
  same kind of error rather than answer from a stale library for ever;
- the thread gone: requests fail likewise.

The thread holds the Assistant only weakly and stops when it is closed or collected, and at exit.
"""
from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref

from ..milvus import MilvusUnavailable

log = logging.getLogger(__name__)
_FOLLOWERS: "weakref.WeakSet[Follower]" = weakref.WeakSet()


class Follower:
    def __init__(self, kb, every: float, stale_after: float, where: str):
        self._kb = weakref.ref(kb)
        self.every, self.stale_after, self.where = every, stale_after, where
        self.error: Exception | None = None  # the last poll's failure, None once one succeeds
        self.behind_since: float | None = None  # first failed poll of the current run of failures
        self.polls = 0  # polls that succeeded (tests and the bench watch it)
        self.swapped_at: float | None = None  # wall time the last new version was served (the bench)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="shequ-milvus-follower", daemon=True)
        _FOLLOWERS.add(self)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every if self.error is None else 4 * self.every):  # failing: slower
            kb = self._kb()
            if kb is None:
                return
            self.poll(kb)
            del kb  # hold the Assistant only while polling

    def poll(self, kb) -> None:
        """One look at the pointer; the new version loaded and swapped in when it moved."""
        try:
            before = kb.version_dir
            kb.follow_now()
            if kb.version_dir != before:  # every request from now on sees the new version
                self.swapped_at = time.time()
        except Exception as e:  # noqa: BLE001 - every failure is reported to the requests
            if self.error is None or str(e) != str(self.error):
                log.warning("资料库跟随失败（%s），%s", e, "请求将报错" if isinstance(e, MilvusUnavailable)
                            else f"继续使用当前版本至多 {self.stale_after:.0f} 秒")
            self.error = e.with_traceback(None)  # no frame (nor the Assistant) kept alive
            self.behind_since = self.behind_since or time.monotonic()
        else:
            self.error, self.behind_since = None, None
            self.polls += 1

    def check(self) -> None:
        """Raise what a request must not hide: Milvus down, a library left stale, no follower."""
        e, since = self.error, self.behind_since
        if isinstance(e, MilvusUnavailable):
            raise e
        if e is not None and since is not None and time.monotonic() - since > self.stale_after:
            raise MilvusUnavailable(
                f"Milvus 不可用（{self.where}，{time.monotonic() - since:.0f} 秒内未能读取资料库的新版本：{e}）；"
                "请确认 Milvus 服务正常、资料库没有被别的版本的程序改写，然后重试（本次没有给出任何回答或改动）")
        if not self._thread.is_alive() and not self._stop.is_set():
            raise MilvusUnavailable(f"Milvus 不可用（{self.where}，资料库跟随线程已停止）；请重启本服务"
                                    "（本次没有给出任何回答或改动）")

    def close(self, timeout: float = 30.0) -> None:
        """Stop the thread (after the poll it is in, if any)."""
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()


@atexit.register
def _stop_all() -> None:
    for f in list(_FOLLOWERS):
        f.close(timeout=5)
