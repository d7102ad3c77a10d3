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
