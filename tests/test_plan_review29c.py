"""Cadre review 29: what a drafted plan's reader and a refused cadre see."""
from __future__ import annotations

import pytest

from assistant.plan import PlanError, to_markdown
from assistant.plan.outline import DRAFTER_NOTE, outline


@pytest.fixture(scope="module")
def thin(kb):
    return kb.plan("社区网格员队伍建设", unit="和平街道办事处", start="2027-01", end="2027-12")


def test_each_reference_names_the_precedents_it_backs(thin):
    """The body's [n] are the appendix's precedents; 参考依据 has its own numbers, so each entry says
    which [n] it backs (the reviewer looked up [1] there and found another document)."""
    refs = [b.text for b in outline(thin) if b.kind == "ref"]
    named = {int(x) for r in refs for x in r.split("附件先例", 1)[1].strip("[]").split("]、[")}
    assert named == {c.n for c in thin.citations}
    for c in thin.citations:
        assert any(f"《{c.title}》" in r.replace("〈", "《").replace("〉", "》") and f"[{c.n}]" in r for r in refs)


def test_the_drafters_notices_say_they_are_not_for_issuing(thin):
    assert thin.notices
    md = to_markdown(thin)
    assert md.index(DRAFTER_NOTE) < md.index(thin.notices[0]) < md.index("一、指导思想")
    assert "印发前删除" in DRAFTER_NOTE


def test_a_precedent_names_its_headings_without_the_librarys_separator(thin):
    quotes = [b.text for b in outline(thin) if b.kind == "quote"]
    assert quotes and not any("›" in q for q in quotes)


def test_a_refusal_points_to_the_nearest_passages(kb):
    with pytest.raises(PlanError, match="没有找到") as e:
        kb.plan("楼道里堆东西、飞线充电老是管不住咋办", unit="和平街道办事处")
    assert "最接近的内容" in str(e.value) and str(e.value).count("《") >= 2
