"""A party's application to the unit, said as the unit's task (stop 38).

A statute often gives a 街道办事处's part in a procedure only as the place a party applies to
(社会救助暂行办法第三十条: 申请医疗救助的，应当向乡镇人民政府、街道办事处提出，经审核、公示后，由县级人民政府
医疗保障部门审批). The duty pass (duty.py) reads that as the applicant's duty and leaves nothing, so the
clause gave no measure, and quoting it as written (stop 37) printed the applicant's step as the plan's.
The unit's own part is to accept the application, and the rest of the sentence is the procedure that
follows: 受理医疗救助申请，经审核、公示后，由县级人民政府医疗保障部门审批. Only the opening clauses change;
every other word is the clause's own (the grounding check reads it against the quote)."""
from __future__ import annotations

import re

from .bodies import WORDS, _parts, level_of

_WORDS = WORDS["party_application"]
_TO = "|".join(map(re.escape, _WORDS["to"]))
# (who)申请(what)(的)，(应当|可以)(由…)(经由|向)(bodies)提出(书面)(申请): the application, then what follows.
_APPLY = re.compile(
    r"^(?P<who>[^，；。、“”]{0,12}?)申请(?P<what>[^，；。“”]{2,20}?)的?，"
    r"(?:应当|可以|须|应)?(?:由(?P<by>[^，；。]{1,12}?))?(?:" + _TO + r")(?P<to>[^，；。]{2,60}?)"
    + re.escape(_WORDS["act"]) + r"(?:书面)?(?:申请)?(?=[，；。]|$)")


def receives(bodies: str, unit: int | None) -> bool:
    """One of the bodies the application goes to is of the unit's own level (乡镇人民政府、街道办事处
    for a 街道; 居民委员会 for a 社区)."""
    if unit is None or isinstance(unit, bool):
        return False  # no unit named, or True/False: the points as written (draft.usable)
    parts = _parts(re.sub(r"^(?:户籍|所在地|经常居住地|物业)*所在地的?|或者直接(?:{})".format(_TO), "、", bodies))
    return any(level_of(x) == unit for x in parts + [bodies] if x)


def accepted(sentence: str, unit: int | None) -> str | None:
    """The sentence with a party's application to the unit said as the unit's act of accepting it
    (受理医疗救助申请，…), or None when it states no such application."""
    m = _APPLY.match(sentence)
    if not m or not receives(m.group("to"), unit):
        return None
    who = m.group("who").strip()
    who = "" if who == "本人" else who
    return _WORDS["said_as"].format(who=who, what=m.group("what")) + sentence[m.end():]
