"""Cadre review s32: a rest-spot topic (歇脚 for 外卖小哥…) was drafted from a rental-housing property
standard that shares only its name “城市建设者管理者之家”; a 城市体检 + 老旧小区更新改造 topic was drafted
from one planning clause and the notice said only “先例较少”. The topic's terms no precedent passage
speaks of are named; a match on a quoted name alone is refused (plan/cover.py)."""
from __future__ import annotations

import pytest

from assistant.plan import PlanError, draft
from assistant.plan.cover import names, says, terms
from assistant.plan.topic import understand

REST = "给外卖小哥、快递员、保洁员在小区里建个歇脚的“城市建设者管理者之家”"
CHECKUP = "配合城市体检推进老旧小区更新改造"
KW = {"unit": "和平街道办事处", "start": "2027-01", "end": "2027-12", "strict": False}


def test_a_quoted_name_is_one_term_apart_from_the_topics_others(kb):
    cut = kb.tokenizer.cut
    assert names(REST) == ["城市建设者管理者之家"]
    ts = terms(understand(REST, cut), cut)
    assert "歇脚" in ts and "保洁员" in ts
    assert not any(w in "城市建设者管理者之家" for w in ts)  # the name's words are no terms of their own
    assert "配合" not in terms(understand(CHECKUP, cut), cut)  # a linking verb is no content


def test_a_term_is_said_in_other_words_of_the_same_thing():
    assert says("老人", "为老年人提供助餐服务")  # its characters in order, close together
    assert says("红色", "推进物业党建联建", core="红色物业")  # a synonym of the topic's phrase (topics.json)
    assert not says("歇脚", "项目应设立专职门岗，实行24小时值守")


def test_a_match_on_a_quoted_name_alone_is_refused(kb):
    with pytest.raises(PlanError) as e:
        draft(kb, REST, **KW)
    msg = str(e.value)
    assert "城市建设者管理者之家" in msg and "歇脚" in msg and "名称相同" in msg


def test_the_notice_names_the_parts_no_precedent_speaks_of(kb):
    plan = draft(kb, CHECKUP, **KW)
    said = [n for n in plan.notices if n.startswith("资料库中没有找到可用于本方案的关于")]
    assert said and "更新改造" in said[0] and "体检" in said[0].split("只涉及")[1]


def test_a_quoted_name_the_passages_speak_around_is_drafted(kb):
    plan = draft(kb, "做好临时救助“急难先行”工作", **KW)
    assert plan.measures  # 临时救助 is said by its precedent beyond the quoted name
