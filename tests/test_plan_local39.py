"""Cadre review 38, problems 2 and 3: another body's duty or another city's own practice written as the
unit's measure, and titles that are clause fragments or do not match the body. Each behaviour on the
bundled corpus's own sentences (the review's drafts are dev evidence; the checks are on the mechanisms)."""
from __future__ import annotations

from assistant.plan.actor import theirs_only
from assistant.plan.duty import for_unit
from assistant.plan.local import local_title, localised, places
from assistant.plan.measure import unnumbered
from assistant.plan.measure_titles import good_title, measure_title
from tests.plan_points import point_at

STREET = 4  # practice.unit_level of a 街道办事处
LOCAL, NATIONAL = "plan_sh_wuye_fuwu_tisheng_2025.md", "reg_wuye_guanli_tiaoli.md"


def test_a_local_texts_self_reference_is_said_as_the_units_own_place(kb):
    doc = kb.document(LOCAL)
    assert "上海" in places(doc) and places(kb.document(NATIONAL)) == []
    said = localised("对于检查中发现的问题，按照本市物业行业信用管理的有关规定予以处理", doc)
    assert said == "对于检查中发现的问题，按照本地物业行业信用管理的有关规定予以处理"
    national = "对于检查中发现的问题，按照本市物业行业信用管理的有关规定予以处理"
    assert localised(national, kb.document(NATIONAL)) == national  # a national text names no place of its own


def test_a_clause_naming_the_local_texts_own_platform_is_cut(kb):
    doc = kb.document(LOCAL)
    s = "依托上海市物业管理监管与服务信息平台、“上海物业”小程序等，搭建住宅小区物业服务信息公开专栏，拓展信息获取渠道"
    assert localised(s, doc) == "搭建住宅小区物业服务信息公开专栏，拓展信息获取渠道"
    assert localised("依托上海市物业管理监管与服务信息平台", doc) is None  # no act left: the sentence goes


def test_a_local_texts_numbered_programme_leaves_the_title(kb):
    doc = kb.document(LOCAL)
    assert local_title("健全“6+N”信息公开机制", doc, good_title) == "健全信息公开机制"
    assert local_title("健全“6+N”信息公开机制", kb.document(NATIONAL), good_title) == "健全“6+N”信息公开机制"
    assert local_title("推行“两升一降”", doc, good_title) == "推行“两升一降”"  # the name is all the title says


def test_a_measure_of_only_another_bodys_duty_is_left_out_beside_the_units_own(kb):
    doc, theirs = point_at(kb, "reg_laonianren_quanyi_baozhang_fa_2018.md", "医疗机构应当为老年人就医提供方便")
    theirs.other = True
    _, mine = point_at(kb, "reg_tufa_shijian_yingdui_fa_2024.md", "街道办事处应当明确专门工作力量")
    kept, quoted = theirs_only([[theirs], [mine]])
    assert kept == [[mine]] and not quoted
    kept, quoted = theirs_only([[theirs]])  # nothing else: kept, and quoted as written (its holder named)
    assert kept == [[theirs]] and quoted == {(theirs.doc_id, theirs.start)}


def test_a_higher_bodys_step_without_a_modal_leaves_the_measure():
    s = ("县级人民政府民政部门经审查，对符合条件的申请予以批准，并在申请人所在村、社区公布；"
         "街道办事处应当及时告知申请人。")
    assert for_unit(s, STREET) == "及时告知申请人。"


def test_clause_fragments_are_no_titles():
    assert not good_title("及时制止") and not good_title("立即报告")
    assert not good_title("指导居民委员会、村民委员会对接受社区矫正、刑满释放的未成年人")
    assert good_title("对申请人提交的材料进行审查") and good_title("对老年人就医予以优先")
    assert good_title("及时处理矛盾纠纷")


def test_a_section_heading_the_measure_does_not_say_is_not_its_title(kb):
    doc, p = point_at(kb, LOCAL, "健全项目经理回访沟通制度")
    assert "回访" in measure_title(p, doc, STREET)  # not 提升从业人员素质水平


def test_an_articles_first_sentence_is_said_under_a_title_taken_from_it(kb):
    doc = kb.document("reg_tufa_shijian_yingdui_fa_2024.md")
    at = doc.text.index("第四十二条")
    end = doc.text.index("。", at) + 1
    assert unnumbered(doc.text, (at, end))  # the unit's own duty stays in the body, not cut as a heading
