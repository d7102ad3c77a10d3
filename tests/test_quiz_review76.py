"""Trainer review 76 (seed 76, issue 13): items on another body's duty (医疗机构's 诊疗记录, 社区矫正机构's
矫正方案, 康复机构's training) where the law has a clause for the 居委会/村委会, and 填空 whose key the title or
stem gives away (《精神卫生法》…______…对患者 → 精神障碍患者) or that many fillings defend (申请事项, 生活情况)."""
from __future__ import annotations

import random

import pytest

from assistant.quiz.builder import library
from assistant.quiz.model import BLANK


def _docs(kb):
    from assistant.library import view_of

    return view_of(kb).documents


def _doc(kb, title_word: str):
    return next(d for d in _docs(kb).values() if title_word in d.title)


@pytest.mark.parametrize("title,stem,key", [
    ("社会救助暂行", "乡镇人民政府、街道办事处应当建立统一受理社会救助申请的窗口，及时受理、转办，", "申请事项"),
    ("社会救助暂行", "乡镇人民政府、街道办事处应当及时了解掌握居民的，发现符合特困供养条件的人员", "生活情况"),
    ("社区矫正法", "社区矫正机构应当根据社区矫正对象的情况，为其确定矫正小组，负责落实相应的，", "矫正方案"),
    ("精神卫生法", "社区康复机构应当为需要康复的，提供场所和条件，对患者进行生活自理能力和社会适应能力等方面的康复训练",
     "精神障碍患者"),
    ("志愿服务记录", "志愿服务组织应当根据志愿服务活动的实际情况，科学合理确定，", "服务时间"),
])
def test_a_key_with_no_word_of_its_own_is_flat(kb, title, stem, key):
    from assistant.quiz.flat_key import flat_key
    from assistant.settings import QuizSettings

    qs, doc = QuizSettings(), _doc(kb, title)
    assert flat_key(key, stem, doc.title, doc.text, _docs(kb), (qs.giveaway_rate, qs.flat_share))


@pytest.mark.parametrize("title,stem,key", [
    ("反家庭暴力", "医疗机构应当做好家庭暴力受害人的，", "诊疗记录"),
    ("老年人权益", "养老机构应当与接受服务的老年人或者其代理人签订，明确双方的权利、义务", "服务协议"),
    ("志愿服务记录", "志愿服务组织应当妥善管理志愿服务记录信息，不得将志愿服务记录信息用于，", "商业目的"),
    ("突发事件", "突发事件发生地的居民委员会、村民委员会和其他组织应当按照当地人民政府的决定、命令，进行，", "宣传动员"),
    ("特困人员认定", "自主吃饭；自主穿衣；自主上下床；自主如厕；，", "室内自主行走"),
])
def test_a_key_with_a_word_of_its_own_is_kept(kb, title, stem, key):
    from assistant.quiz.flat_key import flat_key
    from assistant.settings import QuizSettings

    qs, doc = QuizSettings(), _doc(kb, title)
    assert not flat_key(key, stem, doc.title, doc.text, _docs(kb), (qs.giveaway_rate, qs.flat_share))


def _blank(kb, start: str, flat: bool):
    from assistant.library import view_of
    from assistant.quiz.generate import Context, make_item
    from assistant.quiz.verify import corpus_of
    from assistant.settings import QuizSettings

    v, qs = view_of(kb), QuizSettings()
    corpus = corpus_of(v)
    ctx = Context(v.documents, random.Random(0), "中", [], [], corpus.is_true)
    ctx.cache.update(rule_pool=library(kb)["rules"], sentences=corpus.sents, weak_blank_fill=False, duty_blank=True,
                     flat_key=(qs.giveaway_rate, qs.flat_share) if flat else None)
    rule = next(f for f in library(kb)["rules"] if f.key.startswith(start))
    return make_item(rule, BLANK, ctx)


@pytest.mark.parametrize("start,flat_key", [
    ("乡镇人民政府、街道办事处应当建立统一受理社会救助申请的窗口", "申请事项"),  # (review 76's 第38题)
    ("社区康复机构应当为需要康复的精神障碍患者提供场所和条件", "精神障碍患者"),  # (review 76's 第41题)
])
def test_a_duty_blank_is_not_keyed_by_a_flat_object(kb, start, flat_key):
    before = _blank(kb, start, flat=False)
    assert before is not None and before.answer == flat_key  # (the precondition: the check is what moves it)
    after = _blank(kb, start, flat=True)
    assert after is None or after.answer != flat_key


def test_holder_rank_reads_the_plan_packages_duty_holder(kb):
    from assistant.quiz.holder import NONE_RANK, OTHER_RANK, OWN_RANK, holder_rank

    rules = library(kb)["rules"]
    docs = _docs(kb)
    def rank(start: str) -> int:
        return holder_rank(next(f for f in rules if f.key.startswith(start)), docs)

    assert rank("医疗机构应当做好家庭暴力受害人的诊疗记录") == OTHER_RANK
    assert rank("乡镇人民政府、街道办事处应当建立统一受理社会救助申请的窗口") == OWN_RANK
    assert {holder_rank(f, docs) for f in rules} == {OWN_RANK, NONE_RANK, OTHER_RANK}


def test_a_documents_community_duties_come_before_another_bodys(kb):
    """Within one document and tier the fill meets the community level's duties first (review 76: the
    反家庭暴力法's 医疗机构 clause was asked, its 乡镇/街道 one was not); off, the order is as before."""
    from assistant.quiz.holder import OTHER_RANK, OWN_RANK, holder_rank
    from assistant.quiz.paper import _tier, ordered

    docs = _docs(kb)
    law = _doc(kb, "反家庭暴力").doc_id
    facts = [f for f in library(kb)["rules"] if f.doc_id == law]
    ranks = [holder_rank(f, docs) for f in ordered(facts, docs, random.Random(3), None, by_holder=True)
             if _tier(f, docs) == 0]
    assert OWN_RANK in ranks and OTHER_RANK in ranks
    assert max(i for i, r in enumerate(ranks) if r == OWN_RANK) < min(i for i, r in enumerate(ranks) if r == OTHER_RANK)
    off = [holder_rank(f, docs) for f in ordered(facts, docs, random.Random(3), None)]
    assert off != sorted(off)  # (the precondition: a random order puts another body's duty first somewhere)


def test_a_duty_the_committees_share_with_a_police_station_is_material(kb):
    """反家庭暴力法第十七条第二款 (the 查访 review 76 asked for): 公安派出所 closes the set of bodies, as a 所 (派出所,
    司法所) may; before, no fact was read from it."""
    from assistant.quiz.duty_multi import named_parts

    fact = next(f for f in library(kb)["rules"] if f.key.startswith("居民委员会、村民委员会、公安派出所应当"))
    assert named_parts(fact.extra["bodies"])[1] == ["居民委员会", "村民委员会", "公安派出所"]
