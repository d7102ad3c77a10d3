"""Method cards on the real bundled corpus: arithmetic, expansion patterns, incompleteness,
lookup, compare, ask, CLI and the gold-set eval."""
from __future__ import annotations

import json
import re

import pytest

from assistant.cli import main as cli_main
from assistant.methods import answer_from_card, compare, extract_cards, lookup, to_markdown
from assistant.methods.extract import looks_like_slogan
from assistant.methods.lookup import key
from assistant.methods.numerals import cn_to_int, parse_name, part_labels
from assistant.methods.spans import enumeration

WULIQIAO = "000_3a74469a4d6c4f69.txt"


def card(kb, doc_id: str, name: str) -> dict:
    hits = [c for c in kb.methods() if c["doc_id"] == doc_id and c["name"] == name]
    assert hits, f"no card {name} in {doc_id}"
    return hits[0]


def names(c: dict) -> list[str]:
    return [x["name"] for x in c["components"]]


# ---- numeral arithmetic -------------------------------------------------------------
@pytest.mark.parametrize("s,n", [("五", 5), ("十", 10), ("十二", 12), ("二十", 20), ("两", 2), ("15", 15)])
def test_cn_to_int(s, n):
    assert cn_to_int(s) == n


@pytest.mark.parametrize("name,expected,total,n_parts", [
    ("五化五提升", 5, 10, 2),      # parallel: five 化 paired with five 提升
    ("4+1", 5, 5, 2),
    ("1+5+7", 13, 13, 3),
    ("三会一课", 4, 4, 2),
    ("一诺双评三考", 6, 6, 3),
    ("六个一", 6, 6, 1),           # six of “一”, not 6+1
    ("三位一体党群掌上互动", 3, 3, 1),
    ("1234社会治理体系", 10, 10, 4),
    ("阳光8号·七彩人生", 7, 7, 1),  # “8号” is a label, not a count
])
def test_expected_counts(name, expected, total, n_parts):
    s = parse_name(name)
    assert (s.expected, s.total, s.n_parts) == (expected, total, n_parts)


def test_open_ended_and_labels():
    assert parse_name("3+X").open_ended
    assert parse_name("3+X").acceptable() == []
    assert parse_name("6+N").open_ended and parse_name("6+N").total == 6
    assert part_labels("一核五翼十联动") == ["一核", "五翼", "十联动"]
    assert part_labels("1+5+7") == ["1", "5", "7"]
    assert parse_name("4+1").acceptable() == [5]          # flat only …
    assert parse_name("4+1").acceptable(grouped=True) == [5, 2]  # … unless defined part by part


@pytest.mark.parametrize("name,ok", [("4+1", True), ("五化五提升", True), ("七一", False), ("7.5", False),
                                     ("一站式", False), ("一切为了群众，一切依靠群众", False),
                                     ("五不能，七不宜", True), ("党建+", False), ("15663", True)])
def test_slogan_filter(name, ok):
    assert looks_like_slogan(name) is ok


# ---- expansion patterns on real sentences ------------------------------------------
def test_enumeration_trims_framing_and_tail():
    t = "积极探索对接、分析、建账、上报的社区问题“四步处理”工作法"
    assert [t[a:b] for a, b in enumeration(t, 0, t.index("“"))] == ["对接", "分析", "建账", "上报"]
    t = "以网格化、常态化、精准化、多样化、长效化服务措施"
    assert [t[a:b] for a, b in enumeration(t, 0, len(t))][-1] == "长效化"
    t = "要发挥好推动发展、服务群众、凝聚人心、促进和谐的作用"  # 和 of 和谐 is not a joiner
    assert len(enumeration(t, 0, len(t))) == 4


@pytest.mark.parametrize("doc,name,pattern,expected", [
    ("001_4c737dfdfed6e413.txt", "1234社会治理体系", "即：分号",
     ["以党建为中心", "党组织队伍、基层配套组织队伍两支队伍建设",
      "统筹协调制度、网格化管理制度、为民服务制度三项制度建设", "四化驱动"]),
    ("001_4c737dfdfed6e413.txt", "六个一", "即：顿号",
     ["参加1次社区党组织生活", "与社区干部进行1次座谈", "开展1次社区调研", "联系1户社区困难居民",
      "认领1个“微心愿”", "当1天社区志愿者"]),
    ("003_f97dfd424ead4bbd.txt", "1+5+7", "分部定义",
     ["区域化党建街道联席会议全体成员会议", "五个专门委员会", "7个社区区域化党建联席分会"]),
    ("002_b6468e56d54af811.txt#6", "一好双强", "括号", ["思想政治素质好", "社会管理能力强", "群众工作能力强"]),
    ("002_b6468e56d54af811.txt#5", "四步处理", "前置列举", ["对接", "分析", "建账", "上报"]),
    ("000_3a74469a4d6c4f69.txt", "一事一诺一评议", "后置列举", ["意见征询", "承诺公示", "群众评议"]),
    ("003_f97dfd424ead4bbd.txt", "五化五提升", "小标题",
     ["组织建设区域化，夯实社区协商基础", "居民自治规范化，提升民主协商水平", "参与主体多元化，提升社区协商层次",
      "信息平台智能化，提升社区协商能力", "平安建设法治化，提升协商和谐程度"]),
    ("003_f97dfd424ead4bbd.txt", "五级网络组织体系", "连接号列举", ["街道", "社区", "小区", "楼栋", "居民"]),
    ("002_b6468e56d54af811.txt#6", "三会一课", "分部关键词", ["支部党员大会", "支部委员会议", "党小组会议", "党课"]),
    ("003_f97dfd424ead4bbd.txt", "线上+线下", "分部定义", ["网格化+互联网", "网格化+移动社区"]),
    ("004_34afdbec26affd05.txt", "五翼", "即：顿号", ["党建+公益", "党建+文化", "党建+生态", "党建+治理", "党建+发展"]),
])
def test_expansion_patterns(kb, doc, name, pattern, expected):
    c = card(kb, doc, name)
    assert c["pattern"] == pattern
    assert names(c) == expected
    assert c["complete"] and c["expected_count"] == len(expected)


def test_four_plus_one_full_card(kb):
    c = card(kb, WULIQIAO, "4+1")
    assert names(c) == ["组团式服务", "民主化管理", "区域化支撑", "群众性评议", "工作保障机制"]
    assert c["type"] == "工作法" and c["full_name"] == "“4+1”工作法"
    assert "五里桥" in c["place"] and c["year"] == "2011"
    # each component cites its own paragraph (“组团式服务：联系服务群众常态化。”)
    assert len({x["start"] for x in c["components"]}) == 5
    assert any("127个服务群众责任区" in o["text"] for o in c["outcomes"])


def test_every_citation_is_an_exact_span(kb):
    for c in kb.methods():
        text = kb.document(c["doc_id"]).text
        for part in [c["mention"], *c["components"], *c["outcomes"]]:
            assert text[part["start"]:part["end"]] == part["quote"]
            assert part["chunk_id"]
        for comp in c["components"]:
            assert comp["name"] in comp["quote"]


# ---- incomplete cards stay incomplete -----------------------------------------------
def test_incomplete_cards_are_not_padded(kb):
    c = card(kb, "002_b6468e56d54af811.txt#5", "五化一推")
    assert names(c) == ["网格化", "常态化", "精准化", "多样化", "长效化"]
    assert not c["complete"] and c["expected_count"] == 6
    ten = card(kb, "004_34afdbec26affd05.txt", "十联动")
    assert names(ten) == ["社区+社区", "楼宇+社区", "合作社+合作社"] and not ten["complete"]
    bare = card(kb, "002_b6468e56d54af811.txt#6", "两长四员")
    assert bare["components"] == [] and not bare["complete"]
    for c in kb.methods():
        if c["expected_count"]:
            assert len(c["components"]) <= max(c["expected_count"], parse_name(c["name"]).total)


def test_extract_on_a_changed_document_is_deterministic(kb):
    doc = kb.document(WULIQIAO)
    assert extract_cards(doc, kb.chunks(doc.doc_id)) == extract_cards(doc, kb.chunks(doc.doc_id))
    stored = {c["card_id"] for c in kb.methods() if c["doc_id"] == WULIQIAO}
    assert stored == {c["card_id"] for c in extract_cards(doc, kb.chunks(doc.doc_id))}


# ---- lookup ---------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["4+1", "4+1工作法", "“4+1”工作法", "四加一", "4＋1", "五里桥的工作法"])
def test_fuzzy_lookup(kb, query):
    res = kb.method(query)
    assert res["found"] and res["card"]["name"] == "4+1" and res["card"]["doc_id"] == WULIQIAO


def test_key_normalization():
    assert key("“4＋1”工作法") == key("四加一") == "4+1"


def test_unknown_method_gives_suggestions_not_a_card(kb):
    res = lookup(kb, "七步走工作法")
    assert not res["found"] and res["card"] is None
    assert res["suggestions"] and all(isinstance(s, str) for s in res["suggestions"])
    assert lookup(kb, "四步处里")["suggestions"][0] == "四步处理"


# ---- compare -------------------------------------------------------------------------------
def test_compare_table(kb):
    t = compare(kb, ["4+1", "五化五提升", "不存在的法"])
    assert t["columns"] == ["name", "place", "year", "purpose", "components", "outcomes", "sources"]
    assert [r["name"] for r in t["rows"]] == ["“4+1”工作法", "“五化五提升”社区协商新模式"]
    assert "秦皇岛" in t["rows"][1]["place"] and len(t["rows"][1]["components"]) == 5
    assert t["rows"][0]["sources"][0]["doc_id"] == WULIQIAO
    assert t["missing"] == ["不存在的法"] and t["suggestions"]["不存在的法"]
    md = to_markdown(t)
    assert md.splitlines()[0] == "| 方法 | 地点 | 年份 | 目的 | 组成部分 | 成效 | 来源 |"
    assert "组团式服务；民主化管理" in md and "未找到“不存在的法”" in md


def test_compare_by_topic_groups_places(kb):
    t = kb.compare(["各地网格化管理有什么不同做法"])
    assert t["topic"] and len(t["places"]) >= 2
    for r in t["rows"]:
        assert any("网格" in x for x in r["components"] + [r["name"]]) or r["score"] >= 0.82


# ---- ask -----------------------------------------------------------------------------------
def test_ask_answers_from_card_with_one_citation_per_component(kb):
    ans = kb.ask("4+1工作法包括哪些内容")
    assert ans.mode == "method_card" and ans.found
    assert len(ans.citations) == 5
    for i, comp in enumerate(["组团式服务", "民主化管理", "区域化支撑", "群众性评议", "工作保障机制"], 1):
        assert f"{i}. {comp}" in ans.text and f"[{i}]" in ans.text
        c = ans.citations[i - 1]
        assert kb.document(c.doc_id).text[c.start:c.end] == c.quote and comp in c.quote
    assert "组团式服务：联系服务群众常态化[1]" in ans.text  # each part with the source's explanation


def test_ask_incomplete_card_says_so(kb):
    ans = answer_from_card(kb, "五化一推是什么")
    assert ans is not None and "应有6项" in ans.text and len(ans.citations) == 5


def test_other_questions_fall_through(kb):
    assert answer_from_card(kb, "社区党组织书记每年培训多少天") is None
    assert answer_from_card(kb, "七步走工作法是什么") is None


# ---- CLI --------------------------------------------------------------------------------
@pytest.fixture
def cli_home(monkeypatch, settings):
    monkeypatch.setenv("SHEQU_HOME", str(settings.home))
    monkeypatch.setenv("SHEQU_CACHE", str(settings.cache_dir))


def test_cli(cli_home, kb, capsys):
    assert cli_main(["methods", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(kb.methods())
    assert cli_main(["method", "四加一"]) == 0
    out = capsys.readouterr().out
    assert "“4+1”工作法" in out and "组成部分（5项）" in out
    assert cli_main(["method", "七步走", "--json"]) == 3
    assert json.loads(capsys.readouterr().out)["found"] is False
    assert cli_main(["compare", "4+1", "三联", "--markdown"]) == 0
    assert capsys.readouterr().out.startswith("| 方法 |")
    assert cli_main(["compare", "4+1", "三联", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["rows"]) == 2


# ---- eval ------------------------------------------------------------------------------
def test_gold_set_targets(kb):
    from evals.methods_eval import evaluate_cards

    r = evaluate_cards(kb)
    assert r["gold_methods"] >= 25
    assert r["card_recall"] >= 0.9
    assert r["component_exact_match"] >= 0.8
    assert r["citation_validity"] == 1.0


def test_bare_punctuation_piece_is_not_a_component():
    # Found by the 1000× synthetic corpus: "即：A、B；？" used to crash extraction.
    from assistant.methods.extract import extract_cards
    from ingest.model import Chunk, Document

    t = "社区推行“三联工作法”，即：联系群众、联系单位；？（二）坚持网格化管理。"
    cards = extract_cards(Document("x", "t", t, {}, "x"), [Chunk.make("x", t, 0, len(t), ("t",))])
    assert [c["name"] for c in cards] == ["三联工作法"]
    assert [p["name"] for p in cards[0]["components"]] == ["联系群众", "联系单位"]


def test_card_kinds_national_terms_and_non_methods(kb):
    """National terms a document only mentions get their own kind; phrases that name no
    method get no card; 单位 is an organisation, never a person."""
    cards = kb.methods()
    kinds = {c["name"]: c.get("kind") for c in cards}
    assert kinds.get("三会一课") == "national" and kinds.get("4+1") == "local"
    assert not {"两张皮", "1对1", "两代表一委员"} & set(kinds)
    for c in cards:
        assert c["status"] in ("完整", "部分", "未找到组成部分")
        assert (c["status"] == "未找到组成部分") == (not c["components"])
        if c["org"]:
            assert re.search(r"(委员会|委|局|厅|部|办|街道|社区|政府|党委|党工委|党组|中心|会|所|院|站|学院|大学)$", c["org"])


def test_cards_without_components_never_answer(kb):
    from assistant.methods.lookup import answerable

    for c in kb.methods():
        if not c["components"] or c.get("kind") != "local":
            assert not answerable(c)


def test_a_name_that_is_only_a_count_needs_its_type_word(kb):
    """“四个机制” keyed without its type word is “4个”, which every “四个…” holds: a question
    about “四个转向” or “四大类” must not be answered with the 四个机制 or 四大模式 card."""
    for q in ("那篇讲“四个转向”的文章调研了哪几个城市？", "基本评估查哪四大类？"):
        assert answer_from_card(kb, q) is None
    named = answer_from_card(kb, "“四个机制”包括哪些内容？")
    assert named is not None and "四个机制" in named.text


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
