"""The OpenAI-compatible chat model (llama-index `OpenAILike`) and failure notices.

Works with DeepSeek, Qwen/DashScope, Zhipu, Ollama, vLLM or a llama.cpp server: anything
that speaks /v1/chat/completions. No HTTP client of ours: `BoundedStream` only hands the
library an httpx transport that can be stopped, and reads the reply in a worker thread so
that one deadline bounds the whole answer, however slowly the endpoint drips."""
from __future__ import annotations

import queue
import threading
import time
from typing import Iterator

from .. import prompts
from ..errors import ShequError
from ..safe_text import strip_controls, unfinished_escape

CHARS_PER_TOKEN = 4  # the client-side cap in characters: generous for Chinese (~1.5 a token)


class LLMFailure(ShequError):
    """The endpoint failed; str(e) is the Chinese notice that names it."""


def configured(settings) -> bool:
    return bool((settings.llm_base_url or "").strip())


def endpoint(settings) -> str:
    return (settings.llm_base_url or "").strip().rstrip("/")


def make_llm(settings, http_client=None):
    """An OpenAILike client from settings. No retries: a failed call falls back at once.
    No read waits longer than the whole answer may take."""
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError as e:  # a broken install must not break extractive answers
        raise LLMFailure(prompts.LLM_FAILED.format(
            endpoint=endpoint(settings), reason="不可用：未安装 llama-index-llms-openai-like")) from e
    return OpenAILike(model=settings.llm_model or "default", api_base=endpoint(settings),
                      api_key=settings.llm_api_key or "not-needed",
                      timeout=min(settings.llm_timeout, settings.llm_deadline), http_client=http_client,
                      temperature=settings.llm_temperature, max_tokens=settings.llm_max_tokens,
                      max_retries=0, is_chat_model=True, is_function_calling_model=False,
                      context_window=8192,
                      additional_kwargs={"extra_body": dict(settings.llm_extra_body)} if settings.llm_extra_body else {})


def describe(exc: BaseException, settings) -> str:
    """A one-line Chinese notice for a failed call, naming the endpoint; never a traceback."""
    if isinstance(exc, LLMFailure):
        return str(exc)
    import httpx
    import openai

    if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
        reason = prompts.LLM_TIMEOUT.format(seconds=settings.llm_timeout)
    elif isinstance(exc, openai.APIConnectionError):
        reason = prompts.LLM_UNREACHABLE
    elif isinstance(exc, httpx.TransportError):  # raised while a stream is being read
        reason = prompts.LLM_BROKEN
    elif isinstance(exc, openai.APIStatusError):
        reason = prompts.LLM_HTTP_ERROR.format(status=exc.status_code)
    else:
        reason = prompts.LLM_OTHER.format(kind=type(exc).__name__)
    return prompts.LLM_FAILED.format(endpoint=endpoint(settings), reason=reason)


def stream_text(llm, messages) -> Iterator[str]:
    """Text pieces of a streamed chat reply, without <think>…</think> reasoning and without
    control characters or terminal escape sequences (safe_text.strip_controls)."""
    carry = ""
    for piece in _visible(llm, messages):
        carry += piece
        keep = unfinished_escape(carry)  # an escape sequence may arrive split across pieces
        out = strip_controls(carry[:len(carry) - keep])
        carry = carry[len(carry) - keep:]
        if out:
            yield out
    if strip_controls(carry):
        yield strip_controls(carry)


def _visible(llm, messages) -> Iterator[str]:
    """Text pieces of a streamed chat reply, with <think>…</think> reasoning left out
    (Qwen3, DeepSeek-R1 and others emit it inline)."""
    thinking, carry = False, ""
    for chunk in llm.stream_chat(messages):
        carry += chunk.delta or ""
        while carry:
            tag = "</think>" if thinking else "<think>"
            i = carry.find(tag)
            if i >= 0:
                if not thinking and carry[:i]:
                    yield carry[:i]
                carry, thinking = carry[i + len(tag):], not thinking
                continue
            keep = _partial_tag(carry, tag)  # a tag may arrive split across pieces
            if not thinking and carry[:len(carry) - keep]:
                yield carry[:len(carry) - keep]
            carry = carry[len(carry) - keep:]
            break
    if carry and not thinking:
        yield carry


def _partial_tag(text: str, tag: str) -> int:
    """Length of the longest suffix of text that is a prefix of tag."""
    for n in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:n]):
            return n
    return 0


def _stoppable_client(stop: threading.Event):
    """An httpx client whose response bodies stop reading when `stop` is set: keep-alives
    cannot hold the reader once the answer's deadline has passed."""
    import httpx

    class _Stoppable(httpx.SyncByteStream):
        def __init__(self, stream):
            self.stream = stream

        def __iter__(self):
            for part in self.stream:
                if stop.is_set():
                    raise httpx.ReadError("stopped: the answer deadline has passed")
                yield part

        def close(self) -> None:
            self.stream.close()

    class Transport(httpx.HTTPTransport):
        def handle_request(self, request):
            r = super().handle_request(request)
            return httpx.Response(r.status_code, headers=r.headers, stream=_Stoppable(r.stream),
                                  extensions=r.extensions)

    return httpx.Client(transport=Transport())


class BoundedStream:
    """The visible text pieces of one reply, within `llm_deadline` seconds in all and at most
    `llm_max_tokens` pieces (and CHARS_PER_TOKEN characters each). The endpoint is read in a
    worker thread; past the deadline the reader gets LLMFailure at once and the worker stops
    at its next byte (or read timeout). `truncated` tells whether the cap cut the reply."""

    _PIECE, _CAP, _END, _ERROR = range(4)

    def __init__(self, settings, messages, llm=None):
        self.settings, self.messages, self.llm = settings, messages, llm
        self.truncated = False

    def __iter__(self) -> Iterator[str]:
        s = self.settings
        deadline = time.monotonic() + s.llm_deadline
        stop, out = threading.Event(), queue.Queue()
        threading.Thread(target=self._read, args=(stop, out), daemon=True, name="llm-reader").start()
        try:
            while True:
                try:
                    kind, value = out.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    raise LLMFailure(prompts.LLM_FAILED.format(
                        endpoint=endpoint(s), reason=prompts.LLM_DEADLINE.format(seconds=s.llm_deadline))) from None
                if kind == self._ERROR:
                    raise value
                if kind == self._END:
                    return
                self.truncated = kind == self._CAP
                if value:
                    yield value
                if self.truncated:
                    return
        finally:
            stop.set()

    def _read(self, stop: threading.Event, out: queue.Queue) -> None:
        cap = self.settings.llm_max_tokens
        client = None
        try:
            llm = self.llm
            if llm is None:
                client = _stoppable_client(stop)
                llm = make_llm(self.settings, http_client=client)
            pieces, room = 0, cap * CHARS_PER_TOKEN
            gen = stream_text(llm, self.messages)
            try:
                for piece in gen:
                    if stop.is_set():
                        return
                    pieces += 1
                    if pieces > cap or len(piece) > room:
                        out.put((self._CAP, piece[:room] if pieces <= cap else ""))
                        return
                    room -= len(piece)
                    out.put((self._PIECE, piece))
            finally:
                gen.close()
            out.put((self._END, None))
        except BaseException as e:  # handed to the reader, which turns it into a notice
            out.put((self._ERROR, e))
        finally:
            if client is not None:
                client.close()
