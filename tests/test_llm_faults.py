"""Hostile OpenAI-compatible endpoints (issue 16): a REAL local HTTP server (http.server in
a thread) that drips one token every 2 s, sends only SSE keep-alives, floods 5 MB of one
sentence, or writes terminal escape sequences. Nothing of ours is mocked: the assistant
talks to it through llama-index and httpx as it talks to llama.cpp.

Each test asserts the bound (the answer deadline, the length cap), the dedupe, the
stripping, and that the user still gets the extractive answer with one notice."""
from __future__ import annotations

import http.server
import json
import re
import threading
import time
from contextlib import contextmanager

import pytest
from conftest import seed_kb_with

from assistant import prompts
from assistant.llm.client import CHARS_PER_TOKEN
from assistant.llm.prompt import make_sources
from assistant.safe_text import strip_controls, unfinished_escape

Q = "居民议事会多久召开一次？"
SHORT = "社区每月召开一次居民议事会"
DOC = f"""社区居民议事会制度

{SHORT}，由社区党组织书记主持，居民代表、物业公司和驻区单位参加。议事会讨论停车难、加装电梯等居民关心的问题。
"""
DEADLINE = 3.0
SLACK = 2.5  # a shared 2-core machine: retrieval and the extractive answer run too
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _chunk(text: str) -> bytes:
    body = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m",
            "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
    return b"data: " + json.dumps(body, ensure_ascii=False).encode() + b"\n\n"


class Hostile(http.server.BaseHTTPRequestHandler):
    """/<mode>/v1/chat/completions, mode: drip, keepalive, flood, escape."""

    protocol_version = "HTTP/1.1"
    key = "S1"  # the source key of SHORT, set by the fixture

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            getattr(self, "_" + self.path.split("/")[1])()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what we want

    def _drip(self):
        for ch in (SHORT * 10)[:30]:  # 60 s of tokens if nobody stops reading
            self.wfile.write(_chunk(ch))
            self.wfile.flush()
            time.sleep(2)

    def _keepalive(self):
        for _ in range(30):
            self.wfile.write(b": keep-alive\n\n")
            self.wfile.flush()
            time.sleep(2)

    def _flood(self):
        piece = _chunk(f"{SHORT}[{self.key}]。")
        for _ in range(5 * 1024 * 1024 // len(piece)):
            self.wfile.write(piece)
        self.wfile.write(b"data: [DONE]\n\n")

    def _escape(self):
        for part in (f"{SHORT}[{self.key}]。\x1b]0;pw", "ned\x07\x1b[2J\x1b[31m全国已有三千个社区",
                     f"推广该做法[{self.key}]。\x1b[0m\x9b1m\x07"):
            self.wfile.write(_chunk(part))
        self.wfile.write(b"data: [DONE]\n\n")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def kb(tmp_path_factory, settings):
    return seed_kb_with(tmp_path_factory, settings, "议事会制度.txt", DOC, "fault")


@pytest.fixture(scope="module")
def server(kb):
    srcs = make_sources(kb.data, kb.retriever.scored(Q, k=1))
    Hostile.key = next(s.key for s in srcs if SHORT in s.chunk.text)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@contextmanager
def llm(kb, url: str, **kw):
    old = kb.settings
    kb.settings = old.model_copy(update={"llm_base_url": url, "llm_model": "m", "llm_sources": 1,
                                         "llm_timeout": 30, "llm_deadline": DEADLINE, **kw})
    try:
        yield kb
    finally:
        kb.settings = old


def _readers() -> int:
    return sum(t.name == "llm-reader" for t in threading.enumerate())


@pytest.mark.parametrize("mode", ["drip", "keepalive"])
def test_slow_endpoint_is_bounded_by_the_deadline(kb, server, mode):
    plain = kb.ask(Q)
    url = f"{server}/{mode}/v1"
    notice = prompts.LLM_FAILED.format(endpoint=url, reason=prompts.LLM_DEADLINE.format(seconds=DEADLINE))
    with llm(kb, url):
        for ask in (kb.ask, lambda q: list(kb.ask_stream(q))[-1].answer):
            t = time.monotonic()
            ans = ask(Q)
            took = time.monotonic() - t
            assert DEADLINE - 0.5 < took < DEADLINE + SLACK, took
            assert ans.mode == "extractive" and ans.found and ans.text == plain.text
            assert ans.notice == notice
    t = time.monotonic()
    while _readers() and time.monotonic() - t < 5:  # the reader stops at its next byte (2 s)
        time.sleep(0.1)
    assert _readers() == 0


def test_flood_is_capped_and_deduplicated(kb, server):
    cap = 64
    with llm(kb, f"{server}/flood/v1", llm_max_tokens=cap, llm_deadline=30):
        t = time.monotonic()
        stats: dict = {}
        from assistant.llm import stream_answer

        final = list(stream_answer(kb, Q, kb.extractive(Q), stats))[-1].answer
        took = time.monotonic() - t
    assert took < 15, took
    assert len(stats["raw"]) <= cap * CHARS_PER_TOKEN
    assert final.mode == "llm" and final.text == f"{SHORT}。[1]"
    assert prompts.LLM_TRUNCATED.format(n=cap) in final.notice
    n = stats["raw"].count(SHORT) - 1
    assert n > 5 and prompts.LLM_REPEATED.format(n=n) in final.notice


def test_escape_sequences_never_reach_the_answer(kb, server):
    with llm(kb, f"{server}/escape/v1", llm_deadline=30):
        final = kb.ask(Q)
    assert final.mode == "llm" and final.text == f"{SHORT}。[1]"
    assert final.dropped == ["全国已有三千个社区推广该做法。"]
    for text in [final.text, final.notice, *final.dropped, *final.flags]:
        assert not CONTROL.search(text) and "pwned" not in text and "[2J" not in text


def _cli_env(monkeypatch, kb, url: str, **extra) -> None:
    env = {"SHEQU_HOME": str(kb.settings.home), "SHEQU_CACHE": str(kb.settings.cache_dir),
           "SHEQU_LLM_BASE_URL": url, "SHEQU_LLM_SOURCES": "1", "SHEQU_LLM_DEADLINE": str(DEADLINE), **extra}
    for k, v in env.items():
        monkeypatch.setenv(k, v)


def test_cli_prints_no_escape_sequences(kb, server, monkeypatch, capsys):
    from assistant.cli import main

    _cli_env(monkeypatch, kb, f"{server}/escape/v1", SHEQU_LLM_DEADLINE="30")
    assert main(["ask", Q]) == 0
    out, err = capsys.readouterr()
    assert "（已删除一句无法被资料证实的内容：全国已有三千个社区推广该做法。）" in err
    assert SHORT in out and "来源：" in out
    assert not CONTROL.search(out + err) and "pwned" not in out + err


def test_cli_deadline_gives_the_extractive_answer(kb, server, monkeypatch, capsys):
    from assistant.cli import main

    plain = kb.ask(Q)
    url = f"{server}/drip/v1"
    _cli_env(monkeypatch, kb, url)
    t = time.monotonic()
    assert main(["ask", Q]) == 0
    assert time.monotonic() - t < DEADLINE + SLACK + 1
    out, err = capsys.readouterr()
    assert plain.text in out and "来源：" in out
    notice = prompts.LLM_FAILED.format(endpoint=url, reason=prompts.LLM_DEADLINE.format(seconds=DEADLINE))
    assert f"提示：{notice}" in err


def test_cli_strips_whatever_a_command_prints(capsys):
    import sys

    from assistant.cli import SafeStream
    SafeStream(sys.stdout).write("标题\x1b]0;pwned\x07\x1b[2J\x1b[31m红字\x1b[0m\n")
    assert capsys.readouterr().out == "标题红字\n"


@pytest.mark.parametrize("raw,clean", [
    ("a\x1b]0;pwned\x07b", "ab"), ("a\x1b[2Jb", "ab"), ("a\x1b[31m红\x1b[0m", "a红"),
    ("a\x1b]8;;http://x\x1b\\链接\x1b]8;;\x1b\\", "a链接"), ("x\x9b31my", "xy"), ("a\x1bcb", "ab"),
    ("制表\t换行\n回车\r\x00\x7f\x85结束", "制表\t换行\n回车结束"), ("a\u202eb", "ab"), ("", ""),
    ("普通的中文句子。", "普通的中文句子。")])
def test_strip_controls(raw, clean):
    assert strip_controls(raw) == clean


@pytest.mark.parametrize("text,n", [("abc\x1b", 1), ("abc\x1b[3", 3), ("abc\x1b]0;ti", 6),
                                    ("abc\x1b[31mred", 0), ("abc\x1b]0;t\x07", 0), ("abc", 0),
                                    ("abc\x1b]0;" + "x" * 300, 0)])
def test_unfinished_escape(text, n):
    assert unfinished_escape(text) == n
