"""Stop 36: the unit's own statutory clauses that retrieval missed (plan/own_articles.py), on a
made-up topic, and the clause kind cadre review s35 found lost: a list of holders closed by a comma
before its condition (…及其工作人员，在工作中发现…的，应当立即…报告)."""
from __future__ import annotations

from assistant.library import view_of
from assistant.plan import draft
from assistant.plan.actor import OWN, sentence_actor
from assistant.plan.draft import Search, topic_vectors
from assistant.plan.measure_titles import measure_title
from assistant.plan.own_articles import own_articles, paragraphs, population
from assistant.plan.practice import unit_level
from assistant.plan.precedents import Scorer
from assistant.plan.topic import understand

STREET = unit_level("和平街道办事处")
LAW = "reg_weichengnianren_baohu_fa_2024.md"
CLAUSE = "在工作中发现未成年人身心健康受到侵害"
TOPIC = "建立社区侵害未成年人强制报告制度"  # made up: no eval set or review holds it


def _paragraph(kb, doc_id: str, needle: str):
    return next(p for p in paragraphs(view_of(kb)) if p.doc_id == doc_id
                and needle in kb.document(doc_id).text[p.start:p.end])


def test_listed_holders_before_a_condition_hold_the_duty(kb):
    """国家机关、居民委员会、…及其工作人员，在工作中发现…的，应当立即…报告: the 居委会's duty, so a 街道's
    own kind (before: no holder read, the comma ended the subject)."""
    p = _paragraph(kb, LAW, CLAUSE)
    assert sentence_actor(kb.document(LAW).text[p.start:p.end], STREET) == OWN


def test_an_immediate_report_is_titled_by_its_act(kb):
    """立即 opens an act as 及时 does: the clause is titled by what it requires (before: no title, so no measure)."""
    p = _paragraph(kb, LAW, CLAUSE)
    assert measure_title(p, kb.document(LAW), STREET) == "立即向公安、民政、教育等有关部门报告"


def test_the_units_own_clauses_are_a_small_population(kb):
    """Every clause the pass may add is the unit's kind's duty, and they are few (not the whole of every law)."""
    lib = view_of(kb)
    pop = population(lib, STREET, True)
    assert 20 <= len(pop) <= 300 and all(p.own for p in pop)
    assert any(p.doc_id == LAW and CLAUSE in lib.documents[LAW].text[p.start:p.end] for p in pop)


def test_a_plan_cites_the_units_own_clause_retrieval_missed(kb):
    plan = draft(kb, TOPIC, unit="和平街道办事处", strict=False)
    at = kb.document(LAW).text.index(CLAUSE)
    assert any(c.doc_id == LAW and c.start <= at < c.end for c in plan.citations)


def test_the_pass_adds_at_most_its_cap_and_is_off_at_zero(kb):
    lib = view_of(kb)
    ps = lib.settings.plan
    t, scorer = understand(TOPIC, lib.tokenizer.cut), Scorer(lib)
    search = Search(t, [scorer.words(v) for v in t.variants], None, ps, None, STREET, "urban")
    vecs = topic_vectors(lib, list(t.variants[:4]))
    added = own_articles(lib, search, vecs, [])
    assert 1 <= len(added) <= ps.own_article_cap and all(p.own and p.relevance >= ps.floor for p in added)
    search.ps = ps.model_copy(update={"own_article_cap": 0})
    assert own_articles(lib, search, vecs, []) == []
