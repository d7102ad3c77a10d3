"""A plan keeps what is about its topic's head and drops padding from another topic (cadre review
s34). The search-mode tokenizer cuts 规范化 into 规范, 范化, 规范化; 范化 is in no list of generic
words, so it counted as the topic's head and any passage on 规范化建设 (东山街道 “四是坚持规范化
建设，确保长效治理”) was taken as about 社区X站规范化建设. Topics here are made up, not the review's."""
from __future__ import annotations

import jieba

from assistant.plan.topic import about, heads, strip_verbs, variants

TOPIC = "推进社区卫生服务站规范化建设"
DONGSHAN = "001_4c737dfdfed6e413.txt"
PADDING = "四是坚持规范化建设，确保长效治理。规范便民服务中心，建立社区干部坐班值班、分片联户、为社区居民群众提供各项服务"


def _heads(topic: str) -> list[list[str]]:
    core = strip_verbs(topic, jieba.lcut)
    return heads([list(dict.fromkeys(jieba.lcut_for_search(v))) for v in variants(core)])


def test_a_piece_of_a_generic_word_is_no_head():
    hs = _heads(TOPIC)
    assert hs and all("范化" not in h and "规范化" not in h for h in hs)
    assert any("卫生" in h for h in hs)


def test_a_passage_on_standardisation_alone_is_not_about_the_station():
    assert not about(_heads(TOPIC), PADDING, set(jieba.lcut_for_search(PADDING)))
    text = "社区卫生服务站应当制定人员岗位责任制、在职教育培训制度。"
    assert about(_heads(TOPIC), text, set(jieba.lcut_for_search(text)))


def test_the_station_plan_takes_no_measure_from_another_topic(kb):
    plan = kb.plan(TOPIC, unit="和平街道办事处")
    assert plan.measures
    assert all(c.doc_id != DONGSHAN for c in plan.citations)


def test_the_generic_part_of_a_topic_is_the_topic_less_its_head():
    from assistant.plan.topic import generic_part

    assert generic_part("社区卫生服务站规范化建设", ["卫生", "站", "社区卫生"]) == "服务规范化建设"
    assert generic_part("社区卫生服务站规范化建设", ["卫生", "站"]) == "社区服务规范化建设"


def _point(kb, doc_id: str, needle: str):
    from assistant.plan.precedents import points_of_chunk

    doc = kb.documents[doc_id]
    at = doc.text.index(needle)
    chunk = next(c for c in kb.chunks if c.doc_id == doc_id and c.start <= at < c.end)
    return next(p for p in points_of_chunk(doc, chunk) if p.start <= at < p.end)


def test_a_passage_nearer_the_generic_words_than_the_topic_is_padding(kb):
    """Without the head gate (the library words the head otherwise), the 东山 passage on 规范化建设
    is nearer 社区服务规范化建设 than 社区卫生服务站规范化建设; the station standard's own clause is not."""
    from assistant.library import view_of
    from assistant.plan.similarity import beyond_generic, topic_vectors

    lib = view_of(kb)
    pad = _point(lib, DONGSHAN, "四是坚持规范化建设")
    own = _point(lib, "std_sq_weisheng_zhan.md", "制定人员岗位责任制")
    topic, generic = topic_vectors(lib, ["社区卫生服务站规范化建设"]), topic_vectors(lib, ["社区服务规范化建设"])
    kept = beyond_generic(lib, [pad, own], topic, generic, lib.settings.plan.generic_margin)
    assert own in kept and pad not in kept


def test_a_made_up_room_plan_takes_no_standardisation_padding(kb):
    from assistant.plan.model import PlanError

    try:
        plan = kb.plan("推进社区老年活动室规范化建设", unit="和平街道办事处")
    except PlanError:  # a refusal is right too: the library has nothing on the room itself
        return
    assert all(c.doc_id != DONGSHAN for c in plan.citations)


def test_a_spoken_frame_is_not_titled():
    """得搞一次/搞一轮 is chat, not the topic's wording (cadre review s34: 得搞一轮 in a title)."""
    from assistant.plan.spoken import written

    assert written("年底前各小区得搞一次消防演练，帮我出个方案").topic == "年底前各小区开展消防演练"
    assert written("需要搞一次安全隐患大排查").topic == "开展安全隐患大排查"
