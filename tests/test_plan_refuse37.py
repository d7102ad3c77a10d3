"""Cadre review s36: a draft whose every measure the tool itself flagged as unusable (another body's
duty, or its precedent quoted as written) was printed as a full-format plan. Now it is refused, and the
reason names the passages found (document and article) so the cadre can read them; a plan with one
usable measure is still drafted. Made-up topics, not the review's."""
from __future__ import annotations

import re

import pytest

from assistant.cli import main
from assistant.plan import PlanError

UNIT = dict(unit="和平街道办事处", start="2027-01", end="2027-12")


def test_a_plan_of_only_unusable_measures_is_refused_naming_the_articles(kb):
    with pytest.raises(PlanError) as e:
        kb.plan("做好辖区防汛物资储备和调配", **UNIT)  # before: 2 measures, both quoted as written
    msg = str(e.value)
    assert "不能直接作为本单位的措施" in msg and "无法起草" in msg
    assert re.search(r"《中华人民共和国突发事件应对法》第[一二三四五六七八九十百]+条", msg)
    assert msg.count("《中华人民共和国突发事件应对法》") == 1  # a document once, its articles after it
    plan = kb.plan("加强社区救灾物资发放管理", **UNIT)  # one usable measure: a shorter plan, not a refusal
    assert plan.measures and not all(m.verbatim for m in plan.measures)


def test_one_verbatim_measure_alone_is_refused_too(kb):
    with pytest.raises(PlanError) as e:
        kb.plan("推进老旧小区消防通道堵塞整治", **UNIT)  # before: 1 measure, “参照先例原文：…”
    assert re.search(r"《北京市物业管理条例》第[一二三四五六七八九十百]+条", str(e.value))


def test_the_refusal_reaches_the_command_line_and_the_web(kb, monkeypatch, capsys):
    from ui.tab_plan import make_plan

    html, files = make_plan(kb, "做好辖区防汛物资储备和调配", "和平街道办事处", "2027-01", "2027-12")
    assert files is None and "不能直接作为本单位的措施" in html and "shequ" not in html
    monkeypatch.setenv("SHEQU_HOME", str(kb.settings.home))
    monkeypatch.setenv("SHEQU_CACHE", str(kb.settings.cache_dir))
    code = main(["plan", "做好辖区防汛物资储备和调配", "--unit", "和平街道办事处"])
    err = capsys.readouterr().err
    assert code == 2 and "不能直接作为本单位的措施" in err and "《中华人民共和国突发事件应对法》第" in err
