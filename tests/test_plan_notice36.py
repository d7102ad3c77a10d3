"""Cadre review s35: the notices said “没有找到关于‘保卫’/‘驻区单位’的内容” although 组织法第十三条 names the
治安保卫委员会 and two case reports say 驻区单位; “3 条中有 2 条出自《上海市居民委员会工作条例》” when all
three cited it; “1 条措施中只有 0 条”. A notice says what was checked, names the documents that do say
an uncovered term, and counts as a reader does."""
from __future__ import annotations

import re

import pytest

from assistant.library import view_of
from assistant.plan import draft
from assistant.plan.notices import thin_notice

KW = dict(unit="和平街道办事处", start="2027-01", end="2027-12")
TOPICS = ("推进居委会治安保卫委员会和群防群治工作", "推进驻区单位共驻共建、资源共享工作", "加强社区公共卫生委员会建设")


@pytest.fixture(scope="module")
def plans(kb):
    return {t: draft(kb, t, **KW) for t in TOPICS}


def _library_says(kb, term: str) -> list[str]:
    return [d.title for d in view_of(kb).documents.values() if term in d.text]


def test_a_notice_never_says_the_library_lacks_what_it_holds(kb, plans):
    checked = 0
    for plan in plans.values():
        for n in plan.notices:
            m = re.search(r"没有找到可用于本方案的关于“(.+?)”的内容|没有直接提到“(.+?)”", n)
            if not m:
                continue
            for term in (m.group(1) or m.group(2)).split("”“"):
                if titles := _library_says(kb, term):
                    checked += 1
                    said = " ".join(plan.notices)
                    assert any(f"《{t}》" in said for t in titles), (term, said)
                    assert re.search(f"提到了“[^”]*{term}", said), said
    assert checked  # 保卫, 驻区单位: in the library, not in the measures


def test_one_source_counts_every_measure_that_cites_it(plans):
    for plan in plans.values():
        for n in plan.notices:
            m = re.search(r"本方案 (\d+) 条措施(?:中有 (\d+) 条|都)引用了同一篇文档《(.+?)》", n)
            if m:
                k = int(m.group(2) or m.group(1))
                assert k == sum(any(plan.citation(c).title == m.group(3) for c in x.citations) for x in plan.measures)
                assert m.group(2) != m.group(1)  # never “3 条中有 3 条”


def test_all_measures_from_one_document_say_so(plans):
    plan = plans["加强社区公共卫生委员会建设"]
    docs = [{plan.citation(c).doc_id for c in m.citations} for m in plan.measures]
    common = set.intersection(*docs) if docs else set()
    if common and len(docs) >= 2:
        assert any(f"本方案 {len(docs)} 条措施都引用了同一篇文档" in n for n in plan.notices), plan.notices


def test_one_unusable_measure_is_said_plainly():
    text = thin_notice(1, 0, 5)
    assert "只有 0 条" not in text and "1 条措施都" not in text and "1 条措施中" not in text
    assert "只有 1 条措施" in text


def test_a_word_the_library_lacks_points_to_its_stem(kb):
    """楼组长 is in no document, but 上海居委会条例第十条 says 楼组: the notice says so (review s35, plan 8)."""
    plan = draft(kb, "加强居民小组和楼组长队伍建设", **KW)
    said = " ".join(plan.notices)
    assert "没有“楼组长”一词" in said and "《上海市居民委员会工作条例》" in said.split("楼组长”一词")[1]
