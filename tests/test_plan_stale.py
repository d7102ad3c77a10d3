"""Text never printed in a measure (review s26): placeholders and blanks, first person, a past
aim or an epidemic-time rule, another place's named document; another body's duty said as the
unit's guidance of it; list items of another body's lead; nested 书名号 and the 附件说明.
Excerpts are taken from the bundled corpus as written."""
from __future__ import annotations

import re

from plan_points import point_at

from assistant.plan import draft, to_markdown
from assistant.plan.compose import unit_sentences
from assistant.plan.duty import for_unit
from assistant.plan.outline import nest_titles
from assistant.plan.stale import _CUT, _DROP, PlanContext, printable

STREET, COMMUNITY = 4, 5
Y2027 = PlanContext(2027, "XX街道办事处")


def test_a_placeholder_clause_is_cut_and_the_rest_stands():
    """002_b6468e56d54af811.txt: 这也正是xxx一直以来… is a model text's blank."""
    s = "规范落实“三会一课”制度，这也正是xxx一直以来在创新理念机制加强党建引领基层治理方面的努力方向"
    assert printable(s, Y2027) == "规范落实“三会一课”制度"
    assert printable("确保就业率在____%以上", Y2027) is None  # a blank left where a figure was


def test_first_person_epidemic_and_past_aims_are_left_out():
    assert printable("我们推行网格化，打破区域限制，均衡服务资源", Y2027) is None
    assert printable("对受疫情影响无法返岗复工的人员，给予临时救助", Y2027) is None
    goal = "到2020年，全面建成以居家为基础、社区为依托、机构为支撑的养老服务体系"  # opinion_gwy_yanglao_fuwuye_2013.md
    assert printable(goal, Y2027) is None
    assert printable(goal, PlanContext(2019)) == goal  # not yet past for a plan of 2019


def test_a_past_congress_is_cut_relative_to_the_plans_year():
    s = "全面贯彻落实党的十九大精神，加强基层党组织建设"
    assert printable(s, Y2027) == "加强基层党组织建设"
    assert printable(s, PlanContext(2020)) == s
    assert printable("全面贯彻落实党的二十大精神，加强基层党组织建设", Y2027).startswith("全面贯彻")


def test_another_places_named_document_is_cut_unless_the_unit_is_there():
    s = "结合《南康区综治网格化管理工作实施细则》，建立健全网格员考核制度"
    assert printable(s, Y2027) == "建立健全网格员考核制度"
    national = "依照《中华人民共和国城市居民委员会组织法》，指导居民委员会换届选举"
    assert printable(national, Y2027) == national
    own = "按照《上海市街道办事处条例》，建立健全基层民主协商机制"
    assert printable(own, PlanContext(2027, "上海市XX街道办事处")) == own


def test_a_guided_bodys_duty_keeps_its_subject():
    """reg_bj_wuye_2024.md 第五十六条: the subject 物业管理委员会 was deleted, making it the 街道's act."""
    s = "成立业主大会但是尚未成立业主委员会的，物业管理委员会组织业主大会履行职责"
    assert for_unit(s, STREET) == "成立业主大会但是尚未成立业主委员会的，指导物业管理委员会组织业主大会履行职责"
    assert for_unit("业主大会通过召开定期会议或者临时会议，共同决定下列事项", STREET).startswith("指导业主大会")
    jw = "居民委员会、村民委员会应当发挥民主自治功能，组织社区老年人和其他居民开展以下活动"  # reg_bj_jujia_yanglao.md 第七条
    assert for_unit(jw, STREET).startswith("指导居民委员会、村民委员会发挥")
    assert for_unit(jw, COMMUNITY).startswith("发挥民主自治功能")  # a 居委会 unit: its own duty


def test_a_subject_is_never_cut_inside_a_word():
    """reg_bj_wuye_2024.md 第四十八条: 物业所|在地的… printed 在地的居民委员会."""
    s = "或者业主委员会拒不履行职责的，物业所在地的居民委员会、村民委员会或者街道办事处、乡镇人民政府应当组织召开业主大会临时会议"
    out = for_unit(s, STREET) or ""
    assert "在地的" not in out or "物业所在地的" in out


def test_items_of_another_bodys_list_are_no_measure(kb):
    """reg_bj_jujia_yanglao.md 第五条: 市和区、县人民政府应当履行下列职责：（一）…（七）…"""
    doc, p = point_at(kb, "reg_bj_jujia_yanglao.md", "（七）加强对居家养老服务工作的统筹协调")
    said = " ".join(s for _, s in unit_sentences(p, doc, STREET))
    assert "统筹协调" not in said
    doc, p = point_at(kb, "reg_bj_jujia_yanglao.md", "（一）将老龄事业纳入国民经济")
    assert not any("老龄事业纳入" in s for _, s in unit_sentences(p, doc, STREET))


def test_no_measure_body_of_the_corpus_prints_a_placeholder_or_first_person(kb):
    from assistant.plan.precedents import points_of_chunk

    for c in kb.data.chunks:
        doc = kb.document(c.doc_id)
        for p in points_of_chunk(doc, c):
            for _, sent in unit_sentences(p, doc, STREET):
                assert not _CUT.search(sent) and not _DROP.search(sent), sent


def test_nested_titles_take_single_marks_and_the_body_names_its_attachment(kb):
    assert nest_titles("《关于印发《关于完善本市住宅小区业主大会规范化建设的实施意见》的通知》") == \
        "《关于印发〈关于完善本市住宅小区业主大会规范化建设的实施意见〉的通知》"
    plan = draft(kb, "管好小区物业，推动业委会规范运作", unit="XX街道办事处", start="2027-01", end="2027-12",
                 strict=False)
    md = to_markdown(plan)
    assert not re.search(r"《[^》]*《", md)
    body, appendix = md.split("\n---\n", 1)
    assert "附件：参考先例" in body and body.index("附件：参考先例") < body.index("XX街道办事处</p>")
