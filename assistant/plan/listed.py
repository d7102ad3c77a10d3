"""A duty laid on a list of bodies, one of which is community-level (学校、医疗机构、居民委员会、
村民委员会…发现…应当及时向公安机关报案; 县级人民政府及其有关部门、乡级人民政府、街道办事处、居民委员会…
应当及时调解…): the act is the user's unit's too. Cadre review 31: such clauses, the commonest way a law
gives a 街道 or 社区 work, were dropped (the list is longer than a duty-holder's name, or it names
another body too), and drafts went thin although the library held them.

The measure keeps the act and drops the other bodies: the unit's own level in the list → the act as the
unit's (its subject and modal removed); a body it guides (居民委员会 for a 街镇) → 指导居民委员会…
"""
from __future__ import annotations

import re

from .bodies import _ORGANS, WORDS, _parts, bare_level, level_of

_ITEM = r"[^，。；、：“”《》]{2,24}?"
_JOIN = r"(?:、|和|或者|以及|及)"
# The list, what may close it (等有关组织, 及其工作人员), then a modal or the act's opening (在工作中发现…的).
_LIST = re.compile(rf"^(?P<s>(?:{_ITEM}{_JOIN})+{_ITEM})(?:等(?:有关)?(?:组织|单位)?|及其工作人员)?"
                   r"(?:(?:也|还|均|都|亦)?(?P<m>应当|必须|可以|(?<![许认])可(?![以能见])|应(?![用急对])|须|负责(?!人)|依法|有权)"
                   r"|，?(?=在工作中|发现|对))"
                   r"(?P<rest>[\u4e00-\u9fff][^，。；]*.*)$")
_GUIDED = WORDS["guided_bodies"]
_NAME_MAX = 10  # a body's name with a verb in it (扶养人所在单位) is short; a clause is longer


def _own_level(part: str, unit: int) -> bool:
    """The part is a body of the unit's own level (街道办事处 and 乡级人民政府 for a 街镇; 居民委员会 for a 社区)."""
    organ = next((lv for lv, pat in _ORGANS if re.fullmatch(pat, part)), None)
    level = organ if organ is not None else bare_level(part)
    if level is None and part in WORDS["community_level_bodies"]:
        level = 5  # 居民委员会, 基层群众性自治组织: a 社区's own
    if level is None and re.search(r"(?:办事处|人民政府|居民委员会|村民委员会|居委会|村委会)$", part):
        level = level_of(part)
    return level == unit


def community_share(clause: str, unit: int | None) -> tuple[str, str, str] | None:
    """(opening, modal, act) when the clause opens with a list of several bodies, some of them not
    community-level, and one the unit's own level or a body it guides: opening is "" (the unit's own
    act) or the guided bodies (居民委员会、村民委员会); None for any other clause."""
    if unit is None or unit < WORDS["local_levels_from"]:
        return None
    m = _LIST.match(clause.strip())
    if not m:
        return None
    from .practice import TOWARD, _object_level  # practice reads duty-holders through this module

    shares = listed_share(m.group("s"), unit)
    toward = TOWARD.match(m.group("rest"))
    if shares is None or (toward and _object_level(toward.group("o")) == unit):
        return None  # …居民委员会或者供养服务机构应当告知街道办事处: an act towards the unit
    return shares, m.group("m") or "", m.group("rest")


def listed_share(subject: str, unit: int | None) -> str | None:
    """For a subject listing several bodies, some not community-level: "" when one is the unit's own
    level, the bodies the unit guides joined by 、 when those are in it; None otherwise (a single
    body, or only the unit's and its guided bodies: duty.py's own rules)."""
    from .practice import pos_tags  # practice reads duty-holders through this module

    parts = [re.sub(r"^[^、]{0,12}的(?=[\u4e00-\u9fff]{3})", "", x.strip()) for x in _parts(subject) if x.strip()]
    first = next((w for w, _ in pos_tags(parts[0]) if w.strip()), "") if parts else ""
    if first in WORDS["act_verbs"]:
        return None  # 指导、监督业主大会、业主委员会…依法履行职责: the unit's act on bodies, not their list
    if unit is None or len(parts) < 2 or any(len(x) > _NAME_MAX and any(f.startswith("v") and f != "vn" for _, f in pos_tags(x))
                                             for x in parts):
        return None  # 居民委员会、村民委员会依法协助…做好…应|对: an act, not a list of names (扶养人所在单位 is one)
    own = [x for x in parts if _own_level(x, unit)]
    guided = [x for x in parts if unit in _GUIDED.get(x, ()) and x not in own]
    if not (own or guided) or len(own) + len(guided) == len(parts):
        return None
    return "" if own else "、".join(guided)


def for_community(clause: str, unit: int | None) -> str | None:
    """The clause as the unit's measure (see community_share), None when it is no such list.
    The guided bodies' duty is said as the unit's guidance of it (指导居民委员会…), their option
    as its support (支持…), as duty.py says a guided body's own duty."""
    share = community_share(clause, unit)
    if share is None:
        return None
    opening, modal, act = share
    if not opening:
        return (modal if modal in ("负责", "依法") else "") + act
    return WORDS["guide_wording"]["may" if modal in ("可以", "可") else "duty"].format(body=opening) + act


def later_share(sentence: str, unit: int | None) -> bool:
    """A later ，-clause of the sentence opens with a list of holders with the unit's share: a sentence
    going on with another's subject (对于急难型临时救助，要…，积极开展“先行救助”，乡镇人民政府（街道办事处）、
    县级人民政府民政部门可…) still names the unit's own act."""
    return any(community_share(c, unit) is not None for c in re.split(r"[，,]", sentence)[1:])
