"""Cadre reviews s29 (cadreAB, cadre29, cadre29b): higher and other bodies' duties printed as a
街道办事处's measures, and clipping that lost the street's half of a sentence. Sentences are the
bundled corpus's own, as a draft cuts them (at 。 and ；)."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.plan.duty import for_unit
from assistant.plan.practice import foreign_subject

STREET = 4  # a 街道办事处
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _said(file: str, sentence: str) -> str:
    """The sentence, checked to be the corpus file's own words."""
    assert sentence in (CORPUS / file).read_text(encoding="utf-8")
    return sentence


WUYE_PLAN = "plan_sh_wuye_fuwu_tisheng_2025.md"


def test_a_city_bureaus_act_after_a_frequency_is_no_measure():
    """市房屋管理局每两个月组织…: 每 (tagged zg) before the verb hid the bureau's act."""
    s = _said(WUYE_PLAN, "市房屋管理局每两个月组织各区房屋管理部门、区属房管集团及主要物业服务企业开展点评；")
    assert for_unit(s.rstrip("；"), STREET) is None


def test_a_district_act_that_convenes_the_street_is_the_streets_part():
    """区房屋管理部门每月组织辖区内街镇…召开点评会: the street takes part, the district named."""
    s = _said(WUYE_PLAN, "区房屋管理部门每月组织辖区内街镇、住宅物业服务企业召开点评会，邀请部分居委会、业委会列席，")
    out = for_unit(s.rstrip("，"), STREET)
    assert out is not None and out.startswith("配合区房屋管理部门每月组织辖区内街镇")
    assert for_unit("市房屋管理局组织开展专项检查", STREET) is None  # convenes no street: not its part


@pytest.mark.parametrize("sentence", [
    "健全项目经理回访沟通制度，每年听取不低于总户数50%以上业主的意见和建议，每月与业主委员会（或居民委员会）至少沟通一次。",
    "项目经理每季度组织住宅小区物业服务人员开展一次本小区物业服务合同专题学习，熟练掌握合同的约定事项。",
    "协助业主大会、居民委员会完善小区出入管理约定，做好小区引导地图及内部禁行区域标识设置、外来人员进小区提示提醒、"
    "门卫秩序维护、车辆停放管理等工作。",
])
def test_a_property_firms_own_staff_work_is_said_as_oversight(sentence):
    """项目经理, 门卫: the firm's own work under its contract; the street sees that it is done."""
    out = for_unit(_said(WUYE_PLAN, sentence), STREET)
    assert out == "督促物业服务企业" + sentence
    said = "街道办事处应当督促物业服务企业健全项目经理回访沟通制度"  # oversight already said: not twice
    assert for_unit(said, STREET) == "督促物业服务企业健全项目经理回访沟通制度"


def test_a_volunteer_organisations_statutory_list_is_the_streets_guidance():
    """山东 第十五条: 志愿服务组织应当…做好下列工作： is the organisation's duty; a 街道 guides it."""
    s = _said("reg_sd_zhiyuan.md", "志愿服务组织应当按照章程依法开展志愿服务活动，并做好下列工作：")
    assert for_unit(s.rstrip("："), STREET) == "指导志愿服务组织按照章程依法开展志愿服务活动，并做好下列工作"


@pytest.mark.parametrize("file,sentence", [
    ("reg_zhiyuan_fuwu.md", "国家和地方精神文明建设指导机构建立志愿服务工作协调机制，加强对志愿服务工作的统筹规划、"
                            "协调指导、督促检查和经验推广。"),
    ("reg_sd_zhiyuan.md", "县级以上精神文明建设指导机构应当建立志愿服务工作协调机制，加强对志愿服务工作的统筹规划、"
                          "协调指导、督促检查和经验推广，"),
])
def test_a_local_or_graded_bodys_duty_is_not_the_streets(file, sentence):
    """国家和地方…机构, 县级以上…机构: bodies of the governments above a 街道, whatever the name ends in."""
    assert for_unit(_said(file, sentence).rstrip("，"), STREET) is None
    assert foreign_subject("县级以上精神文明建设指导机构", STREET)
    assert foreign_subject("地方精神文明建设指导机构", STREET)


def test_the_streets_acts_after_its_own_subject_are_kept_whole():
    """北京物业条例第八条: 指导、协调物业服务人依法…, 指导、监督业主大会…依法…: 依法 after the street's
    act and its object is no duty-holder's modal; 调处物业管理纠纷 was cut with it."""
    s = _said("reg_bj_wuye_2024.md", "参加物业承接查验，指导监督辖区内物业管理项目的移交和接管，指导、协调物业服务人依法履行义务，"
                                     "调处物业管理纠纷，统筹协调、监督管理辖区内物业管理活动。")
    assert for_unit(s, STREET) == s
    s2 = _said("reg_bj_wuye_2024.md", "指导、监督业主大会、业主委员会、物业管理委员会依法履行职责，有权撤销其作出的违反法律法规和规章的决定；")
    assert for_unit(s2, STREET) == s2


def test_a_list_of_bodies_an_act_is_towards_is_not_cut():
    """上海居委会条例: 组织居民对街道办事处、乡镇人民政府和区…派出机构…进行工作评价 is one act towards
    several bodies, not a list of their acts; cutting it left 组织居民对街道办事处、乡镇人民政府."""
    s = _said("reg_sh_juweihui.md", "组织居民对街道办事处、乡镇人民政府和区人民政府职能部门派出机构及居民区相关公共服务单位进行工作评价；")
    assert for_unit(s.rstrip("；"), STREET) == s.rstrip("；")


def test_a_later_sentence_on_the_topic_is_not_cut(kb):
    """北京物业条例第八条 for 物业纠纷化解: the street's 调处物业管理纠纷 is its third sentence, cut by length;
    上海街道办事处条例第十二条 for 网格化: the 网格化综合管理机构's 派单调度 is its third paragraph."""
    from assistant.plan import draft

    plan = draft(kb, "物业纠纷化解", unit="和平街道办事处", start="2027-01", end="2027-12", strict=False)
    assert any("调处物业管理纠纷" in m.text for m in plan.measures)
    plan = draft(kb, "社区网格化服务管理", unit="和平街道办事处", start="2027-01", end="2027-12", strict=False)
    assert any("派单调度" in m.text for m in plan.measures if not m.verbatim)


def test_the_topical_sentence_takes_the_last_printed_place_only():
    from assistant.plan.compose import topical

    sents = ["甲", "乙", "丙", "丁"]
    assert topical(sents, 2, lambda later, printed: later == "丁") == ["甲", "丁", "乙", "丙"]
    assert topical(sents, 2, lambda later, printed: False) == sents
    assert topical(sents, 1, lambda later, printed: True) == sents  # the first names the title
