"""The third trainer review's failure kinds, each on a small real excerpt of the bundled
corpus: items that give each other's key away, a 判断 pattern, implausible figures, stems
pointing at a list they do not show, scoring points cut short, local texts outweighing
national ones, 简答 carrying the paper, and the Word layout."""
from __future__ import annotations

import random
import re

from docx import Document as Docx

from assistant.quiz import numbers
from assistant.quiz.export import answer_lines, brief, to_docx
from assistant.quiz.generate import make_item
from assistant.quiz.lists import _step_detail
from assistant.quiz.model import FALSE, SHORT, SINGLE, TRUE, TRUE_FALSE, Quiz, QuizItem
from assistant.quiz.overlap import near_dup as _near_dup
from assistant.quiz.overlap import repeats_national
from assistant.quiz.paper import Caps, next_truth, short_excess, shuffled
from assistant.quiz.verify import verify_item
from assistant.settings import QuizSettings
from assistant.types import Citation
from tests.test_quiz_articles import JUWEIHUI, TIAOJIE, _setup
from tests.test_quiz_forms import _ctx, _doc, _numbers


def _pair():
    """The 单选 on 人民调解法 第二十三条 (rights) and the 判断 on 第二十四条 (duties), each taking
    its wrong option from the other article (the review's pair 3↔24)."""
    facts, ctx, _ = _setup(("tj", "中华人民共和国人民调解法", TIAOJIE))
    rights = next(f for f in facts if "权利" in f.head)
    duties = next(f for f in facts if "义务" in f.head)
    single = make_item(rights, SINGLE, ctx)
    ctx.tf_next[0] = False
    tf = make_item(duties, TRUE_FALSE, ctx)
    return single, tf


def test_two_items_whose_options_come_from_each_others_article_are_not_both_asked():
    single, tf = _pair()
    assert single is not None and tf is not None and tf.answer == FALSE
    assert single.check["wrong"][0] in tf.citation.quote  # a duty shown as the rights item's wrong option
    assert _near_dup(tf, [single]) and _near_dup(single, [tf])


def test_an_article_on_the_paper_lends_no_wrong_options():
    facts, ctx, _ = _setup(("tj", "中华人民共和国人民调解法", TIAOJIE))
    rights = next(f for f in facts if "权利" in f.head)
    duties = next(f for f in facts if "义务" in f.head)
    from assistant.quiz.verify import norm

    ctx.cache["on_paper"] = (norm(TIAOJIE[TIAOJIE.index("第二十四条"):TIAOJIE.index("第二十九条")]),)
    item = make_item(rights, SINGLE, ctx)
    assert item is None or not any(w in "".join(duties.items) for w in item.check["wrong"])


def _tf(answer: str, kind: str = "number") -> QuizItem:
    return QuizItem(TRUE_FALSE, "x", answer, "", None, check={"kind": kind})


def test_true_false_answers_are_balanced_per_kind_and_not_alternating():
    items = [_tf(FALSE), _tf(FALSE), _tf(TRUE, "list")]
    assert next_truth(items, True, random.Random(0)) is True  # changed figures are not always 错误
    assert next_truth(items, False, random.Random(0)) is False
    even = [_tf(TRUE), _tf(FALSE)]
    assert {next_truth(even, True, random.Random(s)) for s in range(8)} == {True, False}
    tfs = [_tf(TRUE if i % 2 else FALSE) for i in range(12)]
    orders = {tuple(it.answer for it in shuffled(tfs, random.Random(s))) for s in range(3)}
    assert all(any(a == b for a, b in zip(o, o[1:])) for o in orders)  # no strict 对错对错


def test_figure_distractors_are_values_rules_use():
    for text, key, bad in (("应当在15个工作日内提出初审意见", "15个工作日", {"19个工作日", "22个工作日", "16个工作日"}),
                           ("设立24小时报修电话", "24小时", {"14小时", "16小时", "36小时"}),
                           ("补贴金额为租赁服务价格的70%", "70%", {"67%", "72%"})):
        num = next(n for n in numbers.find(text) if n.text == key)
        for seed in range(5):
            alts = numbers.alternatives(num, [], random.Random(seed), 3, "中")
            assert len(alts) == 3 and not set(alts) & bad, (key, alts)
            assert all(v in numbers.LADDERS[num.unit] for a in alts for v in numbers.values_in(a))


def test_a_figure_stem_pointing_at_an_unshown_list_is_refused():
    doc = _doc("kf", "符合下列条件之一的本市户籍老年人，租赁《租赁目录》中的康复辅助器具且单次租期为2个月或者3个月的，"
                     "可以申请租赁服务补贴。低保对象补贴金额为租赁服务价格的70%。", {"doc_type": "通知"})
    facts, docs, chunks = _numbers(doc)
    ctx = _ctx(docs, chunks)
    dangling = [f for f in facts if f.kind == "number" and "下列" in f.template()]
    assert dangling and all(make_item(f, SINGLE, ctx) is None for f in dangling)
    assert any(make_item(f, SINGLE, ctx) for f in facts if f.kind == "number" and "70%" in f.key)


def test_scoring_points_are_whole_items_and_details_whole_sentences():
    facts, ctx, _ = _setup(("tj", "中华人民共和国人民调解法", TIAOJIE))
    principles = next(f for f in facts if "原则" in f.head)
    item = make_item(principles, SHORT, ctx)
    assert any("不得因调解而阻止当事人依法通过仲裁、行政、司法等途径维护自己的权利" in p for p in item.points)
    step = ("业委会秘书可由业委会自行聘请，也可向街镇提出申请，由街镇统筹物业服务企业、社区工作者等力量"
            "充实业委会秘书工作力量，不再适宜履职的及时重新选派。")
    assert _step_detail("明确秘书来源，" + step, "明确秘书来源").endswith("不再适宜履职的及时重新选派")


def test_a_local_rule_restating_a_national_law_is_not_asked():
    henan = "居民委员会根据居民居住状况，按照便于自治的原则，一般在一百户至七百户的范围内设立。"
    assert repeats_national(henan, [re.sub(r"\s", "", JUWEIHUI + "第六条 " + henan)])
    assert not repeats_national("每月至少安排一次业主接待日，及时协调、解决业主反映的问题。", [JUWEIHUI])
    # the same rule with its figure spelt otherwise (河南 2至3人, the national law 二至三人)
    assert repeats_national("也可以由每个居民小组选举代表2至3人参加。", ["居民会议由十八周岁以上的居民组成。居民会议可以由全体"
                                                      "十八周岁以上的居民或者每户派代表参加，也可以由每个居民小组选举代表二至三人参加。"])


def test_one_place_and_one_notice_are_capped():
    sh = _doc("sh", "上海市的通知。", {"doc_type": "通知", "place": {"province": "上海市"}})
    law = _doc("sh2", "上海市的条例。", {"doc_type": "法规", "place": {"province": "上海市"}})
    facts, docs, _ = _numbers(_doc("x", "每年至少召开1次会议，每月至少2次走访，每周至少3次巡查，每年4次培训。"))
    qs = QuizSettings(place_share=0.5, per_notice=2, doc_share=1.0)
    caps = Caps(4, facts, qs, {SINGLE: 4}, {"sh": sh, "sh2": law})
    caps.lifted = True
    for i, f in enumerate(facts[:3]):
        f.doc_id = "sh"
        assert caps.allows(f, SINGLE) == (i < 2)  # ≤ 2 items from one notice
        if i < 2:
            caps.add(f, SINGLE)
    facts[3].doc_id = "sh2"
    assert not caps.allows(facts[3], SINGLE)  # the place's share (2 of 4) is used up


def _short(need: int, n: int) -> QuizItem:
    cite = Citation(1, "c", "d", "t", "", "q", 0, 1)
    return QuizItem(SHORT, "s", "a", "e", cite, points=[f"p{i}" for i in range(n)], need=need)


def test_short_answers_carry_at_most_their_share_of_the_marks():
    objective = [QuizItem(SINGLE, "s", "A", "e", None) for _ in range(10)]  # 20 marks
    shorts = [_short(4, 6) for _ in range(5)]  # 20 marks
    dropped = short_excess(objective + shorts, 0.4)
    kept = [it for it in shorts if all(it is not d for d in dropped)]
    assert sum(it.score for it in kept) <= 0.4 * (20 + sum(it.score for it in kept)) and kept
    assert answer_lines(_short(0, 3)) == 6  # (two lines a point asked)
    assert answer_lines(_short(4, 5)) == 8


def test_word_answer_sheet_shows_grid_titles_and_no_offsets(tmp_path):
    facts, ctx, _ = _setup(("hn", "河南省实施《中华人民共和国城市居民委员会组织法》办法", JUWEIHUI + TIAOJIE))
    item = make_item(facts[0], SHORT, ctx)
    long_key = QuizItem(SHORT, "s", "甲" * 250, "e", item.citation, points=["p"] * 8)
    assert answer_lines(long_key) > 4 * 2  # ~250 characters need more than 4 lines
    assert item.citation.quote not in brief(item)  # the article is printed once, in the answer
    path = to_docx(Quiz([item], 1, [SHORT], "中", 0, "全部资料"), tmp_path / "q.docx")
    texts = [p.text for p in Docx(str(path)).paragraphs]
    assert "社区治理知识测验（答案速查）" in texts and "考试说明" in texts
    assert not any("《《" in t or "段落" in t or "全部资料" in t for t in texts)
    assert any(t.startswith("出处：《河南省实施〈中华人民共和国城市居民委员会组织法〉办法》") for t in texts)


def test_an_article_without_a_wrong_item_gives_only_a_true_inclusion_statement():
    """Statements are “包括X” only (never “不包括X”, whose 错误 form is a double negative): an
    article with no wrong item to borrow gives no false statement, a true one from its items;
    the paper balances true and false (paper.next_truth)."""
    facts, ctx, corpus = _setup(("tj", "中华人民共和国人民调解法", TIAOJIE))
    principles = next(f for f in facts if "原则" in f.head)  # no other list of 原则 to borrow from
    ctx.tf_next[0] = False
    assert make_item(principles, TRUE_FALSE, ctx) is None
    ctx.tf_next[0] = True
    item = make_item(principles, TRUE_FALSE, ctx)
    assert item.answer == TRUE and "不包括" not in item.stem and verify_item(item, corpus) == []


def test_a_denial_keyed_false_is_refused_as_a_double_negative():
    facts, ctx, corpus = _setup(("tj", "中华人民共和国人民调解法", TIAOJIE))
    rights = next(f for f in facts if "权利" in f.head)
    ctx.tf_next[0] = True
    item = make_item(rights, TRUE_FALSE, ctx)
    assert verify_item(item, corpus) == []
    denied = QuizItem(TRUE_FALSE, item.stem.replace("包括", "不包括"), FALSE, item.explanation, item.citation,
                      check={**item.check, "denied": True})
    assert "判断题双重否定" in verify_item(denied, corpus)


def test_an_operators_target_and_a_local_sum_in_an_arrangement_are_trivia():
    from datetime import date

    from assistant.quiz import filters as FL

    sh = {"doc_type": "通知", "place": {"province": "上海市"}}
    cases = [("健全项目经理回访沟通制度，每年听取不低于总户数50%以上业主的意见和建议，每月与业主委员会至少沟通一次。", sh, True),
             ("特色类社区内排水设施每年应至少开展2次疏通清捞。", sh, True),
             ("每人每年补贴最高限额3000元。", sh, True),
             ("业主委员会应当自选举产生之日起30日内备案。", {"doc_type": "法规"}, False)]
    for text, meta, trivia in cases:
        facts, docs, _ = _numbers(_doc("d", text, meta))
        f = next(f for f in facts if f.kind == "number")
        hit = FL.operator_standard(f, docs["d"], date(2026, 11, 26)) or FL.local_amount(f, docs["d"], date(2026, 11, 26))
        assert hit == trivia, text
