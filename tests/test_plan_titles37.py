"""Cadre review s36: a spoken request's chat words went into the title and the 领导小组's name
(关于公安那边转来的家暴告诫书的实施方案; 关于应急物业的实施方案; 关于把老年助餐点铺开的实施方案), and the
notice reported a filler as missing content (没有找到关于“那边转来”的内容). Made-up requests, not the review's."""
from __future__ import annotations

from assistant.plan import templates as T
from assistant.plan.cover import cited_titles, terms
from assistant.plan.spoken import written
from assistant.plan.topic import understand


def test_relay_fillers_go_and_short_forms_are_written_out():
    w = written("街道那边转来的业委会换届投诉，居委会得上门核实，弄个工作方案")
    assert "那边" not in w.topic and "转来" not in w.topic
    assert "业主委员会换届投诉" in w.topic and "街道" in w.topic  # no content word dropped
    assert written("想把社区食堂铺开，帮我出个方案").topic == "推广社区食堂"
    assert written("社区协商议事的新模式，帮我出个方案").topic == "社区协商议事的新模式"  # unsure: a 的 phrase kept
    assert written("家暴庇护所建设").topic == "家暴庇护所建设"  # a written topic keeps the user's words


def test_a_plan_quoting_a_provincial_rule_says_it_binds_there_only(kb):
    plan = kb.plan("做好物业服务人退出交接监管", unit="和平街道办事处", start="2027-01", end="2027-12")
    local = [n for n in plan.notices if "地方性法规" in n]
    assert len(local) == 1 and "《北京市物业管理条例》" in local[0] and "北京市" in local[0]
    plan = kb.plan("加强社区救灾物资发放管理", unit="和平街道办事处", start="2027-01", end="2027-12")
    national = [c.title for c in plan.citations if not c.meta.get("place")]
    assert all(t not in n for n in plan.notices if "地方性法规" in n for t in national)


def test_the_fixed_sections_name_the_work_in_written_form(kb):
    t = understand("妇联那边转过来的家暴求助线索，居委会得跟进，弄个方案", kb.tokenizer.cut)
    lead = T.leadership("和平街道办事处", t.named)[0]
    assert "家庭暴力求助线索工作领导小组" in lead and "那边" not in lead and "家暴" not in lead
    assert not any("那边" in w or "转过来" in w for w in terms(t, kb.tokenizer.cut))  # never a missing “term”


def test_a_notice_names_documents_where_the_term_meets_the_topic(kb):
    """Documents saying the term in one paragraph with the topic's other words come first, and only they."""
    from assistant.library import view_of

    docs = view_of(kb).documents
    named = cited_titles(docs, ["签订"], ["赡养", "签订"], most=50, words=["赡养"])
    for title in named.split("》"):
        d = next((d for d in docs.values() if title and d.title == title.lstrip("《")), None)
        assert d is None or any("签订" in p and "赡养" in p for p in d.text.split("\n"))
    assert "老年人权益保障法" in named


def test_a_citys_policy_text_gets_the_local_notice_too(kb):
    """Cadre review 37: a 上海市房屋管理局 通知 was quoted with no word that it applies in Shanghai only."""
    plan = kb.plan("推进社区康复辅助器具租赁服务", unit="和平街道办事处", start="2027-01", end="2027-12")
    cited = {c.title for c in plan.citations if c.meta.get("place") == "上海市" and c.meta.get("doc_type") == "通知"}
    local = [n for n in plan.notices if "只在当地适用" in n]
    assert cited and len(local) == 1 and all(f"《{t}》" in local[0] for t in cited) and "上海市" in local[0]
