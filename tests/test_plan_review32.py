"""Cadre review 31: a street office's plans printed legal-liability articles (精神卫生法第七十八条,
老年人权益保障法第七十六条) and bans on others (禁止遗弃精神障碍患者; 子女…不得擅自改变产权关系;
家庭教育指导机构…不得组织…营利性教育培训) as measures. Sentences are the bundled corpus's own."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.plan.practice import not_practice

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
JINGSHEN = "reg_jingshen_weisheng_fa_2018.md"
LAONIAN = "reg_laonianren_quanyi_baozhang_fa_2018.md"
JIAOYU = "reg_jiating_jiaoyu_cujin_fa_2021.md"


def _said(file: str, sentence: str) -> str:
    """The sentence, checked to be the corpus file's own words."""
    assert sentence in (CORPUS / file).read_text(encoding="utf-8")
    return sentence


@pytest.mark.parametrize("file, sentence", [
    (LAONIAN, "第七十六条 干涉老年人婚姻自由，对老年人负有赡养义务、扶养义务而拒绝赡养、扶养，虐待老年人或者对老年人"
              "实施家庭暴力的，由有关单位给予批评教育；构成违反治安管理行为的，依法给予治安管理处罚；构成犯罪的，依法追究刑事责任。"),
    ("reg_wuye_guanli_tiaoli.md", "物业服务企业未能履行物业服务合同的约定，导致业主人身、财产安全受到损害的，应当依法承担相应的法律责任。"),
    ("reg_cunmin_weiyuanhui.md", "第三十六条 村民委员会或者村民委员会成员作出的决定侵害村民合法权益的，受侵害的村民可以申请人民法院"
                                 "予以撤销，责任人依法承担法律责任。"),
])
def test_a_liability_or_penalty_is_no_practice(file, sentence):
    assert not_practice(_said(file, sentence)) == "liability"


@pytest.mark.parametrize("file, sentence", [
    (JINGSHEN, "禁止对精神障碍患者实施家庭暴力，禁止遗弃精神障碍患者。"),
    (JIAOYU, "第三十一条 家庭教育指导机构开展家庭教育指导服务活动，不得组织或者变相组织营利性教育培训。"),
    (LAONIAN, "老年人自有的或者承租的住房，子女或者其他亲属不得侵占，不得擅自改变产权关系或者租赁关系。"),
    (LAONIAN, "第十九条 赡养人不得以放弃继承权或者其他理由，拒绝履行赡养义务。"),  # 拒绝… is what is banned
])
def test_a_ban_on_others_is_no_practice(file, sentence):
    assert not_practice(_said(file, sentence)) == "prohibition"


def test_a_duty_with_a_ban_in_passing_or_a_ban_to_enforce_stays_a_practice():
    assert not_practice(_said(JINGSHEN, "禁止利用约束、隔离等保护性医疗措施惩罚精神障碍患者。")) == "prohibition"
    assert not_practice("街道办事处应当建立困难老年人信息台账，不得泄露老年人个人信息。") == ""
    assert not_practice("加强控烟宣传，落实公共场所禁止吸烟规定。") == ""
    assert not_practice("严禁弄虚作假，要加强对入户调查的监督检查。") == ""
    assert not_practice("对服务功能和其他功能关系把握不准。") != "prohibition"  # 不准 here is no ban


def _quotes(kb, topic: str) -> list[tuple[str, str]]:
    plan = kb.plan(topic, unit="和平街道办事处", start="2027-01", end="2027-12")
    return [(plan.citation(m.citations[0]).section, plan.citation(m.citations[0]).quote) for m in plan.measures]


def test_a_thin_plan_quotes_no_liability_article_and_no_ban(kb):
    """精神卫生法第七十八条 (法律责任) and 第九条's 禁止遗弃… were a thin plan's measures."""
    quotes = _quotes(kb, "做好严重精神障碍患者社区康复和关爱服务工作")
    assert quotes
    assert not any("法律责任" in sec for sec, _ in quotes)
    assert not any(q.startswith("第七十八条") or "禁止遗弃" in q for _, q in quotes)


def test_an_elderly_rights_plan_quotes_no_penalty_and_no_ban_on_relatives(kb):
    quotes = _quotes(kb, "今年要把老年人权益保护抓起来，重点是防养老诈骗和赡养纠纷")
    assert quotes
    assert not any("法律责任" in sec for sec, _ in quotes)
    assert not any(q.startswith(("第七十六条", "第十六条", "第十九条")) for _, q in quotes)


def test_a_rewrite_cut_mid_sentence_is_dropped():
    """Its main clause is another's duty (其监护人应当同意…): what is left, 再次诊断结论或者鉴定报告表明,
    only led into it (review 31: a measure ended “…鉴定报告表明[3]。”)."""
    from assistant.plan.compose import _for_unit

    s = _said(JINGSHEN, "再次诊断结论或者鉴定报告表明，精神障碍患者有本法第三十条第二款第二项情形的，其监护人应当同意对患者实施住院治疗。")
    assert _for_unit(s.rstrip("。"), 4) is None
    kept = "街道办事处应当组织开展家庭暴力预防工作，居民委员会、村民委员会、社会工作服务机构应当予以配合协助"
    assert _for_unit(kept, 4) and _for_unit(kept, 4).startswith("组织开展家庭暴力预防工作")


def test_a_ban_followed_by_the_units_own_duty_leaves_the_duty():
    """不得阻挠新物业服务人进场服务 binds the old company; the street's duty after it (…街道办事处、
    乡镇人民政府、区…部门应当加强…监管, a subject too long to read as one) keeps the point a practice."""
    from assistant.plan.practice import duty_of_level

    wuye = "reg_bj_wuye_2024.md"
    ban = _said(wuye, "原物业服务人不得以业主欠交物业费、对业主共同决定有异议等为由拒绝办理交接，不得以任何理由阻挠新物业服务人进场服务。")
    assert not_practice(ban) == "prohibition"
    duty = _said(wuye, "物业所在地的街道办事处、乡镇人民政府、区住房和城乡建设或者房屋主管部门应当加强对物业服务人交接工作的监管。")
    assert duty_of_level(duty, 4) and not duty_of_level(duty, 5) and not duty_of_level(ban, 4)
