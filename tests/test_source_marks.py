"""Footnote markers the source carries ([4]) are shown as 〔4〕, never like our [n] (issue 14)."""
from __future__ import annotations

import re

from assistant.safe_text import source_marks


def test_source_marks_keep_length_and_spans():
    text = "两者之间未能进行有效沟通[4]，主要体现在以下两个方面[12]。"
    out = source_marks(text)
    assert out == "两者之间未能进行有效沟通〔4〕，主要体现在以下两个方面〔12〕。" and len(out) == len(text)


def test_answer_quoting_a_footnoted_sentence_shows_it_apart(kb):
    ans = kb.ask("社会组织与社区之间存在问题的主要原因是什么")  # 002 cites its literature as [4]
    assert any("有效沟通[4]" in c.quote for c in ans.citations)  # the citation is the exact span
    for c in ans.citations:
        assert kb.document(c.doc_id).text[c.start:c.end] == c.quote
    assert "有效沟通〔4〕" in ans.text  # … shown apart from our markers
    assert {int(n) for n in re.findall(r"\[(\d+)\]", ans.text)} == {c.n for c in ans.citations}
