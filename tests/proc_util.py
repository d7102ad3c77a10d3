"""A `shequ` CLI child process whose stderr (progress lines) is read as it comes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path


class CliProcess:
    """`python -m assistant.cli ARGS…` with SHEQU_HOME/SHEQU_CACHE set and 1 embed thread."""

    def __init__(self, args: list[str], home: Path, cache: Path, **env):
        env = {**os.environ, "SHEQU_HOME": str(home), "SHEQU_CACHE": str(cache),
               "SHEQU_EMBED_THREADS": "1", "OMP_NUM_THREADS": "1", **env}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", *args], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.err = b""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while chunk := self.proc.stderr.read1(4096):
            self.err += chunk

    def wait_for(self, text: str, timeout: float = 120) -> bool:
        """True once `text` was printed to stderr; False if the process ended first."""
        end = time.perf_counter() + timeout
        while text.encode() not in self.err:
            if self.proc.poll() is not None or time.perf_counter() > end:
                return text.encode() in self.err
            time.sleep(0.005)
        return True

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)

    def finish(self, timeout: float = 300) -> tuple[int, str, str]:
        out = self.proc.stdout.read().decode()
        code = self.proc.wait(timeout)
        self._reader.join(5)
        return code, out, self.err.decode(errors="replace")
