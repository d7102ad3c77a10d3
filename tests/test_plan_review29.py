"""Cadre review s29 (主体错置): a city department's list of duties, a 国务院 text's own policy
sections and a 各地 duty's condition sentence were printed as a 街道办事处's measures. Passages
are the corpus's own, cut into points as a draft cuts them."""
from __future__ import annotations

from assistant.library import view_of
from assistant.plan.compose import action_text
from assistant.plan.draft import has_detail
from assistant.plan.practice import foreign_subject, organisation, practice_problem
from assistant.plan.precedents import points_of_chunk

STREET = 4  # a 街道办事处


def _point(kb, doc_id: str, opening: str):
    """The point whose quote opens with `opening` (after any whitespace)."""
    kb = view_of(kb)
    doc = kb.documents[doc_id]
    for c in kb.chunks:
        if c.doc_id == doc_id:
            for p in points_of_chunk(doc, c):
                if doc.text[p.start:p.end].lstrip().startswith(opening):
                    return p, doc
    raise AssertionError(f"no point opens with {opening} in {doc_id}")


def test_a_department_name_with_和_is_one_body():
    """住房和城乡建设: 市住房 alone is no body; the city department is a higher level's."""
    assert organisation("市住房和城乡建设主管部门")
    assert foreign_subject("市住房和城乡建设主管部门", STREET)
    assert not foreign_subject("街道办事处和居民委员会", STREET)  # two bodies still split


def test_a_city_departments_list_of_duties_is_no_street_measure(kb):
    """北京市物业管理条例 第六条 市住房和城乡建设主管部门履行下列职责：（一）制定本市物业管理相关政策…"""
    p, doc = _point(kb, "reg_bj_wuye_2024.md", "第六条 市住房和城乡建设主管部门履行下列职责")
    assert not has_detail(p, doc, STREET) or practice_problem(p, doc, STREET) == "level"
    assert "制定本市物业管理相关政策" not in action_text(p, doc, unit=STREET)
    own, own_doc = _point(kb, "reg_bj_wuye_2024.md", "第八条 街道办事处、乡镇人民政府组织")
    assert has_detail(own, own_doc, STREET) and not practice_problem(own, own_doc, STREET)


def test_a_state_council_texts_policy_section_is_no_street_measure(kb):
    """国务院关于加快发展养老服务业的若干意见 三、政策措施 › （一）完善投融资政策: 开展老年人住房反向抵押
    养老保险试点 has no subject, but it is the State Council's financial policy."""
    p, doc = _point(kb, "opinion_gwy_yanglao_fuwuye_2013.md", "开展老年人住房反向抵押养老保险试点")
    assert practice_problem(p, doc, STREET) == "level"
    assert practice_problem(p, doc, None) != "level"  # no unit named: as written
    task, task_doc = _point(kb, "opinion_gwy_yanglao_fuwuye_2013.md", "发展居家养老便捷服务")
    assert practice_problem(task, task_doc, STREET) != "level"  # 主要任务: no policy-making heading


def test_a_condition_sentence_goes_on_with_the_local_governments_duty(kb):
    """同一意见: 各地在制定城市总体规划…时，必须…。凡新建城区…，要按标准要求配套建设…同步规划: the second
    sentence is 各地's too (a planning duty), not the street office's."""
    p, doc = _point(kb, "opinion_gwy_yanglao_fuwuye_2013.md", "加强社区服务设施建设")
    assert "同步规划" not in action_text(p, doc, unit=STREET)
