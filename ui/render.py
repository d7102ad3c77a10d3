"""Pure HTML rendering for the app. Every piece of document or user text goes through
`esc` before it meets markup; nothing here calls the Assistant."""
from __future__ import annotations

import html
import re
from urllib.parse import urlencode

from assistant.safe_text import source_marks, strip_controls
from ingest.model import Document, place_label

CITE_PREFIX = "#cite-"
_MARKER = re.compile(r"\[(\d+)\]")
# Characters that Markdown or KaTeX would otherwise interpret inside chat messages.
_MD_SPECIAL = {c: f"&#{ord(c)};" for c in "*_`~|$\\[]#"}


def esc(text: object) -> str:
    """HTML-escape (quotes too) so document text always renders as text; control characters
    and terminal escape sequences are dropped."""
    return html.escape(strip_controls("" if text is None else str(text)), quote=True)


def esc_md(text: object) -> str:
    """Escape for a chat message, which is Markdown first and HTML second."""
    return "".join(_MD_SPECIAL.get(c) or html.escape(c, quote=True) for c in strip_controls(str(text or "")))


def place_str(place: object) -> str:
    """'上海市黄浦区五里桥街道' from the place dict; repeated levels (上海市上海市) once."""
    return place_label(place)


def section_tail(section: str, title: str) -> str:
    """The section path without the leading document title (shown separately)."""
    parts = [p for p in (section or "").split(" › ") if p]
    if parts and parts[0] == title:
        parts = parts[1:]
    return " › ".join(parts)


def cite_key(n: int, chunk_id: str, start: int, end: int) -> str:
    return f"{n}-{chunk_id}-{start}-{end}"


def parse_cite_key(key: str) -> tuple[int, str, int, int] | None:
    """Inverse of cite_key; None for anything malformed (keys come from the browser)."""
    m = re.fullmatch(r"(\d{1,4})-([0-9a-f]{1,64})-(\d{1,9})-(\d{1,9})", (key or "").strip())
    if not m:
        return None
    n, cid, s, e = m.groups()
    return int(n), cid, int(s), int(e)


def doc_url(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """Relative link to the whole-document page, scrolled to the highlight."""
    q = {"id": doc_id}
    if start is not None and end is not None:
        q.update(s=str(start), e=str(end))
    return "shequ/doc?" + urlencode(q) + ("#hl" if start is not None else "")


# ---- 问答 ---------------------------------------------------------------------------
def _link_markers(text_html: str, keys: dict[int, str]) -> str:
    def sub(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in keys:
            return f"&#91;{n}&#93;"
        return f'<a class="cite" href="{CITE_PREFIX}{keys[n]}" title="查看出处 [{n}]">&#91;{n}&#93;</a>'
    return _MARKER.sub(sub, text_html)


def answer_text_html(text: str, keys: dict[int, str]) -> str:
    """Answer text with each [n] turned into a clickable citation link."""
    parts = _MARKER.split(text)  # text, n, text, n, ...
    out = []
    for i, part in enumerate(parts):
        out.append(f"[{part}]" if i % 2 else esc_md(part).replace("\n", "<br>"))
    return _link_markers("".join(out), keys)


def source_card(c, key: str, section: str | None = None) -> str:
    """One numbered source card: title, place, date, section path (`section` overrides
    the citation's own, e.g. with the heading a quoted heading line belongs to)."""
    meta = c.meta or {}
    bits = [b for b in (place_str(meta.get("place")), meta.get("date", ""), meta.get("doc_type", "")) if b]
    tail = section_tail(c.section if section is None else section, c.title)
    return (f'<a class="src-card" href="{CITE_PREFIX}{key}" title="点击查看原文段落">'
            f'<span class="src-n">{c.n}</span><span class="src-body">'
            f'<span class="src-title">{esc_md(c.title)}</span>'
            f'<span class="src-meta">{esc_md(" · ".join(bits))}</span>'
            + (f'<span class="src-sec">章节：{esc_md(tail)}</span>' if tail else "")
            + "</span></a>")


def answer_plain(ans, sections: dict[int, str] | None = None) -> str:
    """What the copy button copies: the answer with its [n] markers, then the sources
    (title, section, quoted text). Plain text, no markup."""
    sections = sections or {}
    lines = [ans.text.strip()]
    if ans.citations:
        lines += ["", "来源："]
        for c in ans.citations:
            tail = section_tail(sections.get(c.n, c.section), c.title)
            lines.append(f"[{c.n}] 《{c.title}》" + (f" {tail}" if tail else ""))
            lines.append(f"    “{source_marks(c.quote.strip())}”")
    return strip_controls("\n".join(lines))


def copy_link(text: str) -> str:
    """A 复制回答 link and the plain text it copies, in a hidden span (the chat's sanitizer
    drops data-* attributes). Entity-encoded, newlines as &#10;, so Markdown leaves it be."""
    return ('<div class="ans-tools"><a class="copy-ans" href="#copy" role="button" '
            'title="复制回答和来源（纯文本）">复制回答</a>'
            f'<span class="copy-src">{esc_md(text)}</span></div>').replace("\n", "&#10;")


def feedback_links(aid: str) -> str:
    """有用/没用 links of one answer; the click reaches Python through the citation bridge."""
    return (f'<div class="ans-feedback">这个回答：<a href="#fb-up-{esc(aid)}" role="button">有用</a>'
            f' · <a href="#fb-down-{esc(aid)}" role="button">没用</a></div>')


def answer_html(ans, upto: str | None = None, sources: bool = True,
                sections: dict[int, str] | None = None, aid: str = "") -> str:
    """A chat message for an Answer. `upto` is a streamed prefix of ans.text; `sections`
    maps n to the section that holds citation n's quote.
    Kept on one line inside a <div> so Markdown leaves the HTML block alone."""
    sections = sections or {}
    keys = {c.n: cite_key(c.n, c.chunk_id, c.start, c.end) for c in ans.citations}
    text = ans.text if upto is None else upto
    if not ans.found:
        body = (f'<div class="no-basis"><b>资料库中没有依据</b><br>{esc_md(text)}'
                '<br><span class="hint">可以换个说法再问，或到“资料库”页上传相关文件后再问。</span></div>')
    else:
        body = f'<div class="ans-text">{answer_text_html(text, keys)}</div>'
    extra = ""
    if upto is None and ans.notice:
        extra += f'<div class="ans-notice">{esc_md(ans.notice)}</div>'
    if sources and upto is None and ans.citations:
        cards = "".join(source_card(c, keys[c.n], sections.get(c.n)) for c in ans.citations)
        extra += f'<div class="src-list"><div class="src-head">来源（点击查看原文）</div>{cards}</div>'
    if upto is None:
        extra += copy_link(answer_plain(ans, sections))
        if aid:
            extra += feedback_links(aid)
    return f'<div class="shequ-answer">{body}{extra}</div>'


def stream_steps(text: str) -> list[str]:
    """Growing prefixes of the answer, cut after each [n] marker (or sentence end)."""
    cuts = [m.end() for m in re.finditer(r"(\[\d+\])+|[。！？；\n]", text)]
    cuts = sorted({c for c in cuts if 0 < c < len(text)} | {len(text)})
    # A cut right before a marker would show the sentence without its number; skip it.
    cuts = [c for c in cuts if not _MARKER.match(text, c)]
    return [text[:c] for c in cuts] or [text]


# Library errors written for the command line, reworded for the web app.
_WEB = [(re.compile(r"先用\s*`?shequ ingest`?\s*导入"), "先到“资料库”页上传"),
        (re.compile(r"请?运行\s*`?shequ ingest[^`。；，]*`?\s*(重新建立索引|建立|从原文件重建)?"),
         "请联系管理员重建资料库索引"),
        (re.compile(r"（或\s*`?shequ index rollback`?[^）]*）"), "")]


def web_text(message: str) -> str:
    """An error message without command-line advice: known hints reworded, any other
    sentence that names a `shequ` command dropped."""
    text = str(message or "")
    for pat, repl in _WEB:
        text = pat.sub(repl, text)
    parts = re.split(r"(?<=[。；！？])", text)
    kept = "".join(p for p in parts if "shequ" not in p.lower())
    return kept.strip() or "操作没有完成，请稍后再试或联系管理员。"


def error_html(message: str) -> str:
    return f'<div class="shequ-answer"><div class="ans-error">{esc_md(web_text(message))}</div></div>'


# ---- passages and documents ----------------------------------------------------------
def highlight(text: str, offset: int, start: int, end: int, mark_id: str = "") -> str:
    """Escape `text` (which begins at `offset` in the document) and mark [start, end)."""
    s = max(0, min(len(text), start - offset))
    e = max(s, min(len(text), end - offset))
    idattr = f' id="{mark_id}"' if mark_id else ""
    text = source_marks(text)  # the source's own [4] footnotes read 〔4〕, never like our [n]
    return (esc(text[:s]) + f'<mark class="cite-hl"{idattr}>' + esc(text[s:e]) + "</mark>"
            + esc(text[e:]))


def doc_meta_line(doc: Document) -> str:
    m = doc.meta or {}
    bits = [place_str(m.get("place")), m.get("date", ""), m.get("doc_type", ""),
            m.get("author", ""), m.get("source", "")]
    return " · ".join(esc(b) for b in bits if b)


def passage_bounds(text: str, start: int, end: int, context: int = 300) -> tuple[int, int]:
    """The lines around [start, end) of a document: from the start of the cited line to the
    end of the line after it (a heading's own line says little), each side capped."""
    lo = text.rfind("\n", 0, start) + 1
    lo = max(lo, start - context)
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if hi - lo < context and hi < len(text):
        nxt = text.find("\n", hi + 1)
        hi = len(text) if nxt < 0 else nxt
    return lo, min(hi, end + context)


def passage_html(n: int, doc: Document, section: str, lo: int, hi: int, start: int, end: int) -> str:
    """Side panel: doc.text[lo:hi] with the cited span [start, end) highlighted, and a link
    to the whole document scrolled to the same place."""
    tail = section_tail(section, doc.title)
    return (
        '<div class="shequ-panel">'
        f'<div class="panel-n">引用 [{n}]</div>'
        f'<div class="panel-title">{esc(doc.title)}</div>'
        f'<div class="panel-meta">{doc_meta_line(doc)}</div>'
        + (f'<div class="panel-sec">章节：{esc(tail)}</div>' if tail else "")
        + f'<div class="panel-para">{highlight(doc.text[lo:hi], lo, start, end)}</div>'
        f'<a class="doc-link" href="{esc(doc_url(doc.doc_id, start, end))}" target="_blank" '
        'rel="noopener">查看全文（自动定位到引用处）↗</a></div>')


def panel_message(text: str) -> str:
    return f'<div class="shequ-panel"><div class="panel-empty">{esc(text)}</div></div>'


DOC_PAGE_CSS = """body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",
"PingFang SC","WenQuanYi Micro Hei",sans-serif;max-width:860px;margin:2em auto;padding:0 1em;
line-height:1.9;color:#222}h1{font-size:1.4em}.meta{color:#666;margin-bottom:1.5em}
.text{white-space:pre-wrap}mark{background:#ffe58a;padding:2px 0;scroll-margin-top:40vh}"""


def document_page(doc: Document, start: int | None, end: int | None) -> str:
    """A standalone, escaped page of one whole document."""
    if start is not None and end is not None and 0 <= start < end <= len(doc.text):
        body = highlight(doc.text, 0, start, end, mark_id="hl")
    else:
        body = esc(doc.text)
    return ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<title>{esc(doc.title)}</title><style>{DOC_PAGE_CSS}</style></head><body>'
            f'<h1>{esc(doc.title)}</h1><div class="meta">{doc_meta_line(doc)}</div>'
            f'<div class="text">{body}</div></body></html>')


def document_page_missing() -> str:
    return ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>未找到文档</title>'
            f'<style>{DOC_PAGE_CSS}</style></head><body><h1>未找到文档</h1>'
            '<p>这篇文档不在资料库中，可能已被删除。</p></body></html>')
