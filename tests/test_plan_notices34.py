"""Cadre review s33: the refusal named a command a cadre cannot read, and the uncovered-term notice
split a noun phrase (就业群体 of 新就业群体) and kept a manner word (独居老人定期). The refusal says where
to upload; the notice uses the topic's own phrases."""
from __future__ import annotations

from assistant.plan import templates as T
from assistant.plan.cover import phrases, terms
from assistant.plan.topic import understand
from ui.render import web_text


def test_the_refusal_says_where_a_cadre_uploads_files():
    msg = T.UNSUPPORTED.format(topic="开展社区暑期托管")
    first = msg.split("。")[1]
    assert "上传" in first and "shequ" not in first  # the command, if any, is a sentence of its own
    assert "上传" in web_text(msg) and "shequ" not in web_text(msg)
    assert web_text(msg).endswith("后再起草。")  # the command's sentence is dropped, not reworded


def test_the_notice_keeps_the_topics_noun_phrase(kb):
    cut = kb.tokenizer.cut
    t = understand("推进新就业群体关爱服务", cut)
    assert "新就业群体" in phrases(t, cut, {"就业", "群体"})
    t = understand("做好空巢老人定期走访工作", cut)
    assert "定期" not in terms(t, cut)


def test_the_web_apps_refusal_names_no_command(kb):
    """The 方案起草 tab showed the refusal as the command line prints it (shequ ingest …)."""
    from ui.tab_plan import make_plan

    html, files = make_plan(kb, "开展中小学生暑期社区托管服务")
    assert files is None and "资料库中没有找到" in html
    assert "shequ" not in html and "上传" in html


def test_an_uncovered_part_says_the_library_may_still_hold_it():
    """Cadre review 35: “资料库中没有找到…关于‘保卫’的内容” while 组织法第十三条 names the 治安保卫委员会: the
    notice is about what became a measure, so it says the text may be in the library (问答 page)."""
    from assistant.plan.templates import UNCOVERED

    text = UNCOVERED.format(items="保卫", covered="群防群治")
    assert text.startswith("资料库中没有找到可用于本方案的关于“保卫”的内容")
    assert "相关条文可能仍在资料库中" in text and "问答" in text
