"""Trainer reviews 62 and 64 (seeds 62, 64): 填空 that blank who acts when the duty names another body
(“______应当做好家庭暴力受害人的诊疗记录” → 医疗机构, “______应当与接受服务的老年人…签订服务协议” → 养老机构)
tell their key, or have several (家庭教育指导机构). Another body's duty blanks its object instead; a
community body stays the key (which door a case goes to)."""
from __future__ import annotations

import random
import re

import pytest

from assistant.quiz.builder import library
from assistant.quiz.model import BLANK


def _ctx(kb, on: bool = True):
    from assistant.library import view_of
    from assistant.quiz.generate import Context
    from assistant.quiz.verify import corpus_of

    v = view_of(kb)
    corpus = corpus_of(v)
    ctx = Context(v.documents, random.Random(0), "中", [], [], corpus.is_true)
    ctx.cache.update(rule_pool=library(kb)["rules"], sentences=corpus.sents, weak_blank_fill=False, duty_blank=on)
    return ctx


def _blank(kb, start: str, on: bool = True):
    from assistant.quiz.generate import make_item

    rule = next(f for f in library(kb)["rules"] if f.key.startswith(start))
    return make_item(rule, BLANK, _ctx(kb, on))


@pytest.mark.parametrize("start,body,key", [
    ("医疗机构应当做好家庭暴力受害人的诊疗记录", "医疗机构", "诊疗记录"),  # (review 64's 第39题)
    ("养老机构应当与接受服务的老年人", "养老机构", "服务协议"),  # (review 64's 第43题)
])
def test_another_bodys_duty_blanks_its_object(kb, start, body, key):
    item = _blank(kb, start)
    assert item is not None and item.answer == key, item and item.stem
    assert f"{body}应当" in item.stem and not re.search(r"______(?:应当|负责|可以)", item.stem)
    assert key not in item.stem and key in item.citation.quote


def test_a_duty_with_no_fitting_object_takes_another_form(kb):
    """家庭教育指导机构应当及时向有需求的家庭提供服务 (review 64's 第28题: several bodies of the law do it)."""
    assert _blank(kb, "家庭教育指导机构应当及时向有需求的家庭提供服务") is None


def test_a_community_body_stays_the_key_and_the_switch_restores_the_name(kb):
    from assistant.settings import QuizSettings

    assert _blank(kb, "人民调解委员会应当对调解协议的履行情况进行监督").answer == "人民调解委员会"
    assert QuizSettings().duty_blank and not QuizSettings(duty_blank=False).duty_blank
    assert _blank(kb, "医疗机构应当做好家庭暴力受害人的诊疗记录", on=False).answer == "医疗机构"


def test_a_duty_object_is_a_whole_noun_the_verb_governs():
    from assistant.quiz.duty_blank import objects

    assert objects("应当做好家庭暴力受害人的诊疗记录")[0][1] == "诊疗记录"  # (的诊疗: a verb inside the noun)
    assert objects("应当与接受服务的老年人或者其代理人签订服务协议")[0][1] == "服务协议"
    assert "社区矫正证明书" not in dict(objects("应当向社区矫正对象发放解除社区矫正证明书")).values()  # (cut compound)
    assert not objects("应当不断提高社区矫正工作的规范化、专业化水平")  # (a list member, recalled from its neighbour)
    assert "有关信息" not in dict(objects("应当向社会公布服务内容和联系方式等有关信息")).values()  # (vague)


def test_no_who_blank_of_a_paper_is_keyed_by_another_body(kb):
    """Review 64's seed: 4 of its 7 who-blanks were other bodies' (医疗机构, 医疗卫生机构, 养老机构, 家庭教育指导机构)."""
    from types import SimpleNamespace

    from assistant.quiz import build
    from assistant.quiz.duty_blank import other_holder

    quiz = build(kb, n=60, seed=64)
    who = [it for it in quiz.items if it.type == BLANK and re.search(r"(?:^|，)______(?:应当|负责|可以)", it.stem)]
    said = [re.sub(r"^(?:【[^】]*】)?根据《[^》]*》，", "", it.stem).replace("______", it.answer) for it in who]
    holders = [SimpleNamespace(clause=text, key=text[text.find(it.answer):]) for it, text in zip(who, said)]
    assert who and not [it.answer for it, f in zip(who, holders) if other_holder(f, it.answer)]
    assert len(quiz.items) == 60
