"""Question words live in one data file (assistant/data/question_words.json)."""
from __future__ import annotations

import re

import pytest

from assistant.question_words import _lists, alternatives


def test_every_list_compiles_and_is_used():
    import subprocess

    used = subprocess.run(["grep", "-rhoE", r"alternatives\(.[a-z_]+.\)", "assistant"], capture_output=True,
                          text=True, cwd=__file__.rsplit("/tests/", 1)[0]).stdout
    for name in _lists():
        re.compile(alternatives(name))
        assert name in used, f"{name} is in question_words.json but nothing reads it"


def test_unknown_list_is_named():
    with pytest.raises(KeyError, match="asks_for_list"):
        alternatives("asks_for_lists")


def test_readers():
    from assistant.answer.intent import is_enumeration, sub_questions
    from assistant.retrieve import strip_question

    assert strip_question("网格化管理是什么？") == "网格化管理"
    assert is_enumeration("居民委员会的任务有哪些") and not is_enumeration("居民委员会几年一届")
    assert [q for q, _ in sub_questions("有几个支部，党员多少名？", list)] == ["有几个支部", "党员多少名"]
