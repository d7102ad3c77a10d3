"""Whose work a precedent states: the user's unit's (or a community-level body's that the unit
guides, oversees or assists), another body's, or no one's named.

A law on a matter names many duty-holders (社区矫正机构应当…, 居民委员会依法协助…); a street
office's plan is built from the articles that name the street or the community-level bodies, not
from the articles of an agency, a court or a department that happen to hold the topic's words
more densely (cadre review 30: 6 of 8 社区矫正 measures were the 社区矫正机构's duties).
"""
from __future__ import annotations

import re

from ingest.model import Document

from .bodies import _ORGANS, _OTHER_BRANCH, WORDS, _level_of_part, _parts, bare_level, organisation
from .duty import engages_unit, guided, overseen
from .listed import community_share, later_share
from .party import accepted
from .practice import own_duty
from .precedents import Point, strip_ordinal

OWN, OTHER = "own", "other"
# A duty-holder, then its modal or a duty verb (社区矫正机构应当…, 居民委员会依法协助…, 各级民政部门要…).
_HOLDER = re.compile(r"^(?P<s>[^，。；：“”《》]{2,40}?)(?:也|还|均|都|亦)?"
                     r"(?:应当|必须|应(?![用急对])|须|要(?![求素点])|可以|负责(?!人)|依法|有权|会同|根据需要)"
                     r"(?P<rest>[^。；]*)")
# A body's name, then its act without a modal (县级民政部门组织动员…, 社区矫正机构根据需要…).
_BODY = re.compile(r"^(?P<s>[^，。；：“”《》]{0,20}?(?:部门|局|厅|机构|机关|办事处|人民政府|政府|法院|检察院|居民委员会|村民委员会|居委会|村委会))"
                   r"(?P<rest>[\u4e00-\u9fff][^。；]*)")
# An unnamed issuer's act on the body (鼓励养老机构利用…, 支持社会组织…): the body is its object, no duty-holder.
_ON_BODY = re.compile(r"^(?:鼓励|支持|引导|推动|动员|允许|要求|督促|指导)")
_CONDITION = re.compile(r"^[^，。；]{2,30}(?:的|时|后)，")
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇]+条\s*")
_OWN_ORGAN = re.compile(r"(?:办事处|人民政府|政府|党工委|党委)$")
_COMMITTEES = tuple(WORDS["community_committees"])
# A list of holders closed by a comma before its modal (共产主义青年团、妇女联合会…以及有关社会组织，应当协助…).
_LEADING = re.compile(r"^(?P<s>[^。；：“”《》]{2,80}?)，?(?:也|还|均|都|亦)?(?:应当|必须|应(?![用急对])|须|要(?![求素点])|可以|负责(?!人)|依法|有权)")
_OTHERS = re.compile("(?:^|的)(?:其他)?(?:{})$".format("|".join(map(re.escape, WORDS["other_holders"]))))
_UNNAMED = frozenset(x for x in WORDS["generic_subjects"] if x not in WORDS["local_governments"]
                     and bare_level(x) is None and x != "国家")  # 各级, 属地: may be the unit too


def _community(level: int | None, unit: int) -> bool:
    """The unit's own level, or the level it works with (a 街镇's 社区 and 居委会; a 社区's 街镇)."""
    return level is not None and (level == unit or (unit == 4 and level == 5) or (unit == 5 and level == 4))


def own_part(part: str, unit: int) -> bool:
    """The body is the unit's level or a community-level body (街道办事处, 乡镇（街道）, 居民委员会,
    村（社区））."""
    organ = next((lv for lv, pat in _ORGANS if re.fullmatch(pat, part)), None)
    if organ is not None or bare_level(part) is not None:
        return _community(organ if organ is not None else bare_level(part), unit)
    return _OWN_ORGAN.search(part) is not None and _community(_level_of_part(part), unit)


def sentence_actor(sentence: str, unit: int) -> str:
    """OWN when the sentence's duty-holder is the unit's or a community-level body, or a higher
    body's act convenes the unit's level (县级民政部门组织动员乡镇（街道）干部…); OTHER when every
    body of its duty-holder is another (社区矫正机构, 民政部门, 决定机关); "" when it names none."""
    s = _ARTICLE.sub("", strip_ordinal(sentence)).strip()
    if accepted(s, unit):
        return OWN  # 申请…应当向街道办事处提出: the unit accepts it (party.py)
    for clause in re.split(r"[；。]", s)[:2]:
        if others_hold(clause.strip(), unit):
            return OTHER  # 共青团、妇联…，应当协助…; 国家鼓励…; 未成年人的父母…发现…的，应当…
        clause = _CONDITION.sub("", clause.strip())  # 社区矫正对象失去联系的，社区矫正机构应当…
        if community_share(clause, unit) is not None:
            return OWN  # 学校、…、居民委员会…应当…: a list of holders, longer than one body's name, with the unit's share
        m = _HOLDER.match(clause) or _BODY.match(clause)
        subject = re.sub(r"^(?:其他|有关)", "", m.group("s")) if m else ""
        if not subject and later_share(clause, unit):
            return OWN  # 对于…，要…，乡镇人民政府（街道办事处）、县级人民政府民政部门可…: the holders come later
        parts = _parts(subject) or [subject]
        if not subject or _ON_BODY.match(subject) or not (organisation(subject) or any(own_part(x, unit) for x in parts)
                               or _OTHER_BRANCH.search(subject)):
            continue
        if any(own_part(x, unit) for x in parts) or engages_unit(subject, m.group("rest"), unit) \
                or engages_unit(subject, m.group("rest"), unit, "engage"):
            return OWN
        if any(guided(x, unit) or overseen(x, unit) or x.endswith(_COMMITTEES) for x in parts):
            return ""  # 业主委员会应当…, 人民调解委员会应当…: the unit's oversight (duty.py) or a 居委会's committee
        return "" if any(x in _UNNAMED for x in parts) else OTHER
    return ""


def others_hold(clause: str, unit: int) -> bool:
    """The clause's duty-holder opens with a body that is never the unit's (other_holders: 国家, 共青团,
    学校, 父母…) and none of its bodies is the unit's level, a body it guides or a 居委会's committee."""
    m = _LEADING.match(clause) or re.match(r"^(?P<s>国家)(?!机关)", clause)
    parts = [x for x in _parts(m.group("s")) if x.strip()] if m else []
    if not parts or not _OTHERS.search(parts[0]):
        return False
    return not any(own_part(x, unit) or guided(x, unit) or overseen(x, unit) or x.endswith(_COMMITTEES) for x in parts)


_GENERAL = re.compile("(?:{})$".format("|".join(map(re.escape, sorted(WORDS["general_units"], key=len, reverse=True)))))


def general_unit(name: str) -> bool:
    """The unit is a 街镇's or 社区's general body (和平街道办事处, XX社区), not a functional station of
    that level (XX街道司法所) that may do an agency's work by commission."""
    return bool(_GENERAL.search(re.sub(r"\s+", "", name or "")))


def whose_work(p: Point, doc: Document, unit: int | None) -> str:
    """OWN when any of the point's sentences is the unit's or a community-level body's work, else
    OTHER when one names another body as its duty-holder, else "" (a policy's subjectless
    measure, addressed to whoever carries the policy out)."""
    if unit is None or unit < WORDS["local_levels_from"]:
        return ""  # a 区民政局 is itself one of the 各级民政部门: whose work is the 街镇's and 社区's question
    found = [sentence_actor(doc.text[s:e], unit) for s, e in p.body]
    return OWN if OWN in found else (OTHER if OTHER in found else "")


def mark_duty(p: Point, doc: Document, unit: int | None, general: bool = True) -> None:
    """Set the point's own, level and other for the measures' order (similarity.rank): the unit's
    level's duty (practice.own_duty) or a community-level body's; another body's, for a general
    unit only (a functional station may do an agency's work by commission)."""
    whose = whose_work(p, doc, unit)
    p.level = own_duty(p, doc, unit)
    p.own, p.other = p.level or whose == OWN, whose == OTHER and general
    p.party = bool(p.body) and accepted(doc.text[p.body[0][0]:p.body[0][1]], unit) is not None
