"""Trainer review 68 (seed 68, 49/60 usable): a 填空 that cut a compound (提出减刑建议，并将减刑______抄送 keyed
建议书), a 判断 pointing at a list it does not show (将上述资料移交给业主委员会), and a false 判断 that swapped
医疗保障部门 for 医疗保险经办机构 (one body in practice: a disputable key)."""
from __future__ import annotations

import random

from assistant.quiz.builder import library
from assistant.quiz.model import BLANK, TRUE_FALSE


def _ctx(kb):
    from assistant.library import view_of
    from assistant.quiz.generate import Context
    from assistant.quiz.verify import corpus_of
    from assistant.settings import QuizSettings

    v = view_of(kb)
    corpus = corpus_of(v)
    ctx = Context(v.documents, random.Random(0), "中", [], [], corpus.is_true)
    ctx.cache.update(rule_pool=library(kb)["rules"], sentences=corpus.sents, weak_blank_fill=False, duty_blank=True,
                     synonym_swap=True, near_head=QuizSettings().near_head)
    return ctx


def _rule(kb, start: str):
    return next(f for f in library(kb)["rules"] if f.key.startswith(start))


def test_a_duty_object_after_jiang_is_the_whole_noun_phrase():
    from assistant.quiz.duty_blank import objects

    found = dict(objects("应当向社区矫正执行地的中级以上人民法院提出减刑建议，并将减刑建议书抄送同级人民检察院")).values()
    assert "建议书" not in found  # (将减刑|建议书: the blank covers 减刑建议书 or nothing)
    assert "社区矫正" not in found  # (社区矫正|执行地的…: a compound's head)


def test_the_reduction_proposal_is_not_blanked_by_half(kb):
    from assistant.quiz.generate import make_item

    rule = _rule(kb, "社区矫正机构应当向社区矫正执行地的中级以上人民法院提出减刑建议")
    item = make_item(rule, BLANK, _ctx(kb))
    assert item is None or item.answer != "建议书", item.stem


def test_a_statement_pointing_at_an_unshown_list_is_refused(kb):
    from dataclasses import replace

    from assistant.quiz.generate import make_item
    from assistant.quiz.verify import verify_item

    ctx = _ctx(kb)
    ctx.tf_next[0] = True
    for kind in (TRUE_FALSE, BLANK):  # (将上述资料移交给业主委员会: not asked)
        assert make_item(_rule(kb, "物业服务企业应当在前期物业服务合同终止时将上述资料"), kind, ctx) is None
    ctx.tf_next[0] = True
    item = make_item(_rule(kb, "人民调解委员会应当对调解协议的履行情况进行监督"), TRUE_FALSE, ctx)
    assert item is not None and verify_item(item, kb) == []
    pointing = replace(item, stem=item.stem.replace("调解协议", "上述协议", 1))
    assert "题干指向未列出的内容" in verify_item(pointing, kb)  # (whatever made it, the verifier refuses it)


def test_the_question_forms_own_list_references_pass():
    from assistant.quiz.verify import _own_words, points_elsewhere

    listed = "《人民调解法》第二十九条规定：“调解协议书可以载明下列事项：……”该条所列内容包括“当事人的基本情况”。"
    assert not points_elsewhere(_own_words(listed))
    assert not points_elsewhere("根据《物业管理条例》，下列各项中，属于业主委员会职责的有哪些？")
    assert points_elsewhere("村民委员会应当将前款规定的事项公布")
    assert not points_elsewhere("最低生活保障家庭有劳动能力的成员均处于失业状态的，县级以上地方人民政府应当确保该家庭至少有一人就业")
    assert points_elsewhere("县级人民政府卫生行政部门应当为社区卫生服务机构开展该工作给予指导")


def test_bodies_of_one_head_are_never_swapped():
    from assistant.quiz.scenarios import same_head
    from assistant.settings import QuizSettings

    k = QuizSettings().near_head
    assert same_head("医疗保障部门", "医疗保险经办机构", k)  # (review 68's 第20题)
    assert not same_head("业主大会", "业主委员会", k)  # (a contrast a cadre must know)
    assert not same_head("县级以上人民政府", "县级以上精神文明建设指导机构", k)  # (a level is no head)
    assert not same_head("医疗保障部门", "医疗保险经办机构", 0)  # (the switch)


def test_review_68s_paper_has_none_of_the_three(kb):
    from assistant.quiz import build

    quiz = build(kb, n=60, seed=68)
    assert len(quiz.items) == 60
    assert not [it.stem for it in quiz.items if "上述" in it.stem or "前款" in it.stem]
    assert not [it.stem for it in quiz.items if it.type == BLANK and it.answer == "建议书"]
    swaps = [(it.check["key"][0], it.check["wrong"][0]) for it in quiz.items
             if it.type == TRUE_FALSE and it.check.get("swap") == "subject"]
    assert ("医疗保障部门", "医疗保险经办机构") not in swaps
