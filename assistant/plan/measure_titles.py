"""A measure's title in 动宾 form: the practice's own heading where it is an action, else the
first action clause of what the measure says; a practice known only by its name becomes
推行“…” or 做好…工作."""
from __future__ import annotations

import re

from ingest.model import Document

from .articles import statute_title
from .compose import _END, _PAST, _for_unit, generalize, instruction, unit_sentences
from .duty import _UNIT_VERBS, named_sites, without_attribution
from .party import accepted
from .practice import bare, names_a_topic, pos_tags, verb_object
from .precedents import Point, is_action, strip_ordinal

_SPEECH = re.compile(r"(?:说|表示|介绍|指出|认为|坦言)$|如是说")  # a quoted speaker, not a practice
_NAMED = re.compile(r"[0-9０-９一二三四五六七八九十百双+＋]")
_TITLE_VERBS = ("坚持", "做好", "抓好", "注重", "着力", "实行", "强化", "突出", "监督")  # a title may open so; a practice need not (is_action)
# 在…领导下, 查找到…后: a frame or a time clause, not the action
_FRAME = re.compile(r"在[^，。；]{0,24}(?:下|中|时|后|前|里)$|^自[^，。；]{2,16}(?:起|内)$|他们|她们|它们|[^，。；]{2,}(?:后|时|之前|以前|以后|期间)$|"
                    r"^(?:围绕|按照|根据|依照|依据|对照|针对|为了|结合|遵循)[^，。；]*$|明显$|显著$|更[\u4e00-\u9fff]{1,3}$")


def measure_title(p: Point, doc: Document, unit: int | None | bool = None) -> str:
    """The measure's title in 动宾 form: the practice's own heading where it is an action
    (“完善组织体系”), else the first action clause of its details; a practice known only by
    its name becomes 推行“一居一品牌一特色”, an area of work 做好岗位管理工作. "" when the
    practice has no action to name it by (then it is no measure)."""
    sents = unit_sentences(p, doc, unit)
    head = strip_ordinal(p.head).rstrip(_END)
    first = bare(doc.text[p.body[0][0]:p.body[0][1]])
    if head and head in first and (not (sents and sents[0][0] == 0) or accepted(first, unit)):
        head = ""  # taken from a sentence the measure does not say, or the party's own step: the title follows the body
    if not head or "是指" in head:
        head = _first_clause(sents[0][1]) if sents else ""  # “7”是指…
    clauses = head.split("，")
    acting = [i for i, c in enumerate(clauses) if is_action(c)]
    if acting and not is_action(head):
        head = "，".join(clauses[acting[0]:])  # 在居民区层面，依托… → 依托…
    head = _for_unit(head, unit, doc) or "" if head else ""
    if head and unit is not False and named_sites(head, doc.meta.get("doc_type", "")):
        head = ""  # 依托红旗里社区“老马”调解室: the precedent's own site is never the unit's measure's title
    verbatim, head = head, instruction(generalize(_PAST.sub("", _after_modal(head)), doc))
    if good_title(head):
        return head
    name = verbatim.split("：", 1)[0]
    body = measure_title_from_body(sents, doc) or statute_title(p, sents, doc, good_title)
    if len(name) > 16 or _SPEECH.search(name) or not name_like(name):
        return body  # "" when there is none: not a practice
    return name if body and summarises(name, body) else body or name_title(name)


def summarises(heading: str, clause: str) -> bool:
    """The heading is its clause said short, its act first (调研基础信息 for 体检全面调研城市现状各项
    基础信息): every word of it is in the clause, which the heading then titles better than a cut."""
    toks = [w for w, _ in pos_tags(heading) if w.strip()]
    first = pos_tags(heading)[0][1] if toks else ""
    return len(toks) >= 2 and first in ("v", "vn") and len(heading) < len(clause) and all(w in clause for w in toks)


# A clause that only links (同时，《租赁目录》将…): never a title, nor the name of an area of work.
_CONNECTIVE = re.compile(r"^(?:同时|此外|另外|并且|而且|其中|为此|因此|对此|另一方面|与此同时|总之|首先|其次|最后)$")
# 对申请人提交的材料进行审查, 将初审意见及时在…公示: a 把/对 construction that ends in its verb.
_DISPOSAL = re.compile(r"^(?:对(?!于)|将|把)[^，。；：]{3,20}$")
_LIGHT = ("进行", "予以", "作出", "给予", "加以")  # 进行审查: the noun after a light verb is the act


def _first_clause(sentence: str) -> str:
    """The sentence's first clause that is not a bare connective."""
    clauses = [c for c in re.split(r"[，。；：]", without_attribution(sentence)) if c.strip()]
    return next((c for c in clauses if not _CONNECTIVE.match(c.strip())), "")


def disposal(title: str) -> bool:
    """对/将/把 + object + verb, the verb last (进行审查, 公示): an act, said in one clause."""
    toks = [t for t in pos_tags(title) if t[0].strip()]
    if not _DISPOSAL.match(title) or len(toks) < 3 or len(toks[-1][0]) < 2 or toks[-2][0] == "等":
        return False  # 对…监督管理、教育帮扶等活动: a noun phrase, not an act
    return toks[-1][1] == "v" or (toks[-1][1] == "vn" and toks[-2][0] in _LIGHT)


_ANNOUNCES = re.compile(r"以下(?!简?称)|下列|如下")  # 负责组织实施下列…工作: a list's lead names no act


_GUIDED_FRAME = re.compile(r"^(?:{})[^，。；]{{2,24}}?(?:按照|根据|依照|依据|结合)".format("|".join(sorted(_UNIT_VERBS))))


def good_title(title: str) -> bool:
    """An action phrase that reads as a title: no past tense, not a clause ending in 的, and
    not ending in a function word (…的, …等, …和)."""
    t = title.strip()
    if _GUIDED_FRAME.match(t):
        return False  # 指导居民委员会、村民委员会按照当地人民政府的决定、命令: how they act, not what
    if not t or _PAST.search(t) or t.endswith(("的", "等", "和", "及", "与", "或")) or len(t) > 30 or _FRAME.search(t) \
            or _ANNOUNCES.search(t) \
            or t.count("“") != t.count("”") or _CONNECTIVE.match(t):
        return False
    return (is_action(t) or t.startswith(_TITLE_VERBS) or (len(t) >= 5 and verb_object(t) and not names_a_topic(t))
            or disposal(t))


def name_like(name: str) -> bool:
    """A name or an area of work, not a statement (公示期为7天) or a clause (…地区的)."""
    rest = re.sub(r"“[^”]*”?", "", name)  # a quoted name is a name whatever it says
    return len(name) >= 2 and not re.search(r"^在|[为是了\s]|[\u4e00-\u9fff]有|的$", rest) and not _FRAME.search(name)


def name_title(name: str) -> str:
    if "“" in name:
        return f"推行{name.rstrip('”') if name.count('”') > name.count('“') else name}"
    if _NAMED.search(name):
        return f"推行“{name}”"  # a method's name: 一居一品牌一特色, 3+X
    return f"做好{name}工作" if len(name) <= 10 and "的" not in name and _noun_phrase(name) and _activity(name) else ""


_THING = re.compile(r"(?:对象|需求|目录|标准|范围|条件|情况|内容|方式|流程|期限|时间|要求|程序|主体|材料|设备|设施|房屋|"
                    r"人员|定位|面积|科室)$")


def _activity(name: str) -> bool:
    """An area of work ends in its activity (岗位管理, 委员选举), not in a thing or a category
    (房屋, 基本设备, 租赁服务对象: 做好房屋工作 reads as nothing)."""
    toks = [t for t in pos_tags(name) if t[0].strip()]
    return bool(toks) and toks[-1][1] in ("v", "vn") and not _THING.search(name)


def _noun_phrase(name: str) -> bool:
    """An area of work (岗位管理, 业主委员会委员选举, 申请特困人员救助供养), not a clause
    (领导解难题: a subject and its verb; 申请或约定: verbs joined): a verb only first or last;
    not a function word (同时, 其中: 做好同时工作 was a title)."""
    tags = [f for w, f in pos_tags(name) if w.strip()]
    nouny = any(f.startswith("n") or f == "vn" for f in tags)
    return nouny and tags[0] not in ("c", "d", "p", "r", "u") and not any(f == "v" for f in tags[1:-1]) \
        and not ("c" in tags and "v" in tags)


def _by_means(clause: str) -> str:
    """通过公开择优购买…服务 → 公开择优购买…服务: the means is the act a title names."""
    rest = re.sub(r"^通过", "", clause)
    return rest if rest != clause and (is_action(rest) or verb_object(rest)) else clause


def _after_modal(head: str) -> str:
    """街道办事处应当建立健全… → 建立健全…: a
    regulation's subject is not the user's unit's instruction."""
    m = re.search(r"(?:应当|应|要|须|必须)(?=[\u4e00-\u9fff])", head)
    if not m or m.start() == 0:
        return head
    rest = head[m.end():]
    return rest if is_action(rest) or verb_object(rest) else head


def after_subject(clause: str) -> str:
    """村民委员会成员实行任期和离任经济责任审计 → 实行任期和离任经济责任审计: a clause whose
    subject is names only (whole nouns by the tagger, no time word, no number) before its act,
    said from its act; else as written (社区党组织书记每月至少参加…: 组织 is inside a name)."""
    pos = 0
    for w, f in pos_tags(clause):
        if f.startswith("v") and f != "vn":
            return clause[pos:] if pos >= 2 and is_action(clause[pos:]) else clause
        if not f.startswith("n"):
            return clause
        pos += len(w)
    return clause


def measure_title_from_body(sents: list[tuple[int, str]], doc: Document) -> str:
    """The first clause of a sentence the measure says, when it is an action (never a
    mid-sentence fragment such as “召开前作出答复”)."""
    for i, (_, sent) in enumerate(sents):
        clauses = [re.sub(r"^(?:并|并且|同时)(?=[\u4e00-\u9fff]{4})", "", c.strip())
                   for c in re.split(r"[，。；：]", without_attribution(sent)) if not _CONNECTIVE.match(c.strip())]
        for clause in clauses[:4] if i == 0 else clauses[:1]:  # 对象失联的，立即组织查找
            c = instruction(generalize(_PAST.sub("", _by_means(_after_modal(clause))), doc))
            if not good_title(c) and i == 0 and clause == clauses[0]:
                c = instruction(generalize(after_subject(clause), doc))  # 村民委员会成员实行… → 实行…
            if good_title(c) and 4 <= len(c) <= 24 and not named_sites(c, doc.meta.get("doc_type", "")):
                return c
    return ""
