"""Cadre review 31, second pass: drafts went thin although the library holds community-level clauses
that name a 居民委员会 among a list of bodies (学校、…、居民委员会…应当…); a focus the topic states
(重点是A和B) was dropped without a word; the leading group's name said 街道 twice. Sentences are the
bundled corpus's own."""
from __future__ import annotations

from pathlib import Path

from assistant.plan.compose import _for_unit
from assistant.plan.listed import community_share
from assistant.plan.practice import acts, foreign_duty
from assistant.plan.subfoci import stated_foci, uncovered
from assistant.plan.templates import leadership

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FANJIA = "reg_fan_jiating_baoli_fa_2015.md"
TUFA = "reg_tufa_shijian_yingdui_fa_2024.md"
LAONIAN = "reg_laonianren_quanyi_baozhang_fa_2018.md"


def _said(file: str, sentence: str) -> str:
    matches = [p for p in CORPUS.glob(file.split("_20")[0] + "*.md")]
    assert any(sentence in p.read_text(encoding="utf-8") for p in matches)
    return sentence


def test_a_listed_duty_naming_the_residents_committee_is_guided():
    s = _said(FANJIA, "工会、共产主义青年团、妇女联合会、残疾人联合会、居民委员会、村民委员会等应当对实施家庭暴力的加害人进行法治教育")
    assert _for_unit(s, 4) == "指导居民委员会、村民委员会对实施家庭暴力的加害人进行法治教育"
    assert acts(s)


def test_a_listed_duty_naming_the_units_level_is_its_own_act():
    s = _said(TUFA, "县级人民政府及其有关部门、乡级人民政府、街道办事处、居民委员会、村民委员会应当及时调解处理可能引发社会安全事件的矛盾纠纷")
    assert _for_unit(s, 4) == "及时调解处理可能引发社会安全事件的矛盾纠纷"


def test_a_listed_duty_after_a_condition_keeps_the_community_share():
    s = _said(LAONIAN, "基层群众性自治组织、老年人组织或者赡养人、扶养人所在单位应当督促其履行")
    assert _for_unit(s, 4) == "指导基层群众性自治组织督促其履行"


def test_a_community_body_among_others_is_no_foreign_duty():
    s = _said(FANJIA, "居民委员会、村民委员会、公安派出所应当对收到告诫书的加害人、受害人进行查访，监督加害人不再实施家庭暴力。")
    assert not foreign_duty(s, 4)


def test_a_clause_with_a_verb_is_no_list_of_bodies():
    assert community_share("居民委员会、村民委员会依法协助人民政府和有关部门做好突发事件应对工作", 4) is None
    assert community_share("街道办事处应当组织开展家庭暴力预防工作", 4) is None  # one body: duty.py's rules
    assert community_share("学校、居民委员会应当及时报案", None) is None


def test_a_topics_stated_foci():
    assert stated_foci("今年要把老年人权益保护抓起来，重点是防养老诈骗和赡养纠纷") == ["防养老诈骗", "赡养纠纷"]
    assert stated_foci("推进社区协商") == []


def test_a_focus_no_measure_holds_is_uncovered():
    words = list  # one character, one word: enough to tell covered from not
    assert uncovered(["防诈骗", "赡养纠纷"], ["调解赡养纠纷"], words, 0.5) == ["防诈骗"]


def test_the_leading_group_does_not_repeat_the_units_place_word():
    first = leadership("和平街道办事处", "街道突发事件应急处置能力")[0]
    assert "办事处街道" not in first and "和平街道办事处突发事件应急处置能力" in first
    assert "和平街道办事处社区协商" in leadership("和平街道办事处", "社区协商")[0]  # 社区 is no repeat


def test_a_dropped_focus_is_noticed(kb):
    plan = kb.plan("今年要把老年人权益保护抓起来，重点是防养老诈骗和赡养纠纷", unit="和平街道办事处",
                   start="2027-01", end="2027-12")
    assert any("防养老诈骗" in n for n in plan.notices)


def test_the_thin_notice_counts_usable_measures_whatever_the_total():
    from assistant.plan.notices import thin_notice

    assert "6 条措施都不能直接作为本单位的措施" in thin_notice(6, 0, 5)  # many measures, none usable: still thin
    assert "只有 1 条" in thin_notice(6, 1, 5)  # (cadre review 35: “1 条措施中只有 0 条” read as nonsense)
    assert "只整理出 2 条" in thin_notice(2, 2, 5)
    assert thin_notice(6, 5, 5) == ""


def test_one_function_says_whether_a_body_engages_the_units_level():
    from assistant.plan.duty import engages_unit

    assert engages_unit("县级民政部门", "组织动员乡镇（街道）干部开展走访", 4, "engage")
    assert engages_unit("区房屋管理部门", "每月组织辖区内街镇、物业服务企业召开点评会", 4)
    assert not engages_unit("区房屋管理部门", "每月组织物业服务企业召开点评会", 4)


def test_a_listed_body_named_by_its_place_is_still_guided():
    s = _said(TUFA, "突发事件发生地的居民委员会、村民委员会和其他组织应当按照当地人民政府的决定、命令，进行宣传动员")
    assert _for_unit(s, 4) == "指导居民委员会、村民委员会按照当地人民政府的决定、命令，进行宣传动员"


def test_biyao_is_no_modal():
    """…活动和必要的应急演练: 必要 is no 要 after a subject (the clause was dropped as another's duty)."""
    s = _said(TUFA, "居民委员会、村民委员会、企业事业单位、社会组织应当根据所在地人民政府的要求，结合各自的实际情况，"
                    "开展面向居民、村民、职工等的应急知识宣传普及活动和必要的应急演练")
    assert _for_unit(s, 4).endswith("开展面向居民、村民、职工等的应急知识宣传普及活动和必要的应急演练")


def test_a_guided_bodys_frame_is_no_title():
    from assistant.plan.measure_titles import good_title

    assert not good_title("指导居民委员会、村民委员会按照当地人民政府的决定、命令")
    assert good_title("指导居民委员会开展应急演练")
