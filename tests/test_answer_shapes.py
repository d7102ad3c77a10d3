"""How the question's wording shapes an extractive answer: pure functions on small inputs,
plus end-to-end checks on questions that are not in the eval set."""
from __future__ import annotations

from assistant.answer import Sent, intent, lists
from assistant.answer.sentences import best_sentences, with_response
from assistant.settings import AnswerSettings
from ingest.model import Chunk, Document
from ingest.tokenize import ChineseTokenizer

CFG = AnswerSettings()


def test_asked_count_and_unit():
    assert intent.asked_count("开的“三会”是指哪三种会？") == 3
    assert intent.asked_count("有哪几种模式？") is None
    unit = intent.asked_unit("分几站解决？")
    assert unit.search("“三站式”联动") and not unit.search("2年多来共解决6900余件")
    assert intent.asked_unit("有几个成员？") is None  # 个/人/名 count interchangeably
    days = intent.asked_unit("开会要提前几天通知？")  # a regulation counts days in 日
    assert days.search("会议召开15日以前") and days.search("三个工作日内") and not days.search("15人")


def test_list_questions_and_quantity_questions_differ():
    assert intent.is_enumeration("是指哪三种会？") and not intent.is_quantity("是指哪几种会？")
    assert intent.is_quantity("党员多少名？") and not intent.is_enumeration("党员多少名？")


def test_sub_questions_split_asks_and_question_lists():
    cut = ChineseTokenizer().cut
    asks = intent.sub_questions("那个社区党委下面有几个支部？党员多少名？", cut)
    assert [f for _, f in asks] == ["那个社区党委下面有几个支部", "党员多少名"]
    asks = intent.sub_questions("社区是怎么保障居民选举、决策、参与、监督这几项权利的？", cut)
    assert [f for _, f in asks] == ["选举", "决策", "参与", "监督"]
    assert all(q.endswith("这几项权利的？") for q, _ in asks)
    assert len(intent.sub_questions("“三会一课”是什么？", cut)) == 1
    assert not intent.sub_questions("社区、街道", cut)  # asks nothing


def test_list_size_counts_items():
    assert lists.list_size("召开决策听证会、矛盾协调会、政务评议会，征求意见") == 3
    assert lists.list_size("按照“共建联建型”“融合互助型”“功能导向型”四大模式") == 3
    assert lists.list_size("社区党委注重发挥居委会自治作用。") == 0
    assert lists.list_bonus("召开决策听证会、矛盾协调会、政务评议会", 3, CFG) > lists.list_bonus(
        "召开决策听证会、矛盾协调会、政务评议会", 4, CFG) > 0


def _doc(text: str) -> tuple[dict, Chunk]:
    doc = Document("d", "标题", text)
    return {"d": doc}, Chunk.make("d", text, 0, len(text))


def test_extra_sentences_must_add_a_question_word():
    _, c = _doc("甲。乙。丙。")
    best = Sent(0, c, 0, 2, 1.0, frozenset({"走访", "居民"}))
    same = Sent(0, c, 2, 4, 0.95, frozenset({"走访"}))
    new = Sent(0, c, 4, 6, 0.9, frozenset({"诉求"}))
    assert best_sentences([same, best, new], 4, 0.85) == [best, new]


def test_problem_sentence_brings_its_response():
    text = "居民反映家中没有门牌号。大家很着急。针对这一问题，社区绘制了网格平面图。此后居民很满意。"
    docs, c = _doc(text)
    problem = Sent(0, c, 0, 12, 1.0)
    got = [text[s.start:s.end] for s in with_response([problem], docs)]
    assert got == ["居民反映家中没有门牌号。", "针对这一问题，社区绘制了网格平面图。"]
    calm = "居民反映家中没有门牌号。社区很重视。后来居民很满意。"
    docs, c = _doc(calm)
    assert len(with_response([Sent(0, c, 0, 12, 1.0)], docs)) == 1


def test_survey_question_draws_on_several_documents(kb):
    ans = kb.ask("各地在社区网格化管理方面都有哪些做法？")
    assert ans.found and len({c.doc_id for c in ans.citations}) >= 2


def test_question_naming_one_place_cites_only_that_place(kb):
    # Without the place filter, the 江东 article's mediation sentence also gets cited here.
    for q in ("文化路街道怎么调解邻里纠纷？", "东山街道的网格是怎么划分的？"):
        ans = kb.ask(q)
        assert ans.found
        streets = {kb.document(c.doc_id).meta["place"].get("street") for c in ans.citations}
        assert streets == {q[:q.index("街道") + 2]}, (q, streets)
