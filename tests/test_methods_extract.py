"""Method-card extraction on short excerpts of real documents (enumeration shapes, kinds of
names), plus the corpus-wide checks of card kinds; split from test_methods.py for size."""
from __future__ import annotations

from assistant.methods import extract_cards


def names(c: dict) -> list[str]:
    return [x["name"] for x in c["components"]]


# ---- enumeration shapes, each on a short excerpt of a real document -----------------------
def _cards(text: str) -> dict[str, dict]:
    from ingest.model import Chunk, Document

    doc = Document("x", "t", text, {}, "x")
    return {c["name"]: c for c in extract_cards(doc, [Chunk.make("x", text, 0, len(text), ("t",))])}


def test_parallel_clauses_sharing_a_predicate_are_the_parts_of_an_open_name():
    # 000 (五里桥): “3+X” — three clauses “…经费用于…”; X is open, so the card stays partial
    t = ("二是建立激励性强的经费保障机制。建立基层党组织“3+X”党建经费保障体系，日常党建经费用于党员教育管理、"
         "活动阵地建设，组织活动经费用于开展主题活动、表彰激励等事项，专项工作经费用于帮扶老党员、困难党员。"
         "同时，专设党建特色培育经费。")
    c = _cards(t)["3+X"]
    assert names(c) == ["日常党建经费", "组织活动经费", "专项工作经费"] and not c["complete"]


def test_counted_instances_each_give_one_part():
    # 002 (机关党员进社区): 两个“四不一否决” — one rule per ；-segment, each its four 不
    t = ("二是以“强化约束”促长效。坚持两个“四不一否决”硬规定，对于服务社区和社区居民不行动、不主动、不尽力、不见效的"
         "机关在职党员，一律取消当年评优选模资格；对于组织发动工作不用力、解决居民反映问题不尽责、支持社区工作不主动、"
         "群众评议口碑不好的机关单位，一律按比例扣减年度综合考核分。")
    c = _cards(t)["四不一否决"]
    assert names(c) == ["不行动、不主动、不尽力、不见效",
                        "组织发动工作不用力、解决居民反映问题不尽责、支持社区工作不主动、群众评议口碑不好"]
    assert c["complete"]


def test_part_keyword_in_the_predicate_after_a_pair():
    # 002: “三好两倾斜” — three items ending in 好, then 在A上和B上都予以了倾斜 (等次 is no 等)
    t = ("三是以“强化激励”促长效。坚持“双强两优先”、“三好两倾斜”激励办法，营造浓厚的比学赶拼氛围，一批服务主动性强、"
         "服务措施针对性强的优秀机关党员，有的被优先评选为先进，有的优先推选为“两代表一委员”；凡是单位领导干部带头作用"
         "发挥好、与居民联动服务机制好、三级评议综合等次好的，在分配评优选模名额比例上和单位绩效待遇考核加分上都予以了倾斜。")
    c = _cards(t)
    assert names(c["三好两倾斜"]) == ["单位领导干部带头作用发挥好", "与居民联动服务机制好", "三级评议综合等次好",
                                   "分配评优选模名额比例上", "单位绩效待遇考核加分上"]
    assert names(c["双强两优先"]) == ["服务主动性强", "服务措施针对性强", "优先评选为先进", "优先推选为“两代表一委员”"]


def test_clauses_ending_on_the_keyword_name_the_parts():
    # std_sh_chengshi_tijian: “三张地图” — 形成问题地图；…形成资源地图；…形成需求地图
    t = ("区级和街镇级综合体检形成“三张地图”、更新潜力片区以及整治建议清单。系统梳理房屋、小区（社区）、街区各维度存在的"
         "问题短板及所在位置，形成问题地图；根据识别的老旧低效闲置、需要提升的空间潜力资源，形成资源地图；汇集城市体检"
         "社会调查问卷、市民服务热线等数据，摸底市民反馈的常见问题和核心需求，形成需求地图。")
    c = _cards(t)["三张地图"]
    assert names(c) == ["问题地图", "资源地图", "需求地图"] and c["complete"]


def test_quoted_parts_right_before_the_bare_name():
    # 004 (划船社区): “群众点题约谈、干部答题解难”双向约谈 … “双向约谈”制度
    t = ("不仅此次约谈变成了实事，“群众点题约谈、干部答题解难”双向约谈还成了该区的一项常态化制度。"
         "比如“双向约谈”制度致力于解决社区老大难问题。")
    c = _cards(t)["双向约谈"]
    assert names(c) == ["群众点题约谈", "干部答题解难"] and c["complete"]


def test_core_plus_group_and_a_word_that_only_looks_like_a_joiner():
    # 001 (东山街道): “1+5” — 以A为核心，整合B1…B5共同参与的… (the 与 of 参与 joins nothing)
    t = ("在社区内部推行“1+5”工作机制，以社区党支部（总支）为核心，整合社区楼栋党小组、业主委员会、党员志愿服务组、"
         "治安服务队、物业管理公司共同参与的和谐社区建设工作模式，提升社区管理水平。")
    assert names(_cards(t)["1+5"]) == ["社区党支部（总支）", "社区楼栋党小组、业主委员会、党员志愿服务组、治安服务队、物业管理公司"]


def test_parenthesis_opening_with_ji():
    t = "推动物业服务“两升一降”（即公示率提升、履约率提升、投诉率下降），增强居民的幸福感和满意度。"
    assert names(_cards(t)["两升一降"]) == ["公示率提升", "履约率提升", "投诉率下降"]


def test_sub_headings_under_the_mentions_heading():
    # plan_sh_wuye_fuwu_tisheng: a list before the heading line is not the heading's list;
    # the framing verb of a sub-heading (健全/建立) is not part of the mechanism's name;
    # an open name (“6+N”) keeps its six numbered items as a partial card
    t = ("为满足居民生活多样化需求，为城管、公安等部门公示联系方式以及居家养老、装修垃圾清运等其他单位公示服务事项提供便利。\n"
         "（一）健全“6+N”信息公开机制\n1、公开服务合同。公开各类合同。\n2、公开收费标准。公开收费。\n3、公开收入明细。公开收入。\n"
         "4、公开办事制度。公开流程。\n5、公开服务履职报告。每季度公开。\n6、公开联系方式。公开电话。\n"
         "（二）健全“四个机制”促进长效监管\n1、健全“有事先找我”诉求处置机制。公开专员。\n2、健全“上下左右联动”监督机制。"
         "加强排查。\n3、建立住宅物业服务点评机制。开展点评。\n4、健全老旧小区托底保障机制。选定企业。\n二、保障措施\n")
    c = _cards(t)
    assert names(c["6+N"]) == ["公开服务合同", "公开收费标准", "公开收入明细", "公开办事制度", "公开服务履职报告",
                               "公开联系方式"] and not c["6+N"]["complete"]
    assert names(c["四个机制"]) == ["“有事先找我”诉求处置机制", "“上下左右联动”监督机制", "住宅物业服务点评机制",
                                "老旧小区托底保障机制"]


def test_a_quoted_sibling_item_is_not_expanded_by_its_own_list():
    # 003: 以…开展的“法官进社区”、区司法局开展的“一居一律师”活动为契机 — no parts, shown as such
    t = "二是积极顺势借势。以市中级法院开展的“法官进社区”、区司法局开展的“一居一律师”活动为契机，通过开展法律知识培训提高素养。"
    c = _cards(t)["一居一律师"]
    assert c["components"] == [] and c["status"] == "未找到组成部分"


def test_kinds_of_names_on_excerpts():
    t = ("总分90分（含）以上评为“五星业委会”，80分（含）-89分评为“四星业委会”。结合“十四五”规划，坚持“两委”联动，"
         "发挥“五老”人员作用。")
    c = _cards(t)
    assert not {"五星业委会", "四星业委会", "五老"} & set(c)  # grades and groups of people are no methods
    # a plan period and an organisation are no methods either (gold methods_new: not_method);
    # this assertion said "national" before s26, which the issue names as the bug
    assert not {"十四五", "两委"} & set(c)


def test_cli_shows_cards_without_parts_as_such():
    from assistant.methods.cli import format_card, parts_state

    c = _cards("社区建立“一户（人）一条救助链”，避免救助遗漏。")["一户（人）一条救助链"]
    assert parts_state(c) == "未找到组成部分"
    assert "未找到组成部分" in format_card(c) and "找到0项" not in format_card(c)


def test_cards_without_parts_or_incomplete_make_no_quiz_item():
    from assistant.quiz.facts import card_facts
    from ingest.model import Document

    t = "社区建立“一户（人）一条救助链”，避免救助遗漏。建立“3+X”经费体系，日常经费用于教育，活动经费用于活动，专项经费用于帮扶。"
    cards = list(_cards(t).values())
    assert {c["name"] for c in cards} >= {"一户（人）一条救助链", "3+X"}
    assert card_facts(cards, {"x": Document("x", "t", t, {}, "x")}) == []


def test_plan_periods_organisations_and_groups_are_no_methods():
    from assistant.methods.kinds import kind_of, not_method_group

    # by shape: any five-year-plan period, also one no list names
    assert not_method_group("十三五") == "plan_period" and not_method_group("十五五时期") == "plan_period"
    assert not_method_group("两委") == "organisations" and not_method_group("一老一小") == "people"
    assert kind_of("十四五") is None and kind_of("两新") is None
    assert kind_of("三会一课") == "national" and kind_of("三个代表") == "national"
    assert kind_of("三所联动") == "local"


def test_a_name_that_lists_its_parts_gives_them_as_components():
    # opinion_dishouru_jiance.md and std_sh_chengshi_tijian: “A+B” names with no other listing
    t = ("各地要充分发挥“大数据比对+铁脚板摸排”作用，线上线下相结合，及时发现需要救助的困难群众。"
         "为低收入人口提供心理疏导等服务，推动形成“物质+服务”的救助方式。"
         "探索实行“一次申请、分类审核认定”等做法，进一步提高社会救助可及性。")
    c = _cards(t)
    assert names(c["大数据比对+铁脚板摸排"]) == ["大数据比对", "铁脚板摸排"] and c["大数据比对+铁脚板摸排"]["complete"]
    assert names(c["物质+服务"]) == ["物质", "服务"] and c["物质+服务"]["status"] == "完整"
    assert names(c["一次申请、分类审核认定"]) == ["一次申请", "分类审核认定"]
    for card in c.values():
        for comp in card["components"]:
            assert t[comp["start"]:comp["end"]] == comp["quote"] and comp["name"] in comp["quote"]


def test_a_self_listing_name_does_not_override_the_source_or_make_list_items_cards():
    # 003: 采用“线上+线下”相结合的方式, 线上采用“A”工作法…线下采用“B”工作法 — the source's parts win
    t = ("采用“线上+线下”相结合的方式，线上采用“网格化+互联网”工作法，线下采用“网格化+移动社区”工作法。"
         "宁波“党建+公益”、东外滩“党建+生态”等示范区。坚持“扩面、提质、增效”的工作要求。")
    c = _cards(t)
    assert names(c["线上+线下"]) == ["网格化+互联网", "网格化+移动社区"]
    assert not {"党建+公益", "党建+生态", "扩面、提质、增效"} & set(c)  # list items; a requirement, unnumbered


def test_outcomes_are_results_not_problems_norms_or_the_place():
    # 004: the paragraph of “三联” states a shortage, not a result of the method
    t = ("社工联勤、党员联动、志愿联盟，划船的“三联”工作法，提供了可学可做的办法。据统计，江东区有常住人口36万，"
         "社工满打满算才500余人，一名社工平均需要服务居民660人。推行以来，物业费收缴率从以前的不足一半提升到了90%以上，"
         "确保每名党员联系1户困难户，共协调解决群众诉求6900余件。")
    texts = [o["text"] for o in _cards(t)["三联"]["outcomes"]]
    assert "共协调解决群众诉求6900余件" in texts
    assert any("提升到了90%以上" in x for x in texts)
    assert not [x for x in texts if "才500余人" in x or "660人" in x or "36万" in x or "确保" in x]


def test_many_in_one_names_are_methods_of_open_count():
    from assistant.methods.numerals import parse_name

    # plan_sh_wanzheng_shequ_2025.md: 持续推动党建引领“多格合一”工作 — a method, parts not listed
    c = _cards("持续推动党建引领“多格合一”工作。以党群服务阵地为依托做实网格党建枢纽节点。")
    assert c["多格合一"]["kind"] == "local" and c["多格合一"]["status"] == "未找到组成部分"
    assert parse_name("多网融合").open_ended and parse_name("三位一体").parts == [(3, "")]


def test_unit_is_an_organisation_never_a_reporter():
    from assistant.methods.extract import unit_of
    from ingest.model import Document

    t = "东山街道党工委推行“1+5”工作机制。"
    place = {"province": "江西省", "city": "赣州市", "district": "南康区", "street": "东山街道", "community": ""}
    # 001: the author is a reporter (衣夏); the 街道 the article reports on implements the method
    assert unit_of(Document("x", "t", t, {"author": "衣夏", "place": place}, "x")) == "东山街道"
    assert unit_of(Document("x", "t", t, {"author": "黄合 东祖轩", "place": {"district": "江东区"}}, "x")) == ""
    assert unit_of(Document("x", "t", t, {"issuer": "国务院"}, "x")) == "国务院"
    assert unit_of(Document("x", "t", t, {"issuer": "民政部", "author": "坐轩听雨"}, "x")) == "民政部"


def test_policy_texts_kinds_and_self_listed_parts_on_the_corpus(kb):
    """The bundled policy texts: organisations, groups and plan periods make no card; “A+B”
    names carry their parts; every component cites its own words."""
    cards = [c for c in kb.methods() if c["doc_id"].endswith(".md")]
    assert not {"两委", "十四五", "一老一小", "两新"} & {c["name"] for c in cards}
    by = {(c["doc_id"], c["name"]): c for c in cards}
    assert names(by[("opinion_dishouru_jiance.md", "物质+服务")]) == ["物质", "服务"]
    assert names(by[("std_sh_chengshi_tijian_gengxin_zhiyin_2025.md", "刚性管控+弹性引导")]) == ["刚性管控", "弹性引导"]
    for c in cards:
        doc = kb.document(c["doc_id"])
        assert all(doc.text[p["start"]:p["end"]] == p["quote"] and p["name"] in p["quote"] for p in c["components"])


def test_a_self_listed_card_makes_no_quiz_item():
    from assistant.quiz.facts import card_facts
    from ingest.model import Document

    # opinion_sh_wuye_tizhi_zengxiao_2026.md: the name “改造+运营+服务” is its own answer
    t = "推动形成“改造+运营+服务”的一体化模式。建立“三张地图”，即问题地图、资源地图、需求地图。"
    cards = _cards(t)
    assert names(cards["改造+运营+服务"]) == ["改造", "运营", "服务"]
    facts = card_facts(list(cards.values()), {"x": Document("x", "t", t, {}, "x")})
    assert [f.items for f in facts] == [("问题地图", "资源地图", "需求地图")]
