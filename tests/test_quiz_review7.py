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
from assistant.quiz.model import SINGLE
from assistant.quiz.scenarios import _wrong_pool, rule_facts
from assistant.quiz.verify import Corpus


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
