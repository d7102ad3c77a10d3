"""A sentence of a legal article reaches into the article's next paragraphs (款), where the
exception or another holder's duty often stands; never past the article (made-up rules, not
eval questions)."""
from __future__ import annotations

import pytest

from assistant.answer.sentences import Sent, article_end, with_context
from ingest.model import Chunk, Document
from tests.conftest import CORPUS, seed_kb_with

_RULES = """某市社区证明事项管理办法

第一条 为规范社区出具证明事项，减轻社区负担，制定本办法。

第二条 区人民政府应当制定社区出具证明事项清单，并向社会公布。

对清单以内的事项，社区居民委员会应当及时出具证明；对清单以外的事项，社区居民委员会有权拒绝出具证明。

第三条 需要上门助浴的老年人本人没有能力办理助浴服务手续的，由其监护人办理助浴服务手续。

监护人不办理的，由老年人所在社区居民委员会代为办理，并记入服务台账。

第四条 街道办事处应当每年对证明事项清单的执行情况进行检查。

第五条 本办法自2027年1月1日起施行。
"""


def _doc_and_chunk(text: str, path: tuple[str, ...] = ()) -> tuple[Document, Chunk]:
    doc = Document(doc_id="rules.md", title="某市社区证明事项管理办法", text=text)
    return doc, Chunk.make(doc.doc_id, text, 0, len(text), path)


def _first(doc: Document, chunk: Chunk, opening: str) -> Sent:
    start = doc.text.index(opening)
    return Sent(0, chunk, start, doc.text.index("。", start) + 1, 1.0)


def test_article_end_stops_at_the_next_article():
    doc, chunk = _doc_and_chunk(_RULES)
    s = _first(doc, chunk, "第二条")
    end = article_end(doc.text, chunk, s.start, s.end)
    assert doc.text[s.start:end].rstrip().endswith("有权拒绝出具证明。")
    assert "第三条" not in doc.text[s.start:end]


def test_article_end_is_none_outside_an_article():
    doc, chunk = _doc_and_chunk(_RULES)
    s = _first(doc, chunk, "某市社区证明")  # the title line opens no article
    assert article_end(doc.text, chunk, s.start, s.end) is None
    prose = (CORPUS / "003_f97dfd424ead4bbd.txt").read_text(encoding="utf-8")[:600]
    doc, chunk = _doc_and_chunk(prose)
    assert article_end(doc.text, chunk, 0, prose.index("。") + 1) is None


def test_the_window_reaches_the_next_paragraph_only_inside_an_article():
    doc, chunk = _doc_and_chunk(_RULES)
    s = _first(doc, chunk, "第二条")
    docs = {doc.doc_id: doc}
    within = "".join(doc.text[x.start:x.end] for x in with_context([s], docs, 200, article=True))
    assert "有权拒绝出具证明" in within and "第三条" not in within
    plain = "".join(doc.text[x.start:x.end] for x in with_context([s], docs, 200))
    assert "有权拒绝" not in plain  # the paragraph ends where the article's first 款 does
    short = "".join(doc.text[x.start:x.end] for x in with_context([s], docs, 40, article=True))
    assert "有权拒绝" not in short  # the same character budget


@pytest.fixture(scope="module")
def rules_kb(tmp_path_factory, settings):
    text = (CORPUS / "reg_sh_juweihui.md").read_text(encoding="utf-8")  # a real regulation
    return seed_kb_with(tmp_path_factory, settings, "reg_sh_juweihui.md", text, "article40")


def test_an_answer_quotes_the_article_paragraph_that_answers(rules_kb):
    # the first 款 (the list and who makes it) holds the question's words, the second the answer
    ans = rules_kb.ask("证明事项不在清单里，居民委员会能不能不开？")
    assert ans.found and "第二十八条" in ans.text and "有权拒绝出具证明" in ans.text
    assert len(ans.citations) == 1  # the article's two paragraphs are one citation


_LIST_RULES = """某市社区助浴服务办法

第一条 为规范社区助浴服务，制定本办法。

第二条 社区居民委员会、业主委员会、物业服务企业、社会工作服务机构应当配合做好刑满释放人员家庭的助浴服务登记、宣传和回访工作。

社区居民委员会可以聘请热心公益的退休医护人员、社会工作者或者志愿者协助开展。

第三条 本办法自2027年1月1日起施行。
"""


@pytest.fixture(scope="module")
def list_kb(tmp_path_factory, settings):
    return seed_kb_with(tmp_path_factory, settings, "bath_rules.md", _LIST_RULES, "article40-lists")


def test_a_list_answer_takes_the_window_too(list_kb):
    # the list of who cooperates wins the list bonus; whom the committee may hire is its next 款
    ans = list_kb.ask("居委会做刑满释放人员家庭的助浴服务登记，可以聘请哪些人帮忙？")
    assert ans.found and ans.trace["strategy"] == "list_sentence"
    assert "退休医护人员、社会工作者或者志愿者" in ans.text
