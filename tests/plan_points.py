"""Test helper: the plan point (a practice of one chunk) that holds a given corpus sentence."""
from __future__ import annotations

from assistant.plan.precedents import points_of_chunk


def point_at(kb, doc_id: str, needle: str):
    """(document, point) of the chunk of `doc_id` holding `needle`; fails when none does."""
    doc = kb.document(doc_id)
    at = doc.text.index(needle)
    for c in kb.data.chunks:
        if c.doc_id == doc_id and c.start <= at < c.end:
            return doc, next(p for p in points_of_chunk(doc, c) if p.start <= at < p.end)
    raise AssertionError(needle)
