"""shequ assistant: cited answers over Chinese community-governance documents.

The public names are loaded on first use, so `shequ --help` does not pay for llama-index,
faiss and the embedding model (PEP 562).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_EXPORTS = {"Assistant": ".api", "Settings": ".settings", "Answer": ".types", "Citation": ".types",
            "Hit": ".types", "ShequError": ".errors", "BadQuestion": ".errors",
            "IndexMismatch": ".errors", "IndexBusy": ".errors"}
__all__ = list(_EXPORTS)

if TYPE_CHECKING:  # for readers and type checkers: the plain imports
    from .api import Assistant
    from .errors import BadQuestion, IndexBusy, IndexMismatch, ShequError
    from .settings import Settings
    from .types import Answer, Citation, Hit


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
