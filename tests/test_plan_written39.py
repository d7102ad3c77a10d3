"""Cadre review s38: a colloquial topic was titled by the user's sentence (关于街道里独居、高龄老人多的实施方案,
…工作领导小组), searched only as said (1–2 measures), and a notice named a case report for “独居”“高龄” that says
高龄 only. A topic still read as speech is titled and searched as the written work it names (spoken.json
written_works); a notice names only the terms the documents it names say. The requests here are made up."""
from __future__ import annotations

from assistant.plan.cover import cited_titles, in_library, said_by_named
from assistant.plan.spoken import written
from assistant.plan.topic import understand
from ingest.model import Document


def test_a_request_still_read_as_speech_gets_a_written_work_title():
    w = written("楼道里垃圾乱扔、脏乱这种情况越来越多，社区该怎么弄")
    assert w.topic == "做好社区环境卫生整治工作" and w.work == "社区环境卫生整治"
    assert "这种情况" not in w.search and "越来越多" not in w.search


def test_written_and_clean_spoken_topics_keep_their_words():
    assert written("加强社区志愿服务体系建设") == written("加强社区志愿服务体系建设")
    assert written("加强社区志愿服务体系建设").topic == "加强社区志愿服务体系建设"
    assert written("加强社区志愿服务体系建设").work == ""
    w = written("后进社区党组织要集中整顿，帮我出个方案")  # already written by the request rules
    assert w.topic == "集中整顿后进社区党组织" and w.work == ""


def test_the_written_work_names_the_fixed_sections_and_searches_second(kb):
    t = understand("辖区里台风暴雨这种情况，社区平时该怎么准备", kb.tokenizer.cut)
    assert t.written == "做好突发事件应对工作" and t.named == "突发事件应对"
    assert t.variants[1] == "突发事件应对"
    assert "这种情况" not in t.core and "平时" not in t.core


def test_a_notice_names_only_the_terms_its_documents_say():
    docs = {"a": Document("a", "某社区经验", "关心高龄老人，走访慰问。"),
            "b": Document("b", "某市居家养老条例", "为独居、高龄老年人提供关怀访视。\n开展助餐服务。")}
    assert cited_titles(docs, ["独居", "高龄"], most=1) == "《某市居家养老条例》等 2 篇文档"  # both terms first
    assert said_by_named(docs, ["独居", "高龄"], most=2) == ["独居", "高龄"]
    only_a = {"a": docs["a"]}
    assert said_by_named(only_a, ["独居", "高龄"]) == ["高龄"]


def test_a_term_said_otherwise_is_in_the_library():
    docs = {"b": Document("b", "某市居家养老条例", "为高龄老年人提供助餐服务。")}
    assert in_library(docs, "老人") and not in_library(docs, "漏水")


def test_a_cue_counts_as_a_whole_word_only():
    """卫生 of 社区卫生服务站 (a health station) names no sanitation work; the request keeps its rules' title."""
    w = written("社区卫生服务站房子小、设备旧、人手也不够")
    assert w.work == "" and "卫生服务站" in w.topic


def test_a_plan_on_a_spoken_topic_never_repeats_the_sentence(kb):
    from assistant.plan import draft

    plan = draft(kb, "辖区里台风暴雨这种情况越来越多，社区平时该怎么准备", unit="某某街道办事处", strict=False)
    assert plan.title == "某某街道办事处关于做好突发事件应对工作的实施方案"
    assert "突发事件应对工作领导小组" in plan.leadership[0]
    import json

    text = json.dumps({k: v for k, v in plan.to_dict().items() if k not in ("topic", "measures", "citations", "notices")},
                      ensure_ascii=False)
    assert "这种情况" not in text and "怎么" not in text
