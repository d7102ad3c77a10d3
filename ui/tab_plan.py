"""方案起草 tab: a form, an escaped preview with citations, and .docx/.md downloads."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import gradio as gr

from assistant import plan as plan_mod
from assistant.errors import ShequError

from . import render
from .uploads import safe_name

EXAMPLE_TOPICS = ["加强网格化管理", "推进社区协商", "整顿后进基层党组织", "在职党员进社区"]
_MARK = re.compile(r"\[(\d+)\]")


def _cited(text: str, cites: dict) -> str:
    """Escaped text whose [n] markers link to the whole document at the cited span."""
    def sub(m: re.Match) -> str:
        c = cites.get(int(m.group(1)))
        if c is None:
            return m.group(0)
        url = render.doc_url(c.doc_id, c.start, c.end)
        return f'<a class="cite" href="{render.esc(url)}" target="_blank" rel="noopener">[{c.n}]</a>'
    return _MARK.sub(sub, render.esc(text))


_HTML = {"title": '<h2 style="text-align:center">{}</h2>', "drafter": '<p class="incomplete"><b>{}</b></p>',
         "notice": '<p class="incomplete">提示：{}</p>',
         "problem": '<div class="ans-error">依据核查未通过，草稿不能直接使用：{}</div>', "h1": "<h3>{}</h3>",
         "h2": "<h4>{}</h4>", "para": "<p>{}</p>", "duty": '<p class="muted">{}</p>', "ref": "<p>{}</p>",
         "signature": '<p style="text-align:right;margin-right:4em">{}</p>', "pagebreak": "<hr>",
         "appendix": "<h3>{}</h3>", "appendix_title": '<h3 style="text-align:center">{}</h3>',
         "quote": '<div class="quote">{}</div>'}


def plan_html(plan) -> str:
    """The draft in the 实施方案 outline (the same blocks as the .docx); all text escaped,
    [n] markers in measures link to the cited span."""
    from assistant.plan.outline import outline

    cites = {c.n: c for c in plan.citations}
    out = ['<div class="plan-view">']
    for b in outline(plan):
        body = _cited(b.text, cites) if b.kind == "para" else render.esc(b.text)
        out.append(_HTML[b.kind].format(body))
    return "".join(out) + "</div>"


def export(plan, topic: str) -> list[str]:
    """Write the .docx and .md next to each other in a fresh temp folder."""
    folder = Path(tempfile.mkdtemp(prefix="shequ-plan-"))
    stem = safe_name(f"实施方案_{topic}.md").rsplit(".", 1)[0] or "实施方案"
    md = folder / f"{stem}.md"
    md.write_text(plan_mod.to_markdown(plan), encoding="utf-8")
    docx = folder / f"{stem}.docx"
    plan_mod.to_docx(plan, docx)
    return [str(docx), str(md)]


def make_plan(kb, topic: str, unit: str = "", start: str = "", end: str = "",
              focus: str = "") -> tuple[str, list[str] | None]:
    """(preview html, [docx, md] paths or None). Bad input comes back as a message."""
    focus_list = [f for f in re.split(r"[，,、；;\n]+", focus or "") if f.strip()]
    try:
        plan = kb.plan(topic, unit=unit or None, start=start or None, end=end or None,
                       focus=focus_list or None)
    except plan_mod.UngroundedPlan as err:
        return plan_html(err.plan), None  # shown with its problems, never offered for download
    except ShequError as err:
        return f'<div class="ans-error">{render.esc(render.web_text(str(err)))}</div>', None
    return plan_html(plan), export(plan, topic)


def build(kb) -> None:
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=300):
            topic = gr.Textbox(label="主题（必填）", placeholder="例如：加强网格化管理", elem_id="plan-topic")
            gr.Examples(EXAMPLE_TOPICS, inputs=topic, label="示例主题")
            unit = gr.Textbox(label="单位名称", placeholder="例如：XX社区党委（可不填）")
            with gr.Row():
                start = gr.Textbox(label="开始时间", placeholder="例如：2025年3月")
                end = gr.Textbox(label="结束时间", placeholder="例如：2025年12月")
            focus = gr.Textbox(label="工作重点（可多个，用顿号或逗号分隔）", lines=2,
                               placeholder="例如：网格员队伍、矛盾纠纷调解")
            go = gr.Button("生成草稿", variant="primary", elem_id="plan-btn")
            files = gr.File(label="下载（.docx / .md）", file_count="multiple", interactive=False,
                            elem_id="plan-files")
        with gr.Column(scale=3):
            preview = gr.HTML('<p class="muted">填写表单后点击“生成草稿”。每条措施都标注了先例出处，'
                              "点击 [n] 可查看原文。</p>", elem_id="plan-preview")
    def on_plan(topic: str, unit: str, start: str, end: str, focus: str):
        return make_plan(kb, topic, unit, start, end, focus)

    go.click(on_plan, [topic, unit, start, end, focus], [preview, files], api_name="plan",
             concurrency_limit=2)
