"""A question naming a document in 《》 that the library does not hold is told so, not answered
from another document's passages (made-up titles, not eval questions)."""
from __future__ import annotations

from assistant.answer.documents import title_share


def test_a_title_the_library_lacks_is_refused_by_name(kb):
    ans = kb.ask("《杭州市电梯安全管理条例》对小区加装电梯有什么规定？")
    assert not ans.found and "《杭州市电梯安全管理条例》" in ans.text and "导入" in ans.text
    assert ans.trace["strategy"] == "missing_document"


def test_titles_the_library_holds_still_answer(kb):
    for q in ("《物业管理条例》对业主大会的决定有什么规定？", "《居委会组织法》规定居民会议由谁召集？"):
        ans = kb.ask(q)
        assert ans.found and ans.trace["strategy"] != "missing_document", q


def test_short_forms_and_the_state_prefix_do_not_lower_the_share(kb):
    shares = dict(title_share("《居委会组织法》和《中华人民共和国家庭教育促进法》", kb.view()))
    assert shares == {"居委会组织法": 1.0, "中华人民共和国家庭教育促进法": 1.0}
    assert title_share("《关于做好这件事》", kb.view()) == []  # not a document title's ending
