"""A case report names its own sites (在红旗里社区试点…, 在广发大厦建立…). Such a sentence is never
printed as the user's own: it is left out of the measure, or, when it is all the precedent
says, attributed to the precedent's place (参照××市××街道做法)."""
from __future__ import annotations

import re

from ingest.meta import GENERIC_NAME

from .practice import pos_tags

ACCOUNTS = {"案例", "汇报材料", "研究"}  # one place's own account: its figures and sites are its own
_SITE = r"(?:社区|小区|大厦|大楼|花园|广场|新村|楼宇|家园|苑|街道|镇|村|路)"
# 在红旗里社区试点…: a site after a preposition (named_sites checks its name is a proper noun).
_NAMED_SITE = re.compile(rf"(?:在|到|于|与|和|、|以|依托|利用|借助)((?:[\u4e00-\u9fff]{{2,6}}?){_SITE})(?![\u4e00-\u9fff]{{0,1}}(?:建设|治理|服务|工作|管理))")
_PROPER = {"nr", "ns", "nz", "nt", "nrt", "nrfg"}  # jieba's tags of proper nouns
# The wording a measure gives a precedent it can say only as that place's practice.
ATTRIBUTION = "参照{place}做法，"
_ATTRIBUTED = re.compile(r"^参照[^，。；]{2,40}做法，")


def named_sites(sentence: str, doc_type: str) -> list[str]:
    """Sites of one place that an account names (红旗里社区, 广发大厦): after a preposition, a
    name with a proper noun in it and no verb (not 在职党员进社区); [] for rules and opinions,
    which name no sites of their own."""
    if doc_type not in ACCOUNTS:
        return []
    out = []
    for m in _NAMED_SITE.finditer(re.sub(r"“[^”]*”", "“”", sentence)):
        name = m.group(1)
        flags = {f for _, f in pos_tags(re.sub(f"{_SITE}$", "", name))}
        if flags & _PROPER and not any(f.startswith("v") for f in flags) and not GENERIC_NAME.match(name):
            out.append(name)
    return out


def attributed(sentence: str, place: str) -> str:
    return ATTRIBUTION.format(place=place) + sentence


def without_attribution(sentence: str) -> str:
    return _ATTRIBUTED.sub("", sentence)
