"""A measure that announces a list gives its items whole or leaves the lead out (lists.py)."""
from __future__ import annotations

from assistant.plan.lists import announced, whole_lists


def test_a_lead_announces_a_count_or_a_list():
    assert announced("建立“三张地图”：一是居民需求地图") == 3
    assert announced("社区社会组织在基层社区治理各个方面发挥的作用可见一斑,主要体现在以下几个方面:") == 0  # 002
    assert announced("重点做好以下几个方面工作") == 0
    # not leads: a definition's 以下称, a congress's 十九大, a count with no list
    assert announced("配备具有法律等专业知识的专门国家工作人员（以下称社区矫正机构工作人员）") is None
    assert announced("党的十九大报告指出：“加强社会治理制度建设") is None
    assert announced("建立3个工作站") is None


def test_a_leads_items_are_kept_whole_or_the_lead_goes():
    p = ["开展走访", "建立“三张地图”：一是居民需求地图", "二是资源地图", "三是项目地图", "开展活动"]
    assert whole_lists(p, 2, 400) == p[:4]
    assert whole_lists(p, 2, 20) == ["开展走访"]  # the maps do not fit: the lead goes
    assert whole_lists(p, 4, 20) == ["开展走访", "二是资源地图", "三是项目地图"]
    q = ["做好工作", "主要体现在以下几个方面:", "一是A", "二是B"]
    assert whole_lists(q, 2, 400) == q


def test_items_inside_the_lead_need_nothing_more():
    """reg_bj_wuye_2024.md: 共同决定下列事项：制定…，选举… says its items in the sentence."""
    p = ["业主大会通过召开定期会议或者临时会议，共同决定下列事项：制定和修改业主大会议事规则和管理规约，选举业主委员会",
         "开展活动", "再做一件"]
    assert whole_lists(p, 2, 400) == p[:2]
    assert whole_lists(["落实三项制度：例会、公示、回访", "开展活动", "再做"], 2, 400) == ["落实三项制度：例会、公示、回访", "开展活动"]


def test_a_named_set_whose_items_the_point_does_not_hold_loses_its_lead(kb):
    """std_sh_chengshi_tijian_gengxin_zhiyin_2025.md: the point says 形成“三张地图” and gives one
    map (资源地图): the body keeps the map, not the promise of three."""
    from assistant.plan.compose import measure_text
    from assistant.plan.precedents import points_of_chunk

    doc_id = "std_sh_chengshi_tijian_gengxin_zhiyin_2025.md"
    doc = kb.document(doc_id)
    at = doc.text.index("形成“三张地图”")
    chunk = next(c for c in kb.data.chunks if c.doc_id == doc_id and c.start <= at < c.end)
    p = next(p for p in points_of_chunk(doc, chunk) if p.start <= at < p.end)
    assert "三张地图" in measure_text(p, doc, 3, 4)  # as before: three announced, one given
    text = measure_text(p, doc, 3, 4, 400)
    assert "三张地图" not in text and "形成资源地图" in text


def test_a_list_whose_first_item_follows_the_colon_is_kept_whole():
    """std_sh_chengshi_tijian_gengxin_zhiyin_2025.md 二（一）: plans_v5 5-（二） stopped after 用地数据 and
    left out 建筑数据 and 基础设施数据 (the review: 数据清单截断)."""
    p = ["构建城市更新基础数据底图，重点包括：人口数据，如人口规模、增长趋势", "用地数据，如现状用地性质、规模、布局等",
         "建筑数据，如建成年代、层数、结构、质量等", "基础设施数据，如分布、服务年限、运行状态等"]
    assert whole_lists(p, 2, 400) == p
    assert whole_lists(p, 2, 60) == ["用地数据，如现状用地性质、规模、布局等"] or whole_lists(p, 2, 60) == []
    assert whole_lists(["办理需带证件，包括：身份证、户口本", "开展活动"], 1, 400) == ["办理需带证件，包括：身份证、户口本"]
