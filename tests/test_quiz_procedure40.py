"""Stop 40 (issue 13, trainer review 76: 简答 recited sub-headings; “应改考急难型和支出型的区分、‘先行救助’程序”):
a procedure a regulation states as consecutive step articles gives a 简答 (steps in order, who carries each) and
a 单选 on their order; two kinds defined side by side give a 简答 on how they differ. Whole real files of the
bundled corpus (特困人员认定办法, 最低生活保障审核确认办法, 临时救助 意见, 志愿服务条例); no index."""
from __future__ import annotations

import random
from pathlib import Path

from assistant.quiz.distinction import distinction_facts, distinction_item, pairs
from assistant.quiz.generate import Context
from assistant.quiz.model import LETTERS, SHORT, SINGLE
from assistant.quiz.procedure import chains, procedure_facts, procedure_item, step_of
from assistant.quiz.verify import Corpus, verify_item
from ingest.model import Chunk, Document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _doc(name: str, title: str, doc_type: str = "法规") -> tuple[Document, list[Chunk]]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    doc = Document(name, title, text, {"doc_type": doc_type, "place": {}})
    return doc, [Chunk.make(name, text, 0, len(text), (title,))]


def _ctx(docs: dict, seed: int = 1) -> Context:
    return Context(docs, random.Random(seed), "中", [], [], lambda head, text: False)


TEKUN = ("reg_tekun_rending.md", "特困人员认定办法")
DIBAO = ("reg_dibao_shenhe.md", "最低生活保障审核确认办法")


def test_tekun_steps_in_article_order_with_holders():
    doc, _ = _doc(*TEKUN)
    [run] = chains(doc)
    assert [s[0] for s in run] == ["申请", "受理", "调查核实、初审", "公示", "审核、确认"]
    assert [s[2] for s in run] == ["第十条", "第十二条", "第十三条", "第十五条", "第十六条"]
    assert run[1][1] == "乡镇人民政府（街道办事处）" and run[-1][1] == "县级人民政府民政部门"
    assert [s[3] for s in run] == sorted(s[3] for s in run)


def test_optional_branch_and_case_articles_are_no_steps():
    tekun, _ = _doc(*TEKUN)
    dibao, _ = _doc(*DIBAO)

    def first(doc, head):
        at = doc.text.index(head)
        return doc.text[at + len(head):doc.text.index("。", at)].strip()

    assert step_of(first(tekun, "第十四条")) is None  # 可视情组织民主评议: a case may skip it
    assert step_of(first(tekun, "第十八条")) is None  # 不符合条件、不予同意的…告知: another path
    assert step_of(first(dibao, "第十一条")) is None  # …有近亲属关系的，…登记备案: some cases only
    assert step_of(first(dibao, "第十七条")) == ("信息核对", "县级人民政府民政部门")  # (不动产登记… are objects)


def test_order_single_verifies_and_a_wrong_key_fails():
    doc, chunks = _doc(*DIBAO)
    corpus, ctx = Corpus({doc.doc_id: doc}, chunks), _ctx({doc.doc_id: doc})
    [fact] = procedure_facts({doc.doc_id: doc}, chunks)
    item = procedure_item(fact, SINGLE, ctx, "")
    assert item.stem.endswith("顺序正确的是？") and "申请最低生活保障" in item.stem
    assert item.options[LETTERS.index(item.answer)] == "申请→受理→调查→信息核对→初审、公示→审核确认"
    assert all(o.startswith("申请→") for o in item.options)  # (a wrong order opening with 审核 is told unread)
    assert verify_item(item, corpus) == []
    item.answer = next(ch for ch in LETTERS[:len(item.options)] if ch != item.answer)
    assert "答案与选项不符" in verify_item(item, corpus)


def test_procedure_short_scores_each_step_and_its_holder():
    doc, chunks = _doc(*TEKUN)
    corpus, ctx = Corpus({doc.doc_id: doc}, chunks), _ctx({doc.doc_id: doc})
    [fact] = procedure_facts({doc.doc_id: doc}, chunks)
    item = procedure_item(fact, SHORT, ctx, "")
    assert item.score == len(item.points) == 5
    assert "（共 5 分" in item.marking() and "关键词：受理、乡镇人民政府（街道办事处）" in item.marking()
    assert verify_item(item, corpus) == []
    spans = item.check["spans"]
    item.check = {**item.check, "spans": [spans[0], spans[2], spans[1], *spans[3:]]}
    assert any("顺序不符" in p for p in verify_item(item, corpus))  # (the order is the spans' order)
    item.check = {**item.check, "spans": spans, "key": ["申请", "审批", *item.check["key"][2:]]}
    assert "答案“审批”与引文不符" in verify_item(item, corpus)  # (each step re-read at its own span)


def test_two_kinds_defined_side_by_side():
    doc, chunks = _doc("opinion_linshi_jiuzhu.md", "关于进一步加强和改进临时救助工作的意见", "意见")
    [fact] = distinction_facts({doc.doc_id: doc}, chunks)
    assert fact.items == ("急难型救助对象", "支出型救助对象")
    item = distinction_item(fact, SHORT, _ctx({doc.doc_id: doc}), "")
    assert item.score == 2 and all(item.check["own_keys"])  # (意外事件… / 家庭承受能力)
    assert not any(k in fact.details[1] for k in item.check["own_keys"][0].split("、"))  # (its own words only)
    assert verify_item(item, Corpus({doc.doc_id: doc}, chunks)) == []
    zhiyuan, _ = _doc("reg_zhiyuan_fuwu.md", "志愿服务条例")
    assert pairs(zhiyuan) == []  # 志愿服务 / 志愿服务组织: an activity and a body, no kinds of one thing


def test_one_sentence_procedure_cites_each_clause():
    doc, chunks = _doc("reg_shehui_jiuzhu.md", "社会救助暂行办法")
    facts = {f.head: f for f in procedure_facts({doc.doc_id: doc}, chunks)}
    fact = facts["临时救助"]
    assert fact.items == ("申请", "审核、公示", "审批")
    assert fact.details == ("乡镇人民政府、街道办事处", "", "县级人民政府民政部门")
    item = procedure_item(fact, SHORT, _ctx({doc.doc_id: doc}), "")
    assert item.points[1] == "答出第2个环节“审核、公示”" and item.score == 3
    assert verify_item(item, Corpus({doc.doc_id: doc}, chunks)) == []
    assert procedure_item(fact, SINGLE, _ctx({doc.doc_id: doc}), "") is None  # (three steps, the first fixed: one other order)


def test_a_procedure_holds_only_its_steps_passages():
    """Its citation runs from the application to the last step (最低生活保障审核确认办法 第四条–第二十条), but the
    articles between that it never asks (第十六条's ways of investigating) stay free for other items."""
    from assistant.quiz.model import TRUE, TRUE_FALSE, QuizItem
    from assistant.quiz.overlap import near_dup, printed
    from assistant.types import Citation

    doc, chunks = _doc(*DIBAO)
    [fact] = procedure_facts({doc.doc_id: doc}, chunks)
    item = procedure_item(fact, SINGLE, _ctx({doc.doc_id: doc}), "")
    at = doc.text.index("第十六条")
    end = doc.text.index("。", at) + 1
    other = QuizItem(TRUE_FALSE, "x。", TRUE, "原文", Citation(1, "", doc.doc_id, doc.title, "", doc.text[at:end], at, end))
    assert item.citation.start < at < item.citation.end and not near_dup(other, [item])
    s, e = fact.extra["spans"][2]  # (第十五条, a step: one passage)
    step = QuizItem(TRUE_FALSE, "y。", TRUE, "原文", Citation(1, "", doc.doc_id, doc.title, "", doc.text[s:e], s, e))
    assert near_dup(step, [item])
    assert "第十六条" not in printed(item) and doc.text[s:e] in printed(item)
