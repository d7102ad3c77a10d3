"""Trainer review 59 (seed 59): one item's answer printed by another item (第4题's key as 第2题's option A,
第37题's blank stated by 第5、9题's stems, two of 第54题's points in 第36题's stem), and a false 判断 made by
swapping a body for another name of it (the synonym groups of echo_words.json)."""
from __future__ import annotations

import pytest

from assistant.quiz import build
from assistant.quiz.echo import synonyms
from assistant.quiz.leaks import pairs, tells
from assistant.quiz.model import BLANK, FALSE, SHORT, SINGLE, TRUE_FALSE, QuizItem

SCENE = "【情景】社区工作者在工作中遇到这种情况："


def _item(t, stem, answer, options=(), points=(), kind="rule"):
    return QuizItem(t, stem, answer, "", None, options=list(options), points=list(points), check={"kind": kind})


# The texts of seed 59's items (paper.md of the review), as the corpus's articles word them.
Q2 = _item(SINGLE, SCENE + "采取酬金制交纳物业费。根据《北京市物业管理条例》，这种情况按规定应当由谁、怎样处理？", "C",
           ["应当事先告知物业服务人，与物业服务人签订装饰装修服务协议，并配合其进行必要的现场检查",
            "街道办事处、乡镇人民政府应当办理业主大会、业主委员会注销手续，并公告其印章作废",
            "物业服务企业应当与业主委员会或者物业管理委员会建立物业费和共用部分经营收益的共管账户",
            "街道办事处、乡镇人民政府应当督促其履行职责"])
Q4 = _item(SINGLE, SCENE + "业主需要装饰装修房屋。根据《物业管理条例》，社区工作者应当告诉业主按规定怎样做？", "B",
           ["物业服务人应当予以答复", "应当事先告知物业服务企业", "应当签订书面的前期物业服务合同",
            "双方应当在物业服务合同届满前重新签订物业服务合同"])
Q5 = _item(SINGLE, "根据《最低生活保障审核确认办法》，乡镇人民政府（街道办事处）应当自受理最低生活保障申请之日起多少个"
           "工作日内，启动家庭经济状况调查工作？", "B", ["7个工作日", "3个工作日", "10个工作日", "5个工作日"], kind="number")
Q10 = _item(SINGLE, "根据《中华人民共和国人民调解法》，人民调解委员会由委员几至几人组成，设主任一人，必要时，可以设副主任若干人？",
            "C", ["五至九人", "三至五人", "三至九人", "三至七人"], kind="number")
Q37 = _item(BLANK, "根据《最低生活保障审核确认办法》，县级人民政府民政部门负责最低生活保障的审核确认工作，______负责最低"
            "生活保障的受理、初审工作。", "乡镇人民政府（街道办事处）")
Q40 = _item(BLANK, "根据《中华人民共和国人民调解法》，______应当建立调解工作档案，将调解登记、调解工作记录、调解协议书等材料"
            "立卷归档。", "人民调解委员会")
Q36 = _item(BLANK, "《中华人民共和国未成年人保护法》第四条规定：“保护未成年人，应当坚持最有利于未成年人的原则。处理涉及未成年人"
            "事项，应当符合下列要求：给予未成年人特殊、优先保护；尊重未成年人人格尊严；保护未成年人隐私权和个人信息；适应未成年人"
            "身心健康发展的规律和特点；听取未成年人的意见；______。”", "保护与教育相结合")
Q54 = _item(SHORT, "《中华人民共和国家庭教育促进法》第五条规定：“家庭教育应当符合以下要求：……”请写出该条所列内容中的任意4项（共5项）。",
            "", points=[f"答出“{p}”" for p in (
                "尊重未成年人身心发展规律和个体差异", "尊重未成年人人格尊严，保护未成年人隐私权和个人信息，保障未成年人合法权益",
                "遵循家庭教育特点，贯彻科学的家庭教育理念和方法", "家庭教育、学校教育、社会教育紧密结合、协调一致",
                "结合实际情况采取灵活多样的措施")], kind="list")


@pytest.fixture(scope="module")
def qs(kb):
    return kb.settings.quiz


@pytest.mark.parametrize("teller, told", [(Q2, Q4), (Q5, Q37), (Q36, Q54)], ids=["option", "stem", "points"])
def test_review59_give_aways_found(qs, teller, told):
    assert tells(teller, told, qs)
    assert pairs([told, teller], qs) == [(2, 1)]


@pytest.mark.parametrize("teller, told", [(Q10, Q40), (Q4, Q2), (Q37, Q5), (Q54, Q36)])
def test_no_give_away_without_the_answer(qs, teller, told):
    """A body's name in a sentence on another matter (人民调解委员会由委员…组成 beside ______应当建立调解工作档案)
    tells nothing; nor does the told item tell its teller back."""
    assert not tells(teller, told, qs)


@pytest.fixture(scope="module")
def paper59(kb):
    return build(kb, n=60, seed=59)


def test_seed59_paper_has_no_leaking_pair_and_stays_full(kb, paper59):
    assert pairs(paper59.items, kb.settings.quiz) == []
    assert len(paper59.items) == 60


def test_false_statement_swaps_no_other_name_of_a_body(kb, paper59):
    """No body of a rule of the corpus is swapped for another name of it (the rule pool's own actors)."""
    import random

    from assistant.quiz.builder import library
    from assistant.quiz.generate import Context
    from assistant.quiz.scenarios import named_actor, other_bodies

    rules = library(kb)["rules"]
    ctx = Context(kb.library().documents, random.Random(0), "中", [], [], lambda h, t: False,
                  cache={"rule_pool": rules, "synonym_swap": True})
    swapped = [(who, o) for f in rules if (who := named_actor(f)) for o in other_bodies(f, who, ctx)]
    assert swapped and not [(w, o) for w, o in swapped if o in synonyms(w)]
    for it in paper59.items:
        if it.type == TRUE_FALSE and it.answer == FALSE and it.check.get("swap") == "subject":
            assert it.check["wrong"][0] not in synonyms(it.check["key"][0]), it.stem


def test_a_paper_short_for_leaks_says_so():
    """Items refused because they print another's answer are named in a short paper's notice (seed 13 came out
    at 56 items with only the generic reasons)."""
    from assistant.quiz.builder import short_notice

    stats = {"facts": 80, "rejected": 5, "per_topic": 8, "per_place": 6, "region": None, "leaks": 3}
    said = short_notice(56, 60, stats)
    assert "3 道题的答案已出现在本卷其他题" in said and "56" in said
