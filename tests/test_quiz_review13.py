"""Trainer review 13 (seed 52): a who-blank with two right answers in the same library."""
from __future__ import annotations

from assistant.quiz import build
from assistant.quiz.builder import library
from assistant.quiz.scenarios import named_actor, other_body


def _rule(kb, key_start: str):
    return next(f for f in library(kb)["rules"] if f.key.startswith(key_start))


def test_a_who_blank_another_rule_gives_to_another_body_is_not_asked(kb):
    """北京市物业管理条例: 业主对公示内容提出异议的，物业服务人应当予以答复 (第七十条) and 业主对公示内容
    有异议的，筹备组应当研究处理并在首次业主大会会议召开前作出答复 (第三十二条). Blanking the body of the
    first leaves 应当予以答复, which the second's body does too; the second's act tells them apart."""
    pool = library(kb)["rules"]
    vague, telling = _rule(kb, "物业服务人应当予以答复"), _rule(kb, "筹备组应当研究处理")
    who = named_actor(vague)
    assert who == "物业服务人" and other_body(vague, who, vague.key[len(who):], pool)
    who = named_actor(telling)
    assert who == "筹备组" and not other_body(telling, who, telling.key[len(who):], pool)


def test_the_reviewed_paper_no_longer_asks_it(kb):
    quiz = build(kb, n=60, seed=52)
    assert not [it.stem for it in quiz.items if it.stem.endswith("______应当予以答复。") and "公示内容" in it.stem]
    assert len(quiz.items) >= 57, quiz.notice


def test_every_blank_of_a_paper_has_one_length(kb, tmp_path):
    """Blanks as long as their own key (long for 27 and 31, short for 34) told the answer's length."""
    import re

    from docx import Document as Docx

    from assistant.quiz import to_docx

    quiz = build(kb, n=30, seed=52, types=["填空题"])
    keys = {len(it.answer) for it in quiz.items}
    assert len(keys) > 1  # keys of several lengths
    path = to_docx(quiz, tmp_path / "q.docx")
    runs = [len(m) for p in Docx(str(path)).paragraphs for m in re.findall(r"_{6,}", p.text)
            if not p.text.startswith("姓名")]
    assert len(runs) >= len(quiz.items) and len(set(runs)) == 1, sorted(set(runs))
