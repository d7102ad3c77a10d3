"""Cadre review 27: 加强住宅小区物业服务管理 died on the tool's own check (exit 4) because a quoted
measure was titled by its section's heading, 健全“6+N”信息公开机制, which the check did not count as
the source's words. A measure titled by its cited passage's heading is grounded, and a measure is
never the reason a draft is withheld."""
from __future__ import annotations

from assistant.plan.grounding import check_grounding, measure_problems


def test_a_draft_whose_measure_is_titled_by_its_sections_heading_is_written(kb):
    plan = kb.plan("加强住宅小区物业服务管理", unit="XX街道办事处", start="2027-01", end="2027-12")
    assert plan.measures and check_grounding(plan, kb) == []
    titled = [m for m in plan.measures if "6+N" in m.title]
    assert titled  # (the heading's own words, held by the citation's section)
    for m in titled:
        assert any("6+N" in plan.citation(n).section for n in m.citations)


def test_every_measure_passes_the_check_once_finished(kb):
    for topic in ("加强住宅小区物业服务管理", "做好社区志愿服务工作"):
        plan = kb.plan(topic, unit="XX街道办事处", start="2027-01", end="2027-12")
        assert all(measure_problems(plan, i) == [] for i in range(len(plan.measures)))


def test_an_improvement_phrase_after_the_topic_is_not_part_of_it(kb):
    """推进居家社区养老服务提质增效 drafted one measure, its notice pointing to a 物业 document that
    shares only 提质增效: such a trailing phrase says how much better, not what about."""
    import jieba

    from assistant.plan.topic import strip_verbs

    assert strip_verbs("推进居家社区养老服务提质增效", jieba.lcut) == "居家社区养老服务"
    assert strip_verbs("网格化服务管理精细化提升", jieba.lcut) == "网格化服务管理"
    plan = kb.plan("推进居家社区养老服务提质增效", unit="XX街道办事处", start="2027-01", end="2027-12")
    assert len(plan.measures) >= 3


def test_a_web_pages_time_stamp_is_printed_as_a_date():
    """参考依据 printed 《志愿服务记录与证明出具办法（试行）》（2024/06/10 13:44:38）: its page's stamp."""
    from assistant.plan.outline import cn_date

    assert cn_date("2024/06/10 13:44:38") == "2024年6月10日"
    assert cn_date("2018-05-24") == "2018年5月24日" and cn_date("2021-03") == "2021年3月"
    assert cn_date("2017年6月") == "2017年6月"


def test_a_colloquial_dispute_topic_drafts_instead_of_being_refused(kb):
    """Both cadre reviews of stop 27 worded 矛盾调解 colloquially (把小区里的邻里纠纷化解在家门口) and were
    refused although 做好矛盾纠纷调解工作 drafts 8 measures: 邻里纠纷 and 矛盾纠纷 join the 人民调解
    synonyms (topics.json). Thin material gives a short plan with its notice, never a refusal."""
    plan = kb.plan("把小区里的邻里纠纷化解在家门口", unit="XX街道办事处", start="2027-01", end="2027-12")
    assert plan.measures
    assert any("调解" in plan.citation(n).quote or "纠纷" in plan.citation(n).quote
               for m in plan.measures for n in m.citations)
