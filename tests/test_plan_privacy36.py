"""Cadre review s35: a plan's appendix reprinted a community report's passage naming two poor residents
and one's illness (李德明, 王秀琴). A 实施方案 never prints a private person's name: the printed quote
masks it (李某某) and says so; the citation keeps the exact source span. Officials in their office and
bylines are public and printed as written."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.library import view_of
from assistant.plan import check_grounding, draft, to_docx, to_markdown
from assistant.plan.compose import place_of
from assistant.plan.privacy import NOTE, mask, private_names
from assistant.types import Citation

KW = dict(unit="和平街道办事处", start="2027-01", end="2027-12")


def _sentence(kb, needle: str) -> str:
    """The real corpus paragraph holding needle."""
    for doc in view_of(kb).documents.values():
        i = doc.text.find(needle)
        if i >= 0:
            return doc.text[doc.text.rfind("\n", 0, i) + 1:doc.text.find("\n", i)]
    raise AssertionError(needle)


def test_residents_named_with_their_hardship_are_private(kb):
    text = _sentence(kb, "李德明是回族老大爷")
    assert set(private_names(text)) >= {"李德明", "王秀琴"}
    masked = mask(text)
    assert "李某某" in masked and "王某某" in masked and "李德明" not in masked and "王秀琴" not in masked
    assert "贫困生吴某" in mask(_sentence(kb, "贫困生吴峰"))  # a two-character name keeps its surname


def test_a_name_jieba_cuts_short_is_masked_whole(kb):
    assert "李德华" in private_names(_sentence(kb, "的居民李德华致电"))  # jieba: 李德 / 华致电


def test_officials_and_bylines_are_printed_as_written(kb):
    for needle, name in (("社区党委书记俞复玲", "俞复玲"), ("社区党委副书记孙凯明", "孙凯明"), ("住建局副局长冯培荣", "冯培荣")):
        assert name not in private_names(_sentence(kb, needle)), needle


def test_no_common_word_is_taken_for_a_name(kb):
    """jieba tags many dictionary words nr (康复, 申请人, 和睦, 高素质): none of the statutes and policy
    texts names a private person."""
    for doc in view_of(kb).documents.values():
        if doc.meta.get("doc_type", "") in ("法规", "通知", "意见", "规范", "实施方案"):
            assert not private_names(doc.text), doc.title


def _citation_naming(kb, n: int) -> Citation:
    """The real chunk of the s35 review's plan 7 appendix (a report naming two residents)."""
    c = next(c for c in view_of(kb).chunks if "王秀琴" in c.text)
    doc = view_of(kb).documents[c.doc_id]
    return Citation(n=n, chunk_id=c.chunk_id, doc_id=c.doc_id, title=doc.title,
                    section=" › ".join((doc.title, *c.section_path)), quote=c.text, start=c.start, end=c.end,
                    meta={"place": place_of(doc), "date": doc.meta.get("date", ""),
                          "doc_type": doc.meta.get("doc_type", "")})


@pytest.fixture(scope="module")
def named_plan(kb):
    """A real draft whose measure is quoted from the passage naming residents (as review s35's plan 7)."""
    plan = draft(kb, "推进居委会治安保卫委员会和群防群治工作", **KW)
    cite = _citation_naming(kb, len(plan.citations) + 1)
    m = replace(plan.measures[0], text=f"参照先例原文：“{cite.quote}”[{cite.n}]", citations=[cite.n], verbatim=True)
    return replace(plan, citations=[*plan.citations, cite], measures=[m, *plan.measures[1:]])


def test_no_printed_plan_names_a_resident(kb, named_plan, tmp_path):
    md = to_markdown(named_plan)
    assert "李德明" not in md and "王秀琴" not in md and "李某某" in md and NOTE in md
    from docx import Document

    text = "\n".join(p.text for p in Document(to_docx(named_plan, tmp_path / "p.docx")).paragraphs)
    assert "李德明" not in text and "王秀琴" not in text and "王某某" in text


def test_the_citation_still_points_at_the_exact_source_span(kb, named_plan):
    cite = named_plan.citations[-1]
    assert view_of(kb).documents[cite.doc_id].text[cite.start:cite.end] == cite.quote and "王秀琴" in cite.quote
    assert not check_grounding(named_plan, kb)


def test_a_plan_without_private_names_prints_no_note(kb):
    md = to_markdown(draft(kb, "推进居委会治安保卫委员会和群防群治工作", **KW))
    assert NOTE not in md and not re.search(r"[\u4e00-\u9fff]某某", md)
