"""Stop 38 (issue 13, a trainer's review of seed 74: local texts and one law gave 8+ items while national
texts such as the 突发事件应对法 gave none): a duty several bodies share, one of them a community body
(居民委员会、村民委员会应当…), is national supply the cadre needs; it is asked by its object (a 填空) or as
written (a true 判断), never by who carries it (one body of several is half a key)."""
from __future__ import annotations

import pytest

from assistant.quiz.builder import library
from assistant.quiz.duty_blank import objects, shared_duty
from assistant.quiz.model import BLANK, TRUE, TRUE_FALSE
from tests.test_quiz_blank35 import _ctx


@pytest.mark.parametrize("text,lead", [
    ("居民委员会、村民委员会应当设置专人专岗负责未成年人保护工作", "居民委员会、村民委员会"),
    ("乡级人民政府、街道办事处和有条件的居民委员会、村民委员会可以建立基层应急救援队伍",
     "乡级人民政府、街道办事处和有条件的居民委员会、村民委员会"),
    ("县级人民政府及其有关部门、乡级人民政府、街道办事处应当组织开展应急演练", "县级人民政府及其有关部门、乡级人民政府、街道办事处"),
    ("县级人民政府、市人民政府应当统筹安排资金", ""),  # (no community body among them: another level's work)
    ("人民调解委员会应当对调解协议的履行情况进行监督", ""),  # (one body: the who-blank's case, not this one)
])
def test_a_shared_duty_is_read_off_its_opening_bodies(text, lead):
    assert shared_duty(text) == lead


def _shared(kb, start: str):
    return next(f for f in library(kb)["rules"] if f.key.startswith(start))


def test_a_national_laws_shared_community_duty_is_a_fact(kb):
    f = _shared(kb, "居民委员会、村民委员会可以引导志愿者和社区群众")  # (社区矫正法 第三十八条)
    assert f.extra["bodies"] == "居民委员会、村民委员会" and f.extra["duty"]


def test_a_shared_duty_blanks_its_object_never_its_bodies(kb):
    from assistant.quiz.generate import make_item
    from assistant.quiz.verify import corpus_of, verify_item

    f = _shared(kb, "居民委员会、村民委员会可以引导志愿者和社区群众")
    item = make_item(f, BLANK, _ctx(kb))
    assert item is not None and item.answer == "志愿者", item and item.stem
    assert "居民委员会、村民委员会可以引导______" in item.stem
    assert not verify_item(item, corpus_of(kb))
    assert make_item(f, BLANK, _ctx(kb, on=False)) is None  # (duty_blank off: no who-blank of two bodies either)


def test_a_shared_duty_is_stated_as_written_and_never_swapped(kb):
    from assistant.quiz.generate import make_item

    f = _shared(kb, "居民委员会、村民委员会可以引导志愿者和社区群众")
    ctx = _ctx(kb)
    ctx.tf_next[0] = True
    item = make_item(f, TRUE_FALSE, ctx)
    assert item.answer == TRUE and f.key in item.stem
    ctx.tf_next[0] = False
    assert make_item(f, TRUE_FALSE, ctx) is None  # (a false one would swap a body of several: no such form)


def test_a_vague_object_is_no_key():
    """结合各自的实际情况 (a shared duty of the 突发事件应对法): 实际 opens no object of its own, like 有关, 必要."""
    assert not [k for _, k in objects("结合各自的实际情况，开展应急知识宣传普及活动") if k.startswith("实际")]
