"""Metadata read off the text of documents of each genre, and a correction that survives."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from ingest.meta import infer, infer_place, infer_title, to_iso
from ingest.pipeline import load_paths

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def loaded(name: str):
    return load_paths([CORPUS / name], 50 << 20).documents[0]


def test_a_national_law():
    d = loaded("reg_jumin_weiyuanhui.md")
    assert (d.meta["issuer"], d.meta["date"], d.meta["effective_date"], d.meta["doc_type"]) == (
        "全国人民代表大会常务委员会", "2018-12-29", "1990-01-01", "法规")
    assert not any(d.meta.get("place", {}).values())


def test_a_local_regulation_has_its_place_and_congress():
    d = loaded("reg_sh_juweihui.md")
    assert d.meta["issuer"] == "上海市人民代表大会常务委员会" and d.meta["place"]["province"] == "上海市"
    assert d.meta["doc_type"] == "法规" and d.meta["date"] == "2020-05-14"


def test_a_state_council_regulation_and_a_ministrys_measures():
    assert loaded("reg_zhiyuan_fuwu.md").meta["issuer"] == "国务院"
    d = loaded("reg_dibao_shenhe.md")
    assert d.meta["issuer"] == "民政部" and d.meta["effective_date"] == "2021-07-01"


def test_genres_from_titles_and_text():
    assert loaded("notice_dibao_doudi.md").meta["doc_type"] == "通知"
    assert loaded("opinion_linshi_jiuzhu.md").meta["doc_type"] == "意见"
    assert loaded("plan_shequ_zuzhi.md").meta["doc_type"] == "实施方案"
    paper = "城市社区治理研究\n摘要：本文讨论社区治理。\n关键词：社区治理；基层党建\n一、引言\n正文。\n参考文献\n[1] 某某."
    assert infer("城市社区治理研究", paper)["doc_type"] == "研究"
    news = "我县推进网格化管理\n本报讯（记者 王某）近日，我县召开网格化管理推进会。"
    assert infer("我县推进网格化管理", news)["doc_type"] == "新闻"


def test_a_notice_signed_at_the_end():
    text = ("关于做好社区减负工作的通知\n各街道：\n现将有关事项通知如下。\n一、清理事项。\n"
            "南陵县民政局\n2023年12月21日")
    m = infer("关于做好社区减负工作的通知", text)
    assert m["issuer"] == "南陵县民政局" and m["date"] == "2023-12-21"
    assert m["place"]["district"] == "南陵县" and m["place"]["province"] == "安徽省"


def test_places_resolve_against_the_gazetteer():
    p = infer_place("江西省赣州市南康区东山街道：强化党建引领 提升城市基层治理水平", "")
    assert (p["province"], p["city"], p["district"], p["street"]) == ("江西省", "赣州市", "南康区", "东山街道")
    assert not any(infer_place("城区旧城改造工作方案", "").values())  # 城区 names many districts
    p = infer_place("上海市住房和城乡建设管理委员会等关于印发《上海市完整社区建设实施方案》的通知", "")
    assert (p["province"], p["street"]) == ("上海市", "")  # 城乡 ends no township's name


def test_an_issuer_the_file_states_places_it():
    title = "关于印发《关于建立住宅小区业主委员会秘书制度的实施意见（试行）》的通知"
    text = title + "\n各区房屋管理局：\n现将有关意见印发给你们，请认真贯彻执行。\n"
    assert infer(title, text, "上海市房屋管理局")["place"]["province"] == "上海市"


def test_titles_skip_site_navigation_and_dates_read_chinese_numerals():
    assert infer_title("首页 > 政策文件\n关于加强社区治理的实施意见\n各区：") == "关于加强社区治理的实施意见"
    import re

    from ingest.meta import DATE
    assert to_iso(re.search(DATE, "二〇二一年六月二十九日")) == "2021-06-29"


def test_a_users_correction_in_metadata_json_wins_and_survives(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(CORPUS / "reg_sh_juweihui.md", folder)
    (folder / "metadata.json").write_text(json.dumps(
        {"reg_sh_juweihui.md": {"doc_type": "地方性法规", "place": {"province": "上海市", "district": "黄浦区"}}},
        ensure_ascii=False), encoding="utf-8")
    for _ in range(2):  # and again, as a re-ingest reads it
        d = load_paths([folder], 50 << 20).documents[0]
        assert d.meta["doc_type"] == "地方性法规" and d.meta["place"]["district"] == "黄浦区"
        assert "doc_type" not in d.meta["inferred"] and "issuer" in d.meta["inferred"]


def test_a_web_pages_labelled_date_and_a_signature_before_the_attachment():
    """Real excerpts: a provincial site's header (时间:2017-10-24 来源:…), and a county notice
    whose 落款 (two bodies on one line, then the date) precedes the plan it issues."""
    page = infer("中共青海省委、青海省人民政府关于加强和完善城乡社区治理的实施意见",
                 "中共青海省委、青海省人民政府关于加强和完善城乡社区治理的实施意见\n"
                 "时间:2017-10-24   来源:政权处   浏览次数:593\n为进一步激发城乡社区自治活力，提出如下实施意见。")
    assert page["date"] == "2017-10-24"
    notice = infer("关于印发南陵县“十四五”城乡社区服务体系建设规划的通知",
                   "关于印发南陵县“十四五”城乡社区服务体系建设规划的通知\n各镇人民政府，县政府各部门\n"
                   "经县政府第六十四次常务会议研究同意，现将《规划》印发给你们，请认真组织实施。\n"
                   "南陵县民政局 南陵县发展和改革委员会\n2023年12月21日\n南陵县“十四五”城乡社区服务体系建设规划\n"
                   "第一章 发展基础\n" + "城乡社区治理多项工作步入前列。\n" * 8)
    assert notice["issuer"] == "南陵县民政局、南陵县发展和改革委员会" and notice["date"] == "2023-12-21"
    assert infer("某通知", "某通知\n施行日期：2024-01-01\n正文。")["date"] == ""  # an effective date is not the date
