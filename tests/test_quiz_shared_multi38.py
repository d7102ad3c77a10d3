"""Stop 38 (issue 13: one 多选 in a 60-item paper, 12 of 14 简答 reciting lists): a duty several bodies share,
one of them a community body, is asked as a 多选 on which bodies carry it. The bodies the clause names are
the keys; the wrong options are other bodies of the same document that no passage has do the same duty."""
from __future__ import annotations

import pytest

from assistant.quiz.builder import library
from assistant.quiz.duty_multi import named_parts
from assistant.quiz.model import LETTERS, MULTI
from tests.test_quiz_blank35 import _ctx


@pytest.mark.parametrize("bodies,lead,keys", [
    ("居民委员会、村民委员会", "", ["居民委员会", "村民委员会"]),
    ("物业所在地的街道办事处、乡镇人民政府", "物业所在地的", ["街道办事处", "乡镇人民政府"]),
    ("县级人民政府民政部门以及乡镇人民政府、街道办事处", "", ["县级人民政府民政部门", "乡镇人民政府", "街道办事处"]),
    ("突发事件发生地的居民委员会、村民委员会和其他组织", "突发事件发生地的", []),  # (an open set: any body may be one)
    ("居民委员会、村民委员会等组织", "", []),
    ("乡级人民政府、街道办事处和有条件的居民委员会、村民委员会", "", []),  # (only some committees carry it)
    ("街道办事处、乡镇人民政府、区住房和城乡建设或者房屋主管部门", "", []),  # (a name cut at its 和)
])
def test_the_keys_are_the_named_bodies_of_a_closed_set(bodies, lead, keys):
    assert named_parts(bodies) == (lead, keys)


def _multi(kb, start: str, on: bool = True):
    from assistant.quiz.generate import make_item

    f = next(f for f in library(kb)["rules"] if f.key.startswith(start))
    ctx = _ctx(kb)
    ctx.cache["shared_multi"] = on
    return f, make_item(f, MULTI, ctx)


def test_a_shared_duty_asks_which_bodies_carry_it(kb):
    from assistant.quiz.verify import corpus_of, form_giveaway, verify_item

    f, item = _multi(kb, "乡镇人民政府、街道办事处应当协助有关部门做好与志愿服务相关的工作")  # (山东省志愿服务条例)
    assert item is not None and item.type == MULTI
    assert "下列哪些主体应当协助有关部门做好与志愿服务相关的工作" in item.stem and item.stem.endswith("？")
    keyed = {item.options[LETTERS.index(ch)] for ch in item.answer}
    assert keyed == {"乡镇人民政府", "街道办事处"}
    wrong = [o for o in item.options if o not in keyed]
    assert len(wrong) == 3 and not any(w in f.key for w in wrong)  # (never a body the clause names)
    assert not form_giveaway(item) and not verify_item(item, corpus_of(kb))
    assert _multi(kb, "乡镇人民政府、街道办事处应当协助有关部门做好与志愿服务相关的工作", on=False)[1] is None


def test_no_wrong_option_carries_the_same_duty_elsewhere(kb):
    from assistant.quiz.duty_multi import _wrongs

    f = next(f for f in library(kb)["rules"] if f.key.startswith("居民委员会、村民委员会、企业事业单位、社会组织应当"))
    bodies = f.extra["bodies"]
    wrong = _wrongs(f, bodies, named_parts(bodies)[1], f.key[len(bodies):], _ctx(kb))
    # (突发事件应对法: 县级人民政府及其有关部门、乡级人民政府、街道办事处 also 开展…应急知识宣传普及活动和必要的应急演练)
    assert not any(w.startswith(("县级人民政府", "县级以上人民政府", "乡级人民政府", "街道办事处")) for w in wrong), wrong


def test_a_duty_going_on_to_another_holder_is_no_multi(kb):
    # (反家庭暴力法: …组织开展家庭暴力预防工作，居民委员会、村民委员会、社会工作服务机构应当予以配合协助)
    assert _multi(kb, "乡镇人民政府、街道办事处应当组织开展家庭暴力预防工作")[1] is None
