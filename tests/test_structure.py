"""Structure that follows the genre: regulations, policy texts, Markdown, Word and HTML, on
real excerpts of the bundled documents."""
from __future__ import annotations

from pathlib import Path

import docx

from ingest.chunk import chunk_document, paragraphs
from ingest.clean import clean
from ingest.loaders import read_file
from ingest.model import Document
from ingest.pipeline import documents_from_text, load_paths
from ingest.sentences import sentence_spans

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REGULATION_TXT = ("XX条例\n\n2021年6月29日 XX市第十五届人民代表大会常务委员会第三十一次会议通过\n\n"
                  "第一章　总　　则\n\n第一条 为规范社区工作，根据有关法律，制定本条例。\n\n"
                  "第二条 社区工作应当遵循下列原则：\n\n（一）党的领导；\n\n（二）居民自治；\n\n（三）依法办事。\n")


def doc_of(name: str, text: str, **meta) -> Document:
    return documents_from_text(name, text, meta, name)[0]


def test_a_regulations_header_lines_stay_apart():
    lines = clean(REGULATION_TXT).split("\n")
    assert lines[:4] == ["XX条例", "2021年6月29日 XX市第十五届人民代表大会常务委员会第三十一次会议通过",
                         "第一章 总 则", "第一条 为规范社区工作，根据有关法律，制定本条例。"]


def test_articles_are_labelled_body_and_their_items_are_list_items():
    d = doc_of("reg.txt", REGULATION_TXT)
    paths = {d.text[p.start:p.end]: p.path for p in paragraphs(d)}
    assert paths["第一条 为规范社区工作，根据有关法律，制定本条例。"] == ("XX条例", "第一章 总 则", "第一条")
    assert paths["（二）居民自治；"] == ("XX条例", "第一章 总 则", "第二条")  # an item, not a heading
    assert d.meta["date"] == "2021-06-29" and d.meta["doc_type"] == "法规"


def test_a_real_regulation_in_markdown(tmp_path):
    d = load_paths([CORPUS / "reg_jumin_weiyuanhui.md"], 50 << 20).documents[0]
    assert d.title == "中华人民共和国城市居民委员会组织法" and "#" not in d.text
    chunks = chunk_document(d)
    third = next(c for c in chunks if c.text.startswith("第三条"))
    assert third.section_path[-1] == "第三条" and "（六）向人民政府" in third.text  # items stay with it
    assert all(not c.section_path[-1].startswith("（") for c in chunks)
    assert all(d.text[c.start:c.end] == c.text for c in chunks)


def test_markdown_is_parsed_as_markdown(tmp_path):
    f = tmp_path / "plan.md"
    f.write_text("---\ntag: 社区\n---\n# 某社区议事协商实施方案\n\n## 一、工作目标\n\n建立**议事协商**机制，"
                 "详见[说明](http://example.org/x)。\n\n1. 每月召开一次议事会；\n2. 每季度公开一次结果。\n\n"
                 "| 阶段 | 时间 |\n|---|---|\n| 动员部署 | 3月 |\n", encoding="utf-8")
    d = load_paths([f], 50 << 20).documents[0]
    assert d.text.split("\n") == ["某社区议事协商实施方案", "一、工作目标", "建立议事协商机制，详见说明。",
                                  "1.每月召开一次议事会；", "2.每季度公开一次结果。", "阶段 时间", "动员部署 3月"]
    assert set(d.meta["headings"]) == {"某社区议事协商实施方案", "一、工作目标"}
    paths = {d.text[p.start:p.end]: p.path for p in paragraphs(d)}
    assert paths["1.每月召开一次议事会；"][-1] == "一、工作目标"  # list items are not headings


def test_a_markdown_note_is_body_text_under_its_title_never_a_heading():
    """VuePress notes (::: tip 记忆口诀 … :::) in a real regulation: the note keeps its title as a
    lead-in and stays in the article it annotates; it opens no section of its own."""
    d = load_paths([CORPUS / "reg_tekun_rending.md"], 50 << 20).documents[0]
    lines = d.text.split("\n")
    assert "记忆口诀：两只鸡十一溜溜三井里" in lines and ":::" not in d.text
    assert any(ln.startswith("注意：特困人员中的未成年人") for ln in lines)  # an untitled ::: warning
    chunks = chunk_document(d)
    assert all("两只鸡" not in label and "记忆口诀" not in label for c in chunks for label in c.section_path)
    fifth = next(c for c in chunks if c.text.startswith("第五条"))
    assert "两只鸡" in fifth.text and "（一）60周岁以上" in fifth.text


def test_word_heading_styles_and_automatic_numbering(tmp_path):
    w = docx.Document()
    w.add_heading("关于加强社区服务的通知", level=0)
    w.add_heading("工作措施", level=1)
    for text in ("建立服务清单", "公开办事流程"):
        w.add_paragraph(text, style="List Number")
    w.add_paragraph("各社区要抓好落实。")
    f = tmp_path / "notice.docx"
    w.save(f)
    d = load_paths([f], 50 << 20).documents[0]
    assert "工作措施" in d.meta["headings"] and d.title == "关于加强社区服务的通知"
    assert "一、建立服务清单" in d.text.split("\n") and "二、公开办事流程" in d.text.split("\n")
    assert d.meta["doc_type"] == "通知"


def test_html_keeps_its_headings(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("<html><body><article><h1>社区网格化管理办法</h1><h2>第一章 总则</h2>"
                 "<p>第一条 为了规范网格化管理工作，制定本办法。网格员应当每日巡查责任网格。</p>"
                 "<ul><li>收集社情民意；</li><li>排查安全隐患。</li></ul></article></body></html>", encoding="utf-8")
    text = read_file(f, 1 << 20)
    assert "\x1e社区网格化管理办法" in text and "收集社情民意；" in text


def test_a_list_lead_carries_its_items():
    from assistant.answer.sentences import answer_units

    text = "第三条 居民委员会的任务：\n（一）调解民间纠纷；\n（二）协助维护社会治安；\n（三）反映居民意见。\n第四条 另起一条。"
    units = answer_units(text, 0, len(text), 400)
    assert text[units[0][0]:units[0][1]].endswith("（三）反映居民意见。") and units[0][2] == "unit"
    assert len(sentence_spans(text)) > len(units)


def test_an_article_set_in_a_markdown_note_stays_the_article():
    """志愿服务记录与证明出具办法 sets 第二十六条 in a `::: tip` note: it printed 提示：第二十六条… and was
    quoted as part of 第二十五条 (cadre review 27). The article opens its own paragraph and chunk."""
    d = load_paths([CORPUS / "reg_zhiyuan_jilu.md"], 50 << 20).documents[0]
    lines = d.text.split("\n")
    assert any(ln.startswith("第二十六条慈善组织") for ln in lines) and "提示：第二十六条" not in d.text
    chunks = chunk_document(d)
    art = next(c for c in chunks if "第二十六条慈善组织" in c.text)
    assert art.text.startswith("第二十六条") and "第二十五条" not in art.text
