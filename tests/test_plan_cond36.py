"""A measure keeps the condition that triggers the duty it says: a party's “…的，” before a
duty the unit keeps (or guides) stays, so “其” in the duty still has its antecedent."""
from __future__ import annotations

from assistant.plan.bodies import unit_level
from assistant.plan.duty import for_unit

STREET = unit_level("和平街道办事处")


def test_the_condition_of_a_guided_duty_stays():
    out = for_unit("申请人未按要求提交材料的，居民委员会应当一次性告知其补正", STREET)
    assert out == "申请人未按要求提交材料的，指导居民委员会一次性告知其补正"


def test_a_party_condition_whose_own_duty_is_dropped_goes_with_it():
    assert for_unit("志愿者因故不能按照约定提供志愿服务的，应当及时告知志愿服务组织", STREET) is None


def test_a_condition_before_a_dropped_duty_is_not_glued_to_a_later_one():
    out = for_unit("申请人未按要求提交材料的，应当及时补正；居民委员会应当做好登记", STREET)
    assert out is None or "申请人未按要求提交材料的" not in out


def test_a_word_opening_with_a_modal_character_is_not_cut():
    from assistant.plan.compose import instruction

    assert instruction("应急物资储备点应当定期检查") == "应急物资储备点应当定期检查"
    assert instruction("要求物业服务企业限期整改") == "要求物业服务企业限期整改"
    assert instruction("应当建立巡查台账") == "建立巡查台账" and instruction("要建立巡查台账") == "建立巡查台账"
