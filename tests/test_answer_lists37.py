"""List answers: a last item joined by 和, a count named in the asked measure word, and a lead
pointing to 下列 items numbered 1. 2. 3. (made-up texts, not eval questions)."""
from __future__ import annotations

import pytest

from assistant.answer import intent, lists
from assistant.settings import AnswerSettings
from tests.conftest import seed_kb_with

CFG = AnswerSettings()

_RULES = """某市社区助浴服务办法

第一条 为规范社区助浴服务，制定本办法。

第二条 助浴服务是指为行动不便的老年人提供的上门洗浴服务。

第三条 助浴服务机构应当做好浴前评估、浴中照护和浴后回访，保障老年人安全。

第四条 符合下列条件之一的本市户籍老年人，可以申请助浴服务补贴。
1.80周岁（含）以上人员；
2.经评估具有二级及以上照护等级的人员；
3.低保、低保边缘家庭的老年人。

第五条 本办法自2027年1月1日起施行。
"""


def test_list_size_reads_a_last_item_after_he():
    assert lists.list_size("应当做好浴前评估、浴中照护和浴后回访，保障安全。") == 3
    assert lists.list_size("赡养人和扶养人应当履行义务。") == 0  # two items and no 、: not a list


def test_a_count_in_the_asked_measure_word_earns_the_count_bonus():
    assert intent.asked_classifier("改造内容分成哪几类？") == "类"
    assert intent.asked_classifier("有哪些做法？") is None
    text = "改造内容包括基础类、完善类、提升类3类。"
    assert lists.list_bonus(text, None, CFG, "类") > lists.list_bonus(text, None, CFG, None) > 0


def test_a_numbered_run_counts_up_from_one():
    texts = ["符合下列条件之一的，可以申请。", "1.80周岁以上人员；", "2.二级照护等级的人员；", "3.低保老人。", "另有规定的除外。"]
    assert lists._numbered_run(texts, 1) == [1, 2, 3]
    assert lists._numbered_run(["2.6万人参加。", "3.1万人。"], 0) == []  # decimals do not start at 1


@pytest.fixture(scope="module")
def bath_kb(tmp_path_factory, settings):
    return seed_kb_with(tmp_path_factory, settings, "bath_rules.md", _RULES, "lists37")


def test_an_inline_list_answers_over_a_definition(bath_kb):
    ans = bath_kb.ask("助浴服务机构要做好哪几方面的工作？")
    assert ans.found and "浴前评估、浴中照护和浴后回访" in ans.text


def test_a_pointer_lead_brings_its_numbered_items(bath_kb):
    ans = bath_kb.ask("哪些老年人可以申请助浴服务补贴？")
    assert ans.found and all(k in ans.text for k in ("80周岁", "二级及以上照护等级", "低保边缘"))
