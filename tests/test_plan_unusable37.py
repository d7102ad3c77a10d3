"""Cadre review s36: a draft whose every measure the tool itself flagged as unusable (another body's
duty, or its precedent quoted as written) read as a finished plan. It is still drafted (the issue: a
thin plan with a notice, never a refusal, when precedents exist), but a notice says not to issue it as
it is and names the passages found (document once, then its articles) so the cadre can read them; a
plan with a usable measure gets no such notice. Made-up topics, not the review's."""
from __future__ import annotations

import re

from assistant.cli import main

UNIT = dict(unit="和平街道办事处", start="2027-01", end="2027-12")


def _passages(plan) -> str:
    return next((n for n in plan.notices if "资料库中找到的条文是" in n), "")


def test_a_plan_of_only_unusable_measures_names_the_articles(kb):
    # its measures quoted as written (stop 38: 加强辖区防汛抢险物资管理 now drafts the street's own 北京物业条例第十条)
    plan = kb.plan("加强防灾减灾物资储备", **UNIT)
    note = _passages(plan)
    assert plan.measures and "不要直接印发" in note
    assert re.search(r"《中华人民共和国突发事件应对法》第[一二三四五六七八九十百]+条", note)
    assert note.count("《中华人民共和国突发事件应对法》") == 1  # a document once, its articles after it
    usable = kb.plan("加强社区救灾物资发放管理", **UNIT)  # one usable measure: no such notice
    assert usable.measures and not _passages(usable)


def test_one_verbatim_measure_alone_gets_the_notice_too(kb):
    plan = kb.plan("推进老旧小区消防通道堵塞整治", **UNIT)  # 1 measure, “参照先例原文：…”
    assert re.search(r"《北京市物业管理条例》第[一二三四五六七八九十百]+条", _passages(plan))


def test_the_notice_reaches_the_command_line_and_the_web(kb, monkeypatch, capsys, tmp_path):
    from ui.tab_plan import make_plan

    html, files = make_plan(kb, "加强防灾减灾物资储备", "和平街道办事处", "2027-01", "2027-12")
    assert files and "资料库中找到的条文是" in html
    monkeypatch.setenv("SHEQU_HOME", str(kb.settings.home))
    monkeypatch.setenv("SHEQU_CACHE", str(kb.settings.cache_dir))
    code = main(["plan", "加强防灾减灾物资储备", "--unit", "和平街道办事处", "--out", str(tmp_path / "p.md")])
    err = capsys.readouterr().err
    assert code == 0 and "资料库中找到的条文是" in err and "《中华人民共和国突发事件应对法》第" in err
