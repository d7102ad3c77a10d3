"""Extractive answers: choose, order and cite the supporting sentences. No LLM.

pipeline.py runs the named strategies over a read-only IndexView (view.py) with the settings
of the `answer` section of assistant/settings.py; intent.py reads what a question asks for, documents.py which document it names,
places.py and lists.py shape multi-place and list answers, sentences.py scores and cites."""
from __future__ import annotations

from ..settings import STRATEGIES, AnswerSettings
from .intent import is_enumeration
from .pipeline import answer
from .sentences import Sent, make_citations
from .view import IndexView

__all__ = ["answer", "AnswerSettings", "IndexView", "STRATEGIES", "Sent", "make_citations", "is_enumeration"]
