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
    _ask(page, "公租房怎么申请？")
    assert page.locator("#chat .no-basis").inner_text().startswith("资料库中没有依据")
    _settle(page)
    page.screenshot(path=str(shots / "03_问答_无依据.png"), full_page=True)


def test_uploaded_script_never_runs(page, server, shots, tmp_path):
    f = tmp_path / "xss<script>.txt"
    f.write_text(XSS_DOC, encoding="utf-8")
    page.get_by_role("tab", name="资料库").click()
    page.locator("#upload-files input[type=file]").set_input_files(str(f))
    page.wait_for_timeout(500)
    page.click("#upload-btn")
    page.wait_for_selector("#upload-result table", timeout=60000)
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
