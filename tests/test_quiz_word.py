"""The quiz's Word file as a trainer prints it (trainer review 9): blanks as long as their key,
no item split over two pages, the answer part numbered from page 1, and the file's own
properties naming the tool and today, not python-docx and 2013."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from assistant.quiz.model import BLANK


@pytest.fixture(scope="module")
def quiz(kb):
    from assistant.quiz import build

    return build(kb, n=60, seed=48)


def test_the_word_file_has_long_blanks_whole_items_answers_on_a_new_page_and_its_properties(quiz, tmp_path):
    from docx import Document as Docx
    from docx.oxml.ns import qn

    from assistant.quiz.export import DOC_AUTHOR, to_docx

    d = Docx(str(to_docx(quiz, tmp_path / "q.docx")))
    cp = d.core_properties
    assert cp.author == DOC_AUTHOR and cp.title == "社区治理知识测验"
    created = cp.created if cp.created.tzinfo else cp.created.replace(tzinfo=timezone.utc)
    assert abs((datetime.now(timezone.utc) - created).total_seconds()) < 600  # (python-docx's template: 2013)
    # The answers start on a new page, numbered on from the questions (review 9 asked for the answers
    # from page one; trainer review 57 found three restarts made pages hard to refer to).
    for s in d.sections[1:]:
        num = s._sectPr.find(qn("w:pgNumType"))
        assert num is None or num.get(qn("w:start")) is None
    breaks = [k for k, p in enumerate(d.paragraphs) if 'w:type="page"' in p._p.xml]
    assert breaks and any(k < len(d.paragraphs) - 1 for k in breaks)
    paras = d.paragraphs
    first = next(k for k, p in enumerate(paras) if p.text.startswith("姓名"))  # (past the numbered instructions)
    for i, it in enumerate(quiz.items, 1):
        at = next(k for k, p in enumerate(paras) if k > first and p.text.startswith(f"{i}. "))
        p = paras[at]
        assert p.paragraph_format.keep_together
        if it.type == BLANK:
            longest = max(len(a) for a in it.accepted + [it.answer])
            assert p.text.count("_") >= 2 * longest, (i, it.answer)
            assert p.text.count("_") >= 6
        if it.options:
            block = paras[at:at + 1 + len(it.options)]
            assert all(q.paragraph_format.keep_with_next for q in block[:-1])
