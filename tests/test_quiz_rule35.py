"""Trainer reviews 62 and 64: the 答案速查 told how to write a range (“范围用至、到…连接均可”) on papers
whose fill-ins had no range at all. The figure rule is stated once; its range part only when a
figure key is a range."""
from __future__ import annotations


def _grid_texts(quiz, tmp_path) -> list[str]:
    from docx import Document as Docx

    from assistant.quiz.export import to_docx

    return [p.text for p in Docx(str(to_docx(quiz, tmp_path / "q.docx"))).paragraphs]


def _ranged(quiz) -> bool:
    from assistant.quiz.model import RANGE

    return any(RANGE.search(a) for it in quiz.items if it.figure_key() for a in it.accepted)


def test_the_range_rule_only_where_a_figure_key_is_a_range(kb, tmp_path):
    import dataclasses

    from assistant.quiz import build
    from assistant.quiz.model import FIGURE_RULE, RANGE_RULE

    quiz = build(kb, n=60, seed=68)  # (which papers hold a range key moves as papers fill: stop 39's seed 68 took 二至三)
    quiz = dataclasses.replace(quiz, items=[it for it in quiz.items if not _ranged(dataclasses.replace(quiz, items=[it]))])
    assert any(it.figure_key() for it in quiz.items) and not _ranged(quiz)
    texts = _grid_texts(quiz, tmp_path)
    assert sum(FIGURE_RULE in t for t in texts) == 1
    assert not any(RANGE_RULE in t or "范围用" in t for t in texts)


def test_a_range_key_keeps_the_range_rule(kb, tmp_path):
    from assistant.quiz import build
    from assistant.quiz.model import RANGE_RULE

    quiz = build(kb, n=60, seed=24)  # (review 8's paper: 二至三 among its keys)
    assert _ranged(quiz)
    assert sum(RANGE_RULE in t for t in _grid_texts(quiz, tmp_path)) == 1
