"""Session 34, cadre review s33 (12.5% of measures relevant): articles that squarely govern a topic
were retrieved but never became measures, because their duty clause was too long to title one (or
held 了解, read as a past tense), so draft.has_detail dropped them before any other stage, while web
templates with short headings filled the plan. Such an article is titled by its last act with its
first object (articles.statute_title); a verb's noun use or a relative clause never titles one.
Sentences are the bundled corpus's own; the topic below is made up, none of a review."""
from __future__ import annotations

import importlib

from assistant.plan.articles import statute_title
from assistant.plan.compose import unit_sentences
from assistant.plan.measure_titles import good_title, measure_title
from tests.plan_points import point_at

draft_mod = importlib.import_module("assistant.plan.draft")
JIUZHU = "reg_shehui_jiuzhu.md"
ZHIYUAN = "reg_zhiyuan_fuwu.md"
STREET = 4  # practice.unit_level("和平街道办事处")


def test_a_long_duty_clause_of_an_article_is_titled_by_its_act_and_object(kb):
    doc, p = point_at(kb, "reg_sd_zhiyuan.md", "为开展志愿服务活动提供场所和其他便利条件")
    assert measure_title(p, doc, STREET) == "提供场所和其他便利条件"
    assert draft_mod.has_detail(p, doc, STREET)  # a measure can be written from it


def test_the_units_own_duty_to_know_residents_lives_is_titled(kb):
    # 乡镇人民政府、街道办事处应当及时了解掌握居民的生活情况: 了解 is no past tense (建立了)
    doc, p = point_at(kb, JIUZHU, "应当及时了解掌握居民的生活情况")
    assert measure_title(p, doc, STREET) == "及时了解掌握居民的生活情况"
    assert good_title("及时了解掌握居民的生活情况") and not good_title("建立了巡查制度")


def test_a_verbs_noun_use_or_a_relative_clause_titles_no_article(kb):
    for needle in ("志愿服务组织记录的志愿服务信息", "任何组织和个人发现志愿服务组织有违法行为"):
        doc, p = point_at(kb, "reg_zhiyuan_jilu.md" if "记录的" in needle else ZHIYUAN, needle)
        assert statute_title(p, unit_sentences(p, doc, STREET), doc, good_title) == "", needle


def test_a_plan_on_a_made_up_topic_uses_the_article_that_governs_it(kb):
    plan = draft_mod.draft(kb, "为志愿服务活动提供场所和便利条件", unit="和平街道办事处",
                           start="2027-01", end="2027-12", strict=False)
    quotes = [c.quote for c in plan.citations]
    assert any("提供场所和其他便利条件" in q for q in quotes), [m.title for m in plan.measures]
