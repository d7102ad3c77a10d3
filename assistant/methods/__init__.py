"""Method cards: numbered slogans (“4+1”, “五化五提升”) as structured, cited knowledge.

extract_cards runs at ingest (assistant.build); the rest read kb.cards.
"""
from .compare import by_topic, compare, to_markdown
from .extract import extract_cards
from .lookup import answer_from_card, list_cards, lookup

__all__ = ["extract_cards", "list_cards", "lookup", "compare", "by_topic", "to_markdown",
           "answer_from_card"]
