"""The kind of a named slogan: the document's own local method, a national or general term it
only mentions (三会一课, 四个全面), or a name that names no method: an organisation (两委), a
group of people (一老一小), a plan period (十四五), a rating grade (五星业委会), an idiom (两张皮).

The lists are data (terms.json, not_methods grouped by what they name); the shape rules are a
rating grade and a five-year-plan period.
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
# A five-year-plan period (“十四五”, “十五五”时期) names a span of time, not a method.
PLAN_PERIOD = re.compile(r"^十[一二三四五六七八九]五(?:规划|时期|期间)?$")


@functools.cache
def _terms() -> dict[str, dict[str, str]]:
    """name -> its group: "national", or what a non-method names (organisations, people…)."""
    d = json.loads(TERMS.read_text(encoding="utf-8"))
    out = {unicodedata.normalize("NFKC", x): "national" for x in d["national"]}
    return {"national": out, "not_methods": {unicodedata.normalize("NFKC", x): group
                                             for group, names in d["not_methods"].items() for x in names}}


def not_method_group(name: str) -> str | None:
    """What a name that is no method names ("organisations", "people", "plan_period", …), or None."""
    n = unicodedata.normalize("NFKC", name)
    if GRADE.match(n):
        return "grade"
    if PLAN_PERIOD.match(n):
        return "plan_period"
    return _terms()["not_methods"].get(n)


def kind_of(name: str) -> str | None:
    """"local" (the document's own method), "national" (a national or general term it only
    mentions), or None for a name that names no method (两委, 十四五, 两张皮, 1对1)."""
    if not_method_group(name) is not None:
        return None
    return "national" if unicodedata.normalize("NFKC", name) in _terms()["national"] else "local"
