"""A measure must be about the topic's head, not only its modifiers (review s28, plans8): the
colloquial 把小区里的邻里纠纷化解在家门口 took 业主委员会/物业 measures in by the word 小区. Sentences
and titles are the corpus's own; the words are the topic's wordings as the draft searches them."""
from __future__ import annotations

import jieba

from assistant.plan.topic import about, heads, strip_verbs, variants


def _heads(topic: str) -> list[list[str]]:
    core = strip_verbs(topic, jieba.lcut)
    return heads([list(dict.fromkeys(jieba.lcut_for_search(v))) for v in variants(core)])


def _about(topic: str, text: str) -> bool:
    return about(_heads(topic), text, set(jieba.lcut_for_search(text)))


def test_a_modifier_is_no_head():
    hs = _heads("把小区里的邻里纠纷化解在家门口")
    assert hs and all("小区" not in h for h in hs)
    assert any("纠纷" in h for h in hs) and any("调解" in h for h in hs)  # the synonyms' heads too


def test_a_property_measure_is_not_about_neighbour_disputes():
    title = "关于印发《关于完善本市住宅小区业主大会、业主委员会规范化建设的实施意见》的通知"
    text = "业主委员会履职不规范的，采取约谈、发函等方式督促其依法履职。"
    assert not _about("把小区里的邻里纠纷化解在家门口", title + text)
    assert _about("加强住宅小区物业服务监管", title + "加大物业服务企业监管力度。督促物业服务企业依法履职。")


def test_mediation_is_about_neighbour_disputes_and_a_word_inside_another_is_not():
    assert _about("把小区里的邻里纠纷化解在家门口", "人民调解员调解民间纠纷，应当坚持原则，明法析理，主持公道。")
    assert not _about("把小区里的邻里纠纷化解在家门口", "组织业主开展协商议事，协调解决小区物业治理事项。")


def test_a_head_before_a_modifier_is_one_phrase():
    """完整社区: 完整 alone is in 记录完整; the phrase is the head."""
    assert not _about("推进完整社区建设", "定期做好维护保养工作，记录完整。")
    assert _about("推进完整社区建设", "探索将完整社区打造成为居业融合的最小城市空间单元。")


def test_a_topic_of_modifiers_and_generic_words_only_gates_nothing():
    assert _heads("加强社区服务管理") == []
    assert _about("加强社区服务管理", "定期做好维护保养工作。")


def test_encouraging_the_founding_of_institutions_is_a_higher_governments_policy():
    """国务院关于加快发展养老服务业的若干意见: 鼓励个人举办…养老机构 came in as a street measure."""
    from assistant.plan.duty import for_unit

    s = "鼓励个人举办家庭化、小型化的养老机构，社会力量举办规模化、连锁化的养老机构。"
    assert for_unit(s, 4) is None
    assert for_unit(s, None) is not None  # no unit named: as written
    assert for_unit("鼓励养老机构利用自身资源优势，为周边居家老人提供服务。", 4) is not None
    assert for_unit("鼓励社区开展邻里互助活动，举办文体活动。", 4) is not None


def test_an_item_of_another_bodys_list_is_no_measure_of_the_street_office(kb):
    """上海市住宅小区物业服务质量提升行动方案 “6+N”: 物业服务企业应当…公开 over 4、公开办事制度 — the
    draft printed 公开居民办理…流程 as the street's own act (review s27, 1-二)."""
    from assistant.plan.practice import list_lead, others_lead, practice_problem
    from tests.plan_points import point_at

    doc, p = point_at(kb, "plan_sh_wuye_fuwu_tisheng_2025.md", "4、公开办事制度")
    assert list_lead(p, doc).startswith("物业服务企业应当")
    assert others_lead(p, doc, 4) and practice_problem(p, doc, 4) == "level"
    assert not others_lead(p, doc, None)  # no unit named: as written
    doc, p = point_at(kb, "plan_sh_wuye_fuwu_tisheng_2025.md", "物业服务企业应当在住宅小区管理处")
    assert not others_lead(p, doc, 4)  # no item: the lead itself is said as 督促物业服务企业…


def test_a_body_naming_its_members_is_no_subject():
    """河南省实施…居民委员会组织法办法: 居民委员会组成人员候选人，由…提名 became 指导居民委员会组成人员候选人."""
    from assistant.plan.duty import for_unit

    s = "居民委员会组成人员候选人，由有选举权的居民10人以上联合提名或者由户代表5人以上联合提名。"
    assert not (for_unit(s, 4) or "").startswith("指导")
    assert for_unit("物业管理委员会组织业主开展协商议事。", 4).startswith("指导物业管理委员会组织")


def test_the_colloquial_dispute_topic_takes_no_property_measure(kb):
    """把小区里的邻里纠纷化解在家门口 took 业主委员会履职约束 and 物业治理委员会 measures by 小区."""
    from assistant.plan import draft

    plan = draft(kb, "把小区里的邻里纠纷化解在家门口", unit="城东街道办事处", start="2027-01", end="2027-12",
                 strict=False)
    titles = [plan.citation(m.citations[0]).title for m in plan.measures]
    assert plan.measures and not any("业主委员会" in t for t in titles)
    quotes = [plan.citation(m.citations[0]).quote for m in plan.measures]
    # a passing 矛盾纠纷突出小区 may stay; 4+1's “依托‘三会—代理—公约’，解决矛盾纠纷” is on the topic (stop 40)
    assert sum("调解" in t or "调解" in q or "纠纷" in q for t, q in zip(titles, quotes)) * 2 >= len(titles)


def test_a_topic_the_library_words_otherwise_still_drafts(kb):
    """轮椅: the library says 康复辅助器具; the head gate must not leave a supported topic with no measure."""
    from assistant.plan import draft

    assert draft(kb, "让行动不便的老人在社区租到轮椅", strict=False).measures


def test_an_article_is_no_item_of_the_article_before_it(kb):
    """上海市街道办事处条例 第十二条 (联席会议, 网格化派单调度) was read as an item under 第十一条."""
    from assistant.plan.practice import list_lead, practice_problem
    from tests.plan_points import point_at

    doc, p = point_at(kb, "reg_sh_jiedao.md", "第十二条")
    assert list_lead(p, doc) == "" and practice_problem(p, doc, 4) == ""
