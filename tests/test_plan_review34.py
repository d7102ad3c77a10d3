"""Session 32, drafts thin on new topics: the unit's own statutory duties on the topic never became
measures. An article naming the unit among its duty-holders says its duty in the law's words, not the
topic's (反家庭暴力法第十四条 强制报告 for 家庭暴力预防), so its relevance falls below the floor; a
sentence that goes on with another's subject (各地要…。对于急难型临时救助，要…) was read as that
other's although it names the unit among its holders later. Sentences are the bundled corpus's own."""
from __future__ import annotations

import importlib
from collections import Counter

from assistant.plan.actor import OWN, sentence_actor
from assistant.plan.compose import unit_sentences
from assistant.plan.listed import community_share
from assistant.plan.precedents import Point
from assistant.settings import PlanSettings

LINSHI = "opinion_linshi_jiuzhu.md"
FANJIA = "reg_fan_jiating_baoli_fa_2015.md"
SENT = ("对于急难型临时救助，要注重提高救助时效性，进一步简化审核审批程序，积极开展“先行救助”，乡镇人民政府（街道办事处）、"
        "县级人民政府民政部门可根据救助对象急难情形，简化申请人家庭经济状况核对、民主评议和公示等环节，直接予以救助")
select = importlib.import_module("assistant.plan.draft").select


def test_holders_named_later_in_the_sentence_make_it_the_units(kb):
    assert SENT in kb.library().documents[LINSHI].text  # the file's (街道办事处) in half-width brackets, as ingested
    assert sentence_actor(SENT + "。", 4) == OWN


def test_a_bare_ke_closes_a_list_of_holders():
    share = community_share("乡镇人民政府（街道办事处）、县级人民政府民政部门可根据救助对象急难情形，简化申请人家庭经济状况核对", 4)
    assert share is not None and share[0] == "" and share[2].startswith("根据救助对象急难情形")
    assert community_share("公安机关、行政许可机关应当依法处理", 4) is None  # 许可 is no modal


def test_a_sentence_going_on_with_anothers_subject_is_said_when_it_names_the_unit(kb):
    doc = kb.library().documents[LINSHI]
    prev = "各地要针对不同的救助类型，优化规范临时救助审核审批程序。"
    s = doc.text.index(prev) + len(prev)
    e = doc.text.index("；", s) + 1
    assert doc.text[s:e].startswith(SENT)
    p = Point(LINSHI, "", "", s, e, "", [(s, e)])
    said = [x for _, x in unit_sentences(p, doc, 4)]
    assert said and "积极开展“先行救助”" in said[0] and "县级人民政府民政部门" not in said[0]


def _point(doc: str, start: int, relevance: float, own: bool, word: str) -> Point:
    return Point(doc, "", "", start, start + 10, "", [(start, start + 10)], score=1.0, relevance=relevance,
                 vector=Counter({word: 1}), sentence=0.9, own=own)


def test_the_units_own_duty_below_the_floor_in_a_document_titled_on_the_topic_is_a_measure():
    ps = PlanSettings()
    assert ps.own_floor < ps.floor
    rel = (ps.own_floor + ps.floor) / 2
    on = _point(FANJIA, 0, 1.0, False, "a")
    own = _point(FANJIA, 100, rel, True, "b")  # the unit's duty, in the law's words
    other = _point(FANJIA, 200, rel, False, "c")  # not the unit's: the floor holds
    elsewhere = _point(LINSHI, 0, rel, True, "d")  # the unit's, in a document whose title is not the topic's
    paper = _point(FANJIA, 300, rel, True, "e")
    paper.account = True  # a paper's or a place's account states no duty
    leads = [g[0] for g in select([on, own, other, elsewhere, paper], ps, (), {FANJIA})]
    assert on in leads and own in leads
    assert other not in leads and elsewhere not in leads and paper not in leads


def test_a_community_bodys_supervision_titles_its_measure(kb):
    from assistant.plan.measure_titles import measure_title
    from assistant.plan.precedents import points_of_chunk

    lib = kb.library()
    doc = lib.documents[FANJIA]
    pts = [p for c in lib.chunks if c.doc_id == FANJIA for p in points_of_chunk(doc, c)
           if doc.text[p.start:p.end].startswith("第十七条")]
    assert pts and "监督加害人不再实施家庭暴力" in doc.text[pts[0].start:pts[0].end]
    assert measure_title(pts[0], doc, 4) == "监督加害人不再实施家庭暴力"  # was "": no measure
