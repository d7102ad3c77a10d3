"""A long 公文 title breaks between words into lines of near-equal length (GB/T 9704 7.3.3:
回行时词意完整，排列对称) — cadre review s27: “……物业服务监 / 管的实施方案”."""
from __future__ import annotations

from assistant.docx_layout import TEXT_WIDTH_PT, TITLE_PT, title_lines
from assistant.plan.docx_export import _title

PER_LINE = TEXT_WIDTH_PT // TITLE_PT


def test_a_long_title_breaks_between_words_into_balanced_lines():
    title = "城东街道办事处关于加强住宅小区物业服务监管的实施方案"
    lines = title_lines(title)
    assert "".join(lines) == title and len(lines) == 2
    assert all(len(x) <= PER_LINE for x in lines)
    assert not any(a.endswith("监") for a in lines) and abs(len(lines[0]) - len(lines[1])) <= 4
    quoted = title_lines("城东街道办事处关于推广“4+1”工作法推进社区治理的实施方案")
    assert any("“4+1”工作法" in x for x in quoted)  # a quoted name stays with its head word
    assert title_lines("附件：参考先例") == ["附件：参考先例"]


def test_the_word_title_carries_the_line_breaks():
    from docx import Document

    doc = Document()
    _title(doc, "城东街道办事处关于加强住宅小区物业服务监管的实施方案")
    p = doc.paragraphs[-1]
    assert p.text.replace("\n", "") == "城东街道办事处关于加强住宅小区物业服务监管的实施方案"
    assert len(p._p.xpath(".//w:br")) == 1
