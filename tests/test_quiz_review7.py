"""The seventh trainer review's failure kinds on the real corpus: 情景 items that did not say
whose act was asked, conditions cut from the clause they lean on (委托物业服务企业管理的, whose
object 小区公共收入 is in the sentence before), wrong options that another 款 of the same article
states for the situation (社区矫正法第二十七条), and a 解析 that waved the other options away
with one sentence."""
from __future__ import annotations

import random

import pytest

from assistant.library import view_of
from assistant.quiz import facts as F
from assistant.quiz.generate import Context, make_item
from assistant.quiz.model import BLANK, LETTERS, SINGLE
from assistant.quiz.scenarios import _wrong_pool, rule_facts
from assistant.quiz.verify import Corpus, norm


@pytest.fixture(scope="module")
def view(kb):
    return view_of(kb)


@pytest.fixture(scope="module")
def corpus(view):
    return Corpus(view.documents, view.chunks)


@pytest.fixture(scope="module")
def rules(view):
    return [f for f in rule_facts(view.documents, F.sentences(view.documents, view.chunks)) if f.head]


def _ctx(view, corpus, rules, seed=0) -> Context:
    ctx = Context(view.documents, random.Random(seed), "中", [], [], corpus.is_true)
    ctx.cache["rule_pool"] = rules
    ctx.cache["sentences"] = corpus.sents
    return ctx


def _rule(rules, head_part: str):
    return next(f for f in rules if head_part in f.head)


# ---- 情景 ------------------------------------------------------------------------------------
def test_a_condition_that_leans_on_the_clause_before_is_no_situation(rules):
    heads = [f.head for f in rules]
    assert not any(h.startswith("委托物业服务企业管理") for h in heads)  # (object in the sentence before)
    assert not any(h.startswith("审核确认权限下放") for h in heads)  # (subject before its ；)
    assert any(h.startswith("因社区矫正对象迁居") for h in heads)  # (a whole situation stays)


def test_no_wrong_option_that_another_clause_or_a_covering_situation_states(view, corpus, rules):
    fact = _rule(rules, "需要变更执行地")
    wrong = [o.key for o in _wrong_pool(fact, rules, _ctx(view, corpus, rules))]
    assert not any("法律文书转送" in w for w in wrong)  # (第二十七条第二款 says it of the change)
    assert not any("经常居住地为执行地" in w for w in wrong)  # (社区矫正对象 in several places: the same person)
    fact = _rule(rules, "志愿者需要志愿服务组织协助查询")
    wrong = [o.key for o in _wrong_pool(fact, rules, _ctx(view, corpus, rules))]
    assert "可以向相关志愿服务组织提出" not in wrong  # (志愿者's own record: a case of the same person)


def test_a_scenario_says_whose_act_and_explains_each_wrong_option(view, corpus, rules):
    ctx = _ctx(view, corpus, rules, 5)
    made = [it for it in (make_item(f, SINGLE, ctx) for f in rules) if it is not None]
    assert len(made) >= 10
    for it in made:
        assert it.stem.startswith("【情景】社区工作者")
        assert "由谁" in it.stem or "社区工作者应当告诉" in it.stem
        assert "其余选项是对其他情形的规定" not in it.explanation
        for w in it.check["wrong"]:
            assert f"“{w}”是《" in it.explanation  # (each wrong option with its source)


# ---- whole-library conflicts -------------------------------------------------------------------
def test_who_acts_is_not_asked_when_another_passage_has_another_subject_do_it(view, corpus, rules):
    fact = _rule(rules, "低保家庭的人口、收入和财产状况发生变化")
    assert fact.key.startswith("家庭成员")
    ctx = _ctx(view, corpus, rules)
    assert make_item(fact, BLANK, ctx) is None  # (低保审核确认办法: 最低生活保障家庭…应当及时告知)
    blanks = [it for it in (make_item(f, BLANK, ctx) for f in rules) if it is not None]
    assert len(blanks) >= 5  # (the rest are still asked)


def test_a_false_includes_statement_is_never_one_of_the_articles_items_in_part(view):
    from assistant.quiz.articles import article_facts
    from assistant.quiz.scenario_checks import covered_by

    arts = article_facts(view.documents, view.chunks)
    audit = next(f for f in arts if "cunmin" in f.doc_id and f.extra.get("article") == "第三十五条")
    meeting = next(f for f in arts if "cunmin" in f.doc_id and f.extra.get("article") == "第二十四条")
    lease = next(it for it in meeting.items if "租赁" in it)
    assert covered_by(lease, audit.items)  # (审计包括…集体资产、资源的承包、租赁…)
    for other in ("宅基地的使用方案", "本村享受误工补贴的人员及补贴标准"):
        assert other in meeting.items and not covered_by(other, audit.items)  # (使用: every list's word)


# ---- the paper as a whole ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def papers(kb):
    from assistant.quiz import build

    return {seed: build(kb, n=60, seed=seed) for seed in (43, 31)}


def _keys(it) -> set[str]:
    """What a trainee picks or writes for the item: keyed options, or a 填空's accepted answers."""
    if it.options:
        return {norm(it.options[LETTERS.index(ch)]) for ch in it.answer}
    return {norm(k) for k in (it.answer, *it.accepted, *it.check.get("key", [])) if isinstance(k, str)} \
        if it.type == BLANK else set()


def test_no_option_is_another_items_key(papers):
    for quiz in papers.values():
        for a in quiz.items:
            wrong = {norm(o) for i, o in enumerate(a.options) if LETTERS[i] not in a.answer}
            for b in quiz.items:
                assert a is b or not wrong & _keys(b), (a.stem, b.stem)  # (seed 43: 三至七人's C 五至九人)


def test_an_option_that_is_another_items_key_makes_the_two_one_question(view, corpus):
    from assistant.quiz.overlap import near_dup

    nums = F.number_facts(F.sentences(view.documents, view.chunks))
    cun = next(f for f in nums if "cunmin" in f.doc_id and f.key == "三至七人")
    ju = next(f for f in nums if "jumin" in f.doc_id and f.key == "五至九人")
    fill = make_item(ju, BLANK, Context(view.documents, random.Random(0), "中", [], [], corpus.is_true))
    pool = [f.num for f in nums]
    for seed in range(40):
        ctx = Context(view.documents, random.Random(seed), "中", pool, [], corpus.is_true)
        single = make_item(cun, SINGLE, ctx)
        if single is not None and "五至九人" in single.options:
            assert near_dup(fill, [single]) and near_dup(single, [fill])  # (review 7: 第7题's C, 第50题's key)
            ctx.cache["keys_on_paper"] = {"五至九人"}
            again = make_item(cun, SINGLE, ctx)
            assert again is None or "五至九人" not in again.options
            return
    pytest.fail("no seed offered 五至九人")


def test_true_false_balance_is_kept_within_each_form():
    from assistant.quiz.model import FALSE, TRUE, TRUE_FALSE, QuizItem
    from assistant.quiz.paper import next_truth

    def tf(answer, form):
        return QuizItem(TRUE_FALSE, "x", answer, "", None, check={"kind": "list", "form": form})

    items = [tf(TRUE, "rule"), tf(TRUE, "rule"), tf(FALSE, "list")]
    assert next_truth(items, False, random.Random(0)) is True  # (true rules do not make every 包括 错误)
    assert next_truth(items + [tf(TRUE, "list")] * 2, "rule", random.Random(0)) is False  # (paper mostly 正确)


def test_includes_statements_are_not_all_false(papers):
    for quiz in papers.values():
        inc = [it.answer for it in quiz.items if it.type == "判断题" and "包括“" in it.stem]
        assert len(inc) < 2 or len(set(inc)) == 2, inc


def test_a_pilots_procedure_is_not_asked_when_its_place_is_known_only_by_its_issuer(view):
    from dataclasses import replace
    from datetime import date

    from assistant.quiz.filters import local_pilot

    doc = next(d for d in view.documents.values() if "秘书制度" in d.title)
    bare = replace(doc, meta={k: v for k, v in doc.meta.items() if k != "place"})  # (as a stale index held it)
    fact = F.Fact("steps", doc.doc_id, "", 0, 1, "选派程序")
    assert local_pilot(fact, doc, date(2026, 11, 26))
    assert str(bare.meta.get("issuer", "")).startswith("上海市") and local_pilot(fact, bare, date(2026, 11, 26))
