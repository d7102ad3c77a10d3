"""Quiz builder on the real corpus: verification, determinism, bad input, exports, CLI."""
from __future__ import annotations

import copy
import csv
import dataclasses
import json
import re

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from assistant.output import OutputError
from assistant.quiz import QuizError, build, numbers, to_csv, to_docx, to_json, to_xlsx, verify_item
from assistant.quiz import facts as F
from assistant.quiz.cli import cmd_quiz, register
from assistant.quiz.export import COLUMNS
from assistant.quiz.model import BLANK, FALSE, MULTI, SHORT, SINGLE, TRUE_FALSE, TYPES


@pytest.fixture(scope="module")
def quiz(kb):
    return build(kb, n=20, seed=7)


# ---- the whole-corpus quiz ----------------------------------------------------------------
def test_twenty_items_all_verified_four_types(kb, quiz):
    assert len(quiz.items) == 20, quiz.notice
    assert len(quiz.type_counts()) >= 4
    for it in quiz.items:
        assert verify_item(it, kb) == [], (it.stem, verify_item(it, kb))


def test_every_item_has_key_explanation_and_exact_citation(kb, quiz):
    for it in quiz.items:
        doc = kb.document(it.citation.doc_id)
        assert doc.text[it.citation.start:it.citation.end] == it.citation.quote
        assert it.answer and "原文" in it.explanation
        assert any(c.chunk_id == it.citation.chunk_id for c in kb.chunks(doc.doc_id))
        if it.type in (SINGLE, MULTI):
            assert it.stem.endswith("？") and len(set(it.options)) == len(it.options)
        if it.type == SHORT:
            assert it.points


def test_no_duplicate_items(quiz):
    stems = [it.stem for it in quiz.items]
    assert len(set(stems)) == len(stems)
    assert len({(it.citation.doc_id, it.citation.start) for it in quiz.items}) == len(stems)


def test_same_seed_same_quiz_other_seed_differs(kb, quiz):
    again = build(kb, n=20, seed=7)
    assert [it.to_dict() for it in again.items] == [it.to_dict() for it in quiz.items]
    other = build(kb, n=20, seed=8)
    assert [it.stem for it in other.items] != [it.stem for it in quiz.items]


def test_a_warm_build_reuses_the_corpus_pools(kb, quiz):
    """What makes a second paper cheap: the corpus-wide pools (numbers, list items, articles,
    rules, sentences) are built once per loaded index and reused. The time itself is a row of
    `python -m evals.bench` (quiz 20 items, first / warm), not a timed test."""
    from assistant.quiz import verify

    pools = {k: v[1] for k, v in verify._CACHE.items() if v[0]() is kb.data}
    build(kb, n=20, seed=3)
    assert {"library", "corpus"} <= {name for _, name in pools}
    assert all(verify._CACHE[k][1] is v for k, v in pools.items())


# ---- the verifier rejects bad items -------------------------------------------------------
def _first(quiz, type_, kind):
    return next(it for it in quiz.items if it.type == type_ and it.check["kind"] == kind)


def _pick(kb, type_, kind):
    for seed in range(10):
        q = build(kb, n=30, seed=seed)
        for it in q.items:
            if it.type == type_ and it.check["kind"] == kind:
                return it
    pytest.skip(f"no {type_}/{kind} item")


def test_verifier_rejects_wrong_key(kb):
    it = copy.deepcopy(_pick(kb, SINGLE, "number"))
    it.check["key"] = [it.check["wrong"][0]]
    assert any("与引文不符" in p for p in verify_item(it, kb))


def test_verifier_rejects_true_distractor_and_equal_options(kb):
    it = copy.deepcopy(_pick(kb, MULTI, "list"))
    it.check["wrong"] = [it.check["key"][0]]  # a correct component posing as a distractor
    assert any("干扰项" in p for p in verify_item(it, kb))
    it = copy.deepcopy(_pick(kb, MULTI, "list"))
    it.options[1] = it.options[0]
    assert "选项重复" in verify_item(it, kb)


def test_verifier_rejects_bad_citation_and_false_statement_marked_true(kb):
    it = copy.deepcopy(_pick(kb, TRUE_FALSE, "number"))
    it.citation = dataclasses.replace(it.citation, start=it.citation.start + 1)
    assert verify_item(it, kb) == ["引文与原文位置不符"]
    it = copy.deepcopy(_pick(kb, TRUE_FALSE, "number"))
    if it.answer == FALSE:
        it.answer = "正确"
        assert "判断题答案与表述不符" in verify_item(it, kb)


def test_verifier_rejects_ambiguous_blank(kb):
    from assistant.quiz.verify import _ambiguous_blank, corpus_of

    corpus = corpus_of(kb)
    norm_doc = next(d for d, doc in kb.data.documents.items() if doc.title == "社区党组织建设基本规范")
    # "…累计培训时间不少于__天" fits both 7 (书记) and 3 (其他“两委”干部): ambiguous
    probs = _ambiguous_blank("集中培训，累计培训时间不少于{}天", "7天", "7", corpus, norm_doc)
    assert probs and "不唯一" in probs[0]
    # with the subject in the stem only one number fits
    assert _ambiguous_blank("社区党组织书记每年至少参加一次区及以上组织的集中培训，累计培训时间不少于{}天",
                            "7天", "7", corpus, norm_doc) == []


# ---- facts --------------------------------------------------------------------------------
def test_numbers_found_with_units_and_slots():
    found = {n.text: n for n in numbers.find("社区党组织书记每年至少参加一次集中培训，累计培训时间不少于7天，近1.2万户受益，成功率达96%。")}
    assert {"一次", "7天", "近1.2万户", "96%"} <= set(found)
    assert found["96%"].slot == "百分之多少" and found["一次"].slot == "几次"
    assert numbers.find("健全统筹协调制度、网格化管理制度、为民服务制度三项制度建设") == []


def test_list_fact_ties_items_to_named_method(kb):
    from assistant.quiz.lists import list_facts

    facts = list_facts(F.sentences(kb.data.documents, kb.data.chunks))
    by_head = {f.head: f.items for f in facts}
    assert by_head["“四化驱动”"] == ("多元化参与", "精细化管理", "人性化服务", "规范化保障")
    assert "群众性评议" in by_head["“4+1”工作法"] and "工作保障机制" in by_head["“4+1”工作法"]


def test_card_components_make_items_when_cards_exist(kb):
    from assistant import methods
    data = kb.data
    cards = []
    for d, doc in data.documents.items():
        cards += methods.extract_cards(doc, [c for c in data.chunks if c.doc_id == d])
    lib = kb.library()  # the same version, with freshly extracted cards
    view = dataclasses.replace(lib, data=dataclasses.replace(data, cards=cards), cards=tuple(cards))
    q = build(view, n=20, seed=1)
    assert len(q.items) == 20
    assert all(verify_item(it, view) == [] for it in q.items)


# ---- scope and bad input --------------------------------------------------------------------
def test_small_scope_gives_fewer_items_with_message_never_repeats(kb):
    q = build(kb, docs=["002_b6468e56d54af811.txt#8"], n=50)
    assert 0 <= len(q.items) < 50 and "只够生成" in q.notice
    assert len({it.stem for it in q.items}) == len(q.items)


def test_docs_methods_topic_scopes(kb):
    q = build(kb, docs=["社区党组织建设基本规范"], n=8, seed=2)
    assert q.items and all(it.citation.title == "社区党组织建设基本规范" for it in q.items)
    q = build(kb, methods=["4+1"], n=5)
    assert q.items and all(it.citation.doc_id.startswith("000_") for it in q.items)
    q = build(kb, topic="网格化管理", n=5)
    assert q.items and "主题" in q.scope


@pytest.mark.parametrize("kw, msg", [
    ({"n": 0}, "1 到 200"), ({"n": 201}, "1 到 200"), ({"n": -3}, "1 到 200"),
    ({"types": ["论述题"]}, "未知题型"), ({"types": []}, "请至少指定一种题型"), ({"difficulty": "超难"}, "未知难度"),
    ({"docs": ["不存在的文档"]}, "找不到文档"),
])
def test_bad_requests_raise_chinese_errors(kb, kw, msg):
    with pytest.raises(QuizError, match=msg):
        build(kb, **kw)


def test_type_selection_and_aliases(kb):
    q = build(kb, n=6, types=["判断", "填空题"], seed=4)
    assert set(q.type_counts()) <= {TRUE_FALSE, BLANK} and len(q.items) == 6
    tf = [it.answer for it in q.items if it.type == TRUE_FALSE]
    assert set(tf) <= {"正确", "错误"}


# ---- exports ------------------------------------------------------------------------------
def test_docx_has_paper_and_separate_answer_sheet(quiz, tmp_path):
    path = to_docx(quiz, tmp_path / "q.docx")
    doc = Docx(str(path))
    texts = [p.text for p in doc.paragraphs]
    sheet = texts.index("社区治理知识测验（答案与解析）")
    paper, answers = texts[:sheet], texts[sheet:]
    assert not any(t.startswith("解析：") or "答案：" in t for t in paper)
    for t in {it.type for it in quiz.items}:
        assert any(t in x for x in paper) and any(t in x for x in answers)
    assert sum(t.startswith("解析：") for t in answers) == len(quiz.items)
    assert any("评分要点" in t for t in answers) == any(it.type == SHORT for it in quiz.items)
    assert any(r.element.xpath(".//w:br[@w:type='page']") for p in doc.paragraphs for r in p.runs)
    sec = doc.sections[0]  # A4, 公文 margins, page numbers
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert "PAGE" in sec.footer._element.xml
    heads = [t for t in paper if re.match(r"^[一二三四五]、", t)]
    assert heads and all(re.search(r"(?:每题|每个要点) \d+ 分，共 \d+ 分", h) for h in heads)
    assert "考试说明" in paper and not any("范围：" in t or "难度：" in t for t in paper[:6])  # instructions, not settings
    assert not any(re.search(r"段落 [0-9a-f]{8}|第\d+–\d+字|《[^》]*《", t) for t in answers)  # no offsets, 《《》》
    total = int(re.search(r"满分：?\s*(\d+) 分", "".join(paper)).group(1))
    assert total == sum(it.score for it in quiz.items)
    for it in quiz.items:  # 评分要点: one mark each, the points asked for sum to the item's score
        if it.type == SHORT:
            assert sum(sc for _, sc in it.point_scores()[:it.need or None]) == it.score


def test_xlsx_and_csv_rows(quiz, tmp_path):
    wb = load_workbook(to_xlsx(quiz, tmp_path / "q.xlsx"))
    ws = wb.active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == len(quiz.items) + 1
    for r, it in zip(rows[1:], quiz.items):
        answer = it.answer_text() if it.type == BLANK else it.answer  # a fill-in key with its other spellings
        assert r[0] == it.type and r[1] == it.stem and r[8] == answer and r[11] == it.difficulty
        assert [x or "" for x in r[2:2 + len(it.options)]] == it.options
    with open(to_csv(quiz, tmp_path / "q.csv"), encoding="utf-8-sig") as f:
        crow = list(csv.reader(f))
    assert crow[0] == COLUMNS and len(crow) == len(quiz.items) + 1
    data = json.loads(to_json(quiz, tmp_path / "q.json").read_text(encoding="utf-8"))
    assert len(data["items"]) == len(quiz.items) and data["items"][0]["citation"]["quote"]


def test_cli_writes_file_and_reports_errors(kb, tmp_path, capsys):
    import argparse

    p = argparse.ArgumentParser()
    handlers = register(p.add_subparsers(dest="cmd"))
    out = tmp_path / "quiz.xlsx"
    args = p.parse_args(["quiz", "-n", "5", "--types", "单选题", "判断题", "--seed", "2", "--out", str(out)])
    assert handlers["quiz"](args, lambda: kb) == 0 and out.exists()
    assert "已生成 5 道题" in capsys.readouterr().out
    args = p.parse_args(["quiz", "-n", "3", "--out", str(tmp_path / "q.pdf")])
    with pytest.raises(OutputError, match="不支持的输出格式"):
        cmd_quiz(args, lambda: kb)
    args = p.parse_args(["quiz", "-n", "3", "--out", str(out)])  # the same message as `plan --out`
    with pytest.raises(OutputError, match="文件已存在.*--force"):
        cmd_quiz(args, lambda: kb)
    args = p.parse_args(["quiz", "-n", "3", "--out", str(out), "--force"])
    assert cmd_quiz(args, lambda: kb) == 0


def test_all_types_known():
    assert TYPES == ("单选题", "多选题", "判断题", "填空题", "简答题")
