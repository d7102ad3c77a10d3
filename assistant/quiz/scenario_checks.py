"""Checks on a 情景 item's parts: a condition that leans on the clause before it is no situation,
and a wrong option another passage states for this situation (the same article's next 款, a rule
whose own situation covers this one) is a second key.

The fourth review's failures: “委托物业服务企业管理的” (the object, 小区公共收入, is in the sentence
before), “审核确认权限下放到乡镇…的” after a ；(the subject, 低保审核确认工作, is the clause
before), and 社区矫正法第二十七条's 情景 offered “将法律文书转送所在地的人民检察院、公安机关”
as wrong though its second 款 says just that of the changed 执行地.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from pathlib import Path

from ingest.model import Document

from .articles import _articles, says_already
from .echo import pairs
from .facts import Fact

CONTINUES = "；，、：:;,"  # a condition after these opens no sentence: its subject or object is before it
ECHO = 0.8  # share of a condition's character pairs the sentence before it holds: the same act, named in full there
SAME_SCENE = 0.6  # share of a situation's character pairs a sentence holds to be about that situation
SAYS = 0.6  # share of an option's character pairs a passage holds to state it
_CJK3 = re.compile(r"[\u4e00-\u9fff]{3}")
_GENERIC = {"的情况", "有关部门", "人民政府", "委员会", "工作日", "规定的", "按照规"}  # (shared by unrelated situations)


def leans_on_before(doc: Document, start: int, cond: str) -> bool:
    """The condition at doc.text[start:] continues the text before it: it follows a ；or ，
    (…30个工作日之内完成；审核确认权限下放到乡镇…的), or the sentence before names the same
    act with the object the condition leaves out (可委托物业服务企业管理小区公共收入。委托物业服务企业管理的)."""
    before = doc.text[max(0, start - 300):start].rstrip(" \u3000\t")
    if before and before[-1] in CONTINUES:
        return True
    prev = re.split(r"[。\n]", before.rstrip("。\n"))[-1] if before else ""
    return bool(prev) and says_already(cond.rstrip("的"), prev, ECHO)


def article_span(doc: Document, pos: int) -> tuple[str, int, int] | None:
    """(第N条, start, end) of the article holding pos, None outside articles."""
    for num, s, e in _articles(doc):
        if s <= pos < e:
            return f"第{num}条", s, e
    return None


CHAPTER = re.compile(r"^[ \u3000]*(?:第[一二三四五六七八九十百零〇]+章|[一二三四五六七八九十]+、)[^\n]*$", re.M)


@functools.lru_cache(maxsize=128)
def _chapters(text: str) -> tuple[list[int], list[str]]:
    found = [(m.start(), m.group().strip()) for m in CHAPTER.finditer(text)]
    return [p for p, _ in found], [t for _, t in found]


def chapter_of(doc: Document, pos: int) -> str:
    """The chapter (第N章…) or a policy text's part (一、…) holding pos; "" before the first one."""
    starts, titles = _chapters(doc.text)
    i = bisect.bisect_right(starts, pos) - 1
    return titles[i] if i >= 0 else ""


def _trigrams(text: str) -> set[str]:
    return {text[i:i + 3] for i in range(len(text) - 2) if _CJK3.fullmatch(text[i:i + 3])} - _GENERIC


def covers(head: str, other_head: str) -> bool:
    """Two situations about the same person or thing (志愿者需要…协助查询 and 志愿者发现本人的
    记录有错误; 因社区矫正对象迁居…变更执行地 and 社区矫正对象在多个地方居住): the other's rule may
    hold in this one too, so it is no wrong option here."""
    return bool(_trigrams(head) & _trigrams(other_head))


def wrong_here(fact: Fact, other: Fact, docs: dict[str, Document], scene_sents: list[str]) -> bool:
    """`other`'s consequence may be right in fact's situation: its situation covers this one, the
    rest of fact's article states it (another 款), or a sentence about this situation does."""
    if covers(fact.head or "", other.head or ""):
        return True
    if other.doc_id != fact.doc_id and (pairs(other.head or "") & pairs(fact.key)) - pairs(fact.head or ""):
        return True  # (another text's rule for this rule's outcome, 对决定终止救助供养的 beside …终止供养, holds here too: review 76)
    doc = docs[fact.doc_id]
    art = article_span(doc, fact.start)
    if art is not None:
        rest = doc.text[art[1]:fact.start] + doc.text[fact.end:art[2]]
        if says_already(other.key, rest, SAYS):
            return True
    return any(says_already(other.key, s, SAYS) for s in scene_sents)


def scene_sentences(fact: Fact, sents: list[str]) -> list[str]:
    """The corpus sentences about fact's situation (most of its condition's pairs)."""
    scene = fact.extra.get("scene") or fact.head or ""
    return [s for s in sents if says_already(scene, s, SAME_SCENE)]


def source_of(other: Fact, docs: dict[str, Document]) -> str:
    """Where a wrong option comes from, for the 解析: 《社区矫正法》第十七条（社区矫正对象在多个地方居住的情形）."""
    from .generate import doc_name

    doc = docs[other.doc_id]
    art = article_span(doc, other.start)
    where = f"《{doc_name(doc)}》" + (art[0] if art else "")
    return f"{where}对“{other.head.rstrip('的')}”这一情形的规定" if other.head else f"{where}的规定"


def other_actor(head: str, act: str, who: str, sents: list[str]) -> bool:
    """Another passage states the same act in the same situation without naming `who`: a 填空
    keyed “家庭成员” (低保家庭的…发生变化的，家庭成员要及时告知…) where 低保审核确认办法 says
    “最低生活保障家庭…应当及时告知” has a second right answer the key does not accept."""
    return any(says_already(act, s, SAYS) and who not in s for s in sents if says_already(head, s, SAME_SCENE))


def covered_by(said: str, items) -> bool:
    """A false 包括 statement whose words are one of the list's items in part (以借贷、租赁…处分村集体
    财产 beside 本村集体资产、资源的承包、租赁…情况): read by content, it is included. Two character
    pairs of one item that no other item of the list has (its own words, not the list's common
    使用/情况) are enough to make its 错误 a quibble."""
    pairs = {said[i:i + 2] for i in range(len(said) - 1) if _CJK3.fullmatch(said[i:i + 2] + "之") and "的" not in said[i:i + 2]}
    own = [{p for p in pairs if p in it and sum(p in o for o in items) == 1} for it in items]
    return any(len(o) >= 2 for o in own)


WORDS = json.loads(Path(__file__).with_name("scene_words.json").read_text(encoding="utf-8"))
_SUBJECTS = sorted(WORDS["subjects"], key=len, reverse=True)  # (longest first: 业主委员会 before 业主)
_JOIN = ("、", "和", "或者", "及")


def _valid_prefix(prefix: str) -> bool:
    """What may stand before a situation's subject: nothing, a clause ending in ，(因维修物业…，业主),
    or a modifier ending in 的 that opens with no preposition (共同生活的家庭成员; not 对…的原特困人员)."""
    if not prefix or prefix.endswith("，"):
        return True
    return prefix.endswith("的") and "，" not in prefix and not prefix.startswith(tuple(WORDS["object_preps"]))


def subject_of(cond: str) -> str:
    """Whose situation a condition states: the first listed subject with a valid prefix, joined
    with the subjects coordinated after it (业主、物业使用人、物业服务人); "" when it names none
    (没有约定或者约定不明的, 满足业主需要后仍有空余的)."""
    for pos in range(len(cond)):
        who = next((s for s in _SUBJECTS if cond.startswith(s, pos)), None)
        if who is None or not _valid_prefix(cond[:pos]):
            continue
        end = pos + len(who)
        while True:
            j = next((j for j in _JOIN if cond.startswith(j, end)), None)
            more = next((s for s in _SUBJECTS if j and cond.startswith(s, end + len(j))), None)
            if not more:
                return cond[pos:end]
            end += len(j) + len(more)
    return ""


def incomplete(cond: str) -> bool:
    """A condition that opens with what leaves its subject or object out (不符合条件、不予同意的:
    whose application; 期满仍未…: which term), unless a listed subject opens it after all."""
    return cond.startswith(tuple(WORDS["incomplete_leads"])) and not subject_of(cond)


_ANYWHERE = tuple(WORDS["generic_consequences"])
_MODAL = re.compile(r"^(?:应当|必须|须|应|可以)")


def generic(consequence: str) -> bool:
    """A consequence that holds in any situation (应当遵守国家有关规定): as a 情景's wrong option a
    trainee may argue it is right (review 9's 第2、5题)."""
    rest = _MODAL.sub("", consequence).rstrip("。；;，, ")
    return any(rest.startswith(g) and len(rest) - len(g) <= 2 for g in _ANYWHERE)
