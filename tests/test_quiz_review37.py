"""Trainer review 71: 填空 a trainee can guess. A key that is a value word (社会责任感, 技术指导,
保障范围), most of its document's title (人民调解委员会 of 人民调解法), printed by another item's
stem, or a written key the paper has already (人民调解组织 / 人民调解委员会) is asked only to fill
a short paper (assistant/quiz/review.py, SHEQU_QUIZ__GUESS_CHECK)."""
from __future__ import annotations

import dataclasses

from assistant.quiz.verify import norm


def test_a_value_word_or_the_titles_words_make_a_fill_in_guessable(kb):
    from assistant.quiz import build
    from assistant.quiz.model import BLANK
    from assistant.quiz.review import guessable, title_key, value_key

    quiz = build(kb, n=20, seed=5)
    blank = next(it for it in quiz.items if it.type == BLANK and not it.figure_key())
    assert value_key(dataclasses.replace(blank, answer="社会责任感"))
    assert value_key(dataclasses.replace(blank, answer="技术指导"))
    assert not value_key(dataclasses.replace(blank, answer="诊疗记录"))
    assert title_key(dataclasses.replace(blank, answer="人民调解委员会"), "中华人民共和国人民调解法")
    assert not title_key(dataclasses.replace(blank, answer="履行情况"), "中华人民共和国人民调解法")
    twin = dataclasses.replace(blank, stem="另一题：" + blank.answer + "应当做好工作。")
    assert guessable(blank, [twin], "", 0.5) and guessable(twin, [blank], "", 0.5)


def test_review_71s_paper_has_no_guessable_fill_in(kb):
    from assistant import Assistant
    from assistant.library import view_of
    from assistant.quiz import build
    from assistant.quiz.model import BLANK
    from assistant.quiz.review import stem_key, title_key, value_key

    qs = kb.settings.quiz.model_copy(update={"guess_check": True})  # (on by default since stop 37; kept explicit here)
    quiz = build(Assistant.open(settings=kb.settings.model_copy(update={"quiz": qs})), n=60, seed=71)
    docs = view_of(kb).documents
    assert len(quiz.items) == 60
    blanks = [it for it in quiz.items if it.type == BLANK and not it.figure_key()]
    assert blanks
    assert not [it.answer for it in blanks if value_key(it)]  # (社会责任感, 技术指导, 保障范围 before)
    assert not [it.answer for it in blanks if title_key(it, docs[it.citation.doc_id].title, kb.settings.quiz.guess_title)]
    assert not [it.answer for it in blanks if stem_key(it, quiz.items)]
    written = [norm(it.answer) for it in blanks]
    assert len(set(written)) == len(written)  # (人民调解委员会 twice before)
