"""The Gradio app, driven through gradio_client on 127.0.0.1 (real corpus, real model)."""
from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

gradio_client = pytest.importorskip("gradio_client")

from assistant import Assistant  # noqa: E402
from ui import render  # noqa: E402
from ui.uploads import safe_name, save_uploads  # noqa: E402

NEW_DOC = """阳光里社区“三色预警”工作法

阳光里社区位于示范区中部，常住人口八千余人。

一、主要做法
社区推行“三色预警”工作法，即红色预警、黄色预警、绿色预警。红色预警针对独居高龄老人，由网格员每日上门探访；黄色预警针对困难家庭，每周电话回访一次；绿色预警针对一般住户，每月走访一次。
二、工作成效
实行“三色预警”工作法以来，社区共排查独居老人一百二十六人，及时处置突发情况十四起。
"""


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_kb(tmp_path_factory, settings, embedder) -> Assistant:
    """A private index (uploads and deletes must not touch the session's shared kb)."""
    home = tmp_path_factory.mktemp("ui-home")
    mine = settings.model_copy(update={"home": home, "cache": settings.cache_dir})
    return Assistant.open(settings=mine, embedder=embedder)


@pytest.fixture(scope="module")
def server(app_kb):
    from ui.app import launch
    demo, url = launch(app_kb, "127.0.0.1", _free_port(), block=False)
    yield url
    demo.close()


@pytest.fixture(scope="module")
def client(server):
    return gradio_client.Client(server, verbose=False)


def _upload(client, *paths: Path):
    html, *_ = client.predict([gradio_client.handle_file(str(p)) for p in paths], api_name="/upload")
    return html


# ---- 问答 ---------------------------------------------------------------------------------
def test_ask_returns_citations_that_point_into_documents(client, app_kb):
    ans = client.predict("网格化管理怎么做？", api_name="/ask")
    assert ans["found"] and ans["citations"]
    for c in ans["citations"]:
        assert app_kb.document(c["doc_id"]).text[c["start"]:c["end"]] == c["quote"]
        assert f"[{c['n']}]" in ans["text"]


def test_chat_streams_answer_with_clickable_markers_and_source_cards(client, app_kb):
    history, box = client.predict("网格化管理怎么做？", [], api_name="/chat")
    assert box == ""
    msg = history[-1]["content"]
    msg = msg if isinstance(msg, str) else str(msg)
    keys = re.findall(r'href="#cite-([^"]+)"', msg)
    assert keys and msg.count('class="src-card"') >= 1
    n, chunk_id, start, end = render.parse_cite_key(keys[0])
    panel = client.predict(keys[0], api_name="/source")
    doc = next(d for d in app_kb.documents() if any(c.chunk_id == chunk_id for c in app_kb.chunks(d.doc_id)))
    assert f'<mark class="cite-hl">{render.esc(doc.text[start:end])}</mark>' in panel
    assert "查看全文" in panel


STRATEGY_QUESTIONS = {  # one question per answer strategy, method cards whose quotes are headings
    "method_card": ["“4+1”工作法包括哪些内容？", "“五化五提升”是什么？"],
    "list_sentence": ["居民委员会的任务有哪些？"],
    "survey": ["各地在社区网格化管理方面都有哪些做法？"],
    "multi_part": ["居民委员会每届任期几年？由多少人组成？"],
    "best_sentences": ["居民会议必须有多少人出席才能举行？"],
}


def test_every_citation_opens_a_passage_with_its_quote_highlighted(client, app_kb):
    for strategy, questions in STRATEGY_QUESTIONS.items():
        for q in questions:
            ans = app_kb.ask(q)
            assert ans.trace["strategy"] == strategy and ans.citations, q
            for c in ans.citations:
                panel = client.predict(render.cite_key(c.n, c.chunk_id, c.start, c.end), api_name="/source")
                marks = re.findall(r'<mark class="cite-hl">(.*?)</mark>', panel, re.S)
                assert marks == [render.esc(c.quote)] and c.quote.strip(), (q, c.n, panel)


def test_a_quoted_heading_is_labelled_with_its_own_section(client, app_kb):
    ans = app_kb.ask("“五化五提升”是什么？")
    for c in ans.citations:
        panel = client.predict(render.cite_key(c.n, c.chunk_id, c.start, c.end), api_name="/source")
        sec = re.search(r'<div class="panel-sec">章节：(.*?)</div>', panel).group(1)
        assert sec.endswith(render.esc(c.quote.strip())), (c.quote, sec)


def test_copy_text_is_plain_answer_with_sources(app_kb):
    ans = app_kb.ask("居民会议必须有多少人出席才能举行？")
    text = render.answer_plain(ans)
    c = ans.citations[0]
    assert text.startswith(ans.text.strip()) and "[1]" in text and "<" not in text.replace("《", "")
    assert f"[1] 《{c.title}》" in text and f"“{c.quote.strip()}”" in text
    html_ = render.answer_html(ans)
    assert '<span class="copy-src">' in html_ and "\n" not in html_


def test_out_of_scope_question_says_library_has_no_basis(client):
    history, _ = client.predict("个人所得税专项附加扣除怎么填报？", [], api_name="/chat")
    msg = str(history[-1]["content"])
    assert "资料库中没有依据" in msg and "href=\"#cite-" not in msg


def test_bad_citation_key_gets_a_chinese_message(client):
    assert "无法识别" in client.predict("../../etc/passwd", api_name="/source")


def test_document_page_is_escaped_and_scrolls_to_the_span(server, app_kb):
    doc = app_kb.documents()[0]
    url = server.rstrip("/") + "/" + render.doc_url(doc.doc_id, 10, 30).split("#")[0]
    with urllib.request.urlopen(url) as r:
        page = r.read().decode("utf-8")
        assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    assert f'<mark class="cite-hl" id="hl">{render.esc(doc.text[10:30])}</mark>' in page


def test_page_loads_nothing_from_the_internet(server):
    with urllib.request.urlopen(server) as r:
        page = r.read().decode("utf-8")
    with urllib.request.urlopen(server.rstrip("/") + "/theme.css") as r:
        css = r.read().decode("utf-8")
    assert "fonts.googleapis" not in page + css and "fonts.gstatic" not in page + css
    assert "社区治理知识助手" in page


# ---- 资料库 -------------------------------------------------------------------------------
def test_upload_then_cited_then_delete(client, app_kb, tmp_path):
    f = tmp_path / "阳光里社区三色预警.txt"
    f.write_text(NEW_DOC, encoding="utf-8")
    html = _upload(client, f)
    assert "已添加" in html and "阳光里社区三色预警.txt" in html
    stored = app_kb.settings.library_dir / f.name
    assert stored.exists()

    ans = client.predict("三色预警工作法中红色预警针对哪些人？", api_name="/ask")
    assert any(c["doc_id"] == f.name for c in ans["citations"]), ans

    title = app_kb.document(f.name).title
    res = client.predict(f.name, api_name="/delete")  # uploaded after the server started
    assert res["deleted"] and f"《{title}》" in res["message"]
    assert app_kb.document(f.name) is None and not stored.exists()
    assert f.name not in str(client.predict(f.name, api_name="/delete"))  # 请先选择…, no id echoed
    ans = client.predict("三色预警工作法中红色预警针对哪些人？", api_name="/ask")
    assert all(c["doc_id"] != f.name for c in ans["citations"])


def test_bad_files_are_rejected_with_chinese_reasons(client, app_kb, tmp_path):
    pdf = tmp_path / "损坏的文件.pdf"
    pdf.write_bytes(b"this is not a pdf at all")
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ\x90\x00")
    n_docs = len(app_kb.documents())
    html = _upload(client, pdf, exe)
    rows = re.findall(r"<tr class=\"bad\"><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert {r[0] for r in rows} == {"损坏的文件.pdf", "tool.exe"}
    assert all(r[1] == "未导入" and re.search(r"[\u4e00-\u9fff]", r[2]) for r in rows)
    assert "不支持的文件类型" in html
    assert len(app_kb.documents()) == n_docs
    assert not list(app_kb.settings.library_dir.glob("tool*"))


def test_upload_names_are_sanitized_and_size_limited(tmp_path):
    lib = tmp_path / "library"
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("社区治理" * 10, encoding="utf-8")
    assert safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_name("..\\..\\win.txt") == "win.txt"
    assert safe_name("....") == ""
    big = src / "big.txt"
    big.write_bytes(b"x" * 2048)
    res = save_uploads([src / "a.txt", big], lib, max_bytes=1024, taken={"a.txt"})
    ok, too_big = res.saved
    assert ok.path == (lib / "a_2.txt").resolve()  # a corpus document owns a.txt
    assert too_big.path is None and "太大" in too_big.reason
    assert all(p.parent == lib.resolve() for p in lib.rglob("*"))


# ---- features built by the methods / plan / quiz modules ------------------------------------
def test_method_lookup(client):
    html = client.predict("4+1工作法", api_name="/method")
    assert "组成部分" in html and "<li>" in html


def test_plan_download(client):
    preview, files = client.predict("加强网格化管理", "XX社区党委", "", "", "", api_name="/plan")
    paths = sorted(Path(f if isinstance(f, str) else f["path"]) for f in files)
    assert {p.suffix for p in paths} == {".docx", ".md"}
    import docx
    text = "\n".join(p.text for p in docx.Document(str(next(p for p in paths if p.suffix == ".docx"))).paragraphs)
    assert "主要措施" in text and "主要措施" in preview and "XX社区党委" in preview


def test_quiz_download(client):
    args = ("", [], [], 6, ["单选题", "判断题"], "中", 7)
    plain, files = client.predict(*args, False, api_name="/quiz")
    keyed, _ = client.predict(*args, True, api_name="/quiz")
    assert "quiz-item" in plain and "答案：" not in plain and "答案：" in keyed
    paths = [Path(f if isinstance(f, str) else f["path"]) for f in files]
    assert {".docx", ".xlsx", ".csv"} <= {p.suffix for p in paths}
    import docx  # the student paper to hand out: the items without the answers (trainer review 57)
    student = next(p for p in paths if p.name.endswith("_学生卷.docx"))
    text = "\n".join(p.text for p in docx.Document(str(student)).paragraphs)
    assert "（学生用卷）" in text and "答案：" not in text and "参考答案" not in text


def test_quiz_region_keeps_national_texts_only(client):
    """The 适用地区 field: 全国 keeps national texts only, and the preview says so."""
    args = ("", [], [], 4, ["单选题"], "中", 3)
    plain, _files = client.predict(*args, False, "全国（只用全国性文件）", api_name="/quiz")
    assert "地区：全国（只用全国性文件）" in plain and "quiz-item" in plain
    for place in ("北京", "上海"):  # no item cites a local text of these places
        assert f"{place}市物业管理条例" not in plain and f"{place}市居民委员会工作条例" not in plain


def test_quiz_scope_with_a_deleted_document_gets_a_chinese_message(client):
    args = ("", ["已删除的文档.txt"], [], 3, ["单选题"], "中", 1)
    plain, _files = client.predict(*args, False, api_name="/quiz")
    assert "已从资料库删除" in plain and "已删除的文档.txt" in plain and "shequ" not in plain


def test_web_errors_carry_no_command_line_advice():
    assert render.web_text("主题没有资料。请换一个主题，或先用 shequ ingest 导入相关资料。") == \
        "主题没有资料。请换一个主题，或先到“资料库”页上传相关资料。"
    assert render.web_text("找不到文档：x。可用 `shequ search` 或文档列表查看文档编号。") == "找不到文档：x。"
    assert "shequ" not in render.web_text("索引损坏。请运行 shequ ingest 从原文件重建（或 shequ index rollback 回到上一个版本）")
    assert render.web_text("shequ ingest") == "操作没有完成，请稍后再试或联系管理员。"


def test_method_comparison_table(client, app_kb):
    names = list(dict.fromkeys(c["name"] for c in app_kb.methods() if c["complete"]))[:2]
    html = client.predict(names, api_name="/compare")
    assert html.count("<th>") >= 3 and "组成部分" in html and "地点" in html
    assert "请选择 2–4 个" in client.predict(names[:1], api_name="/compare")


def test_feedback_is_stored_locally_and_exported(client, app_kb):
    """有用/没用 on an answer goes to $SHEQU_HOME/feedback.jsonl with question, answer,
    citations and trace; the library tab exports it (issue 14)."""
    from assistant import feedback

    ans = client.predict("“4+1”工作法包括哪些内容？", api_name="/ask")
    assert ans["id"]
    first = client.predict(ans["id"], True, api_name="/feedback")
    second = client.predict(ans["id"], False, api_name="/feedback")
    assert first["recorded"] and second["recorded"] and "有用" in first["message"]
    assert not client.predict("no-such-id", True, api_name="/feedback")["recorded"]
    rows = [r for r in feedback.read(app_kb.settings.home) if r["question"] == "“4+1”工作法包括哪些内容？"]
    assert [r["useful"] for r in rows[-2:]] == [True, False]
    assert rows[-1]["citations"] and rows[-1]["trace"].get("strategy") == "method_card"
    path, msg = client.predict(api_name="/export_feedback")
    assert "有用" in msg and Path(path).read_text(encoding="utf-8").count("\n") >= 2
