"""Optional generative answers through any OpenAI-compatible endpoint, with every sentence
verified against the sources it cites. Nothing here runs unless `llm_base_url` is set."""
from .client import LLMFailure, configured, make_llm
from .generate import answer, stream_answer
from .verify import Source, Verdict, Verifier, parse_keys, split_answer

__all__ = ["configured", "make_llm", "LLMFailure", "answer", "stream_answer", "Verifier", "Verdict",
           "Source", "parse_keys", "split_answer"]
