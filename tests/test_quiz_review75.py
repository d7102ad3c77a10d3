"""Trainer review 75 (issue 13): 情景 wrong options “从不相干的条款里拼来的，有的还取自北京、上海的文件”; 填空 keys
that accept one wording only (服务协议 / 服务合同); and a blank whose slot its document fills with parallel
phrases (记录志愿者的______ keyed 培训情况, where 个人基本信息 and 志愿服务情况 are recorded too)."""
from __future__ import annotations

import random

import pytest

from assistant.quiz.blank_alts import alternatives, library_texts, parallel_slot
from assistant.quiz.builder import library
from assistant.quiz.filters import is_local
from assistant.quiz.model import BLANK, SINGLE, QuizItem
from assistant.quiz.scene_wrong import compose, key_variants


def _ctx(kb, on: bool = True):
    from assistant.library import view_of
    from assistant.quiz.generate import Context
    from assistant.quiz.topics import clusters
    from assistant.quiz.verify import corpus_of

    v = view_of(kb)
    corpus = corpus_of(v)
    ctx = Context(v.documents, random.Random(0), "中", [], [], corpus.is_true)
    ctx.cache.update(rule_pool=library(kb)["rules"], sentences=corpus.sents, weak_blank_fill=False, duty_blank=True,
                     near_head=3, scene_variants=on, scene_sources=on, blank_alternatives=on, blank_parallel=on,
                     topics=clusters(v.documents, v.settings.quiz.topic_link))
    return ctx


def _rule(kb, start: str):
    return next(f for f in library(kb)["rules"] if f.key.startswith(start) or (f.head or "").startswith(start))


def _item(kb, start: str, kind: str, on: bool = True):
    from assistant.quiz.generate import make_item

    return make_item(_rule(kb, start), kind, _ctx(kb, on))


def test_a_national_scene_takes_no_other_places_rule(kb):
    """Seed 75's 第1题: 物业管理条例's 装饰装修 offered 北京市物业管理条例's rules on its seal and on legal advice."""
    from assistant.library import view_of

    docs = view_of(kb).documents
    rules = {f.key: f for f in library(kb)["rules"]}
    before = _item(kb, "业主需要装饰装修房屋", SINGLE, on=False)
    assert before is not None and any(w in rules and is_local(docs[rules[w].doc_id]) for w in before.check["wrong"])
    after = _item(kb, "业主需要装饰装修房屋", SINGLE)
    assert after is None or not any(w in rules and is_local(docs[rules[w].doc_id]) for w in after.check["wrong"])


@pytest.mark.parametrize("start,changed", [
    ("业主依法确需改变公共建筑和共用设施用途", "物业服务企业"),  # (the same act, another body of the 条例)
    ("申请人对驳回申请不服", "五日"),  # (the right court, another time limit)
])
def test_a_scene_offers_the_key_with_one_part_changed(kb, start, changed):
    from assistant.quiz.verify import verify_item

    item = _item(kb, start, SINGLE)
    key = item.options["ABCD".index(item.answer)]
    head, tail = key.split(changed, 1)
    variants = [o for o in item.options if o != key and o.startswith(head) and o.endswith(tail)]
    assert len(variants) == 2 and all(changed not in o for o in variants), item.options
    assert "把原文的“" + changed in item.explanation and not verify_item(item, kb)


def test_one_changed_key_alone_is_never_offered(kb):
    """A single variant beside the key marks the pair (the key is one of two): none or two."""
    for start in ("业主依法确需改变公共建筑和共用设施用途", "申请人对驳回申请不服", "业主需要装饰装修房屋"):
        assert len(key_variants(_rule(kb, start), _ctx(kb))) in (0, 2)
    assert compose(["c"], []) == ["c"]


def test_a_blank_key_accepts_the_librarys_other_wording(kb):
    from assistant.library import view_of

    docs = view_of(kb).documents
    assert "服务合同" in alternatives("养老机构应当与接受服务的老年人或者其代理人签订", "服务协议", docs)
    assert alternatives("不得将志愿服务记录信息用于", "商业用途", docs) == ["商业用途"]  # (其他用途 is vague)
    assert "业委会" in alternatives("", "业主委员会", docs)
    item = _item(kb, "养老机构应当与接受服务的老年人", BLANK)
    assert item.answer == "服务协议" and item.accepts("服务合同")
    assert "「可接受：服务合同」" in item.answer_text()
    assert item.accepted == ["服务协议"]  # (the give-away checks read the key's spellings, not its wordings)
    assert not _item(kb, "养老机构应当与接受服务的老年人", BLANK, on=False).accepts("服务合同")


def test_a_figure_keeps_its_spellings_line():
    item = QuizItem(BLANK, "每届任期______年。", "五", "", None, check={"kind": "number"}, accepted=["五", "5"])
    assert item.answer_text() == "五（或 5）"


def test_a_blank_whose_slot_its_document_fills_otherwise_is_not_asked(kb):
    from assistant.library import view_of

    docs = view_of(kb).documents
    doc = next(d for d in docs.values() if d.title.startswith("志愿服务记录与证明出具办法"))
    lead = "志愿服务组织应当及时、如实记录志愿者的"
    assert parallel_slot(lead, "培训情况", doc.text, library_texts(docs))
    law = next(d for d in docs.values() if "老年人权益保障法" in d.title)
    assert not parallel_slot("养老机构应当与接受服务的老年人或者其代理人签订", "服务协议", law.text, library_texts(docs))
    assert _item(kb, "志愿服务组织应当及时、如实记录志愿者的培训情况", BLANK, on=False) is not None
    assert _item(kb, "志愿服务组织应当及时、如实记录志愿者的培训情况", BLANK) is None


def test_no_two_wrong_options_say_the_same(kb):
    """Seed 90's 低保 情景 offered 提出申请 and 提出低保申请或者低保边缘家庭认定申请 of one rule in two texts: a
    trainee rules both out at once."""
    from assistant.quiz.scenarios import ALIKE, _overlap, _wrong_pool

    fact = _rule(kb, "低保家庭的人口、收入和财产状况发生重大变化超过3个月未主动告知")
    pool = _wrong_pool(fact, library(kb)["rules"], _ctx(kb))
    keys = [o.key for o in pool]
    assert len(keys) >= 3 and not any(_overlap(a, b) >= ALIKE for i, a in enumerate(keys) for b in keys[i + 1:])


def test_another_texts_rule_for_this_rules_outcome_is_no_wrong_option(kb):
    """Trainer review 76: 特困供养人员不再符合供养条件的 (社会救助暂行办法) offered 特困人员认定办法's rule 对决定终止救助供养的，
    应当…将终止理由书面告知当事人 as wrong, though it is what happens in that very situation: another text's rule whose
    situation is this rule's outcome (终止) holds here too."""
    from assistant.library import view_of
    from assistant.quiz.scenario_checks import wrong_here

    fact = _rule(kb, "特困供养人员不再符合供养条件")
    docs = view_of(kb).documents
    other = next((f for f in library(kb)["rules"] if f.doc_id != fact.doc_id and "终止" in (f.head or "")
                  and "终止" not in (fact.head or "")), None)
    assert other is not None and "终止" in fact.key
    assert wrong_here(fact, other, docs, [])
    same_matter = next(f for f in library(kb)["rules"] if f.doc_id != fact.doc_id and f.head and "终止" not in f.head
                       and not wrong_here(fact, f, docs, []))
    assert same_matter  # (a rule whose situation names none of the outcome's words may still be offered)
