"""Measures addressed to the user's unit: whose duty a precedent's sentence states, whose
sites it names, where its title comes from, and which practices count as on topic. Excerpts
are taken from the bundled corpus as written."""
from __future__ import annotations

import pytest
from plan_points import point_at

from assistant.plan import draft
from assistant.plan.compose import action_text
from assistant.plan.duty import for_unit, named_sites
from assistant.plan.measure_titles import measure_title
from assistant.plan.practice import not_practice, practice_problem, unit_level

STREET = 4  # practice.unit_level("XX街道办事处")


def test_a_generic_duty_holder_becomes_the_units_instruction():
    """reg_sh_jiedao.md 第十七条: 街道办事处应当建立健全… → 建立健全…"""
    s = "街道办事处应当建立健全基层民主协商机制，通过社区代表会议、社区委员会等形式"
    assert for_unit(s, STREET) == "建立健全基层民主协商机制，通过社区代表会议、社区委员会等形式"
    assert for_unit(s, None).startswith("建立健全")


def test_another_branchs_clause_is_left_out_with_what_depends_on_it():
    """reg_shequ_jiaozheng_fa_2019.md: the police's duty is not the unit's; the unit's stays."""
    s = ("社区矫正对象失去联系的，社区矫正机构应当立即组织查找，公安机关等有关单位和人员应当予以配合协助；"
         "查找到社区矫正对象后，应当区别情形依法作出处理")
    out = for_unit(s, STREET)
    assert out == "社区矫正对象失去联系的，立即组织查找；查找到社区矫正对象后，应当区别情形依法作出处理"
    s2 = "社区矫正对象的监护人、家庭成员，所在单位或者就读学校应当协助社区矫正机构做好社区矫正工作"
    assert for_unit(s2, STREET) is None  # neither the unit's duty nor its subject is left


def test_a_partys_duty_is_no_measure():
    assert for_unit("社区矫正对象应当依法接受社区矫正，服从监督管理", STREET) is None


def test_a_higher_levels_duty_is_left_out_unless_shared_with_the_unit():
    """reg_dibao_shenhe.md: a 县 duty is not a 街道's; a duty of 县 and 街道 together is."""
    alone = "县级以上地方人民政府民政部门应当加强本辖区内最低生活保障审核确认工作的规范管理和相关服务"
    assert for_unit(alone, STREET) is None
    assert for_unit(alone, 3).startswith("加强本辖区内")  # the user's unit is a 县级 body
    shared = "县级以上地方人民政府民政部门和乡镇人民政府（街道办事处）应当公开社会救助服务热线，受理咨询、举报和投诉"
    assert for_unit(shared, STREET) == "公开社会救助服务热线，受理咨询、举报和投诉"


def test_an_accounts_own_sites_are_found_and_a_rules_are_not():
    """003 (文化路街道): 红旗里社区 and 广发大厦 are that street's sites, not the user's."""
    s = ("探索“支部建在楼上、支部建在片上、支部建在路上”的“两新”党组织建设，在红旗里社区试点建立物业公司"
         "联合党支部，在广发大厦建立商务楼宇党支部，扩大“两个覆盖”")
    assert named_sites(s, "案例") == ["红旗里社区", "广发大厦"]
    assert named_sites("建立实施《机关在职党员进社区走访调研纪实管理办法》", "案例") == []  # 在职 is no 在
    assert named_sites(s, "法规") == []


def test_notice_addressees_and_reasons_are_no_practice():
    assert not_practice("各省、自治区、直辖市民政厅（局），各计划单列市民政局，新疆生产建设兵团民政局：") == "address"
    assert not_practice("建立社会组织第三方评估机制，是完善社会组织综合监管体系的重要内容") == "why"



def test_title_and_body_come_from_the_same_sentences(kb):
    """003: the title was 指导新文化艺术团社会组织建立党支部 (a short sentence taken as a
    heading) over a body about 物业公司联合党支部 in 红旗里社区."""
    doc, p = point_at(kb, "003_f97dfd424ead4bbd.txt", "指导新文化艺术团")
    title, body = measure_title(p, doc), action_text(p, doc)
    assert title.replace("了", "") in body.replace("了", "")
    assert "红旗里社区" not in body and "广发大厦" not in body


def test_an_article_that_prescribes_in_its_second_paragraph_is_a_practice(kb):
    """reg_zhiyuan_jilu.md 第八条: what a record holds, then 志愿服务组织应当及时、如实记录…"""
    doc, p = point_at(kb, "reg_zhiyuan_jilu.md", "第八条")
    assert practice_problem(p, doc, 5) == ""
    assert measure_title(p, doc, 5) == "及时、如实记录志愿者的培训情况"


def test_no_measure_states_another_bodys_duty(kb):
    plan = draft(kb, "加强社区矫正对象监管帮扶", unit="XX街道司法所", strict=True)
    for m in plan.measures:
        assert "公安机关" not in m.text and "应当依法接受社区矫正" not in m.text
        assert not m.title.startswith("参照")


def test_a_practice_on_topic_by_its_own_text_is_not_lost_to_its_chunk(kb):
    """把困难群众早发现早帮扶: opinion_dishouru_jiance's 加强动态监测 (及时、主动发现需要救助
    的困难群众) sits in a chunk about more, below the relevance floor; its own text is on the
    topic. With the second gate off the plan had one measure."""
    on = draft(kb, "把困难群众早发现早帮扶", unit="XX街道办事处")
    off_settings = kb.settings.model_copy(update={"plan": kb.settings.plan.model_copy(
        update={"sentence_accept": 1.0, "lexical_accept": 1.0})})
    saved, kb.settings = kb.settings, off_settings
    try:
        off = draft(kb, "把困难群众早发现早帮扶", unit="XX街道办事处")
    finally:
        kb.settings = saved
    assert len(on.measures) > len(off.measures)
    assert any("大数据比对" in c.quote for c in on.citations)


@pytest.mark.parametrize("sentence", ["在职党员进社区", "到社区报到"])
def test_ordinary_words_are_no_sites(sentence):
    assert named_sites(sentence, "案例") == []


def test_an_articles_first_sentence_is_content_not_a_heading(kb):
    """reg_zhiyuan_jilu.md 第十一条: its number is no heading; the sentence is the duty."""
    doc, p = point_at(kb, "reg_zhiyuan_jilu.md", "第十一条")
    assert practice_problem(p, doc, 5) == ""
    assert measure_title(p, doc, 5) == "及时记录志愿服务信息"


def test_a_duty_that_may_be_done_by_some_means_is_a_practice(kb):
    """reg_shequ_jiaozheng_fa_2019.md 第四十条: 社区矫正机构可以通过公开择优购买… is the
    unit's practice, titled by the means."""
    doc, p = point_at(kb, "reg_shequ_jiaozheng_fa_2019.md", "第四十条")
    assert practice_problem(p, doc, 4) == ""
    assert measure_title(p, doc, 4) == "公开择优购买社区矫正社会工作服务或者其他社会服务"


@pytest.mark.parametrize("name, title", [("岗位管理", "做好岗位管理工作"), ("业主委员会委员选举", "做好业主委员会委员选举工作"),
                                         ("领导解难题", ""), ("申请或约定", "")])
def test_an_area_of_work_is_titled_but_a_clause_is_not(name, title):
    """做好领导解难题工作 and 做好申请或约定工作 were titles: a heading with a verb inside is a
    clause, not an area of work."""
    from assistant.plan.measure_titles import name_title

    assert name_title(name) == title


def test_a_body_acting_without_a_modal_is_the_units_or_another_bodys():
    """opinion_dishouru_jiance.md: 各地民政部门发现…的，要尽快… is a 民政部门's to do, not a
    街道's (a 区县 unit's own department may take it up);
    plan_sh_wuye_fuwu_tisheng_2025.md: 区房屋管理部门选定… is a 区's act, not a 社区's."""
    s = "各地民政部门发现社会救助政策落实不到位的，要尽快按规定落实或商请相关社会救助管理部门落实救助政策"
    assert for_unit(s, STREET) is None
    assert for_unit(s, 3).startswith("发现社会救助政策落实不到位的，要尽快")
    assert for_unit("区房屋管理部门选定包含区属房管集团下属国有独资、控股物业服务企业在内的若干物业服务企业", 5) is None
    own = "社区党组织书记每月至少参加一次街道党工委召开的会议"  # a person of the unit, not a body's act
    assert for_unit(own, 5) == own
    assert for_unit("组织开展党员志愿服务", 5) == "组织开展党员志愿服务"  # 组织 is the verb here


def test_whether_the_library_has_material_does_not_depend_on_whose_duty_it_states(kb):
    """reg_shequ_jiaozheng_fa_2019.md 第四条 is the 社区矫正对象's duty: no measure of the
    unit's, but material on the topic all the same (a topic with only such articles was
    refused when the support check used the unit's wording)."""
    from assistant.plan.draft import usable

    doc, p = point_at(kb, "reg_shequ_jiaozheng_fa_2019.md", "第四条")
    assert usable(kb.library(), [p], False) == [p]
    assert usable(kb.library(), [p], STREET) == []


def test_a_national_subject_and_an_adverb_before_the_modal():
    """reg_shequ_jiaozheng_fa_2019.md 第四十条: 社区矫正机构也可以通过… is the unit's;
    国家鼓励… is not a 街道's act."""
    assert for_unit("社区矫正机构也可以通过项目委托社会组织等方式开展上述帮扶活动", STREET) == \
        "通过项目委托社会组织等方式开展上述帮扶活动"
    assert for_unit("国家鼓励有经验和资源的社会组织跨地区开展帮扶交流和示范活动", STREET) is None


def test_a_one_sentence_article_that_opens_with_its_duty_holder_is_a_candidate(kb):
    """第十一条 乡镇人民政府…应当及时了解…: one sentence opening with a body, not a verb; it is
    still a candidate (whose duty it is, is judged later). It used to give no point at all."""
    doc, p = point_at(kb, "reg_tekun_rending.md", "应当及时了解掌握辖区内居民的生活情况")
    assert doc.text[p.start:p.end].startswith("第十一条")


def test_a_regulations_purpose_article_is_no_practice():
    """第一条 为了…，制定本条例: the legislative purpose, never a measure (a reviewer found it
    titled 建设和谐宜居社区 in a 红色物业 plan)."""
    from assistant.plan.practice import not_practice

    assert not_practice("第一条 为了构建党建引领社区治理框架下的物业管理体系，建设和谐宜居社区，规范物业管理，"
                        "根据相关法律法规，结合本市实际，制定本条例。") == "preamble"


def test_an_act_by_a_party_after_you_is_no_measure():
    """应当由本人…提出书面申请: the applicant acts (由本人), not the unit; the clause before
    it goes with it. An act by a body of the unit's kind (由乡镇人民政府…公示) stays. Stop 38: an
    application to the unit's own level is said as the unit's 受理 (party.py), never as the applicant's act."""
    unit = unit_level("XX镇人民政府")
    assert for_unit("申请法律援助，应当由本人向县级人民政府司法行政部门提出书面申请。", unit) is None
    assert for_unit("申请特困人员救助供养，应当由本人向户籍所在地乡镇人民政府（街道办事处）提出书面申请。", unit) \
        == "受理特困人员救助供养申请。"
    kept = "对拟终止救助供养的特困人员，由乡镇人民政府（街道办事处）在其所在村（社区）公示。"
    assert for_unit(kept, unit) == kept


@pytest.mark.parametrize("sentence", [
    "卫生管理部门要支持有条件的养老机构设置医疗机构",  # opinion_gwy_yanglao_fuwuye_2013.md
    "财政部门要加强资金保障，提高资金使用效益",
    "各级民政部门要切实履行主管部门职责，发挥好统筹协调作用",
    "市住房和城乡建设主管部门应当发布住宅小区物业服务项目清单，明确物业服务内容和标准",  # reg_bj_wuye_2024.md
    "市住房城乡建设管理委员会负责统筹协调本市住宅小区综合治理工作，制定技术指南",  # the review's wording
])
def test_a_named_departments_duty_is_never_stripped_into_the_units(sentence):
    """A department's duty (卫生管理部门要…, 市住房城乡建设管理委员会负责…) is not a 街道's or a
    社区's: the sentence is left out, never said without its subject as the unit's own job."""
    assert for_unit(sentence, STREET) is None
    assert for_unit(sentence, 5) is None


def test_the_units_own_level_and_generic_subjects_are_still_stripped():
    assert for_unit("各地要根据城乡规划布局要求，统筹考虑建设各类养老机构", 3).startswith("根据城乡规划")
    assert for_unit("各级党组织要根据城乡规划布局要求，统筹考虑建设各类养老机构", STREET).startswith("根据城乡规划")
    assert for_unit("镇人民政府应当建立台账", STREET) == "建立台账"
    assert for_unit("区住房城乡建设管理委员会负责指导", 3) == "负责指导"  # a 区 unit's own level


def test_a_committee_or_bureau_of_the_units_own_kind_is_still_stripped():
    """reg_renmin_tiaojie_fa_2010.md 第四条: a 人民调解委员会 unit's own duty; opinion_mzb_shehui_zuzhi_pinggu_2015.md: a 区民政局 is a
    民政部门 (民政部门 is no 民政部, the ministry)."""
    s = "人民调解委员会调解民间纠纷，不收取任何费用"
    assert for_unit(s, 5) == "调解民间纠纷，不收取任何费用"
    assert for_unit("民政部门要定期汇总社会组织第三方评估信息", 3) == "定期汇总社会组织第三方评估信息"


def test_a_duty_of_the_local_governments_is_not_a_streets_or_a_communitys():
    """opinion_gwy_yanglao_fuwuye_2013.md 二（六）: 各地要… addresses the local governments; the
    review (plans_v5 6-（一）) read the stripped clause as the 街道's own."""
    s = "各地要促进医疗卫生资源进入养老机构、社区和居民家庭"
    assert for_unit(s, STREET) is None
    assert for_unit(s, 5) is None
    assert for_unit(s, 3) == "促进医疗卫生资源进入养老机构、社区和居民家庭"  # a 县's own


def test_a_district_by_its_place_word_alone_is_another_body_and_the_locality_is_the_unit():
    """std_sh_chengshi_tijian_gengxin_zhiyin_2025.md 三（三）, as written but its first sentence:
    the 市 and 各区 clauses go with all they govern; 属地配合… is the 街道's part."""
    s = ("市住房城乡建设管理委负责统筹协调，会同有关行业主管部门深化制定技术指南与应用流程，持续跟踪体检促更新的"
         "转化应用效果，及时总结创新项目实践，形成可复制可推广的经验；各区（管委会）加强工作落实，坚持规划引领，"
         "强化项目库动态管理，重点推动体检成果向更新项目转化落地；属地配合开展需求摸排与意见协商，形成上下联动、"
         "横向协同的治理合力")
    assert for_unit(s, STREET) == "配合开展需求摸排与意见协商，形成上下联动、横向协同的治理合力"
    assert for_unit("各区（管委会）加强工作落实，坚持规划引领，强化项目库动态管理", STREET) is None


def test_a_community_assists_its_street_and_the_street_stays_named():
    """opinion_sh_yezhu_dahui_guifanhua_2026.md （十八）, 一（三）: a 街镇's duty is said as the 居委会's
    help with it, 街镇 named; for a 街道 unit it is its own."""
    s = "业主委员会无法按时组建换届的，由街镇牵头组建物业治理委员会，发挥临时过渡和救济补位等功能"
    assert for_unit(s, 5) == "业主委员会无法按时组建换届的，配合街镇组建物业治理委员会，发挥临时过渡和救济补位等功能"
    assert for_unit(s, STREET) == s
    assert for_unit("街镇应当及时组建筹备组或者换届改选小组", 5) == "配合街镇及时组建筹备组或者换届改选小组"
    assert for_unit("街镇应当及时组建筹备组或者换届改选小组", STREET) == "及时组建筹备组或者换届改选小组"
    assert for_unit("街道办事处应当指导居民委员会建立台账", 5) is None  # done towards the 居委会, not by it


def test_a_thin_plan_never_takes_an_off_topic_practice_and_never_prints_a_bare_title(kb):
    """推进社区医养结合 for a 街道: the one passage on the topic (opinion_gwy_yanglao_fuwuye_2013.md
    推动医养融合发展) holds only others' duties (各地要…, 卫生管理部门要…). The thin plan took the
    best of the off-topic practices instead (制定区域化党建项目菜单), and a measure whose body
    was its title alone (推动医养融合发展[1]。) is its precedent quoted as written."""
    plan = draft(kb, "推进社区医养结合", unit="XX街道办事处", strict=True)
    assert plan.measures and plan.notices
    for m in plan.measures:
        assert "区域化党建" not in m.text
        assert m.verbatim or len(m.text.replace(m.title, "")) > 12
    assert {c.doc_id for c in plan.citations} <= {"opinion_gwy_yanglao_fuwuye_2013.md", "reg_bj_jujia_yanglao.md"}


def test_an_item_whose_named_holders_are_all_above_the_unit_is_theirs(kb):
    """opinion_sh_wuye_tizhi_zengxiao_2026.md （十二）, （九）: each item ends （责任单位：市…，各区政府）.
    plans_v5 printed them as a 居委会's and a 街道's measures (3-（一）, 4-（二）（三））."""
    from assistant.plan.practice import declared_holders

    doc, p = point_at(kb, "opinion_sh_wuye_tizhi_zengxiao_2026.md", "支持对老旧小区（包括直管公房")
    assert declared_holders(p, doc) == ["市房屋管理局", "市国资委", "市财政局", "市机管局", "各区政府"]
    assert practice_problem(p, doc, STREET) == "level"
    assert practice_problem(p, doc, 5) == "level"
    assert practice_problem(p, doc, 3) == ""  # a 区's own item
    doc, p = point_at(kb, "opinion_sh_wuye_tizhi_zengxiao_2026.md", "加强街镇、居民区党组织领导")
    assert declared_holders(p, doc) and practice_problem(p, doc, STREET) == ""  # it names the 街镇's part
    doc, p = point_at(kb, "reg_sh_jiedao.md", "第十七条")
    assert declared_holders(p, doc) == []


def test_a_heading_that_says_its_clause_short_titles_the_measure(kb):
    """std_sh_chengshi_tijian_gengxin_zhiyin_2025.md 二（一）调研基础信息: plans_v5 5-（二） was titled
    体检全面调研城市现状各项基础信息, a cut of the first sentence (通过 dropped)."""
    doc, p = point_at(kb, "std_sh_chengshi_tijian_gengxin_zhiyin_2025.md", "通过体检全面调研城市现状")
    assert measure_title(p, doc, STREET) == "调研基础信息"


def test_a_quoted_measure_is_titled_by_its_sections_heading():
    """opinion_sh_yezhu_dahui_guifanhua_2026.md （十一）: the quote opens with 业主应当按照规定交纳维修资金,
    which is no title of the unit's measure; the section's heading is."""
    from assistant.plan.draft import verbatim_title

    quote = "业主应当按照规定交纳维修资金，维修资金余额不足首期筹集金额百分之三十的，业主委员会应当及时依法依约组织再次筹集。"
    section = "三、规范重大事项决策流程，确保运作机制公开透明 › （十一）严格维修资金筹集使用"
    assert verbatim_title(quote, section) == "严格维修资金筹集使用"
    assert verbatim_title(quote) == "业主应当按照规定交纳维修资金"
