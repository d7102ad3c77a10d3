"""Question words live in one data file (assistant/data/question_words.json)."""
from __future__ import annotations

import re

import pytest

from assistant.question_words import _lists, alternatives


def test_every_list_compiles_and_is_used():
    import subprocess

    used = subprocess.run(["grep", "-rhoE", r"alternatives\(.[a-z_]+.\)", "assistant"], capture_output=True,
                          text=True, cwd=__file__.rsplit("/tests/", 1)[0]).stdout
    for name in _lists():
        re.compile(alternatives(name))
        assert name in used, f"{name} is in question_words.json but nothing reads it"


def test_unknown_list_is_named():
    with pytest.raises(KeyError, match="asks_for_list"):
        alternatives("asks_for_lists")


def test_readers():
    from assistant.answer.intent import is_enumeration, sub_questions
    from assistant.retrieve import strip_question

    assert strip_question("网格化管理是什么？") == "网格化管理"
    assert is_enumeration("居民委员会的任务有哪些") and not is_enumeration("居民委员会几年一届")
    assert [q for q, _ in sub_questions("有几个支部，党员多少名？", list)] == ["有几个支部", "党员多少名"]


def test_short_forms_read_as_full_names_both_ways():
    from assistant.retrieve import rewrite_query
    from assistant.short_forms import short_names

    assert rewrite_query("业委会能不能做决定？") == "业主委员会能不能做决定?"
    assert rewrite_query("街道办事处和街道办") == "街道办事处和街道办事处"  # the full name stays whole
    assert "业委会" in short_names(rewrite_query("业主委员会的委员"))


def test_a_question_in_short_forms_finds_the_regulation_in_full_names(tmp_path):
    from assistant import Assistant, Settings

    doc = tmp_path / "reg.md"
    doc.write_text("# 物业管理条例\n\n第十九条 物业服务企业应当自接管之日起15日内向街道办事处备案。\n\n"
                   "第二十条 业主委员会应当自选举产生之日起30日内向街道办事处备案。\n", encoding="utf-8")
    kb = Assistant.open(settings=Settings.load(home=tmp_path / "home", cache=tmp_path / "cache"))
    kb.ingest([doc])
    ans = kb.ask("业委会要在几天内备案？")
    assert ans.found and "业主委员会应当自选举产生之日起" in ans.text and "物业服务企业应当自接管" not in ans.text


def test_framing_is_not_cut_out_of_a_word():
    from assistant.retrieve import strip_question

    assert "办理" in strip_question("残疾证怎么办理？")  # 怎么办 + 理 is 怎么 + 办理
    assert "怎么办" not in strip_question("遇到这种情况怎么办？")


def test_a_not_a_framing_keeps_the_verb_only():
    """能不能/有没有 ask whether: 不能 must not weigh as a topic word (it matched
    “…指标不能达到的” instead of the list of 6 指标 the question asks for)."""
    from assistant.retrieve import strip_question

    assert strip_question("评估特困老人生活能不能自理") == "评估特困老人生活能自理"
    assert strip_question("物业费收不收？") == "物业费收？"
    assert strip_question("有没有补贴") == "有补贴"
    assert strip_question("不同意见") == "不同意见"  # no repeated verb: nothing to read


def test_who_asks_its_own_part():
    from assistant.answer.intent import sub_questions

    asks = sub_questions("物业管理委员会由多少人组成，主任由谁担任？", list)
    assert [a for a, _ in asks] == ["物业管理委员会由多少人组成", "主任由谁担任"]
