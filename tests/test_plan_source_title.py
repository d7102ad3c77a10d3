"""A spoken request that spoken.py cannot turn into a written topic is titled after the normative
text its measures come from (cadre reviews s39: 4 of 4 such requests were printed whole as the
title and the 领导小组's name). Titles are the bundled corpus's, as written."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.plan import draft
from assistant.plan.source_title import document_subject, still_spoken, work_name


def _doc(kb, name: str):
    return next(d for d in kb.documents() if Path(d.source).name == name)


@pytest.mark.parametrize("name, work", [
    ("reg_fan_jiating_baoli_fa_2015.md", "做好反家庭暴力工作"),  # 中华人民共和国…法
    ("opinion_linshi_jiuzhu.md", "进一步加强和改进临时救助工作"),  # 关于…的意见: it opens with its act
    ("plan_sh_wanzheng_shequ_2025.md", "做好完整社区建设工作"),  # 关于印发《上海市…实施方案》的通知: no place
    ("reg_sh_juweihui.md", "做好居民委员会工作"),  # 上海市…条例
])
def test_a_normative_text_names_its_work(kb, name, work):
    doc = _doc(kb, name)
    assert work_name(document_subject(doc), kb.library().tokenizer.cut) == work


def test_a_case_report_names_no_work(kb):
    assert document_subject(_doc(kb, "000_3a74469a4d6c4f69.txt")) == ""


def test_only_a_request_still_spoken_is_retitled():
    assert still_spoken("楼里有户人家男的喝了酒就打老婆孩子，居委会到底能管到哪一步")
    assert not still_spoken("推进完整社区建设，补齐社区服务设施短板")
    assert not still_spoken("加强社区矫正对象监督管理和教育帮扶工作")


def test_a_spoken_request_is_titled_after_its_source(kb):
    plan = draft(kb, "万一碰上台风暴雨、突发事故这种情况，街道和社区平时该怎么准备", unit="XX街道办事处")
    cited = {plan.citation(n).doc_id for m in plan.measures for n in m.citations}
    titles = {kb.library().documents[d].title for d in cited}
    assert "万一" not in plan.title and "怎么" not in plan.title
    assert any(f"《{t}》" in n for n in plan.notices for t in titles)  # the notice names the cited text titled after
    assert all("万一" not in s for s in plan.leadership)  # the fixed sections name the work, not the sentence


def test_written_words_ending_in_le_are_no_chat():
    assert not still_spoken("为了加强社区志愿服务队伍建设")
    assert still_spoken("放暑假了小区里孩子没人看")
