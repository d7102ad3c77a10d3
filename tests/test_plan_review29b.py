"""Cadre review s29, items 2-4: weak fill (a plan ends when its strong measures run out, fill_cut,
fitted on the dev verdicts), list fragments (a lead printed without its items, or with its first
items only) and the street office's own articles (never cut as fill). Real corpus text."""
from __future__ import annotations

from assistant.library import view_of
from assistant.plan import draft
from assistant.plan.compose import joined
from assistant.plan.lists import announced
from assistant.plan.measure import measure_of
from assistant.plan.precedents import points_of_chunk

STREET, COMMUNITY = 4, 5


def _point(kb, doc_id: str, opening: str, longest: bool = False):
    """The point whose quote opens with `opening` (the longest such, when asked)."""
    kb = view_of(kb)
    doc = kb.documents[doc_id]
    found = [p for c in kb.chunks if c.doc_id == doc_id for p in points_of_chunk(doc, c)
             if doc.text[p.start:p.end].lstrip().startswith(opening)]
    assert found, f"no point opens with {opening} in {doc_id}"
    return (max(found, key=lambda p: p.end - p.start) if longest else found[0]), doc


def test_a_lead_with_a_clause_after_it_announces_a_list():
    """上海市居民委员会工作条例 第十七条 …公布下列事项，接受居民查询和监督：（一）…: the colon goes with
    the sentence's end, the clause after 下列事项 stays; the items follow the lead with ：."""
    assert announced("及时、真实公布下列事项，接受居民查询和监督") == 0
    assert joined(["及时、真实公布下列事项，接受居民查询和监督", "居民会议讨论决定的事项及其实施情况"]) == \
        "及时、真实公布下列事项，接受居民查询和监督：居民会议讨论决定的事项及其实施情况"


def test_an_article_list_keeps_the_items_a_chunk_cut_off(kb):
    """北京市居家养老服务条例 第六条 乡镇人民政府和街道办事处负责具体组织实施下列居家养老服务工作：
    （一）…（五）: the point holds all five items, and the street office's measure says them all."""
    p, doc = _point(kb, "reg_bj_jujia_yanglao.md", "第六条 乡镇人民政府和街道办事处负责", longest=True)
    assert "（五）推行社区老年人和志愿者登记制度" in doc.text[p.start:p.end]
    plan = draft(kb, "推进居家社区养老服务", unit="XX街道办事处", strict=False)
    lead = [m for m in plan.measures if "负责具体组织实施下列居家养老服务工作：" in m.text]
    assert lead and "推行社区老年人和志愿者登记制度" in lead[0].text
    assert not plan.problems


def test_a_joined_precedents_list_lead_takes_its_colon(kb):
    """A precedent joined to a measure (not its lead) whose lead ends in 下列主要任务 gives its items
    after ：, not ； (上海市居民委员会工作条例 第十二条)."""
    first, _ = _point(kb, "reg_sh_juweihui.md", "第十七条 居民委员会应当及时、真实公布下列事项", longest=True)
    second, _ = _point(kb, "reg_sh_juweihui.md", "第十二条 居民委员会以服务居民为宗旨", longest=True)
    kb = view_of(kb)
    m = measure_of([first, second], kb.documents, [], COMMUNITY, kb.settings.plan.list_max_chars)
    assert "承担下列主要任务：" in m.text and "承担下列主要任务；" not in m.text
    assert "接受居民查询和监督：居民会议讨论决定的事项" in m.text


def test_weak_fill_is_cut_and_a_topic_keeps_its_best_measure(kb):
    """fill_cut (fitted): a practice far below the plan's best opens no measure (深化居民议事协商 for a
    居委会: 开展“律师进社区”活动 was the weakest fill, judged irrelevant); the best always stays."""
    ps = kb.settings.plan
    assert 0 < ps.fill_cut < 1
    plan = draft(kb, "深化居民议事协商", unit="XX社区居委会", strict=False)
    assert plan.measures and not any("律师进社区" in m.text for m in plan.measures)
    assert max(m.strength for m in plan.measures) == 1.0


def test_the_street_offices_own_article_is_never_fill(kb):
    """上海市街道办事处条例 第十二条 (街道办事处有权…统筹协调、考核督办; 网格化综合管理机构…派单调度)
    ranks below the cases' measures on 加强网格化管理, but it is the 街道's own duty: a 街道's plan keeps it."""
    plan = draft(kb, "加强网格化管理", unit="XX街道办事处", strict=False)
    doc = view_of(kb).documents["reg_sh_jiedao.md"]
    art = doc.text.index("第十二条 对辖区内需要多部门协同解决的综合性事项")
    own = [m for m in plan.measures if any(plan.citation(n).doc_id == "reg_sh_jiedao.md"
                                           and art <= plan.citation(n).start < art + 300 for n in m.citations)]
    assert own and own[0].strength < kb.settings.plan.fill_cut


def test_plan_defects_counts_dangling_leads_and_repeats():
    """A lead that the measure ends with, or that one item follows, is counted; a whole list is not."""
    from evals.plan_defects import dangling_leads, repeated_sentences

    assert dangling_leads("建立居民自治联席会等制度[4]。及时、真实公布下列事项，接受居民查询和监督；居民会议讨论决定的事项及其实施情况[5]。") == 1
    assert dangling_leads("承担下列主要任务：组织居民制定并遵守自治章程；调解民间纠纷；指导和监督业主委员会开展工作[9]。") == 0
    assert repeated_sentences(["建立街道“大工委”、社区“大党委”体制[1]。", "建立街道“大工委”、社区“大党委”体制[5]。"]) == 1
