"""Whether a precedent's sentence states a practice the user's unit can take up.

A practice is an action a unit takes (动宾: 建立…机制, 组织…活动). Not practices: a
description of a person (先进事迹), a result or statistic, a scoring rule of an evaluation
scheme, a policy rule stated as a fact (公示期为7天), and a statutory duty of a level of
government above the user's unit (市民政局发布目录 is nothing a 街道 centre can do).
"""
from __future__ import annotations

import functools
import re

from ingest.model import Document

from .bodies import (  # noqa: F401  (also imported from here by tests and other plan modules)
    _LEVELS,
    _ORGANS,
    _OTHER_BRANCH,
    LEVELS,
    ORG,
    PARTY,
    WORDS,
    _level_of_part,
    _parts,
    assisted_level,
    bare_level,
    foreign_subject,
    guided,
    level_of,
    local_government,
    organisation,
    unit_level,
)
from .listed import listed_share
from .party import accepted
from .precedents import _ORDINAL, Point, is_action, strip_ordinal

_SUBJECT = re.compile(r"^(?P<s>[^，。；：]{2,26}?)(?:应当|应|须|必须|要|负责|可以|会同|发布|制定|确定|审核|决定|公布)")
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇]+条\s*")

_PERSON = re.compile(r"从事.{0,10}工作.{0,6}年|群众基础|精神强|威信高|(?:^|[，。；])(?:他|她)(?:们)?(?!人)|"
                     r"同志[，。是的]|任职以来|担任.{0,12}以来|荣获|被评为|获评|被授予|先进事迹")
_SCORE = re.compile(r"\d+(?:\.\d+)?\s*分(?![之钟别类期批级])|[占按]\S{0,6}?\d+(?:\.\d+)?\s*[%％]|权重|分值|得分|满分|扣分|加分")
_RESULT = re.compile(r"了(?:\d|[一二三四五六七八九十百千两]+[个名家户人次件项场])|(?:选出|评出|培养出|涌现出)\d")
_PREAMBLE = re.compile(r"现就.{0,40}(?:提出|通知)|提出如下|如下(?:意见|通知)|特制定本|制定本(?:办法|方案|意见|规定|细则|条例|法|规则|标准|规范|计划|实施方案|实施意见|实施细则)")
_TABLE = re.compile(r"[\u4e00-\u9fff）)] +[\u4e00-\u9fff（(].*[\u4e00-\u9fff）)] +[\u4e00-\u9fff（(]")  # cells of a row
_OWN_PLACE = re.compile(r"^我(?:市|区|县|省|镇|街道|乡)")  # 我市…服务通过政府支持…: how one place works, described
# A goal of a plan's 发展目标 (——产业规模显著扩大。…): a state to reach, not an act.
_GOAL = re.compile(r"^——[^，。；]{2,16}(?:显著|明显|更加|全面|基本|大幅|持续|不断|进一步)[\u4e00-\u9fff]{1,4}(?:[，。；]|$)")
_STATE = re.compile(r"比较完善|较为完善|配备齐全|设施齐全|建设达标|运转正常|成效明显|效果显著")  # a state described
_ENTITLED = re.compile(r"(?:均|都)可(?:以)?(?:按需)?申请|可(?:以)?(?:继续)?享(?:有|受)|"
                      r"可(?:以)?申请[^，。；]{0,10}(?:补贴|救助|资助|补助)")  # who may claim: a rule
# An action and its purpose, nothing on how: 逐步建立完善…保障机制，为提升…提供条件
_SLOGAN = re.compile(r"[^，；：]{4,32}，(?:为[^，；]{2,30}提供[^，；]{0,8}(?:条件|保障|支撑|环境)|"
                     r"(?:提升|提高|增强|推动|促进|确保|实现)[^，；]{2,24})[。；;]?")
_SCHEDULE = re.compile(r"从\d{1,2}月\d{1,2}日(?:开始|起)|\d{1,2}月\d{1,2}日(?:结束|止)")  # this round's dates
# A notice's addressees (各省、自治区、直辖市民政厅（局）…：) and why a thing matters (…，是完善…的
#重要内容; …，有利于…): neither says what to do.
_ADDRESS = re.compile(r"^各[\u4e00-\u9fff（）()、，,]{2,80}[：:]$")
_WHY = re.compile(r"有利于|，是[^，。；]{2,40}的(?:重要|必然|有效|基本|根本)|仍需|亟待")
_RULE = re.compile(r"^[^，。；]{2,12}(?:期|期限|标准|时限|时间)(?:为|是)")  # 公示期为7天: a rule, not an act
_NARRATIVE = re.compile("|".join(map(re.escape, WORDS["narrative_markers"])))  # 冒着炎炎酷暑…: a story
_PRINCIPLE = re.compile("|".join(WORDS["principle_patterns"]))  # …坚持…相结合, 应当保障…合法权益: no measure
_LIABILITY = re.compile("|".join(WORDS["liability_patterns"]))  # …的，依法承担赔偿责任: a court's matter
_LIABILITY_CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇]+章\s*(?:{})".format("|".join(WORDS["liability_chapters"])))
_FORBID = re.compile("|".join(WORDS["prohibition_words"]))
# A duty's modal; a one-character one not inside a word (相应, 应急, 需要, 要求, 重要).
_MODAL = re.compile("|".join(w for w in WORDS["duty_modals"] if len(w) > 1) +
                    r"|(?<![相适响供反对回效答理])应(?![急用对收届聘征])|(?<![必无])须(?![知])"
                    r"|(?<![需重主只纪提必概首摘])要(?![求点素件害闻案务])")



def subject_of(sentence: str) -> str:
    """The organisation that acts in a regulation's sentence (县级人民政府民政部门应当… → 县级…部门)."""
    s = _ARTICLE.sub("", strip_ordinal(sentence))
    for clause in re.split(r"[，；]", s)[:3]:
        m = _SUBJECT.match(clause.strip())
        if m and re.search(ORG + "|本市|本省|各省", m.group("s")):
            return m.group("s")
    return ""



_URBAN = re.compile(r"街道|居委会|居民委员会|居民区|城市社区|(?<!农村)社区")
_RURAL = re.compile(r"乡|镇|村")
_RURAL_TEXT = re.compile(r"农村(?!和城市)|乡村")  # 改善农村社区医疗卫生条件
_URBAN_TEXT = re.compile(r"城市社区|城区")


def unit_setting(unit: str) -> str:
    """"urban" for a 街道 or 居委会 unit, "rural" for a 乡镇 or 村, "" when the name says neither
    or both (XX街道社区卫生服务中心 is urban: its first place word decides)."""
    u = re.sub(r"^[Xx×]+", "", unit or "")
    m = [(x.start(), kind) for kind, pat in (("urban", _URBAN), ("rural", _RURAL)) if (x := pat.search(u))]
    return min(m)[1] if m else ""


def wrong_setting(p: Point, doc: Document, setting: str) -> bool:
    """A practice for the other setting: its heading or first sentences are about 农村 work (not
    城乡) for an urban unit, or about 城市社区 for a rural one."""
    text = strip_ordinal(p.head) + " " + " ".join(doc.text[s:e] for s, e in p.body[:2])
    if "城乡" in strip_ordinal(p.head) + re.split(r"[，。；]", doc.text[p.body[0][0]:p.body[0][1]])[0]:
        return False  # 统筹城乡…: both settings
    return bool(setting == "urban" and _RURAL_TEXT.search(text)) or bool(setting == "rural" and _URBAN_TEXT.search(text))


def toward_unit(subject: str, rest: str, unit: int | None) -> bool:
    """A body of another level reports to, or assists, a body of the unit's level (村民委员会…
    应当告知乡镇人民政府… for a 镇; 街道办事处应当指导居民委员会… for a 居委会): the act is the
    other body's, done towards the unit."""
    level = level_of(subject) if unit is not None else None
    m = TOWARD.match(rest)
    return level is not None and level != unit and bool(m) and _object_level(m.group("o")) == unit


def _object_level(obj: str) -> int | None:
    """The level of the body an act is done towards (乡镇人民政府 → 4, 居民委员会建立… → 5)."""
    organ = next((lv for lv, pat in _ORGANS if re.match(pat, obj)), None)
    return level_of(obj) if organ is None else organ


TOWARD = re.compile(r"(?:及时)?(?:告知|报告|报送|上报|协助|配合|提请|指导|督促|向)(?P<o>[^，。；]{2,24})")
# 发挥行业协会纽带作用: a heading naming another body's role; what follows is that body's work.
_ROLE = re.compile(r"^(?:充分|积极|更好)?发挥(?P<b>[^，。；]{2,16}?)作用")


def others_role(head: str, unit: int | None) -> bool:
    """The heading names another body's role (发挥行业协会纽带作用, for any unit but an association)."""
    m = _ROLE.match(strip_ordinal(head))
    body = m.group("b") if m else ""
    return bool(body) and unit is not None and (bool(_OTHER_BRANCH.search(body)) or foreign_subject(body, unit))


_HOLDERS = re.compile(r"[（(]\s*(?:{})\s*[：:]([^（）()]+)[）)]".format("|".join(WORDS["holder_labels"])))


def declared_holders(p: Point, doc: Document) -> list[str]:
    """The bodies the point's paragraph names as carrying it out (（责任单位：市房屋管理局，各区政府） →
    [市房屋管理局, 各区政府]); [] when it names none."""
    start = p.body[0][0]
    end = doc.text.find("\n", start)
    m = _HOLDERS.search(doc.text[start:end if end >= 0 else len(doc.text)])
    return [x.strip() for x in re.split(r"[、，,；;]", m.group(1)) if x.strip()] if m else []


def others_item(p: Point, doc: Document, unit: int | None) -> bool:
    """The paragraph names who carries the item out, and none of them is of the unit's level (or,
    for a 社区 or 村, the 街镇 it assists): the item is their task, not the unit's."""
    holders = declared_holders(p, doc)
    if unit is None or not holders:
        return False
    own = unit - (1 if unit == 5 else 0)
    levels = [_level_of_part(x) if _level_of_part(x) is not None else bare_level(x) for x in holders]
    return not any(lv is not None and lv >= own for lv in levels) and not names_own_level(
        " ".join(doc.text[s:e] for s, e in p.body), own, unit)


def names_own_level(text: str, low: int, high: int) -> bool:
    """The text names a body of a level from low to high as one that acts (加强街镇、居民区党组织领导):
    an item the unit has a part in, whoever the item's holders are."""
    organ = any(low <= lv <= high and re.search(pat, text) for lv, pat in _ORGANS)
    return organ or any(low <= lv <= high and re.search(f"(?:{pat})(?=[、，和与及]|党)", text) for lv, pat in _LEVELS)


def own_duty(p: Point, doc: Document, unit: int | None) -> bool:
    """A sentence of the point names, as its duty-holder, a body of the user's unit's level
    (乡镇人民政府和街道办事处负责…, 街道办事处应当… for a 街道): the unit's own statutory duty."""
    if unit is None:
        return False
    for s, e in p.body:
        subject = subject_of(doc.text[s:e])
        if subject and any(_level_of_part(x) == unit or bare_level(x) == unit for x in _parts(subject)):
            return True
    return False


def foreign_duty(sentence: str, unit: int | None) -> bool:
    """The sentence's duty-holder is another branch or, when the unit is known, a higher level."""
    subject = subject_of(sentence)
    if not subject or unit is None or not foreign_subject(subject, unit):
        return False
    # 居民委员会可以引导志愿者… for a 街道: a body it guides, said as 支持居民委员会… (duty.py); but not
    # when it names the unit's level (应当协助街道办事处…, 在街道办事处的指导下…): 指导居民委员会协助街道办事处…
    # would name the unit as a third party in its own measure
    shared = guided(subject, unit) or listed_share(subject, unit) is not None  # 居民委员会、…、公安派出所应当…
    return not shared or names_own_level(sentence[sentence.find(subject) + len(subject):], unit, unit)


def bare(sentence: str) -> str:
    """The sentence without its enumerator or article number (第二十一条, （三）)."""
    return _ARTICLE.sub("", strip_ordinal(sentence))


def not_practice(sentence: str) -> str:
    """Why a sentence is not a practice ("" when it may be one)."""
    s = _ARTICLE.sub("", strip_ordinal(sentence))
    for name, pat in (("person", _PERSON), ("score", _SCORE), ("result", _RESULT), ("rule", _RULE),
                      ("preamble", _PREAMBLE), ("schedule", _SCHEDULE), ("table", _TABLE), ("state", _STATE), ("goal", _GOAL), ("own place", _OWN_PLACE),
                      ("entitlement", _ENTITLED), ("address", _ADDRESS), ("why", _WHY),
                      ("narrative", _NARRATIVE), ("principle", _PRINCIPLE), ("liability", _LIABILITY)):
        if pat.search(s):
            return name
    return "prohibition" if prohibition(s) else ""


def prohibition(sentence: str) -> bool:
    """The sentence's only deontic clauses forbid (禁止遗弃精神障碍患者; …机构开展…活动，不得组织…):
    it binds others and asks no act of anyone. A clause that acts or carries a duty's modal
    (街道办事处应当…，不得…; 落实禁止吸烟规定) keeps it a duty."""
    forbids = False
    for clause in re.split(r"[，；,;：:]", sentence):
        c = clause.strip()
        m = _FORBID.search(c)
        before = c[:m.start()] if m else c
        acted = is_action(before) or verb_object(before[:12])  # after a ban, its object goes on (不得以…，拒绝…)
        if before and (_MODAL.search(before) or (acted and not (forbids and not m))):
            return False
        forbids = forbids or bool(m)
    return forbids


# A liability article (…的，依法承担赔偿责任) and a ban on others (禁止遗弃…) are no one's work to
# plan: not even a thin plan quotes them as its measures (draft.thin_groups).
NEVER = frozenset({"liability", "prohibition"})


def duty_of_level(sentence: str, unit: int | None) -> bool:
    """Before its first modal the sentence names a body of the unit's level (物业所在地的街道办事处、
    乡镇人民政府、区…部门应当…): a duty the unit shares, however long the list of its holders."""
    m = _MODAL.search(sentence)
    return unit is not None and bool(m) and names_own_level(sentence[:m.start()], unit, unit)


def liability_article(p: Point) -> bool:
    """The point lies in a regulation's 法律责任 chapter (its section path names it)."""
    return any(_LIABILITY_CHAPTER.match(part.strip()) for part in p.section.split(" › "))


# Verbs that relate rather than act (包括本人有效身份证明 names what a file holds, not a task).
_RELATION = frozenset("包括 包含 涉及 属于 具有 具备 符合 享有 享受 存在 成为 作为 需要 取决于".split())
_CATEGORY = re.compile(r"^(?:对象|需求|目录|标准|范围|条件|情况|内容|方式|流程|期限|时间|要求|程序|主体|材料)$")


@functools.cache
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    import jieba.posseg as pseg

    return tuple((w.word, w.flag) for w in pseg.lcut(text))


def verb_object(phrase: str) -> bool:
    """A 动宾 phrase by part of speech: a verb of two characters or more, then its object
    (锻造过硬党员队伍, 查找“口袋”党员); not a clause ending in 的, not 探讨与评论."""
    p = re.sub(r"^(?:每[年月周季天日]度?|定期|经常)", "", phrase.strip())  # 每年开展…: still an action
    if len(p) < 4 or "了" in p or "的" in re.sub(r"“[^”]*”", "", p):
        return False  # 涉及居民利益的重要事项 is a noun phrase
    toks = [t for t in pos_tags(p) if t[0].strip()]
    while len(toks) > 2 and (toks[0][1] in ("d", "t") or (toks[0][1] in ("a", "ad") and toks[1][1] == "v")):
        toks = toks[1:]  # 立即组织查找, 每年开展…, 具体组织实施…: adverb, time or manner first
    if len(toks) < 2 or toks[0][1] != "v" or len(toks[0][0]) < 2 or toks[0][0] in _RELATION:
        return False
    return toks[1][1] not in ("p", "c", "uj", "ul") and toks[1][0] not in ("期满", "与", "和", "及")


def slogan(sentence: str) -> bool:
    """A sentence that says what to do and why but not how (…机制，为…提供条件)."""
    return bool(_SLOGAN.fullmatch(_ARTICLE.sub("", strip_ordinal(sentence)).strip()))


def names_a_topic(heading: str) -> bool:
    """A heading that names a matter (租赁服务需求提出, 租赁服务对象), not an action: it ends
    in a verb after its nouns, or in a category noun."""
    toks = [t for t in pos_tags(heading.strip()) if t[0].strip()]
    if len(toks) < 2:
        return False
    topical = toks[-1][1] == "v" and any(f in ("n", "vn", "nz") for _, f in toks[1:-1])
    return topical or bool(_CATEGORY.search(toks[-1][0]))


_PREP_PHRASE = re.compile(r"^(?:对|为|向)[^，；。]{1,30}?(?=(?:进行|提供|开展|给予|予以|实施)[\u4e00-\u9fff])")


def acts(sentence: str) -> bool:
    """A sentence that states an action: it opens with one (by the verb list or part of
    speech), or a clause does after its subject and modal (街道办事处应当建立…)."""
    s = _ARTICLE.sub("", strip_ordinal(sentence))
    for clause in re.split(r"[，；：]", s)[:3]:
        c = clause.strip()
        m = re.search(r"(?:应当|应|要|须|必须|负责|可以)(?=[\u4e00-\u9fff])", c)
        rest = re.sub(r"^(?:依法)?通过", "", c[m.end():]) if m else c  # 机构可以通过公开择优购买…
        rest = _PREP_PHRASE.sub("", rest)  # 应当对实施家庭暴力的加害人进行法治教育: the act follows its object
        if is_action(c) or is_action(rest) or is_action(_PREP_PHRASE.sub("", c)) or verb_object(c[:12]) or (m and verb_object(rest[:12])):
            return True
    return False


def practice_problem(p: Point, doc: Document, unit: int | None) -> str:
    """Why the point is no practice for the user's unit ("" when it is one): its heading or
    first sentence describes a person, a result, a score or a rule, is a higher level's duty,
    or neither states an action."""
    first = doc.text[p.body[0][0]:p.body[0][1]]
    skip = not_practice(first) == "rule" and len(p.body) > 1  # 公示期为7天。公示期满无异议的，…应当报送…
    lead = doc.text[p.body[1][0]:p.body[1][1]] if skip else first
    head = "" if skip else strip_ordinal(p.head)
    why = "liability" if liability_article(p) else not_practice(lead) or (not_practice(head) if head else "")
    if why == "prohibition" and any(duty_of_level(doc.text[s:e], unit) for s, e in p.body[1:]):
        why = ""  # 不得阻挠…。…街道办事处、…部门应当加强…监管: the unit's own duty follows the ban
    if why:
        return why
    if all(slogan(doc.text[s:e]) for s, e in p.body):
        return "slogan"
    sentences = [accepted(doc.text[s:e], unit) or doc.text[s:e] for s, e in p.body]  # 申请…应当向街道办事处提出: 受理…
    from .addressee import higher_policy  # addressee reads levels by this module's rules

    party = any(x != doc.text[s:e] for x, (s, e) in zip(sentences, p.body))  # the unit accepts a party's application
    if not party and (all(foreign_duty(x, unit) for x in sentences) or others_role(p.head, unit)
                      or others_item(p, doc, unit) or others_lead(p, doc, unit) or higher_policy(p, doc, unit)):
        return "level"
    # A regulation's article often opens with what a matter covers (第八条 志愿者的培训情况，
    # 包括…) and prescribes the unit's act in its next paragraph (…应当及时、如实记录…).
    if not (is_action(head) or verb_object(head) or any(acts(x) and not not_practice(x) for x in sentences)):
        return "no action"
    return ""


def list_lead(p: Point, doc: Document, back: int = 2000) -> str:
    """The paragraph that opens the numbered list the point is an item of (物业服务企业应当…公开
    物业服务相关信息 over 1、公开服务合同 … 4、公开办事制度); "" when the point is no numbered item
    or a heading comes first."""
    m = _ORDINAL.match(doc.text[p.start:p.end].lstrip())
    if not m or m.group(0).rstrip().endswith("条"):
        return ""  # no item; 第十二条: an article stands alone
    lines = doc.text[max(0, p.start - back):p.start].split("\n")
    for line in reversed(lines[:-1] if lines and not lines[-1].strip() else lines):
        s = line.strip()
        if not s or _ORDINAL.match(s):
            continue
        return s if s.endswith(("。", "；", "：", ":")) else ""
    return ""


def others_lead(p: Point, doc: Document, unit: int | None) -> bool:
    """The point is an item without a subject of its own under a lead whose subject is another body
    (物业服务企业应当…公开: 4、公开办事制度 is the company's to publish, not the unit's)."""
    lead = bare(list_lead(p, doc))
    if unit is None or not lead or subject_of(bare(doc.text[p.body[0][0]:p.body[0][1]])):
        return False
    from .duty import for_unit  # duty reads the subject by this module's rules

    said = for_unit(lead, unit)  # 督促物业服务企业…: the lead's act is another body's, the unit oversees it
    if said is None:
        return bool(subject_of(lead))  # a named body's list (社区党组织要做好以下工作), not 各地要…
    return said[:2] in _OVERSIGHT and not lead.startswith(said[:2])


_OVERSIGHT = frozenset({"督促", "指导", "支持", "引导"})

