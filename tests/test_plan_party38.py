"""Stop 38: a party's application to the unit said as the unit's task (plan/party.py), and the unit's
own clause that retrieval found below the relevance floor raised by the own-clause pass (own_articles.py)."""
from __future__ import annotations

from assistant.library import view_of
from assistant.plan.actor import OWN, sentence_actor
from assistant.plan.compose import measure_text
from assistant.plan.draft import Search, topic_vectors
from assistant.plan.measure_titles import measure_title
from assistant.plan.own_articles import clauses, own_articles, paragraphs, standing
from assistant.plan.party import accepted
from assistant.plan.practice import practice_problem, unit_level
from assistant.plan.precedents import Scorer
from assistant.plan.topic import understand

STREET, DISTRICT = unit_level("和平街道办事处"), unit_level("某区民政局")
RELIEF = "reg_shehui_jiuzhu.md"  # 社会救助暂行办法
EMERGENCY = "reg_tufa_shijian_yingdui_fa_2024.md"  # 突发事件应对法
MEDICAL = "申请医疗救助的，应当向乡镇人民政府、街道办事处提出"
HOUSING = "城镇家庭申请住房救助的，应当经由乡镇人民政府、街道办事处或者直接向"
DRILL = "乡级人民政府、街道办事处应当组织开展面向社会公众的应急知识宣传普及活动"


def _paragraph(kb, doc_id: str, needle: str):
    return next(p for p in paragraphs(view_of(kb)) if p.doc_id == doc_id
                and needle in kb.document(doc_id).text[p.start:p.end])


def _sentence(kb, doc_id: str, needle: str) -> str:
    text = kb.document(doc_id).text
    at = text.index(needle)
    return text[at:text.index("。", at) + 1]


def test_an_application_to_the_street_is_accepted_in_the_clauses_own_words(kb):
    """申请医疗救助的，应当向…街道办事处提出，经审核、公示后… → 受理医疗救助申请，经审核、公示后…: the
    opening changes, the procedure after it is the clause's own."""
    s = _sentence(kb, RELIEF, MEDICAL)
    assert accepted(s, STREET) == "受理医疗救助申请" + s[s.index("，经审核、公示后，"):]
    assert accepted(_sentence(kb, RELIEF, HOUSING), STREET).startswith("受理城镇家庭住房救助申请")


def test_only_the_level_applied_to_accepts(kb):
    """A district bureau is not where the party applies: the sentence is not its task."""
    assert accepted(_sentence(kb, RELIEF, MEDICAL), DISTRICT) is None
    assert accepted(_sentence(kb, RELIEF, MEDICAL), None) is None
    assert accepted(_sentence(kb, RELIEF, MEDICAL), False) is None


def test_the_clause_is_the_streets_practice_titled_by_its_task(kb):
    """Before: no action (the applicant's step), no title, so no measure (社会救助暂行办法第三十条, cadre review 37)."""
    p, doc = _paragraph(kb, RELIEF, MEDICAL), kb.document(RELIEF)
    assert practice_problem(p, doc, STREET) == ""
    assert sentence_actor(doc.text[p.start:p.end], STREET) == OWN
    assert measure_title(p, doc, STREET) == "受理医疗救助申请"
    assert "由县级人民政府医疗保障部门审批" in measure_text(p, doc, 3, STREET)


def test_the_clause_joins_the_units_own_population(kb):
    pop, _ = clauses(view_of(kb), STREET, True)
    lib = view_of(kb)
    assert any(p.doc_id == RELIEF and MEDICAL in lib.documents[RELIEF].text[p.start:p.end] for p in pop)


def test_an_own_clause_retrieved_below_the_floor_is_raised_to_it(kb):
    """The own-clause pass skipped a clause retrieval had found, however far above the population it
    stood; found below the floor, it never became a measure (突发事件应对法第四十二条 for 应急处置)."""
    lib = view_of(kb)
    ps = lib.settings.plan
    topic = "开展街道应急演练和应急知识宣传"  # made up: no eval set or review holds it
    t, scorer = understand(topic, lib.tokenizer.cut), Scorer(lib)
    search = Search(t, [scorer.words(v) for v in t.variants], None, ps, None, STREET, "urban")
    vecs = topic_vectors(lib, list(t.variants[:4]))
    pop, own = clauses(lib, STREET, True)
    z = {(p.doc_id, p.start): zz for p, _, zz in standing(lib, pop, vecs, own)}
    found = [p for p in pop if p.doc_id == EMERGENCY and DRILL in lib.documents[EMERGENCY].text[p.start:p.end]]
    assert found and z[(found[0].doc_id, found[0].start)] >= ps.own_article_z
    found[0].relevance = 0.0
    added = own_articles(lib, search, vecs, found)
    assert found[0].relevance >= ps.floor
    assert all((p.doc_id, p.start) != (found[0].doc_id, found[0].start) for p in added)
    assert len(added) + 1 <= ps.own_article_cap
