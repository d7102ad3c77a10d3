"""A list lead carries its numbered items: also after a lead ending in “。” that announces them,
also past the passage end, never into the next section; every citation stays an exact span."""
from __future__ import annotations

from assistant.answer.sentences import answer_units


def _check_citations(kb, ans):
    """Exact spans; a span inside some chunk is cited with it, else it lies outside every chunk."""
    assert ans.citations
    for c in ans.citations:
        chunks = kb.chunks(c.doc_id)
        assert kb.document(c.doc_id).text[c.start:c.end] == c.quote
        holders = {x.chunk_id for x in chunks if x.start <= c.start < c.end <= x.end}
        if holders:
            assert c.chunk_id in holders
        else:
            assert all(x.end <= c.start or x.start >= c.end for x in chunks)


def test_items_after_the_passage_end(kb):
    ans = kb.ask("上海的业委会秘书为业主委员会哪些工作提供支持和帮助？")
    assert ans.found
    for item in ("日常会议", "物业服务企业选聘", "公共收入", "专项维修资金", "重大事项"):
        assert item in ans.text
    _check_citations(kb, ans)


def test_items_that_the_chunker_left_as_headings(kb):
    ans = kb.ask("社区卫生服务中心至少要设哪些科室？")
    assert ans.found
    for item in ("全科诊室", "预防接种室", "检验室"):
        assert item in ans.text
    _check_citations(kb, ans)


def test_lead_ending_in_full_stop_announces_items(kb):
    ans = kb.ask("上海户籍老年人满足什么条件可以申请康复辅具租赁补贴？")
    assert ans.found
    for item in ("75周岁（含）以上人员", "二级及以上照护等级的人员", "低保边缘对象"):
        assert item in ans.text
    _check_citations(kb, ans)


def test_list_stops_at_the_next_section(kb):
    """“1.…2.…3.” ends where “（二）补贴标准” opens the next section."""
    doc = kb.document("notice_sh_kangfu_fuju_zulin_2025.md")
    lead = doc.text.index("符合下列条件之一")
    units = answer_units(doc.text, lead, len(doc.text), 400, reach=True)
    s, e, kind = units[0]
    assert kind == "unit" and doc.text[s:e].endswith("低保、低保边缘对象。")


def test_a_level_word_is_no_announcement(kb):
    """“省级以下条件成熟的地区” announces nothing: the next section’s heading stays out."""
    doc = kb.document("opinion_nongcun_shequ.md")
    at = doc.text.index("探索在省级以下条件成熟")
    end = doc.text.index("\n", at)
    units = answer_units(doc.text, at, end, 400, reach=True)
    assert units == [(at, end, "sentence")]
