"""Cadre review s27 (second round): measures that were another body's duty (a higher body's
act, a volunteer's obligation, a 国务院 investment policy), a past story printed as a measure,
another city's named site as a measure's title, a draft of 8 measures from one district report
without a word about it, a colloquial topic that drafted one measure, and an appendix entry
printing 《…》，：“ for a section named by a zero-width space. Sentences are the corpus's own."""
from __future__ import annotations

import jieba

from assistant.plan.duty import for_unit, named_sites
from assistant.plan.practice import not_practice
from assistant.plan.topic import strip_verbs
from assistant.types import Citation

STREET = 4  # a 街道办事处


def test_a_volunteers_obligation_is_no_measure_of_the_street_office():
    """志愿服务条例: the volunteer's duty, its subject in a condition clause (…的，应当…)."""
    s = "志愿者因故不能按照约定提供志愿服务的，应当及时告知志愿服务组织或者志愿服务对象。"
    assert for_unit(s, STREET) is None


def test_a_higher_bodys_act_without_a_modal_is_left_out_and_the_units_own_stays():
    """东山街道 report: 区委牵总协调 printed as the street's measure, the real subject
    (街道、社区党组织) of the next clause dropped instead."""
    s = ("区委牵总协调,街道、社区党组织积极引导各方力量参与城市基层党建和社区共治等工作,"
         "发挥驻社区单位在公益服务、资源支持、秩序维护、关系融合等方面的作用。")
    out = for_unit(s, STREET)
    assert out is not None and "区委" not in out and out.startswith("积极引导各方力量")


def test_a_higher_governments_policy_instrument_is_no_street_measure():
    """国务院关于加快发展养老服务业的若干意见: 鼓励境外资本投资养老服务业 (subjectless)."""
    assert for_unit("鼓励境外资本投资养老服务业。", STREET) is None
    assert for_unit("鼓励境外资本投资养老服务业。", None) is not None  # no unit named: as written


def test_a_past_story_of_an_award_is_no_practice():
    s = ("在大清查、大排查工作期间,冒着炎炎酷暑,市委、市政协、市委组织部、市委统战部联系点领导带领下派干部"
         "深入社区各处,就社区网格化管理平面图绘制和门牌编制问题进行现场办公")
    assert not_practice(s) == "narrative"
    assert not_practice("建立健全社区协商机制，定期组织开展议事协商") == ""


def test_another_places_site_after_依托_is_named():
    """文化路街道 report: 依托红旗里社区“老马”调解室 was a measure's title."""
    assert named_sites("依托红旗里社区“老马”调解室,培养一批高效的社区调解员队伍", "案例") == ["红旗里社区"]
    assert named_sites("依托社区综合服务设施,培养一批高效的社区调解员队伍", "案例") == []


def test_the_street_offices_guidance_of_the_residents_committee_keeps_its_verb():
    """指导居民委员会… (指导 tagged vn) was read as a body and cut to 开展…."""
    out = for_unit("街道办事处应当建立健全社区协商机制，指导居民委员会开展议事协商。", STREET)
    assert out is not None and "指导居民委员会开展议事协商" in out


def test_a_colloquial_topics_place_phrase_and_fillers_are_dropped():
    assert strip_verbs("把小区里的邻里纠纷化解在家门口", jieba.lcut) == "小区邻里纠纷"
    assert strip_verbs("把矛盾纠纷化解在萌芽状态", jieba.lcut) == "矛盾纠纷"
    assert strip_verbs("把困难群众早发现早帮扶", jieba.lcut) == "困难群众早发现早帮扶"  # no place phrase
    assert strip_verbs("让老人在家门口养老", jieba.lcut) == "老人在家门口养老"  # mid-topic: it says what


def test_a_section_named_by_a_zero_width_space_prints_nothing():
    from assistant.plan.outline import precedent

    c = Citation(n=7, chunk_id="d#0", doc_id="d", title="北京市物业管理条例", section="北京市物业管理条例 › \u200b",
                 start=0, end=10, quote="第九条 街道办事处、乡镇人民政府建立综合执法工作机制。")
    line = precedent(c)
    assert "》，：" not in line and "》：“第九条" in line


def test_a_plan_from_one_district_report_is_capped_and_says_so(kb):
    """A 党建 plan took all 8 measures from one 区县 report (案例) and said nothing (dev topic 党建引领)."""
    plan = kb.plan("党建引领", unit="城东街道办事处", start="2027-01", end="2027-12")
    lead = [plan.citation(m.citations[0]).doc_id for m in plan.measures]
    top = max(lead.count(d) for d in set(lead))
    assert lead and top <= kb.settings.plan.doc_cap
    assert top / len(lead) <= kb.settings.plan.source_share or any("引用了同一篇文档" in n for n in plan.notices)


def test_a_higher_body_telling_the_local_governments_is_no_street_measure():
    """培育发展社区社会组织专项行动方案 / 低保 notice: 支持各地…, 鼓励各地制定…标准 (review 7-二)."""
    assert for_unit("鼓励各地制定低保边缘家庭财产状况认定标准，加强线上跨部门信息共享和数据比对。", STREET) is None
    out = for_unit("推动建立多元化筹资机制，支持各地加大向社区社会组织购买社区服务的力度。", STREET)
    assert out is not None and "各地" not in out and out.startswith("推动建立多元化筹资机制")


def test_a_list_of_bodies_checks_keeps_the_units_own():
    """上海市住宅小区物业服务质量提升行动方案: 街镇每月排查、区房屋管理部门每月抽查和市房屋管理局专项检查."""
    s = ("加强街镇每月排查、区房屋管理部门每月抽查和市房屋管理局专项检查工作，"
         "重点聚焦物业服务履约不到位、侵占业主公共收益等违法违规行为。")
    out = for_unit(s, STREET)
    assert out is not None and out.startswith("加强街镇每月排查工作") and "房屋管理" not in out


def test_应x尽x_keeps_its_应_and_a_condition_lead_keeps_its_items():
    """特困人员认定办法 第二条 printed 救尽救 (应 taken for a modal); 第二十四条's six cases were cut to one."""
    from assistant.plan.compose import instruction
    from assistant.plan.lists import announced

    assert instruction("应救尽救，应养尽养") == "应救尽救，应养尽养"
    assert instruction("应当及时告知申请人") == "及时告知申请人"
    assert announced("特困人员有下列情形之一的，应当及时终止救助供养") == 0


def test_a_principles_lead_makes_its_items_no_measure():
    from assistant.plan.compose import _others_lead

    assert _others_lead("第二条  特困人员认定工作应当遵循以下原则：", STREET)
    assert not _others_lead("第十五条 特困人员供养的内容包括：", STREET)


def test_the_street_offices_own_article_is_a_precedent(kb):
    """北京市居家养老服务条例 第六条 (乡镇人民政府和街道办事处负责具体组织实施下列居家养老服务工作：…) was
    never used: 组织实施 in it was taken for a plan's boilerplate heading, 具体组织实施 for no act,
    and a title 负责…下列…工作 announces a list. It is now a usable point of the unit's own duty."""
    from assistant.library import view_of
    from assistant.plan.draft import usable
    from assistant.plan.measure_titles import good_title, measure_title
    from assistant.plan.precedents import excluded, points_of_chunk

    view = view_of(kb)
    doc = next(d for d in view.documents.values() if d.title == "北京市居家养老服务条例")
    chunk = next(c for c in view.chunks if c.doc_id == doc.doc_id
                 and "负责具体组织实施下列居家养老服务工作" in doc.text[c.start:c.end])
    points = [p for p in points_of_chunk(doc, chunk) if not excluded(p, doc)]
    assert points
    ok = usable(view, points, STREET)
    assert ok and all(p.own for p in ok)
    assert "下列" not in measure_title(ok[0], doc, STREET)
    assert not good_title("负责具体组织实施下列居家养老服务工作")
