"""问答 tab: chat with history, streamed answers with [n] links, source cards, and a side
panel that shows the cited paragraph."""
from __future__ import annotations

import time
import uuid
from collections import OrderedDict

import gradio as gr

from assistant import feedback
from assistant.errors import ShequError

from . import render

EXAMPLES = [
    "“4+1”工作法包括哪些内容？",
    "网格化管理怎么做？",
    "社区党组织书记应当具备哪些条件？",
    "整顿后进基层党组织分几个阶段？",
    "“五化五提升”是什么？",
]
STREAM_DELAY = 0.02  # seconds between streamed pieces: visible, but far below the 2 s budget
STREAM_STEPS = 4  # at most this many partial messages per answer (each costs a round trip)
PANEL_HINT = "点击回答中的 [n] 或下方的来源卡片，这里会显示原文段落。"
RECENT_MAX = 1000  # answers kept for 有用/没用 feedback (the server's memory, not the log)
_RECENT: OrderedDict[str, object] = OrderedDict()


def remember(ans) -> str:
    """An id for an answer shown in the chat, so a later 有用/没用 click records that answer."""
    aid = uuid.uuid4().hex[:12]
    _RECENT[aid] = ans
    while len(_RECENT) > RECENT_MAX:
        _RECENT.popitem(last=False)
    return aid


def give_feedback(kb, aid: str, useful: bool) -> tuple[bool, str]:
    """Record 有用/没用 for a remembered answer in $SHEQU_HOME/feedback.jsonl."""
    ans = _RECENT.get(aid)
    if ans is None:
        return False, "这条回答已过期（服务重启过），无法记录反馈，请重新提问后再评价。"
    feedback.record(kb.settings.home, ans, useful)
    return True, f"已记录：{'有用' if useful else '没用'}。谢谢，培训老师会据此查看回答的问题。"

# Clicks on any citation link (inside the chat or the source cards) reach Python through
# this component's click event, carrying the citation key. Capture phase, so the link never
# navigates.
BRIDGE_JS = """
function shequCopy(a) {
  const src = a.parentElement && a.parentElement.querySelector('.copy-src');
  const text = src ? src.textContent : '';
  const done = () => { a.textContent = '已复制'; setTimeout(() => { a.textContent = '复制回答'; }, 1500); };
  const fallback = () => {
    const t = document.createElement('textarea');
    t.value = text; t.setAttribute('readonly', ''); t.style.position = 'fixed'; t.style.opacity = '0';
    document.body.appendChild(t); t.select();
    try { document.execCommand('copy'); done(); } finally { t.remove(); }
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
  else fallback();
}
function shequShowPanel(n) {
  // Wait for the panel to show citation n, then bring it into view (below the chat on a phone).
  let tries = 0;
  const tick = () => {
    const side = document.getElementById('side-panel');
    const head = document.querySelector('#panel .panel-n, #panel .panel-empty');
    if (side && side.offsetParent !== null && head && (head.textContent.includes('[' + n + ']') || tries > 30)) {
      (document.querySelector('#panel mark.cite-hl') || side).scrollIntoView({block: 'center', behavior: 'instant'});
      return;
    }
    if (++tries < 60) setTimeout(tick, 100);
  };
  tick();
}
document.addEventListener('click', (e) => {
  const c = e.target.closest && e.target.closest('a[href="#copy"]');
  if (c) { e.preventDefault(); e.stopPropagation(); shequCopy(c); return; }
  const f = e.target.closest && e.target.closest('a[href^="#fb-"]');
  if (f) { e.preventDefault(); e.stopPropagation(); trigger('click', {feedback: f.getAttribute('href').slice(4)}); return; }
  const a = e.target.closest && e.target.closest('a[href^="#cite-"]');
  if (!a) return;
  e.preventDefault(); e.stopPropagation();
  const key = a.getAttribute('href').slice(6);
  trigger('click', {key: key});
  shequShowPanel(key.split('-')[0]);
}, true);
"""


def ask_stream(kb, message: str, history: list):
    """Generator for the chat: yields (history, cleared input) as the answer grows."""
    history = list(history or []) + [{"role": "user", "content": render.esc_md(message or "")}]
    try:
        if (kb.settings.llm_base_url or "").strip():  # generated; shown as each sentence is verified
            for html_ in _llm_steps(kb, message):
                yield history + [{"role": "assistant", "content": html_}], ""
            return
        ans = kb.ask(message)
    except ShequError as e:
        yield history + [{"role": "assistant", "content": render.error_html(str(e))}], ""
        return
    if ans.found:
        steps = render.stream_steps(ans.text)[:-1]
        stride = max(1, -(-len(steps) // STREAM_STEPS))
        for part in steps[stride - 1::stride]:
            yield history + [{"role": "assistant", "content": render.answer_html(ans, upto=part)}], ""
            time.sleep(STREAM_DELAY)
    final = render.answer_html(ans, sections=citation_sections(kb, ans), aid=remember(ans))
    yield history + [{"role": "assistant", "content": final}], ""


def _llm_steps(kb, message: str):
    """Chat HTML while the model writes: verified sentences with their [n] links,
    unverified ones marked 〔未核实〕, a count of dropped ones, the unverified tail in grey.
    The last step is the final answer (or the extractive fallback with its notice)."""
    last = 0.0
    for ev in kb.ask_stream(message):
        if ev.kind == "final":
            yield render.answer_html(ev.answer, sections=citation_sections(kb, ev.answer), aid=remember(ev.answer))
            return
        now = time.monotonic()
        if ev.kind == "delta" and now - last < 0.25:  # a round trip per token is too many
            continue
        last = now
        a = ev.answer
        keys = {c.n: render.cite_key(c.n, c.chunk_id, c.start, c.end) for c in a.citations}
        tail = f'<span class="ans-pending">{render.esc_md(ev.pending)}…</span>'
        dropped = (f'<div class="ans-notice">已删除 {len(a.dropped)} 句无法被资料证实的内容</div>'
                   if a.dropped else "")
        yield (f'<div class="shequ-answer"><div class="ans-text">{render.answer_text_html(a.text, keys)}'
               f'{tail}</div>{dropped}</div>')


def quote_section(chunks, start: int, end: int, quote: str) -> str:
    """The section that holds a quote. Inside a chunk: that chunk's section. A heading line
    (in no chunk's text): the path of the chunk after it, cut after the quoted heading."""
    holder = next((c for c in chunks if c.start <= start and end <= c.end), None)
    if holder is not None:
        return holder.section
    after = [c for c in chunks if c.start >= start]
    before = [c for c in chunks if c.start < start]
    if not after:
        return max(before, key=lambda c: c.start).section if before else ""
    path = min(after, key=lambda c: c.start).section
    parts, q = path.split(" › "), quote.strip().rstrip("。：:")
    for i, p in enumerate(parts):
        if p.strip() and (p.strip() in q or q in p.strip()):
            return " › ".join(parts[: i + 1])
    return path


def citation_sections(kb, ans) -> dict[int, str]:
    """n -> the section that holds citation n's quote (see quote_section)."""
    data = kb.data
    out = {}
    for c in ans.citations:
        chunks = [x for x in data.chunks if x.doc_id == c.doc_id]
        out[c.n] = quote_section(chunks, c.start, c.end, c.quote) or c.section
    return out


def open_citation(kb, key: str) -> str:
    """Side-panel HTML for a citation key from a link (see render.cite_key): the passage
    that contains the cited span, the span highlighted. A span inside a chunk shows that
    chunk; one in no chunk (a heading line a method card quotes) shows the document's own
    lines around it."""
    parsed = render.parse_cite_key(key)
    if parsed is None:
        return render.panel_message("无法识别这条引用。")
    n, chunk_id, start, end = parsed
    data = kb.data  # one snapshot: an ingest may swap kb.data meanwhile
    chunk = next((c for c in data.chunks if c.chunk_id == chunk_id), None)
    doc = data.documents.get(chunk.doc_id) if chunk else None
    if chunk is None or doc is None:
        return render.panel_message("这条引用的原文已从资料库删除，或资料库已更新。请重新提问。")
    if not 0 <= start < end <= len(doc.text):
        return render.panel_message("无法识别这条引用。")
    chunks = [c for c in data.chunks if c.doc_id == doc.doc_id]
    if not chunk.start <= start < end <= chunk.end:
        chunk = next((c for c in chunks if c.start <= start and end <= c.end), None)
    lo, hi = (chunk.start, chunk.end) if chunk else render.passage_bounds(doc.text, start, end)
    section = quote_section(chunks, start, end, doc.text[start:end])
    return render.passage_html(n, doc, section, lo, hi, start, end)


def build(kb) -> None:
    """Lay out the tab inside the current gr.Blocks context."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=420):
            chat = gr.Chatbot(label="对话", elem_id="chat", height=520, latex_delimiters=[],
                              feedback_options=None, buttons=[],
                              placeholder="<b>您好！</b>请输入社区治理方面的问题，回答中的每句话都标注了出处编号。")
            with gr.Row():
                box = gr.Textbox(placeholder="输入问题，例如：网格化管理怎么做？按回车发送",
                                 label="问题", show_label=False, scale=5, elem_id="question",
                                 max_lines=4)
                send = gr.Button("提问", variant="primary", scale=1, min_width=80, elem_id="ask-btn")
            gr.Examples(EXAMPLES, inputs=box, label="示例问题（点击填入）")
        with gr.Column(scale=2, min_width=320, visible=False, elem_id="side-panel") as side:
            gr.Markdown("#### 原文段落")
            panel = gr.HTML(render.panel_message(PANEL_HINT), elem_id="panel", js_on_load=None)
            close = gr.Button("关闭原文面板", size="sm")
    bridge = gr.HTML("", js_on_load=BRIDGE_JS, elem_id="cite-bridge", visible="hidden")

    def respond(message, history):
        yield from ask_stream(kb, message, history)

    def on_cite(evt: gr.EventData):
        data = getattr(evt, "_data", None) or {}
        if data.get("feedback"):  # “up-<id>” or “down-<id>”
            kind, _, aid = str(data["feedback"]).partition("-")
            ok, msg = give_feedback(kb, aid, kind == "up")
            (gr.Info if ok else gr.Warning)(msg)
            return gr.update(), gr.update()
        return open_citation(kb, data.get("key", "")), gr.update(visible=True)

    box.submit(respond, [box, chat], [chat, box], api_name="chat", concurrency_limit=16,
               concurrency_id="ask")
    send.click(respond, [box, chat], [chat, box], api_visibility="private", concurrency_id="ask")
    bridge.click(on_cite, None, [panel, side], api_visibility="private", concurrency_limit=16)
    close.click(lambda: gr.update(visible=False), None, side, api_visibility="private")
    chat.clear(lambda: gr.update(visible=False), None, side, api_visibility="private")

    # Plain JSON endpoints for scripts and tests: the same Assistant calls, no HTML.
    def ask(question: str) -> dict:
        ans = kb.ask(question)
        return {**ans.to_dict(), "id": remember(ans)}  # the id is what /feedback takes

    def feedback_api(answer_id: str, useful: bool) -> dict:
        """有用/没用 for an answer returned by /ask (or shown in the chat)."""
        ok, msg = give_feedback(kb, (answer_id or "").strip(), bool(useful))
        return {"recorded": ok, "message": msg}

    def source(key: str) -> str:
        return open_citation(kb, key)

    gr.api(ask, api_name="ask", concurrency_limit=16, concurrency_id="ask")
    gr.api(source, api_name="source")
    gr.api(feedback_api, api_name="feedback")
