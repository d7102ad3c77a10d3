"""Subject inheritance (cadre review s26, 主体错置): a subject stated once governs the subjectless
；-clauses and sentences after it, so another body's duty is never printed as the unit's with its
subject deleted; penalty clauses, theses and goals are no measures; evals/plan_defects counts a
measure that lost its source's subject. Excerpts are taken from the bundled corpus as written."""
from __future__ import annotations

from plan_points import point_at

from assistant.plan.compose import unit_sentences
from assistant.plan.duty import for_unit
from assistant.plan.practice import not_practice
from assistant.plan.stale import PlanContext, printable
from evals.plan_defects import lost_subjects

STREET, COMMUNITY = 4, 5
Y2027 = PlanContext(2027, "XX街道办事处")


def test_a_higher_governments_semicolon_clauses_stay_its_own():
    """reg_bj_jujia_yanglao.md 第十一条: 市和区、县人民政府应当整合…；引导机关…；引导农村地区… —
    the review's 2-x measure printed 引导机关… as the 街道's."""
    s = ("市和区、县人民政府应当整合社会资源，制定鼓励政策，引导企业事业单位和个人将居住区附近闲置的场所和设施，"
         "用于开展居家养老服务；引导机关、团体、企业事业单位开放所属场所，为附近社区的老年人提供服务；"
         "引导农村地区依托行政村、较大自然村，利用农家院等场所，建设托老所、老年活动场站等养老设施，开展居家养老服务")
    assert for_unit(s, STREET) is None


def test_an_overseen_bodys_later_clause_names_it():
    """opinion_sh_yezhu_dahui_guifanhua_2026.md: 业主委员会在履职过程中要…；主动参加… (review 1-3)."""
    s = ("业主委员会在履职过程中要充分听取业主、使用人的意见和建议，接受业主的咨询、投诉和监督；"
         "主动参加居（村）党组织牵头的居（村）民委员会、业主委员会、物业服务企业月度联席会议，沟通商议物业管理重大事项")
    out = for_unit(s, STREET)
    assert out.startswith("督促业主委员会在履职过程中充分听取")
    assert "；督促业主委员会主动参加" in out


def test_the_units_own_later_clause_is_unchanged():
    """A clause after ； whose sentence opened with the unit's own duty stays the unit's."""
    s = "街道办事处应当建立健全基层民主协商机制，通过社区代表会议等形式开展民主协商；组织辖区内企事业单位参与"
    assert for_unit(s, STREET) == "建立健全基层民主协商机制，通过社区代表会议等形式开展民主协商；组织辖区内企事业单位参与"


def test_local_governments_duty_and_the_sentence_after_it_are_no_measure(kb):
    """opinion_gwy_yanglao_fuwuye_2013.md: 地方政府要支持建立…。要通过制定扶持政策措施… (review 2-2)."""
    doc, p = point_at(kb, "opinion_gwy_yanglao_fuwuye_2013.md", "地方政府要支持建立以企业和机构为主体")
    said = " ".join(s for _, s in unit_sentences(p, doc, STREET))
    assert "支持建立以企业和机构为主体" not in said
    assert "积极培育居家养老服务企业和机构" not in said


def test_semicolon_sentences_of_another_body_are_no_measure(kb):
    doc, p = point_at(kb, "reg_bj_jujia_yanglao.md", "引导机关、团体、企业事业单位开放所属场所")
    said = " ".join(s for _, s in unit_sentences(p, doc, STREET))
    assert "引导机关" not in said and "引导农村地区" not in said


def test_penalty_clauses_and_theses_are_left_out():
    """reg_bj_wuye_2024.md 第九十二条 and 002_b6468e56d54af811.txt (review: 违反第（七）项规定, 一大法宝)."""
    assert printable("违反第（七）项规定，物业服务人泄露业主个人信息的，由公安机关依法处理", Y2027) is None
    assert printable("践行群众路线是社区党组织融入到社区利益治理中的一大法宝", Y2027) is None
    assert printable("规范基层党组织“三会一课”等政治生活，夯实基层党建基础", Y2027)


def test_a_goal_of_a_plan_is_no_practice():
    """opinion_gwy_yanglao_fuwuye_2013.md 发展目标: ——产业规模显著扩大。"""
    assert not_practice("——产业规模显著扩大。以老年生活照料、老年产品用品等为主的养老服务业全面发展") == "goal"
    assert not_practice("——建立健全居家养老服务网络") == ""


def test_plan_defects_counts_a_lost_subject():
    source = "发展居家养老便捷服务。地方政府要支持建立以企业和机构为主体、社区为纽带的居家养老服务网络。"
    assert lost_subjects("支持建立以企业和机构为主体、社区为纽带的居家养老服务网络", source, STREET) == 1
    assert lost_subjects("指导业主大会通过召开定期会议", "业主大会通过召开定期会议或者临时会议", STREET) == 0
    juwei = "第七条 居民委员会、村民委员会应当发挥民主自治功能，组织社区老年人开展以下活动"
    assert lost_subjects("发挥民主自治功能，组织社区老年人开展以下活动", juwei, STREET) == 1
    assert lost_subjects("发挥民主自治功能，组织社区老年人开展以下活动", juwei, COMMUNITY) == 0


def test_circled_enumerators_are_not_printed(kb):
    """std_sh_jianshezhe_zhijia_wuye_guifan_2025.md: ①…；②…；③… printed ①…；③… once ② was left out."""
    from assistant.plan.compose import action_text

    doc, p = point_at(kb, "std_sh_jianshezhe_zhijia_wuye_guifan_2025.md", "①垃圾箱/桶分类设置")
    text = action_text(p, doc, max_sents=4, max_chars=400, unit=STREET)
    assert "垃圾箱/桶分类设置" in text and not any(ch in text for ch in "①②③")


def test_cli_docx_flag_writes_a_word_file(kb, tmp_path, monkeypatch):
    """shequ plan 主题 --docx (review s26: no --docx flag, the format came from --out's extension only)."""
    import argparse

    from docx import Document as Docx

    from assistant.plan import cli as plan_cli

    parser = argparse.ArgumentParser()
    handlers = plan_cli.register(parser.add_subparsers(dest="cmd"))
    args = parser.parse_args(["plan", "推进社区协商", "--unit", "XX街道办事处", "--docx", "--out", str(tmp_path / "方案")])
    assert handlers["plan"](args, lambda: kb) == 0
    assert Docx(str(tmp_path / "方案.docx")).paragraphs
    monkeypatch.chdir(tmp_path)
    args = parser.parse_args(["plan", "推进社区协商", "--docx"])
    assert handlers["plan"](args, lambda: kb) == 0
    assert (tmp_path / "推进社区协商.docx").exists()


def test_references_list_policy_texts_first_and_name_papers_and_model_texts(kb):
    """参考依据: a compiled page of model texts (002_…txt#n) or a paper is listed after the policy
    texts and named as such (review s26: 范文汇编 and papers listed like regulations)."""
    from assistant.plan import draft, to_markdown

    saved = kb.settings  # without fill_cut (s29): the fitted cut leaves this plan one case's measures only
    kb.settings = saved.model_copy(update={"plan": saved.plan.model_copy(update={"fill_cut": 0.0})})
    try:
        plan = draft(kb, "抓好基层党建，党建引领社区治理", unit="XX街道办事处", start="2027-01", end="2027-12", strict=False)
    finally:
        kb.settings = saved
    md = to_markdown(plan)
    refs = md.split("七、参考依据", 1)[1].split("附件：", 1)[0]
    lines = [ln for ln in refs.splitlines() if "．《" in ln]
    compiled = [i for i, ln in enumerate(lines) if "网络范文汇编" in ln]
    assert compiled, lines
    others = [i for i, ln in enumerate(lines) if "仅供参考" not in ln]
    assert not others or max(others) < min(compiled)


def test_a_topic_of_two_parts_is_named_in_quotes():
    """Review s26: 要把小区物业，推动业委会规范运作工作摆上… read as a broken sentence."""
    from assistant.plan.templates import requirements, work

    assert work("小区物业，推动业委会规范运作") == "“小区物业，推动业委会规范运作”各项工作"
    assert work("社区协商") == "社区协商工作" and work("救急难工作") == "救急难工作"
    assert "要把“小区物业，推动业委会规范运作”各项工作摆上" in requirements("小区物业，推动业委会规范运作")[0].text


def test_a_served_partys_act_is_no_measure():
    """reg_bj_jujia_yanglao.md: 由社会提供服务的，老年人家庭…承担相应费用 was printed as the 街道's measure."""
    assert for_unit("由社会提供服务的，老年人家庭根据服务项目的性质和数量，承担相应费用", STREET) is None
    assert for_unit("组织老年人开展文化娱乐、体育活动", STREET) == "组织老年人开展文化娱乐、体育活动"
