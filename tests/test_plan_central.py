"""Precedents centrally about the topic: an article's list lead with its items is a practice,
an article's later paragraph is one too, measures are chosen by how near their own text is to
the topic as well as by score, and a 小区 body's duty is said as the unit's oversight of it.
Excerpts are taken from the bundled corpus as written."""
from __future__ import annotations

from assistant.plan.duty import for_unit
from assistant.plan.practice import practice_problem
from assistant.plan.precedents import Point, points_of_chunk
from assistant.plan.similarity import rank
from assistant.settings import PlanSettings
from evals.fit_plan import fit_centrality

STREET, COMMUNITY = 4, 5  # practice.unit_level("XX街道办事处"), ("XX社区居委会")


def _points(kb, doc_id: str, needle: str) -> tuple:
    doc = kb.document(doc_id)
    at = doc.text.index(needle)
    chunk = next(c for c in kb.data.chunks if c.doc_id == doc_id and c.start <= at < c.end)
    return doc, [p for p in points_of_chunk(doc, chunk) if p.start <= at < p.end]


def test_an_articles_list_lead_with_its_items_is_a_practice(kb):
    """reg_bj_jujia_yanglao.md 第六条 (乡镇人民政府和街道办事处负责…下列居家养老服务工作：) was
    no point at all: its lead ends in a colon, so it read as a heading over items."""
    doc, pts = _points(kb, "reg_bj_jujia_yanglao.md", "第六条 乡镇人民政府和街道办事处")
    whole = [p for p in pts if doc.text[p.start:p.end].startswith("第六条")]
    assert whole, "the article's lead is a practice with its items"
    quote = doc.text[whole[0].start:whole[0].end]
    assert "（一）整合社会资源，建立社区养老服务平台" in quote
    assert practice_problem(whole[0], doc, STREET) == ""


def test_an_articles_later_paragraph_is_a_practice(kb):
    """reg_cunmin_weiyuanhui.md 第三十五条, second paragraph: who organises the audit and when its
    result is published; it opens with its matter, not a verb, and was dropped."""
    doc, pts = _points(kb, "reg_cunmin_weiyuanhui.md", "村民委员会成员的任期和离任经济责任审计，由")
    assert any("镇的人民政府负责组织" in doc.text[p.start:p.end] for p in pts)


def test_a_property_bodys_duty_is_the_units_oversight_of_it():
    """上海物业服务质量提升行动方案: 物业服务企业应当…公开 is the company's duty; a 街道 or
    社区 sees that it is done, it does not publish the fees itself (plans_h2 review, 4-（一）)."""
    s = "物业服务企业应当在住宅小区管理处等显著位置公开收费标准"
    assert for_unit(s, STREET) == "督促物业服务企业在住宅小区管理处等显著位置公开收费标准"
    assert for_unit(s, COMMUNITY).startswith("督促物业服务企业")
    assert for_unit("业主委员会可以聘请专业机构开展审计", COMMUNITY).startswith("引导业主委员会")
    assert for_unit(s, 3) is None  # a 区 bureau's plan: not its oversight to write


def _pt(score: float, sentence: float) -> Point:
    return Point("d", "c", "", 0, 1, "", [(0, 1)], score=score, sentence=sentence)


def test_a_passage_about_the_topic_is_chosen_before_one_sharing_its_words():
    ps = PlanSettings(dense_lo=0.8675, dense_hi=0.9175, centrality=0.35)
    about, wordy = _pt(0.55, 0.935), _pt(0.62, 0.880)
    assert rank(about, ps) > rank(wordy, ps)
    assert rank(about, PlanSettings(centrality=0.0)) < rank(wordy, PlanSettings(centrality=0.0))


def test_centrality_is_fitted_to_order_the_cadres_verdicts():
    """Rows as evals/fit_plan.labelled_relevance gives them: (relevance, on topic, own similarity,
    label, lexical, topic, score)."""
    rows = [(0.7, True, 0.93, "relevant", 0.6, "t", 0.50), (0.8, False, 0.87, "irrelevant", 0.6, "t", 0.60),
            (0.7, True, 0.92, "relevant", 0.6, "u", 0.52), (0.7, False, 0.88, "irrelevant", 0.6, "u", 0.55)]
    fit = fit_centrality(rows, 0.8675, 0.9175)
    assert fit["centrality"] > 0 and fit["ordered"] == 1.0 and fit["ordered_at_0"] < 1.0


def test_a_clause_is_titled_from_its_act_after_a_noun_subject():
    """村民委员会成员实行任期和离任经济责任审计 was titled by its next clause (审计包括下列事项)."""
    from assistant.plan.measure_titles import after_subject

    assert after_subject("村民委员会成员实行任期和离任经济责任审计") == "实行任期和离任经济责任审计"
    s = "社区党组织书记每月至少参加一次街道党工委召开的会议"  # 组织 inside a name, then a time word
    assert after_subject(s) == s


def test_an_articles_list_is_titled_by_its_act(kb):
    doc, pts = _points(kb, "reg_cunmin_weiyuanhui.md", "第三十五条")
    from assistant.plan.measure_titles import measure_title

    lead = next(p for p in pts if doc.text[p.start:p.end].startswith("第三十五条"))
    assert measure_title(lead, doc, STREET) == "实行任期和离任经济责任审计"


def test_a_thin_plan_names_the_further_documents_on_its_topic(kb):
    """A plan short of min_measures told the user to check 参考依据, which lists only the quoted
    files (plans_h2 review): it now names the uncited documents about the topic."""
    from assistant.plan import draft

    plan = draft(kb, "做好社区居委会换届选举工作", unit="XX街道办事处", start="2026年3月", end="2026年6月", strict=False)
    assert len(plan.measures) < kb.settings.plan.min_measures
    further = [n for n in plan.notices if n.startswith("资料库中另有")]
    assert further and "《上海市居民委员会工作条例》" in further[0]
    assert all(f"《{c.title}》" not in further[0] for c in plan.citations)  # the quoted ones are in 参考依据


def test_a_title_inside_a_title_takes_angle_brackets():
    from assistant.plan.further import book_title

    assert book_title("关于印发《上海市住宅小区物业服务质量提升行动方案》的通知") == \
        "《关于印发〈上海市住宅小区物业服务质量提升行动方案〉的通知》"


def test_a_list_lead_is_followed_by_a_colon_not_a_semicolon():
    from assistant.plan.compose import joined

    assert joined(["审计包括下列事项", "本村财务收支情况", "本村债权债务情况"]) == \
        "审计包括下列事项：本村财务收支情况；本村债权债务情况"
    assert joined(["建立台账", "定期调度"]) == "建立台账；定期调度"


def test_an_articles_list_is_said_whole_after_its_lead(kb):
    """The colon after the lead must not hide the items from the list rule (lists.py): all six
    items of 第三十五条 are said, the first after ：."""
    from assistant.plan.measure import measure_of

    doc, pts = _points(kb, "reg_cunmin_weiyuanhui.md", "第三十五条")
    lead = next(p for p in pts if doc.text[p.start:p.end].startswith("第三十五条"))
    m = measure_of([lead], kb.data.documents, [], STREET, kb.settings.plan.list_max_chars)
    assert "审计包括下列事项：本村财务收支情况；" in m.text
    assert "本村五分之一以上的村民要求审计的其他事项" in m.text


def test_centrality_is_zero_when_it_does_not_pay_out_of_sample():
    """Two topics that disagree: the weight fitted on one misorders the other, so none is kept."""
    rows = [(0.7, True, 0.93, "relevant", 0.6, "t", 0.50), (0.8, False, 0.87, "irrelevant", 0.6, "t", 0.60),
            (0.7, True, 0.87, "relevant", 0.6, "u", 0.60), (0.7, False, 0.93, "irrelevant", 0.6, "u", 0.50)]
    assert fit_centrality(rows, 0.8675, 0.9175)["centrality"] == 0.0
