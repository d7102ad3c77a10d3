"""The Gradio app: five tabs over one Assistant. `shequ ui` calls `main`."""
from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # offline: no analytics calls
os.environ.setdefault("GRADIO_TELEMETRY_ENABLED", "False")

import sys  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

import gradio as gr  # noqa: E402

from . import render, tab_ask, tab_library, tab_methods, tab_plan, tab_quiz  # noqa: E402

TITLE = "社区治理知识助手"
# System fonts only, so nothing is fetched from Google Fonts or a CDN.
FONTS = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
         "WenQuanYi Micro Hei", "system-ui", "sans-serif"]
MONO = ["Consolas", "Noto Sans Mono CJK SC", "monospace"]
CSS = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")
# Gradio's built-in English labels and status text, rewritten in Chinese in the browser.
HEAD = f'<script>{Path(__file__).with_name("zh.js").read_text(encoding="utf-8")}</script>'


def theme() -> gr.themes.Base:
    return gr.themes.Default(primary_hue="red", secondary_hue="orange", font=FONTS, font_mono=MONO)


def build_app(kb) -> gr.Blocks:
    """All tabs; every handler calls the Assistant and renders its result."""
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.HTML(f'<div class="app-head"><h1>{TITLE}</h1><p>基于本地资料库回答社区治理问题，'
                "每句话都注明出处；也可查方法、起草实施方案、出培训题。全部离线运行。</p></div>",
                js_on_load=None)
        with gr.Tabs():
            with gr.Tab("问答", id="ask") as t_ask:
                tab_ask.build(kb)
            with gr.Tab("方法库", id="methods") as t_methods:
                methods = tab_methods.build(kb)
            with gr.Tab("方案起草", id="plan") as t_plan:
                tab_plan.build(kb)
            with gr.Tab("出题", id="quiz") as t_quiz:
                quiz = tab_quiz.build(kb)
            with gr.Tab("资料库", id="library") as t_library:
                library = tab_library.build(kb)
        sync_lists(demo, kb, [methods, quiz, library], [t_ask, t_methods, t_plan, t_quiz, t_library],
                   library["changed"])
    return demo


def library_stamp(kb) -> str:
    """Changes whenever a document is added, updated or removed (by anyone)."""
    data = kb.data  # a new snapshot object after every ingest or removal
    return f"{id(data)}:{len(data.documents)}:{len(data.chunks)}"


def sync_lists(demo, kb, parts: list[dict], tabs: list, changes: list, every: float = 5.0) -> None:
    """Every document list (quiz scope, method library, delete list, document table) is
    refreshed on page load, on every tab switch, right after an upload, delete or undo, and,
    for other open browser tabs, when a timer sees that the library changed."""
    inputs = [c for p in parts for c in p["inputs"]]
    outputs = [c for p in parts for c in p["outputs"]]
    stamp = gr.State("")

    def refresh_all(*vals):
        out, i = [], 0
        for p in parts:
            k = len(p["inputs"])
            r = p["refresh"](*vals[i:i + k])
            i += k
            out += list(r) if isinstance(r, tuple) else [r]
        return [*out, library_stamp(kb)]

    def poll(seen, *vals):
        if seen == library_stamp(kb):
            return [gr.skip()] * (len(outputs) + 1)
        return refresh_all(*vals)

    common = {"inputs": inputs, "outputs": [*outputs, stamp], "api_visibility": "private",
              "queue": False, "show_progress": "hidden"}
    demo.load(refresh_all, **common)
    for t in tabs:
        t.select(refresh_all, **common)
    for ev in changes:
        ev.then(refresh_all, **common)
    gr.Timer(every).tick(poll, **{**common, "inputs": [stamp, *inputs]})


def add_document_route(app, kb) -> None:
    """GET shequ/doc?id=…&s=…&e=… : the whole document, escaped, scrolled to the span."""
    from fastapi import Query
    from fastapi.responses import HTMLResponse

    def document(id: str = Query(...), s: int | None = None, e: int | None = None) -> HTMLResponse:
        doc = kb.document(id)
        if doc is None:
            return HTMLResponse(render.document_page_missing(), status_code=404)
        return HTMLResponse(render.document_page(doc, s, e), headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})

    app.add_api_route("/shequ/doc", document, methods=["GET"], include_in_schema=False)
    # Gradio's catch-all routes were registered first; move ours to the front.
    app.router.routes.insert(0, app.router.routes.pop())


def launch(kb, host: str = "127.0.0.1", port: int | None = 7860, block: bool = True):
    """Start the server; returns (demo, url). With block=False it runs in a thread."""
    demo = build_app(kb)
    demo.queue(default_concurrency_limit=4, max_size=256)
    app, url, _ = demo.launch(
        server_name=host, server_port=port, prevent_thread_lock=True, quiet=not block,
        theme=theme(), css=CSS, head=HEAD, footer_links=[], show_error=True,
        max_file_size=int(kb.settings.max_file_mb * 1048576), ssr_mode=False, mcp_server=False)
    add_document_route(app, kb)
    if block:
        demo.block_thread()
    return demo, url


def _warm_plans(kb) -> None:
    """Read the units' own statute clauses into the store in the background: the first plan a
    user drafts would otherwise wait 7–24 s for it (it waits for this pass if it comes sooner)."""
    try:
        if kb.warm_plans():
            print("起草方案所需的单位法定职责条款已准备好。", file=sys.stderr)
    except Exception as e:  # noqa: BLE001 - only a speed-up: the plan computes it itself
        print(f"预先整理单位法定职责条款未完成（{e}）：第一次起草方案时会自动补算，稍慢一些。", file=sys.stderr)


def main(host: str = "127.0.0.1", port: int = 7860) -> int:
    """`shequ ui`: open (building if needed, with progress) and serve until Ctrl+C."""
    from assistant import Assistant
    from assistant.cli import _progress_printer

    print("正在打开资料库索引（首次运行需要建立索引）…", file=sys.stderr)
    kb = Assistant.open(progress=_progress_printer())
    print(f"{TITLE}已启动：http://{host}:{port}/ （按 Ctrl+C 退出）", file=sys.stderr)
    threading.Thread(target=_warm_plans, args=(kb,), daemon=True).start()
    launch(kb, host, port, block=True)
    return 0
