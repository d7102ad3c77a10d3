"""Stop 34 (trainer review of seed 60): one written key is asked once per paper (two 填空 keyed
人民调解委员会 asked one thing twice)."""
from __future__ import annotations

import pytest

from assistant.quiz import build
from assistant.quiz.model import BLANK
from assistant.quiz.overlap import keys_of


@pytest.fixture(scope="module")
def paper(kb):
    return build(kb, n=60, seed=60)


def test_a_written_key_is_asked_once_per_paper(paper):
    """Two 填空 keyed 人民调解委员会 (review 60: 第32、43题) ask one thing twice."""
    seen: set[str] = set()
    for it in paper.items:
        if it.type == BLANK and it.check.get("kind") != "number":
            assert not keys_of(it) & seen, it.stem
            seen |= keys_of(it)
