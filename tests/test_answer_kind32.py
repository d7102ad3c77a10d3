"""The asked kind of fact (assistant/answer/kinds.py): a question naming what kind of fact it
wants (money, an area, a head count, a time limit …) is answered only by a sentence stating a
fact of that kind. Questions of our own over the bundled corpus, none from the eval sets."""
from __future__ import annotations

from assistant.answer.kinds import asked_kind, kinds
from assistant.cli import explain


def _kind(question: str) -> str | None:
    k = asked_kind(question)
    return k.name if k else None


def test_kind_is_read_from_the_question_nouns_and_question_words():
    assert _kind("社区卫生服务站的医生工资标准是多少？") == "money"
    assert _kind("服务中心的建筑面积至少要多大？") == "area"
    assert _kind("至少要配几名全科医师？") == "people_count"
    assert _kind("申请人要在多少天内补充材料？") == "time_limit"
    assert _kind("议事会多久开一次？") == "frequency"
    assert _kind("意见反馈截止到哪天？") == "date"
    assert _kind("低保审核确认由哪个部门负责？") == "body"
    assert _kind("老年人占比是多少？") == "rate"


def test_a_bare_how_many_names_no_kind():
    assert _kind("社区一共有多少？") is None
    assert _kind("有哪几种模式？") is None
    assert _kind("补贴标准是什么？") is None  # asks no quantity


def test_each_kind_is_stated_only_by_a_fact_of_that_kind():
    by = {k.name: k for k in kinds()}
    assert by["money"].stated_in("每人每月补贴300元") and not by["money"].stated_in("再过5到10年")
    assert by["area"].stated_in("建筑面积不少于150平方米") and not by["area"].stated_in("至少有1名执业医师")
    assert by["time_limit"].stated_in("10个工作日内提出审核确认意见") and not by["time_limit"].stated_in("为期7天的公示")
    assert by["people_count"].stated_in("至少配备2名全科医师") and not by["people_count"].stated_in("第二名")
    assert by["date"].stated_in("2023年5月1日起施行") and not by["date"].stated_in("每年一次")


def test_a_salary_question_is_not_answered_by_a_head_count(kb):
    ans = kb.ask("社区卫生服务站的医生工资标准是多少？")
    assert not ans.found  # the standard says how many doctors, never what they earn
    assert "asked kind (money)" in ans.trace["reason"]
    assert ans.trace["asked_kind"][0]["stating"] == 0
    assert "所问事实类型：money" in explain(ans.trace)
    assert "→ 拒答" not in explain(ans.trace)  # the abstention model never ran: it did not refuse


def test_a_time_limit_question_is_not_answered_by_a_publicity_period(kb):
    ans = kb.ask("最低生活保障的申请人要在多少天内补充材料？")
    assert not ans.found, ans.text  # “为期7天的公示” is a duration, not a deadline to act within
    assert "time_limit" in ans.trace["reason"]


def test_a_question_of_a_stated_kind_is_still_answered(kb):
    ans = kb.ask("社区卫生服务中心的建筑面积至少要多大？")
    assert ans.found and "平方米" in ans.text
    assert ans.trace["asked_kind"][0]["kind"] == "area" and ans.trace["asked_kind"][0]["stating"] >= 1
    ans = kb.ask("低保申请要在几个工作日内审核完？")
    assert ans.found and "个工作日内" in ans.text
    assert ans.trace["asked_kind"][0]["kind"] == "time_limit"


def test_a_lunar_date_states_a_date():
    """Festivals and customs are dated by the lunar calendar (农历九月初九, 正月十五): a date, not a
    month alone or a day of every month (stop 38)."""
    date = next(k for k in kinds() if k.name == "date")
    assert date.stated_in("每年农历九月初九为敬老日。") and date.stated_in("正月十五前完成走访")
    assert date.stated_in("腊月廿三开展慰问")
    assert not date.stated_in("每月十五日开放") and not date.stated_in("三月份开展活动")
