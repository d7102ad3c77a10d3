"""The kind of a named slogan: the document's own local method, a national or general term it
only mentions (三会一课, 四个全面), or a phrase that names no method (两张皮, 1对1, 五星业委会).

The two lists are data (terms.json); the one shape rule is a rating grade.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

TERMS = Path(__file__).with_name("terms.json")
# A rating grade (“五星业委会”, “三星级”) names a level on a scale, not a method.
GRADE = re.compile(r"^[0-9一二三四五六七八九十]+星")


@functools.cache
def _terms() -> dict[str, frozenset[str]]:
    d = json.loads(TERMS.read_text(encoding="utf-8"))
    return {k: frozenset(unicodedata.normalize("NFKC", x) for x in d[k]) for k in ("national", "not_methods")}


def kind_of(name: str) -> str | None:
    """"local" (the document's own method), "national" (a national or general term it only
    mentions), or None for a phrase that names no method (两张皮, 1对1)."""
    n = unicodedata.normalize("NFKC", name)
    t = _terms()
    if n in t["not_methods"] or GRADE.match(n):
        return None
    return "national" if n in t["national"] else "local"
