"""First use from two processes at once: the second waits for the one build and answers (issue 16)."""
from __future__ import annotations

import os
import subprocess
import sys
import time


def test_concurrent_first_calls_both_answer(tmp_path):
    env = {**os.environ, "SHEQU_HOME": str(tmp_path / "home"), "SHEQU_EMBED_THREADS": "1"}
    cmd = [sys.executable, "-m", "assistant.cli", "search", "网格化管理", "-k", "1"]
    first = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # the first process holds the build lock by now
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    out1, err1 = first.communicate(timeout=600)
    assert first.returncode == 0, err1
    assert second.returncode == 0, second.stderr
    assert "[1]" in out1 and "[1]" in second.stdout
    assert "另一个导入任务" not in second.stderr
