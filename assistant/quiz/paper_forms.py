"""The forms of a paper's items: whether the next 判断 states a truth (each form half true), the order
items are printed in, and the wrong options a paper already shows. Apart from paper.py (filling a
paper) for length; paper.py imports them back."""
from __future__ import annotations

import random

from .model import FALSE, LETTERS, MULTI, SINGLE, TRUE, TRUE_FALSE, TYPES, QuizItem
from .verify import norm


def tf_form(kind: str) -> str:
    """A 判断's form, by its fact's kind: a figure, a rule stated as written (true only: its
    swapped consequence may be what another article allows), or a list's 包括."""
    return kind if kind in ("number", "rule") else "list"


def item_form(item: QuizItem) -> str:
    return item.check.get("form") or tf_form(item.check.get("kind", ""))


def next_truth(items: list[QuizItem], form: str | bool, rng: random.Random) -> bool:
    """Whether the next 判断 states a truth: the side short among the 判断 of its form (a figure,
    a 包括) so that each form is half true, a seeded coin when they are even (a fixed alternation
    is a pattern a trainee learns; so is every changed figure, or every 包括, being 错误). Rules
    are stated true only and weigh in no other form's count (review 7: true rules made all three
    包括 statements 错误)."""
    form = ("number" if form else "list") if isinstance(form, bool) else form
    answers = [it.answer for it in items if it.type == TRUE_FALSE and (form == "rule" or item_form(it) == form)]
    if form == "rule":  # (true only: taken while the paper's 判断 are not already mostly 正确)
        return answers.count(TRUE) <= answers.count(FALSE)
    if answers.count(TRUE) != answers.count(FALSE):
        return answers.count(TRUE) < answers.count(FALSE)
    return rng.random() < 0.5


def shuffled(items: list[QuizItem], rng: random.Random) -> list[QuizItem]:
    """Items grouped by type in TYPES order, in a seeded random order within each type (the
    order they were taken in follows the fill's turns)."""
    out = []
    for t in TYPES:
        group = [it for it in items if it.type == t]
        rng.shuffle(group)
        out += group
    return out


def figure_swap(item: QuizItem) -> bool:
    """A false 判断 made by changing its figure (not by turning its limit: 至少 → 至多)."""
    return item.type == TRUE_FALSE and item.answer == FALSE and item.check.get("kind") == "number" and \
        item.check.get("swap") != "limit"


def wrong_options(item: QuizItem) -> set[str]:
    """The texts of a choice item's wrong options."""
    if item.type not in (SINGLE, MULTI):
        return set()
    return {norm(o) for ch, o in zip(LETTERS, item.options) if ch not in item.answer}


def shown_wrong(item: QuizItem, cache: dict) -> bool:
    """A wrong option the paper already shows as another item's (review 9: “应当遵守国家有关规定” in
    第2、5题): a trainee who saw it once rules it out, so it tests nothing the second time."""
    return bool(wrong_options(item) & cache.get("wrong_on_paper", set()))
