"""A document's own dates outrank the stamp of the page that carried it (cadre review 30 §3:
《志愿服务记录与证明出具办法（试行）》 was dated by a blog repost's front matter, 2024年6月10日)."""
from __future__ import annotations

from pathlib import Path

from assistant.plan.outline import reference
from assistant.types import Citation
from ingest.meta import infer
from ingest.pipeline import load_paths

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REPOST = "---\nauthor: 坐轩听雨\ndate: 2024/06/10 13:44:38\ntitle: {title}\n---\n\n# {title}\n\n{body}\n"
ISSUERS_PAGE = "---\n标题: {title}\n发布单位: 上海市民政局\n发布日期: 2025-12-23\n---\n\n# {title}\n\n{body}\n"


def loaded(path: Path):
    return load_paths([path], 50 << 20).documents[0]


def test_the_reposted_measures_are_not_dated_by_the_blog_post():
    for name, effective in (("reg_zhiyuan_jilu.md", "2021-02-01"), ("reg_dibao_shenhe.md", "2021-07-01")):
        d = loaded(CORPUS / name)
        assert not d.meta["date"].startswith("2024"), (name, d.meta["date"])
        assert d.meta["effective_date"] == effective and d.meta["author"] == "坐轩听雨"
        assert d.meta["issuer"] != "坐轩听雨"


def test_a_signature_in_a_reposted_text_dates_it_and_names_its_issuer(tmp_path):
    title = "民政部关于做好社区志愿服务记录工作的通知"
    body = ("各省、自治区、直辖市民政厅（局）：\n\n现将有关事项通知如下。\n\n一、及时记录志愿服务信息。\n\n"
            "民政部\n\n2020年12月10日")
    (tmp_path / "repost.md").write_text(REPOST.format(title=title, body=body), encoding="utf-8")
    d = loaded(tmp_path / "repost.md")
    assert (d.meta["date"], d.meta["issuer"]) == ("2020-12-10", "民政部")
    # The same text on the issuer's own page: the date its header gives stays the stated one.
    (tmp_path / "issuers.md").write_text(ISSUERS_PAGE.format(title=title, body=body), encoding="utf-8")
    d = loaded(tmp_path / "issuers.md")
    assert d.meta["date"] == "2025-12-23" and "date" not in d.meta.get("inferred", ())


def test_a_repost_of_a_text_that_dates_nothing_keeps_the_stamp_as_a_guess(tmp_path):
    body = "社区要建立志愿者服务队伍，定期开展活动。"
    (tmp_path / "post.md").write_text(REPOST.format(title="社区志愿服务经验做法", body=body), encoding="utf-8")
    d = loaded(tmp_path / "post.md")
    assert d.meta["date"] == "2024/06/10 13:44:38" and "date" in d.meta["inferred"]


def test_a_page_header_date_in_the_text_yields_to_the_texts_own_dates():
    head = "某某办法\n时间:2024-06-10   来源:某某网   浏览次数:593\n"
    effective = infer("某某办法", head + "第一条 为规范工作，制定本办法。\n第二条 本办法自2021年2月1日起施行。")
    assert (effective["date"], effective["effective_date"]) == ("", "2021-02-01")
    signed = infer("关于印发某某规划的通知", head.replace("某某办法", "关于印发某某规划的通知")
                   + "现将《规划》印发给你们，请认真组织实施。\n南陵县民政局\n2023年12月21日\n某某规划\n"
                   + "第一章 发展基础\n" + "城乡社区治理多项工作步入前列。\n" * 8)
    assert signed["date"] == "2023-12-21"


def test_references_say_when_a_text_came_into_force_when_it_has_no_date():
    c = Citation(1, "x#0", "x", "志愿服务记录与证明出具办法（试行）", "", "第一条", 0, 3,
                 {"date": "", "effective_date": "2021-02-01", "issuer": "", "place": "", "doc_type": "法规"})
    assert reference(1, c) == "1．《志愿服务记录与证明出具办法（试行）》（2021年2月1日起施行）"
