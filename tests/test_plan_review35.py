"""Session 33, cadre review s32 (40% of measures relevant): a plan's measures are the unit's practice.
A law's statement of principle, purpose or definition and a slogan addressed to all places are no
practice; a duty whose holders are the state, people's organisations, schools or parents is another
body's; a regulation whose squarely on-topic article is the unit's own duty is read whole, so its
procedural articles (受理, 调查核实, 公示) become measures. Sentences are the bundled corpus's own."""
from __future__ import annotations

import importlib
import re

from assistant.plan.actor import OTHER, OWN, sentence_actor
from assistant.plan.practice import not_practice
from assistant.plan.precedents import Scorer
from assistant.plan.topic import understand

draft_mod = importlib.import_module("assistant.plan.draft")
YUFANG = "reg_yufang_weichengnianren_fanzui_fa_2020.md"
TEKUN = "reg_tekun_rending.md"
PINGGU = "opinion_mzb_shehui_zuzhi_pinggu_2015.md"
UNIT = "和平街道办事处"
OWN_DUTIES = ((YUFANG, "居民委员会、村民委员会应当积极开展有针对性的预防未成年人犯罪宣传活动"),
              (TEKUN, "乡镇人民政府（街道办事处）应当自受理申请之日起15个工作日内"))


def _sentence(kb, doc_id: str, opening: str) -> str:
    """The corpus sentence (to its 。 or ：) that opens with `opening`."""
    text = kb.library().documents[doc_id].text
    i = text.index(opening)
    return text[i:re.search(r"[。：]", text[i:]).end() + i]


def test_principle_purpose_definition_and_exhortation_are_no_practice(kb):
    for doc_id, opening in ((YUFANG, "预防未成年人犯罪，立足于教育和保护"),
                            (YUFANG, "预防未成年人犯罪，在各级人民政府组织下，实行综合治理"),
                            (YUFANG, "开展预防未成年人犯罪工作，应当尊重未成年人人格尊严"),
                            (YUFANG, "本法所称严重不良行为"),
                            (TEKUN, "特困人员认定工作应当遵循以下原则"),
                            (PINGGU, "已开展第三方评估工作的"), (PINGGU, "尚未开展的，要创造条件")):
        assert not_practice(_sentence(kb, doc_id, opening)) == "principle", opening
    for doc_id, opening in OWN_DUTIES:  # the unit's or its community bodies' duty stays a practice
        assert not_practice(_sentence(kb, doc_id, opening)) == ""


def test_the_states_people_organisations_schools_and_parents_duties_are_anothers(kb):
    for opening in ("共产主义青年团、妇女联合会、工会", "国家鼓励、支持和指导社会工作服务机构",
                    "未成年人的父母或者其他监护人发现未成年人有不良行为的"):
        assert sentence_actor(_sentence(kb, YUFANG, opening), 4) == OTHER, opening
    # a list that names the community bodies among others stays the unit's (as its guidance), as do
    # the unit's and its community bodies' own duties
    for doc_id, opening in OWN_DUTIES:
        assert sentence_actor(_sentence(kb, doc_id, opening), 4) == OWN
    assert sentence_actor(_sentence(kb, YUFANG, "未成年人的父母或者其他监护人和学校、居民委员会"), 4) == OWN


def test_a_regulation_whose_article_is_the_units_own_duty_on_the_topic_is_read_whole(kb):
    """《特困人员认定办法》's title holds 0.38 of 特困人员认定和分散供养照料服务 (below expand_title), but
    its 第十一条 (乡镇人民政府（街道办事处）…应当及时了解掌握…) is squarely on the topic: the street
    office's 受理 (第十二条), 15-day 调查核实 (第十三条) and 公示 (第十五条) are measures."""
    lib = kb.library()
    t = understand("特困人员认定和分散供养照料服务", lib.tokenizer.cut)
    search = draft_mod.Search(t, [Scorer(lib).words(v) for v in t.variants], None, lib.settings.plan)
    assert Scorer(lib).best_coverage(search.words, lib.documents[TEKUN].title) < lib.settings.plan.expand_title
    plan = draft_mod.draft(kb, "推进特困人员认定和分散供养照料服务工作", unit=UNIT, start="2027-01", end="2027-12")
    quotes = [c.quote for c in plan.citations if c.doc_id == TEKUN]
    for said in ("材料齐备的，予以受理", "自受理申请之日起15个工作日内", "应当将初审意见及时在申请人所在村（社区）公示"):
        assert any(said in q for q in quotes), said


def test_no_principle_article_or_other_bodys_duty_leads_a_measure(kb):
    plan = draft_mod.draft(kb, "加强社区预防未成年人犯罪工作", unit=UNIT, start="2027-01", end="2027-12")
    leads = [c.quote for c in (plan.citation(m.citations[0]) for m in plan.measures) if c.doc_id == YUFANG]
    assert plan.measures
    for opening in ("第二条", "第三条", "第四条", "第八条"):
        assert not any(q.startswith(opening) for q in leads), opening
