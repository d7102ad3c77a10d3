"""The OpenAI-compatible chat model (llama-index `OpenAILike`) and failure notices.

Works with DeepSeek, Qwen/DashScope, Zhipu, Ollama, vLLM or a llama.cpp server: anything
that speaks /v1/chat/completions. No HTTP client of ours."""
from __future__ import annotations

from typing import Iterator

from .. import prompts
from ..errors import ShequError


class LLMFailure(ShequError):
    """The endpoint failed; str(e) is the Chinese notice that names it."""


def configured(settings) -> bool:
    return bool((settings.llm_base_url or "").strip())


def endpoint(settings) -> str:
    return (settings.llm_base_url or "").strip().rstrip("/")


def make_llm(settings):
    """An OpenAILike client from settings. No retries: a failed call falls back at once."""
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError as e:  # a broken install must not break extractive answers
        raise LLMFailure(prompts.LLM_FAILED.format(
            endpoint=endpoint(settings), reason="不可用：未安装 llama-index-llms-openai-like")) from e
    return OpenAILike(model=settings.llm_model or "default", api_base=endpoint(settings),
                      api_key=settings.llm_api_key or "not-needed", timeout=settings.llm_timeout,
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
