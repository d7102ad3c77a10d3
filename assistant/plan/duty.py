"""A precedent's sentence as an instruction to the user's unit, and whose places it names.

A regulation states a duty with its holder as subject (街道办事处应当建立…, 社区矫正机构可以
通过…); a measure is addressed to the user's unit (动宾). So, clause by clause: a generic
duty-holder the unit can act as loses subject and modal (建立…); the duty of another body (a
court, the police, a higher level of government) or of a party the unit serves (申请人, 志愿者,
社区矫正对象) is left out of the measure — its quote stays, verbatim, in the appendix.
A case report's own sites: sites.py.
"""
from __future__ import annotations

import re

from .listed import community_share, for_community
from .party import accepted
from .practice import (
    _OTHER_BRANCH,
    TOWARD,
    WORDS,
    acts,
    assisted_level,
    bare_level,
    foreign_subject,
    guided,
    level_of,
    names_own_level,
    organisation,
    pos_tags,
    toward_unit,
)
from .precedents import is_action
from .sites import ACCOUNTS, attributed, named_sites, without_attribution  # noqa: F401  (plan modules import them from here)

# Subject, then a modal or a duty verb: 街道办事处应当…, 居民委员会依法协助…, 民政部门要…
_HOLDER = re.compile(r"^(?!应|须|必须|要|可以|依法|负责|及时|立即|按照|根据|依照|对|在|经|由|将|把)"
                     r"(?P<s>[^，。；：“”《》]{2,30}?)(?:也|还|均|都|亦)?"
                     r"(?P<m>应当|必须|(?<![相适供响反对])应(?![用急对])|须|(?<![主需重只将必])要(?![求素点])|"
                     r"可以|负责(?!人)|依法|有权)(?=[\u4e00-\u9fff])")
_ACT_VERBS = tuple(WORDS["act_verbs"])


def _holder(clause: str) -> re.Match | None:
    """_HOLDER's match, unless its "subject" opens with the unit's act (指导、监督业主大会…依法履行职责,
    指导、协调物业服务人依法…: 依法 is no modal after a subject there, the act goes on with the
    sentence's own holder)."""
    m = _HOLDER.match(clause)
    if not m:
        return None
    s = m.group("s")
    first = next((w for w, _ in pos_tags(s) if w.strip()), "")
    verb_led = first in _ACT_VERBS and (s[len(first):].startswith("、") or len(s) - len(first) >= 4) \
        and not _OTHER_BRANCH.search(s)  # 支持人民法院依法适用…: the court's own procedure stays the court's
    return None if verb_led else m


_BY = re.compile(r"^(?:应当|应|须|必须|可以|一般)?由([^，。；、]{1,14}?)(?:向|在|于|负责|提出|进行|办理|组织|填写|签字|(?P<lead>牵头))")
_CLAUSES = re.compile(r"([，；,;])")
_FRAME = re.compile(r"根据|按照|依照|依据|对(?!于)|针对|结合|围绕|通过|在|自[^，。；]{2,12}(?:起|内)")  # 自受理申请之日起15个工作日内，…  # 各地要根据…，…: the act follows
# A subject that is a matter, not an actor: 低保审核确认工作应当自受理之日起…完成.
_MATTER = re.compile(r"(?:工作|事项|信息|情况|材料|结果|意见|申请|程序|资金|经费|标准|制度|记录|证明|期限|时间|方案|规划)$")



def for_unit(sentence: str, unit: int | None | bool) -> str | None:
    """_for_unit_clauses, then a sentence about an overseen body's own staff and contracted work
    (健全项目经理回访沟通制度, 做好…门卫秩序维护…) said as the unit's oversight of that body. A party's
    application to the unit is first said as the unit's accepting it (party.py)."""
    sentence = accepted(sentence, unit) or sentence
    text = _for_unit_clauses(sentence, unit)
    return staff_overseen(text, unit) if text and unit is not False else text


_ROLES = WORDS["overseen_roles"]
_ROLE_WORDS = re.compile("|".join(map(re.escape, sorted(_ROLES, key=len, reverse=True))))
_ALREADY = re.compile("(?:{})[^。；]{{0,12}}(?:{}|{})".format(
    "督促|指导|监督|引导|要求|规范|检查", _ROLE_WORDS.pattern,
    "|".join(map(re.escape, WORDS["overseen_bodies"]))))


def staff_overseen(text: str, unit: int | None) -> str:
    """督促物业服务企业… before a sentence that names the staff or contracted work of a body the unit
    oversees (项目经理, 门卫) and does not already say who oversees it: that work is the body's own."""
    m = _ROLE_WORDS.search(re.sub(r"“[^”]*”", "", text))  # “党员项目经理”: a name of a practice, no staff
    if unit is None or unit < WORDS["oversee_from"] or not m or _ALREADY.search(text):
        return text
    return _oversee(_ROLES[m.group(0)], "", text)


def _for_unit_clauses(sentence: str, unit: int | None | bool) -> str | None:
    """The sentence with each duty-holder's subject and modal removed where the unit can hold
    that duty, and the clauses that are another's duty left out, with what depends on them:
    the clauses after one (until the next ；) and the non-acting ones before it (its subject
    or condition). None when no clause that acts is left. unit=False: as written (whether the
    library holds a practice at all does not depend on whose duty it states)."""
    if unit is False:
        return sentence
    parts = _CLAUSES.split(sentence)
    kept: list[list[str]] = []  # [clause, separator]
    changed = dropping = dropped = False
    inherited: str | None = None  # the subject the next subjectless ；-clause goes on with: "" dropped, or 指导X
    pending: list[str] | None = None  # a party's condition (…的，) just dropped: kept if a duty it triggers is
    for i in range(0, len(parts), 2):
        clause, sep = parts[i].strip(), parts[i + 1] if i + 1 < len(parts) else ""
        holder = bool(_holder(clause)) or community_share(clause, unit if unit is not True else None) is not None
        after_semicolon = i > 0 and parts[i - 1] in "；;"
        goes_on = inherited is not None and not holder and subjectless(clause)
        if goes_on and inherited and not after_semicolon:
            new = clause  # …，接受业主的咨询: under the wording that opened the sentence
        elif goes_on and inherited:
            new = inherited + MODAL_OPEN.sub("", clause)  # …；主动参加… → …；督促业主委员会主动参加…
        else:
            carried = (dropping or goes_on) and not holder and not own_subject(clause, unit)
            new = "" if carried else _clause_for_unit(clause, unit)
        if i == 0 or after_semicolon:  # a ；-segment's first clause: whose the segments after it are
            if holder or (_opening_or_acting(clause) and new != clause):
                inherited = _said_as(clause, new)
            elif not goes_on:
                inherited = None
        if not new and _BY.match(clause):  # 申请…，应当由本人提出: the clauses before it are the party's too
            while kept and kept[-1][1] not in "；;":
                kept.pop()
        changed |= new != clause
        dropped |= not new
        if new and holder and pending:  # 赡养人不履行义务的，[居委会应当]督促其履行: the trigger of a kept duty
            kept.append(pending)
        pending = [clause, sep] if not new and not holder and sep in "，," and clause.endswith(_CONDITION) else None
        if new:
            kept.append([new, sep])
        elif holder:
            while kept and kept[-1][1] not in "；;" and not acts(kept[-1][0]):
                kept.pop()  # 社区矫正对象的监护人、家庭成员，(所在单位)应当…: its subject goes too
        if not new and sep in "；;" and sep and kept:
            kept[-1][1] = sep
        dropping = not new and sep not in "；;"
    if not changed:
        return sentence
    text = "".join(c + sep for c, sep in kept).rstrip("，；,;")
    return text if text and (acts(text) or not dropped) else None


_SUBJECT_FRAME = re.compile(r"在[^，。；]{1,12}?(?:中|时|后|期间)$")
# The one-character modals, not the words they open (应急, 应对, 要求, 须知) nor 应保尽保: shared by compose.py.
YING, YAO, XU = r"应(?![急用对收届聘征]|[\u4e00-\u9fff]尽)", r"要(?![求素点])", r"须(?!知)"
MODAL_OPEN = re.compile(rf"^(?:也|还|并)?(?:应当|必须|{YING}|{XU}|{YAO})(?=[\u4e00-\u9fff])")


def subjectless(clause: str) -> bool:
    """A clause with no subject of its own (引导机关…, 要通过…, 并组织…): it goes on with the
    subject stated before it in its sentence or paragraph."""
    if MODAL_OPEN.match(clause):
        return True
    toks = [t for t in pos_tags(clause[:12]) if t[0].strip()]
    return bool(toks) and toks[0][1] in WORDS["subjectless_openers"]


def _opening_or_acting(clause: str) -> bool:
    """A clause that opens with a body of the 小区 or 社区 and its act (业委会主动参加…)."""
    return bool(_OPENING.match(clause))


def _said_as(clause: str, new: str) -> str:
    """What a holder clause's subject became in the measure: "" when the duty is another's and
    left out, the wording that names the body (督促业主委员会, 指导居民委员会) when it stays as
    the one the unit oversees, None when the duty is the unit's own (its act goes on as the unit's)."""
    if not new:
        return ""
    k = 0
    while k < min(len(new), len(clause)) and new[-1 - k] == clause[-1 - k]:
        k += 1
    prefix = _SUBJECT_FRAME.sub("", new[:len(new) - k])  # 督促业主委员会在履职过程中 → 督促业主委员会
    return prefix if prefix and not clause.startswith(prefix) and prefix not in ("负责", "依法") else None


def _clause_for_unit(clause: str, unit: int | None) -> str:
    if higher_instrument(clause, unit) or addresses_local_governments(clause, unit):
        return ""  # 鼓励境外资本投资养老服务业, 支持各地加大…: a policy only a government above the unit makes
    listed = for_community(clause, unit)
    if listed is not None:
        return listed  # 学校、居民委员会…应当及时报案 → 指导居民委员会…: the community bodies' share of a listed duty
    clause = _own_items(clause, unit)
    if _to_own_level(clause, unit):
        return ""  # (应当)及时告知乡镇人民政府 for a 镇: someone reports to the unit, it does not report to itself
    by = _BY.match(clause)  # 应当由本人向…提出书面申请: the actor follows 由
    if by and (not organisation(by.group(1)) or foreign_subject(by.group(1), unit)):
        return ""
    if by and by.group("lead") and assisted_level(by.group(1), unit):
        return _assist(by.group(1), clause[by.end():])  # 由街镇牵头组建… → 配合街镇组建…
    m = _holder(clause)
    if not m:
        opening = _opening_body(clause, unit)
        return opening if opening is not None else _acting_body(clause, unit)
    subject, rest = re.sub(r"[（(][^）)]*[）)]", "", m.group("s")), clause[m.end():]
    frame = _SUBJECT_FRAME.search(subject)
    if frame and subject[:frame.start()]:  # 业主委员会在履职过程中要…: the body, then when it acts
        subject, rest = subject[:frame.start()], frame.group(0) + rest
    if _MATTER.search(subject):
        return clause  # 低保审核确认工作应当…完成: a rule about a matter, no other actor
    if overseen(subject, unit) and (acts(rest) or _FRAME.match(rest)):
        return _oversee(subject, m.group("m"), rest)  # 物业服务企业应当公开… → 督促物业服务企业公开…
    if guided(subject, unit) and not toward_unit(subject, rest, unit) and (acts(rest) or _FRAME.match(rest)):
        return _guide(subject, m.group("m"), rest)  # 居民委员会应当组织… → 指导居民委员会组织… (for a 街镇)
    if not organisation(subject) or foreign_subject(subject, unit) or toward_unit(subject, rest, unit) \
            or not (acts(rest) or _FRAME.match(rest)):
        return ""  # 申请人应当…, 公安机关应当…, 所在单位或者就读学校应当…, 评估机构应能够…: another's duty
    if assisted_level(subject, unit):
        return _assist(subject, rest)  # 街镇应当及时组建… → 配合街镇及时组建…
    return (m.group("m") if m.group("m") in ("负责", "依法") else "") + rest  # 依法协助…: part of the act


def overseen(subject: str, unit: int | None) -> bool:
    """A body of the 小区 or 社区 (物业服务企业, 业主委员会, 志愿服务组织) that a 街镇 or 社区
    unit oversees: its duty is no act of the unit's, but the unit sees that it is done."""
    return unit is not None and unit >= WORDS["oversee_from"] and subject.strip() in WORDS["overseen_bodies"]


def _guide(body: str, modal: str, act: str) -> str:
    return WORDS["guide_wording"]["may" if modal == "可以" else "duty"].format(body=body) + act


_OPENING = re.compile("^(?P<b>(?:{0})(?:(?:、|和|或者|及)(?:{0}))*)(?=(?:通过|以|主动|共同|在|按照|根据|依法|对|负责|组织|召开|承担|开展|履行)[\u4e00-\u9fff])".format(
    "|".join(map(re.escape, sorted([*WORDS["guided_bodies"], *WORDS["overseen_bodies"]], key=len, reverse=True)))))


def _opening_body(clause: str, unit: int | None) -> str | None:
    """A clause that opens with a guided or overseen body and its act, without a modal (业主大会通过召开…,
    业委会主动参加…): the act said as the unit's guidance or oversight of that body; None otherwise."""
    m = _OPENING.match(clause)
    if not m:
        return None
    body, rest = m.group("b"), clause[m.end():]
    if toward_unit(body, rest, unit):
        return None  # 居民委员会协助街道办事处…: the body's act towards the unit
    if guided(body, unit):
        return _guide(body, "", rest)
    return _oversee(body, "", rest) if all(overseen(x, unit) for x in re.split(r"、|和|或者|及", body)) else None


def _oversee(body: str, modal: str, act: str) -> str:
    """An overseen body's duty said as the unit's oversight of it (督促…), its option as the
    unit's guidance (引导…), the body named."""
    return WORDS["oversee_wording"]["may" if modal == "可以" else "duty"].format(body=body) + act


_ENGAGES = {k: re.compile(r"^[^，。；]{{0,8}}?(?:{})(?P<o>[^，。；]+)".format("|".join(v))) for k, v in WORDS["engage_verbs"].items()}
_OWN_LEVEL_WORDS = {int(k): re.compile(v) for k, v in WORDS["own_level_words"].items()}


def engages_unit(body: str, rest: str, unit: int | None, verbs: str = "convene") -> bool:
    """A body's act that convenes or engages bodies of the unit's level. "convene" (区房屋管理部门每月组织
    辖区内街镇、物业服务企业召开点评会): a higher body's, the unit takes part in it, said as 配合{body}….
    "engage" (组织动员乡镇（街道）干部…走访, 指导街道…; actor.py): any body's, the sentence is the unit's work."""
    m = _ENGAGES[verbs].match(rest)
    if unit is None or unit < WORDS["local_levels_from"] or not m:
        return False
    level = level_of(body) if body else None
    if verbs == "convene" and (level is None or level >= unit):
        return False
    obj = m.group("o") if verbs == "engage" else m.group("o")[:16]
    own = _OWN_LEVEL_WORDS.get(unit)
    return (verbs == "convene" and names_own_level(obj, unit, unit)) or (verbs == "engage" and bool(own and own.search(obj)))


def _assist(body: str, act: str) -> str:
    """The act of the body a 社区 or 村 assists, said as the unit's help with it, the body named."""
    return WORDS["assist_wording"].format(body=body) + act


def _to_own_level(clause: str, unit: int | None) -> bool:
    """A clause without a subject that reports to, or assists, a body of the unit's own level."""
    rest = re.sub(r"^(?:也|还|均)?(?:应当|应|须|必须|要)?", "", clause.strip())
    m = TOWARD.match(rest)
    return unit is not None and bool(m) and level_of(m.group("o")) == unit


def _acting_body(clause: str, unit: int | None) -> str:
    """A clause that opens with a body and its act, without a modal (各地民政部门发现…的,
    社区党委、居委会不断创新…): the act is the unit's, or, if the body is another, none.
    The longest opening that names bodies wins (民政部门, not 民政部)."""
    ends = _word_ends(clause)
    for end in range(min(len(clause) - 2, 24), 1, -1):
        body, rest = clause[:end], clause[end:]
        if end not in ends or rest.startswith(_MEMBERS):
            continue  # 物业所|在地的…: 所在地 is one word, 物业所 no body; 居民委员会|组成人员: a person, not its act
        if body in WORDS["served_parties"] and (acts(rest.removesuffix("的")) or _FRAME.match(rest)
                                                or rest.endswith(_CONDITION)):
            return ""  # 老年人家庭根据…承担相应费用, 志愿者因故不能…的: what a served party does
        if organisation(body) and _noun_phrase(body) and (acts(rest.removesuffix("的")) or _FRAME.match(rest)):
            if guided(body, unit) and not toward_unit(body, rest, unit):
                return _guide(body, "", rest)  # 物业管理委员会组织… → 指导物业管理委员会组织…, not 组织…
            if engages_unit(body, rest, unit):
                return _assist(body, rest)
            return "" if foreign_subject(body, unit) or toward_unit(body, rest, unit) else rest
        if organisation(body) and _noun_phrase(body) and foreign_subject(body, unit) and _verb_first(rest):
            # 区委牵总协调: a higher body's act, whatever its verb; 区房屋管理部门每月组织辖区内街镇…: the unit's part
            return _assist(body, rest) if engages_unit(body, rest, unit) else ""
    return clause


_MEMBERS = tuple(WORDS["body_members"])
_CONDITION = ("的", "时", "后")  # 志愿者因故不能按照约定提供志愿服务的，…: the party's condition, its duty follows
_INSTRUMENTS = re.compile("|".join([*map(re.escape, WORDS["higher_level_instruments"]), *WORDS["higher_level_acts"]]))


def higher_instrument(clause: str, unit: int | None) -> bool:
    """A clause that uses a policy instrument only a government above a 街镇 holds (境外资本,
    税收优惠, 用地指标): no act of a 街镇's or 社区's."""
    return unit is not None and unit >= WORDS["local_levels_from"] and bool(_INSTRUMENTS.search(clause))


_TO_LOCAL = re.compile("^(?:{})?(?:鼓励|支持|指导|督促|要求|推动|引导|允许)(?:{})".format(
    "|".join(["积极", "大力", "进一步", "继续"]),
    "|".join(map(re.escape, sorted({*WORDS["local_governments"], "各省", "各省份"}, key=len, reverse=True)))))


def addresses_local_governments(clause: str, unit: int | None) -> bool:
    """A clause in which a higher body tells the local governments what to do (支持各地加大…,
    鼓励各地制定…标准): no act of a 街镇's or 社区's."""
    return unit is not None and unit >= WORDS["local_levels_from"] and bool(_TO_LOCAL.match(clause.strip()))


_ITEM_SEP = re.compile(r"、|和")
_PREP_OBJECT = re.compile(r"(?:对|向|与|同|为|由|从)[^，。；、]{1,12}$")  # the list is a preposition's objects


def _own_items(clause: str, unit: int | None) -> str:
    """A clause listing several bodies' acts (加强街镇每月排查、区房屋管理部门每月抽查和市房屋管理局专项检查工作)
    without the items that open with a higher body and its act: 加强街镇每月排查工作."""
    if unit is None or "、" not in clause or not is_action(clause):
        return clause  # 村民委员会、居民委员会或者…应当告知…: a list of subjects, not of acts
    items = _ITEM_SEP.split(clause)
    if _PREP_OBJECT.search(items[0]):
        return clause  # 组织居民对街道办事处、乡镇人民政府和区…进行工作评价: bodies the act is towards
    foreign = [i > 0 and _higher_act(x, unit) for i, x in enumerate(items)]
    if not any(foreign):
        return clause
    kept = [x for x, f in zip(items, foreign) if not f]
    tail = next((w for w in ("工作", "活动", "机制") if items[-1].endswith(w)), "") if foreign[-1] else ""
    return "、".join(kept) + (tail if tail and not kept[-1].endswith(tail) else "")


def _higher_act(item: str, unit: int | None) -> bool:
    """The item opens with a body of a higher level and its act (区房屋管理部门每月抽查)."""
    ends = _word_ends(item)
    for end in range(min(len(item) - 2, 16), 1, -1):
        body, rest = item[:end], item[end:]
        level = level_of(body)
        if end in ends and organisation(body) and _noun_phrase(body) and level is not None and level < unit \
                and any(f.startswith("v") for w, f in pos_tags(rest)[:3] if w.strip()):
            return True  # 区房屋管理部门每月抽查, 市房屋管理局专项检查工作
    return False


def own_subject(clause: str, unit: int | None) -> bool:
    """The clause opens with a body of the unit's own level and its act (街道、社区党组织积极引导…):
    it has a subject of its own and does not go on with the other body's clause before it."""
    if unit is None:
        return False
    ends = _word_ends(clause)
    for end in range(min(len(clause) - 2, 24), 1, -1):
        body, rest = clause[:end], clause[end:]
        if end in ends and organisation(body) and _noun_phrase(body) and acts(rest) \
                and not foreign_subject(body, unit) and any(level_of(x) == unit or bare_level(x) == unit
                                                            for x in re.split(r"、|和|及", body)):
            return True
    return False


def _verb_first(rest: str) -> bool:
    """The words after a body open with a verb, after any adverb or time word (每月抽查, 牵总协调)."""
    toks = [f for w, f in pos_tags(rest[:12]) if w.strip()]
    while toks and toks[0] in ("d", "t", "r", "m", "q", "zg"):  # zg: 每 (每两个月组织…)
        toks = toks[1:]
    return bool(toks) and toks[0].startswith("v") and toks[0] != "vn" or (bool(toks) and toks[0] == "vn" and len(toks) == 1)


def _word_ends(clause: str) -> set[int]:
    """The offsets where the tagger ends a word in the clause."""
    out, pos = set(), 0
    for w, _ in pos_tags(clause):
        pos += len(w)
        out.add(pos)
    return out


# The verbs the unit's own wording puts before a body it guides, oversees or assists (指导…, 督促…).
_UNIT_VERBS = frozenset(re.sub(r"\{body\}", "", w) for w in (*WORDS["guide_wording"].values(),
                                                            *WORDS["oversee_wording"].values(), WORDS["assist_wording"]))


def _noun_phrase(body: str) -> bool:
    """Names only (各地民政部门, 社区党委、居委会), no verb, adverb or particle (not 组织,
    not 社区党组织书记每月至少参加一次街道党工委)."""
    words = [(w, f) for w, f in pos_tags(body) if w.strip()]
    if words and words[0][0] in _UNIT_VERBS:
        return False  # 指导居民委员会 (指导 tagged vn): the unit's act on a body, not a body
    tags = [f for _, f in words]
    return bool(tags) and tags[0] != "c" and not any(
        (f.startswith("v") and f != "vn") or f in ("d", "p", "m") or f.startswith("u") for f in tags)
