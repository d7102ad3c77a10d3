"""Session 24 rules, on the bundled corpus's own text: recall inside a document that is plainly
about the topic, duties of other levels' organs and of bodies acting towards the unit, and
titles taken from the measure's own sentence (the v3 cadre review's failure kinds)."""
from __future__ import annotations

import pytest
from plan_points import point_at

from assistant.plan import draft
from assistant.plan.draft import Search
from assistant.plan.duty import for_unit
from assistant.plan.measure import measure_of
from assistant.plan.measure_titles import disposal, measure_title, name_title
from assistant.plan.practice import foreign_subject, others_role, unit_level
from assistant.plan.precedents import Scorer
from assistant.plan.topic import understand
from assistant.plan.within import on_topic_documents

TOWN = unit_level("XX镇人民政府")
STREET = unit_level("XX街道党工委")
COMMUNITY = unit_level("XX社区居委会")



def _cites(plan, doc_id: str, needle: str, kb) -> bool:
    at = kb.document(doc_id).text.index(needle)
    return any(c.doc_id == doc_id and c.start <= at < c.end for c in plan.citations)


def test_a_document_titled_on_the_topic_is_read_beyond_the_retrieved_chunks(kb):
    """《特困人员认定办法》 第十二条 (受理) and 第十三条 (15个工作日调查核实) never reached the top
    chunks for 特困供养人员认定; read inside the on-topic document they become measures. With the
    mechanism off (expand_title 1.0) they are not cited. (Stop 37: the own-clause pass finds 第十二条
    by itself, the 镇's own duty; it is switched off too, so this still tests expand_title alone.)"""
    on = draft(kb, "特困供养人员认定", unit="XX镇人民政府")
    assert _cites(on, "reg_tekun_rending.md", "材料齐备的，予以受理", kb)
    assert _cites(on, "reg_tekun_rending.md", "自受理申请之日起15个工作日内", kb)
    saved = kb.settings
    kb.settings = saved.model_copy(update={"plan": saved.plan.model_copy(update={"expand_title": 1.0, "own_article_cap": 0})})
    try:
        off = draft(kb, "特困供养人员认定", unit="XX镇人民政府")
    finally:
        kb.settings = saved
    assert not _cites(off, "reg_tekun_rending.md", "材料齐备的，予以受理", kb)
    assert len(on.measures) > len(off.measures)


def test_only_a_title_holding_the_topics_words_counts_as_on_topic(kb):
    lib = kb.library()
    t = understand("特困供养人员认定", lib.tokenizer.cut)
    search = Search(t, [Scorer(lib).words(v) for v in t.variants], None, lib.settings.plan)
    assert on_topic_documents(lib, search) == ["reg_tekun_rending.md"]  # not 社会救助暂行办法


def test_a_lower_levels_own_organ_acts_for_itself():
    """opinion_sh_yeweihui_mishu_2026.md: 居民区“两委”指导业主委员会… is no 街道党工委's measure;
    for a 居委会 it is its own. 社区矫正机构 is a service, not a 社区's organ."""
    s = "居民区“两委”指导业主委员会认真学习物业治理法规和政策文件"
    assert for_unit(s, STREET) is None
    assert for_unit(s, COMMUNITY) == "指导业主委员会认真学习物业治理法规和政策文件"
    assert not foreign_subject("社区矫正机构", STREET)


def test_a_body_acting_towards_the_unit_is_not_the_unit():
    """reg_shehui_jiuzhu.md 第十八条 and reg_tekun_rending.md 第十三条: a 村(居)委会 tells or
    assists the 乡镇: for a 镇 that is the committee's act; for a 居委会 it is its own."""
    s = ("特困供养人员不再符合供养条件的，村民委员会、居民委员会或者供养服务机构应当告知乡镇人民政府、街道办事处，"
         "由乡镇人民政府、街道办事处审核并报县级人民政府民政部门核准后，终止供养并予以公示")
    assert "告知乡镇人民政府" not in (for_unit(s, TOWN) or "")
    helps = "村（居）民委员会应当协助乡镇人民政府（街道办事处）开展调查核实"
    assert for_unit(helps, TOWN) is None
    assert for_unit(helps, COMMUNITY) == "协助乡镇人民政府（街道办事处）开展调查核实"


def test_a_heading_naming_another_bodys_role_and_two_bodies_sharing_a_name():
    """opinion_sh_wuye_tizhi_zengxiao_2026.md （十七）发挥行业协会纽带作用: the association's work;
    notice_sh_kangfu_fuju_zulin_2025.md 市、区民政局加强…: two bureaus above a 街道's centre."""
    assert others_role("（十七）发挥行业协会纽带作用", STREET)
    assert not others_role("发挥街道“大工委”的核心作用", STREET)
    assert foreign_subject("市、区民政局", unit_level("XX街道综合为老服务中心"))


def test_a_connective_is_no_title(kb):
    """notice_sh_kangfu_fuju_zulin_2025.md: 同时，《租赁目录》将…调整 was titled 做好同时工作."""
    assert name_title("同时") == ""
    doc, p = point_at(kb, "notice_sh_kangfu_fuju_zulin_2025.md", "同时，《租赁目录》")
    assert "同时" not in measure_title(p, doc, STREET)


def test_titles_of_articles_come_from_their_own_clauses(kb):
    """reg_tekun_rending.md 第十二条 (对…材料进行审查) was untitled, so no measure; 第十三条 was
    titled 推行“自受理申请之日起15个工作日内” (a time frame as a method's name)."""
    doc, p = point_at(kb, "reg_tekun_rending.md", "材料齐备的，予以受理")
    assert measure_title(p, doc, TOWN) == "对申请人或者其代理人提交的材料进行审查"
    doc, p = point_at(kb, "reg_tekun_rending.md", "自受理申请之日起15个工作日内")
    assert measure_title(p, doc, TOWN) == "提出初审意见"
    assert disposal("将初审意见及时在申请人所在村（社区）公示") and not disposal("对符合条件的")


def test_a_sentence_taken_as_title_stays_in_the_body(kb):
    """002 第6篇: 实行“双向进入、交叉任职”。 titled the measure but was cut from its text."""
    doc, p = point_at(kb, "002_b6468e56d54af811.txt#6", "双向进入")
    m = measure_of([p], kb.library().documents, [], unit_level("XX区委组织部"))
    assert m.title == "实行“双向进入、交叉任职”" and m.title in m.text


@pytest.mark.parametrize("name", ["房屋", "基本设备", "租赁服务对象", "补贴对象"])
def test_a_thing_is_no_area_of_work(name):
    """std_sq_weisheng_zhan.md 五、房屋 was titled 做好房屋工作; the notice's 租赁服务对象 likewise."""
    assert name_title(name) == ""


@pytest.mark.parametrize("title", ["对社区矫正对象的监督管理、教育帮扶等活动", "对于已经受理的最低生活保障家庭申请"])
def test_a_noun_phrase_after_dui_is_no_act(title):
    """reg_shequ_jiaozheng_fa_2019.md 第二条 and reg_dibao_shenhe.md: scope, not an act."""
    assert not disposal(title)


def test_reporting_to_the_units_own_level_is_not_the_units_act():
    """reg_dibao_shenhe.md: 最低生活保障家庭的…发生变化的，应当及时告知乡镇人民政府（街道办事处）: the
    family reports to the 街道; a 街道 body does not report to itself."""
    s = "最低生活保障家庭的人口状况、收入状况和财产状况发生变化的，应当及时告知乡镇人民政府（街道办事处）"
    assert for_unit(s, STREET) is None


def test_a_providers_duty_is_not_the_units():
    """notice_sh_kangfu_fuju_zulin_2025.md: the 租赁服务机构 delivers and installs; a 街道 centre
    does not (it may supervise, which the text does not say)."""
    s = "租赁服务机构应按照合同约定的内容，为申请人提供租赁产品送货上门、调试安装、使用指导等服务"
    assert for_unit(s, unit_level("XX街道综合为老服务中心")) is None


def test_an_articles_single_duty_is_a_measure_and_a_rule_does_not_hide_the_next_paragraph(kb):
    """reg_tekun_rending.md 第十五条: its one sentence (…应当将初审意见及时在申请人所在村（社区）公示)
    had no detail beyond its title and was dropped; the next paragraph opens with 公示期为7天 (a
    rule), and its act (公示期满无异议的，…应当…报送…) was judged by that rule."""
    from assistant.plan.draft import usable
    from assistant.plan.practice import practice_problem

    doc, p = point_at(kb, "reg_tekun_rending.md", "应当将初审意见及时在申请人所在村（社区）公示")
    assert usable(kb.library(), [p], TOWN) == [p]
    doc, q = point_at(kb, "reg_tekun_rending.md", "公示期满无异议的，乡镇人民政府")
    assert practice_problem(q, doc, TOWN) == ""


def test_a_places_description_of_itself_is_no_practice():
    """notice_sh_kangfu_fuju_zulin_2025.md: 我市康复辅助器具社区租赁服务通过政府支持…: a description."""
    from assistant.plan.practice import not_practice

    assert not_practice("我市康复辅助器具社区租赁服务通过政府支持、部门协作、社会参与的方式，引导各类康复辅助器具"
                        "租赁服务专业机构开展社区租赁服务") == "own place"


def test_one_documents_measures_follow_its_order(kb):
    """特困供养人员认定: 受理 (第十二条) came after 调查核实 (第十三条) in the v4 draft's first run."""
    plan = draft(kb, "特困供养人员认定", unit="XX镇人民政府")
    starts = [plan.citation(m.citations[0]).start for m in plan.measures
              if plan.citation(m.citations[0]).doc_id == "reg_tekun_rending.md"]
    assert len(starts) >= 3 and starts == sorted(starts)


def test_a_rural_practice_is_not_an_urban_units(kb):
    """opinion_nongcun_shequ.md （五） 改善农村社区医疗卫生条件 mentions 救急难 in passing; it was a
    measure of a 街道办事处's 救急难 plan. A 村's plan keeps it."""
    from assistant.plan.practice import unit_setting, wrong_setting

    doc, p = point_at(kb, "opinion_nongcun_shequ.md", "改善农村社区医疗卫生条件")
    assert wrong_setting(p, doc, unit_setting("XX街道办事处"))
    assert not wrong_setting(p, doc, unit_setting("XX村党支部"))
    assert unit_setting("XX街道社区卫生服务中心") == "urban" and unit_setting("XX区委组织部") == ""


def test_a_sentence_going_on_with_another_bodys_duty_is_that_bodys(kb):
    """notice_sh_kangfu_fuju_zulin_2025.md 三、职责分工: 区民政局负责…宣传推广等工作。同时，加大宣传力度…
    was a measure (加大宣传力度) of a 街道 centre, opening with 同时，."""
    from assistant.plan.compose import unit_sentences

    doc, p = point_at(kb, "notice_sh_kangfu_fuju_zulin_2025.md", "同时，加大宣传力度")
    said = [x for _, x in unit_sentences(p, doc, unit_level("XX街道综合为老服务中心"))]
    assert not any("加大宣传力度" in x for x in said)
    assert not any(x.startswith("同时") for x in said)


def test_a_thin_plan_is_not_padded_with_an_off_topic_practice(kb):
    """A thin plan (nothing reaches the relevance floor) took its second measure from a point
    with 0.05 relevance, half the best's 0.07: 002's 结对帮扶 (反分裂斗争…) in a plan on renting
    wheelchairs. Its candidates now pass the below-floor gate (sentence_accept), or only the
    best one is kept."""
    from assistant.plan.draft import near_topic
    from assistant.plan.similarity import topic_vectors

    lib = kb.library()
    ps = lib.settings.plan
    doc, off = point_at(kb, "002_b6468e56d54af811.txt#9", "社区干部始终把反分裂斗争作为政治责任")
    doc2, on = point_at(kb, "opinion_gwy_yanglao_fuwuye_2013.md", "发展居家养老便捷服务")
    off.relevance, on.relevance = 0.05, 0.07
    kept = near_topic(lib, [off, on], topic_vectors(lib, ["让老人在家门口养老"]), ps)
    assert off not in kept and kept


def test_a_quoted_measures_title_is_a_whole_clause():
    """plan_sh_wanzheng_shequ_2025.md: a measure quoted verbatim was titled by its first 30
    characters, 遵循全龄友好、健康舒适的原则，结合相关专项工作，建设或更新改."""
    from assistant.plan.draft import verbatim_title

    quote = ("遵循全龄友好、健康舒适的原则，结合相关专项工作，建设或更新改造社区公共空间、公共绿地、环境卫生设施，"
             "增加健身休闲运动场所，推进无障碍环境建设、适老化改造和儿童友好空间建设。")
    assert verbatim_title(quote) == "增加健身休闲运动场所"


def test_a_passage_squarely_on_the_topic_finds_the_same_matter_elsewhere(kb):
    """小区维修资金快花光了怎么续筹 (plans_v5 3): the library says 再次筹集/补足, not 续筹. Searching with
    上海规范化意见（十一）'s own text finds 北京物业条例第八十三条 (余额不足首期筹集金额百分之三十的…补足),
    which the review named as missing."""
    from plan_points import point_at

    from assistant.library import view_of
    from assistant.plan.draft import Scorer, Search, understand
    from assistant.plan.feedback import neighbours

    kb = view_of(kb)
    t = understand("小区维修资金快花光了怎么续筹", kb.tokenizer.cut)
    ps = kb.settings.plan.model_copy(update={"feedback_seeds": 1})
    search = Search(t, [Scorer(kb).words(v) for v in t.variants], None, ps, unit=5)
    _, seed = point_at(kb, "opinion_sh_yezhu_dahui_guifanhua_2026.md", "维修资金余额不足首期筹集金额百分之三十的")
    near = neighbours(kb, search, [seed], set())
    assert any(p.doc_id == "reg_bj_wuye_2024.md" and "第八十三条" in kb.documents[p.doc_id].text[p.start:p.end]
               for p in near)
    assert all(p.relevance >= ps.floor for p in near)


def test_an_article_numbered_past_twenty_is_a_candidate(kb):
    """reg_bj_wuye_2024.md 第八十三条: an article number of three numerals (八十三) was no ordinal, so
    no point was made of 第二十一条 onwards, and the review's missing articles (第四十八、四十九、
    五十二至六十、八十三条) could never be cited."""
    from plan_points import point_at

    for needle in ("第八十三条", "第四十八条", "第一百零一条"):
        if needle in kb.document("reg_bj_wuye_2024.md").text:
            doc, p = point_at(kb, "reg_bj_wuye_2024.md", needle)
            assert doc.text[p.start:p.end].startswith(needle)
