"""Whose work a passage is by where it stands in its document (not by its own sentence's subject).

A higher government's policy text states, under a heading such as （一）完善投融资政策, the
policies that government makes (投融资, 土地供应, 税费优惠): none of its sentences is a 街镇's or
社区's act, whatever their wording (开展老年人住房反向抵押养老保险试点 has no subject at all).
"""
from __future__ import annotations

import re

from ingest.model import Document

from .practice import LEVELS, WORDS
from .precedents import Point, strip_ordinal

_POLICY_HEADING = re.compile(WORDS["policy_making_heading"])


def issuer_level(doc: Document) -> int | None:
    """The level of the body that issued the document, by its most local place word (国务院 → 0,
    上海市住房和城乡建设管理委员会 → 2: 城乡 is no place, 上海市闵行区莘庄镇人民政府 → 4); None if unknown."""
    issuer = _NO_PLACE.sub("", str(doc.meta.get("issuer") or "").strip())
    if _NATIONAL.match(issuer):
        return 0
    found = [lv for lv, pat in LEVELS if lv < 5 and re.search(pat, issuer)]
    return max(found) if found else None


_NO_PLACE = re.compile(r"城乡|乡村|城市")
_NATIONAL = re.compile(r"^(?:全国|国务院|中共中央|党中央|中央|国家|[\u4e00-\u9fff]{1,6}部$)")


def higher_policy(p: Point, doc: Document, unit: int | None) -> bool:
    """The point stands under a heading that makes policy (完善…政策) in a text issued above the unit."""
    if unit is None:
        return False
    level = issuer_level(doc)
    heads = [strip_ordinal(x).strip().rstrip("。") for x in p.section.split(" › ")[-2:]]
    return level is not None and level < unit and any(_POLICY_HEADING.search(h) for h in heads)
