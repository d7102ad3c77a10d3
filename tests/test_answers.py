"""Extractive answers on the real corpus: citations are exact spans, out-of-scope abstains."""
from __future__ import annotations

import re

import pytest

from assistant import BadQuestion


def _check_citations(kb, ans):
    for c in ans.citations:
        doc = kb.document(c.doc_id)
        assert doc.text[c.start:c.end] == c.quote
        chunk = next(x for x in kb.data.chunks if x.chunk_id == c.chunk_id)
        assert chunk.start <= c.start and c.end <= chunk.end


def test_answer_cites_every_sentence(kb):
    ans = kb.ask("社区两委班子一般配几个人？")
    assert ans.found and ans.citations
    _check_citations(kb, ans)
    pieces = [p for p in re.split(r"\[\d+\]", ans.text) if p.strip()]
    assert len(pieces) == len(re.findall(r"\[\d+\]", ans.text))
    assert "5—9人" in ans.text  # numbers kept exactly as written


def test_enumeration_answer_has_full_list(kb):
    ans = kb.ask("五里桥那个4+1工作法具体包括哪些内容？")
    assert ans.found
    for item in ("组团式服务", "民主化管理", "区域化支撑", "群众性评议", "工作保障机制"):
        assert item in ans.text
    _check_citations(kb, ans)


# 公租房怎么申请 was one of these until the library took in 社会救助暂行办法 (第三十八、四十条: 配租
# 公共租赁住房, 城镇家庭申请住房救助向街道办事处提出): the library now partly answers it.
@pytest.mark.parametrize("q", ["驾驶证到期了怎么换证？", "个税专项附加扣除怎么填？", "医保报销比例是多少？"])
def test_out_of_scope_questions_abstain(kb, q):
    ans = kb.ask(q)
    assert ans.found is False and not ans.citations
    assert "没有找到" in ans.text


@pytest.mark.parametrize("q,msg", [("", "不能为空"), ("   ", "不能为空"), ("？？！！……", "标点"),
                                   ("问" * 2001, "太长")])
def test_bad_questions_get_clear_errors(kb, q, msg):
    with pytest.raises(BadQuestion, match=msg):
        kb.ask(q)
    with pytest.raises(BadQuestion):
        kb.search(q)


def test_search_hits_carry_spans(kb):
    hits = kb.search("网格化管理怎么做", k=5)
    assert len(hits) == 5
    for h in hits:
        assert kb.document(h.doc_id).text[h.start:h.end] == h.text
    assert hits[0].score >= hits[-1].score


def test_method_named_inside_question_is_answered_from_its_card(kb):
    ans = kb.ask("江东区提出的“六服务”里头，六种服务各叫什么名字？")
    assert ans.found and ans.mode == "method_card"
    assert len(ans.citations) == 6
    _check_citations(kb, ans)


def test_adjacent_sentences_share_one_citation(kb):
    from assistant.answer import Sent, make_citations
    from ingest.sentences import sentence_spans

    docs = kb.data.documents
    chunk = next(c for c in kb.data.chunks if len(sentence_spans(docs[c.doc_id].text, c.start, c.end)) >= 3)
    (s1, e1), (s2, e2), (s3, e3) = sentence_spans(docs[chunk.doc_id].text, chunk.start, chunk.end)[:3]
    text, cites = make_citations([Sent(0, chunk, s1, e1, 1.0), Sent(0, chunk, s2, e2, 1.0)], docs)
    assert len(cites) == 1 and (cites[0].start, cites[0].end) == (s1, e2)
    assert text.count("[1]") == 2  # every sentence still carries its marker
    _, apart = make_citations([Sent(0, chunk, s1, e1, 1.0), Sent(0, chunk, s3, e3, 1.0)], docs)
    assert len(apart) == 2


def test_money_question_needs_an_amount_in_yuan(kb):
    # The corpus states funding floors in 元; it says nothing about old-age allowances. (It does
    # state fines in 元 since the regulations joined it, so a parking-fine question is near-topic
    # now: the eval's out-of-scope rows measure those.)
    ans = kb.ask("社区党员活动经费每人每年最少要保障多少钱？")
    assert ans.found and "元" in ans.text
    assert kb.ask("高龄老人每个月能领多少钱的补贴？").found is False
