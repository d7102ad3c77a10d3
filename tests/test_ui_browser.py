"""A real browser (Debian's Chromium via Playwright) against the app on 127.0.0.1.

Screenshots go to $SHEQU_SCREENSHOTS (default: a pytest temp folder)."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (package only)")
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)

from assistant import Assistant  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
XSS_DOC = """测试社区<script>alert(1)</script>邻里互助办法

一、总体要求
邻里互助办法由社区居委会牵头实施<img src=x onerror="window.__xss=1;alert(2)">，组织志愿者结对帮扶高龄独居老人。
二、主要做法
每名志愿者结对帮扶两户高龄独居老人<script>window.__xss=2</script>，每周上门看望一次，并在{{value}}和${alert(3)}台账中记录。
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def ui_kb(tmp_path_factory, settings, embedder):
    home = tmp_path_factory.mktemp("ui-browser-home")
    return Assistant.open(settings=settings.model_copy(update={"home": home, "cache": settings.cache_dir}),
                          embedder=embedder)


@pytest.fixture(scope="module")
def server(ui_kb):
    from ui.app import launch
    demo, url = launch(ui_kb, "127.0.0.1", _free_port(), block=False)
    yield url
    demo.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    d = Path(os.environ.get("SHEQU_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records dialogs and every request leaving 127.0.0.1."""
    pg = browser.new_page(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    pg.dialogs, pg.external = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
          or pg.external.append(r.url))
    pg.goto(server)
    pg.wait_for_selector("#question textarea")
    yield pg
    pg.close()


def _ask(pg, question: str) -> None:
    pg.fill("#question textarea", question)
    pg.press("#question textarea", "Enter")
    pg.wait_for_selector("#chat .shequ-answer .src-list, #chat .no-basis", timeout=30000)


def _settle(pg) -> None:
    pg.wait_for_timeout(700)  # let Gradio drop its "pending" fade (it never goes network-idle)


def test_ask_click_citation_shows_highlighted_span(page, shots):
    _ask(page, "网格化管理怎么做？")
    first = page.locator("#chat a.cite").first
    n = first.inner_text().strip("[]")
    first.click()
    mark = page.locator("#panel mark.cite-hl")
    mark.wait_for(state="visible", timeout=10000)
    assert mark.is_visible() and mark.inner_text().strip()
    assert page.locator("#panel .panel-n").inner_text() == f"引用 [{n}]"
    box = mark.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    _settle(page)
    page.screenshot(path=str(shots / "01_问答_引用.png"), full_page=True)

    # The source card opens the panel too, and the link opens the whole document at the span.
    page.locator("#chat a.src-card").last.click()
    page.wait_for_function("document.querySelector('#panel .panel-n')?.innerText.length > 0")
    with page.expect_popup() as popup:
        page.locator("#panel a.doc-link").click()
    doc = popup.value
    doc.wait_for_load_state()
    hl = doc.locator("mark#hl")
    hl.wait_for(state="visible", timeout=10000)
    assert hl.inner_text() == page.locator("#panel mark.cite-hl").inner_text()
    assert doc.evaluate("document.getElementById('hl').getBoundingClientRect().top") < 1000
    doc.screenshot(path=str(shots / "02_全文定位.png"))
    doc.close()
    assert page.external == [] and page.dialogs == []


def test_out_of_scope_and_examples(page, shots):
    # Gradio renders the examples block after the textbox; wait rather than sample once.
    page.get_by_text("示例问题").first.wait_for(state="visible", timeout=15000)
    _ask(page, "驾驶证到期了怎么换证？")
    assert page.locator("#chat .no-basis").inner_text().startswith("资料库中没有依据")
    _settle(page)
    page.screenshot(path=str(shots / "03_问答_无依据.png"), full_page=True)


def _upload(page, f, text: str):
    """Upload one file through the 资料库 tab and wait for the result table."""
    f.write_text(text, encoding="utf-8")
    page.get_by_role("tab", name="资料库").click()
    page.locator("#upload-files input[type=file]").set_input_files(str(f))
    page.wait_for_timeout(500)
    page.click("#upload-btn")
    page.wait_for_selector("#upload-result table", timeout=60000)
    return f


def test_uploaded_script_never_runs(page, server, shots, tmp_path):
    _upload(page, tmp_path / "xss<script>.txt", XSS_DOC)
    assert "已添加" in page.inner_text("#upload-result")
    table = page.inner_text("#doc-table")
    assert "<script>alert(1)</script>" in table  # shown as text
    _settle(page)
    page.screenshot(path=str(shots / "04_资料库_上传.png"), full_page=True)

    page.get_by_role("tab", name="问答").click()
    _ask(page, "邻里互助办法中志愿者结对帮扶几户高龄独居老人？")
    page.locator("#chat a.cite").first.click()
    page.locator("#panel mark.cite-hl").wait_for(state="visible")
    panel_text = page.inner_text("#panel")
    with page.expect_popup() as popup:
        page.locator("#panel a.doc-link").click()
    doc = popup.value
    doc.wait_for_load_state()
    assert "<script>window.__xss=2</script>" in doc.inner_text("body")
    assert doc.evaluate("window.__xss") is None
    doc.close()
    _settle(page)
    page.screenshot(path=str(shots / "05_问答_含脚本文档.png"), full_page=True)
    assert "<script>" in page.inner_text("#chat") + panel_text
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == [] and page.external == []


def test_feature_tabs_screenshots(page, shots):
    """Each tab with real content, for a human to look at (and basic sanity)."""
    page.get_by_role("tab", name="方法库").click()
    page.locator("#method-table").wait_for()
    page.locator('#method-table [data-testid="cell-0-0"]').click()
    page.wait_for_selector("#card-view .card-view", timeout=15000)
    _settle(page)
    page.screenshot(path=str(shots / "06_方法库.png"), full_page=True)
    page.get_by_role("tab", name="方案起草").click()
    page.fill("#plan-topic textarea", "加强网格化管理")
    page.click("#plan-btn")
    page.wait_for_selector("#plan-preview .plan-view, #plan-preview .ans-error", timeout=60000)
    _settle(page)
    page.screenshot(path=str(shots / "07_方案起草.png"), full_page=True)
    assert page.locator("#plan-preview .plan-view").count() == 1
    page.get_by_role("tab", name="出题").click()
    page.click("#quiz-btn")
    page.wait_for_selector("#quiz-preview .quiz-item", timeout=60000)
    page.locator("#quiz-show input").check()
    page.wait_for_selector("#quiz-preview .quiz-key")
    _settle(page)
    page.screenshot(path=str(shots / "08_出题.png"), full_page=True)
    page.get_by_role("tab", name="资料库").click()
    page.locator("#doc-table").wait_for()
    _settle(page)
    page.screenshot(path=str(shots / "09_资料库.png"), full_page=True)
    assert page.external == []


# ---- issue 14: citations, copy, lists in sync, deleting, Chinese only, phone layout ---------
STRATEGY_QUESTIONS = ["“4+1”工作法包括哪些内容？", "“五化五提升”是什么？", "居民委员会的任务有哪些？",
                      "各地在社区网格化管理方面都有哪些做法？", "居民会议必须有多少人出席才能举行？"]
SANGSE = """阳光里社区“三色预警”工作法

一、主要做法
社区推行“三色预警”工作法，即红色预警、黄色预警、绿色预警。红色预警针对独居高龄老人，由网格员每日上门探访。
二、工作成效
实行“三色预警”工作法以来，社区共排查独居老人一百二十六人。
"""
# Text nodes and labels with a run of Latin letters, outside document content (tables of
# documents and cards, chat messages, source panel, the delete list) and file extensions.
ENGLISH_JS = r"""() => {
  const skip = '[role=grid], #delete-pick, #chat .message, .shequ-answer, .shequ-panel, #card-view, '
             + '#compare-view, #quiz-preview, #plan-preview, #upload-result, script, style, [role=listbox]';
  const bad = (t) => /[A-Za-z]{3,}/.test(t.replace(/[\w.#-]*\.(txt|md|html?|docx|pdf|xlsx|csv|json)\b/g, '')
                                          .replace(/\b[0-9a-f]{16}\b/g, '').replace(/(x{3,}|\*{2})/g, ''));
  const out = new Set();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) { const n = w.currentNode, el = n.parentElement;
    if (!el || el.closest(skip) || !n.textContent.trim()) continue;
    if (bad(n.textContent)) out.add(n.textContent.trim().slice(0, 80)); }
  document.querySelectorAll('[aria-label],[title],[placeholder]').forEach(el => {
    if (el.closest('[role=grid] tbody, #chat .message .shequ-answer')) return;
    for (const a of ['aria-label', 'title', 'placeholder']) { const v = el.getAttribute(a);
      if (v && bad(v)) out.add(a + '=' + v.slice(0, 80)); } });
  return [...out];
}"""
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
TABS = ["问答", "方法库", "方案起草", "出题", "资料库"]


def _last_answer(pg):
    return pg.locator("#chat .shequ-answer").last


def _open_cite(pg, link) -> str:
    n = link.inner_text().strip("[]")
    link.click()
    pg.wait_for_function(f"document.querySelector('#panel .panel-n')?.innerText === '引用 [{n}]'",
                         timeout=10000)
    return n


def test_every_citation_of_each_strategy_highlights_its_quote(page, ui_kb, shots):
    for i, q in enumerate(STRATEGY_QUESTIONS):
        quotes = {c.n: c.quote for c in ui_kb.ask(q).citations}
        _ask(page, q)
        page.wait_for_function(f"document.querySelectorAll('#chat .shequ-answer .src-list').length >= {i + 1}")
        links = _last_answer(page).locator(".ans-text a.cite")
        assert links.count() >= 1, q
        seen = set()
        for j in range(links.count()):
            n = int(_open_cite(page, links.nth(j)))
            # The panel may still show the previous answer's citation of the same number: wait
            # (bounded) for it to show this one's, then check exactly what it shows.
            try:
                page.wait_for_function("q => document.querySelector('#panel mark.cite-hl')?.innerText === q",
                                       arg=quotes[n], timeout=5000)
            except Exception:
                pass
            mark = page.locator("#panel mark.cite-hl")
            assert mark.count() == 1 and mark.is_visible()
            assert mark.inner_text() == quotes[n] and quotes[n].strip(), (q, n)
            seen.add(n)
        assert seen == set(quotes), q
        if q.startswith("“五化五提升”"):
            _settle(page)
            page.screenshot(path=str(shots / "10_问答_方法卡标题引用.png"), full_page=True)
    assert page.external == [] and page.dialogs == []


def test_copy_gives_plain_text_with_sources(page, server, ui_kb, shots):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    q = "居民会议必须有多少人出席才能举行？"
    ans = ui_kb.ask(q)
    _ask(page, q)
    _last_answer(page).locator("a.copy-ans").click()
    page.wait_for_function("document.querySelector('#chat a.copy-ans').innerText === '已复制'")
    text = page.evaluate("navigator.clipboard.readText()")
    c = ans.citations[0]
    assert text.startswith(ans.text.strip()) and "[1]" in text and "来源：" in text
    assert f"[1] 《{c.title}》" in text and c.quote.strip() in text
    assert "<" not in text and "&#" not in text and "shequ-answer" not in text


def _quiz_doc_options(pg) -> list[str]:
    pg.get_by_role("tab", name="出题").click()
    pg.locator("#quiz-docs input").click()
    pg.locator("#quiz-docs [role=option]").first.wait_for(state="attached", timeout=10000)
    opts = pg.eval_on_selector_all("#quiz-docs [role=option]", "os => os.map(o => o.getAttribute('aria-label'))")
    pg.keyboard.press("Escape")
    return opts


def test_delete_searches_confirms_undoes_and_lists_stay_in_sync(browser, page, server, ui_kb, shots, tmp_path):
    other = browser.new_page(locale="zh-CN", viewport={"width": 1366, "height": 900})  # a second tab
    other.goto(server)
    other.get_by_role("tab", name="资料库").click()
    other.locator("#delete-pick").wait_for()

    f = _upload(page, tmp_path / "阳光里社区三色预警.txt", SANGSE)
    title = ui_kb.document(f.name).title
    assert title in _quiz_doc_options(page)  # the quiz scope knows the new document at once
    # The other open tab's delete list picks it up without a reload.
    other.wait_for_function(f"document.querySelector('#delete-pick').innerText.includes('{f.name}')",
                            timeout=15000)
    other.close()

    page.get_by_role("tab", name="资料库").click()
    assert page.locator("#delete-pick input:checked").count() == 0  # nothing preselected
    before = page.locator("#delete-pick input[type=radio]").count()
    page.locator("#delete-search textarea, #delete-search input").first.click()
    page.keyboard.insert_text("三色预警")  # what an input method commits
    page.wait_for_function(f"document.querySelectorAll('#delete-pick input[type=radio]').length < {before}")
    assert page.locator("#delete-pick input[type=radio]").count() == 1
    page.locator("#delete-pick label", has_text=f.name).click()
    page.click("#delete-btn")
    warn = page.locator("#delete-warn")
    warn.wait_for(state="visible")
    assert title in warn.inner_text() and f.name in warn.inner_text()
    _settle(page)
    page.screenshot(path=str(shots / "11_资料库_确认删除.png"), full_page=True)
    page.click("#delete-yes")
    page.wait_for_function("document.querySelector('#delete-msg').innerText.includes('已删除')", timeout=30000)
    page.locator("#delete-undo").wait_for(state="visible")
    page.wait_for_function(f"!document.querySelector('#doc-table').innerText.includes('{f.name}')")
    assert ui_kb.document(f.name) is None
    assert title not in _quiz_doc_options(page)

    page.get_by_role("tab", name="资料库").click()
    page.click("#delete-undo")
    page.wait_for_function("document.querySelector('#delete-msg').innerText.includes('已恢复')", timeout=60000)
    page.wait_for_function(f"document.querySelector('#doc-table').innerText.includes('{f.name}')")
    assert ui_kb.document(f.name) is not None
    _settle(page)
    page.screenshot(path=str(shots / "12_资料库_撤销删除.png"), full_page=True)
    assert page.external == [] and page.dialogs == []


def test_no_english_or_framework_text(page, server, ui_kb, shots, tmp_path):
    _ask(page, "网格化管理怎么做？")
    for tab in TABS:
        page.get_by_role("tab", name=tab).click()
        _settle(page)
        assert page.evaluate(ENGLISH_JS) == [], tab
    # Gradio refuses an oversized file in the browser, with its own English message.
    big = tmp_path / "太大的文件.txt"
    with big.open("wb") as fh:
        fh.truncate(int(ui_kb.settings.max_file_mb * 1048576) + 1024)
    page.get_by_role("tab", name="资料库").click()
    page.locator("#upload-files input[type=file]").set_input_files(str(big))
    toast = page.get_by_text("文件超过大小上限")
    toast.wait_for(state="visible", timeout=15000)
    _settle(page)
    page.screenshot(path=str(shots / "13_上传过大.png"))
    assert "exceed" not in page.inner_text("body") and page.evaluate(ENGLISH_JS) == []


@pytest.mark.parametrize("size", list(SIZES))
def test_layout_at_phone_and_desktop_sizes(browser, server, shots, size):
    pg = browser.new_page(locale="zh-CN", viewport=SIZES[size], is_mobile=size == "phone",
                          has_touch=size == "phone")
    pg.goto(server)
    pg.wait_for_selector("#question textarea")
    width = SIZES[size]["width"]
    for tab in TABS:  # every tab in the tab bar itself, none behind a "…" menu
        box = pg.get_by_role("tab", name=tab).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (size, tab)
    _ask(pg, "“4+1”工作法包括哪些内容？")
    _open_cite(pg, _last_answer(pg).locator(".ans-text a.cite").nth(1))
    pg.wait_for_timeout(800)  # the panel scrolls into view
    top, bottom = pg.evaluate("(() => {const r = document.querySelector('#panel mark.cite-hl')"
                              ".getBoundingClientRect(); return [r.top, r.bottom]})()")
    assert 0 <= top and bottom <= SIZES[size]["height"], (size, top, bottom)
    pg.screenshot(path=str(shots / f"20_{size}_问答_引用.png"))
    for i, tab in enumerate(TABS):
        pg.get_by_role("tab", name=tab).click()
        pg.wait_for_timeout(900)
        pg.screenshot(path=str(shots / f"2{i + 1}_{size}_{tab}.png"), full_page=True)
        if tab in ("方法库", "资料库"):  # table columns wide enough to read
            grid = "#method-table" if tab == "方法库" else "#doc-table"
            widths = pg.eval_on_selector_all(f"{grid} thead th", "ths => ths.map(t => t.offsetWidth)")
            assert widths and min(widths[:3]) >= 60, (size, tab, widths)
    pg.close()
