"""Structured formats to paragraph text: Markdown (markdown-it-py), Word heading styles and
automatic numbering (python-docx), HTML headings and lists (lxml).

Each block (heading, paragraph, list item, table row) becomes one line, and blocks are
separated by a blank line. The format already knows where its paragraphs end, so `clean`
does not join these lines the way it mends a PDF's broken ones (`STRUCTURED`).
"""
from __future__ import annotations

import json
import re

from .headings import ARTICLE
from .numerals import int_to_cn

STRUCTURED = {".md", ".markdown", ".docx", ".html", ".htm"}
HEADING = "\x1e"  # marks a line the format itself calls a heading (read off in pipeline)
FRONT = "\x1d"  # opens the JSON of a Markdown file's front matter (metadata the file states)
FRONT_KEYS = {"title": "title", "标题": "title", "题目": "title", "issuer": "issuer", "发布单位": "issuer",
              "发文机关": "issuer", "发布机关": "issuer", "author": "author", "作者": "author",
              "date": "date", "发布日期": "date", "成文日期": "date", "印发日期": "date",
              "实施日期": "effective_date", "施行日期": "effective_date", "文号": "doc_number",
              "发文字号": "doc_number"}
_DOC_DATE_KEYS = {"成文日期", "印发日期"}  # the document's own date, whichever page carries it
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|"
                   r"第[一二三四五六七八九十百零〇\d]+[编章节条])")
_LINE_END = tuple("。；！？：:;!?”」）)")
HEADING_LINE = 30  # a line this short without a comma reads as a heading, not wrapped prose


def markdown_text(src: str) -> str:
    """Headings without '#', list items as lines (ordered ones keep their number), table rows
    with cells separated by a full-width space, links and emphasis reduced to their text,
    HTML blocks to their text, YAML front matter dropped."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
    for name in _ASIDES:  # ::: name … ::: notes
        md.use(container_plugin, name=name)
    blocks: list[str] = []
    numbers: list[int | None] = []  # the next number of each open list (None: bullets)
    row: list[str] | None = None
    heading = False
    aside = ""  # the open note's title, until its first paragraph carries it
    for tok in md.parse(src):
        if tok.type.startswith("container_") and tok.type.endswith("_open"):
            aside = _aside_title(tok.info)
        elif tok.type.startswith("container_") and tok.type.endswith("_close"):
            aside = ""
        elif tok.type == "front_matter":
            blocks.insert(0, FRONT + json.dumps(front_matter(tok.content), ensure_ascii=False))
        elif tok.type in ("heading_open", "heading_close"):
            heading = tok.type == "heading_open"
        elif tok.type == "ordered_list_open":
            numbers.append(int(tok.attrs.get("start", 1) or 1))
        elif tok.type == "bullet_list_open":
            numbers.append(None)
        elif tok.type in ("ordered_list_close", "bullet_list_close"):
            numbers.pop()
        elif tok.type == "list_item_open" and numbers and numbers[-1] is not None:
            blocks.append(f"\x00{numbers[-1]}.")  # prefix for the item's first paragraph
            numbers[-1] += 1
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            blocks.append("　".join(c for c in row if c))
            row = None
        elif tok.type == "inline":
            text = _inline_text(tok)
            if row is not None:
                row.append(text)
            elif blocks and blocks[-1].startswith("\x00"):
                blocks[-1] = blocks[-1][1:] + text
            elif aside and text and not ARTICLE.match(text):  # a note is body text under its title,
                blocks.append(f"{aside}：{text}")  # never a heading of its own…
                aside = ""
            elif aside and text:  # …but an article set in a note (::: tip 第二十六条…) is the article
                blocks.append(text)
                aside = ""
            else:
                blocks.append(HEADING + text if heading and text else text)
        elif tok.type == "html_block":
            blocks.append(_html_fragment_text(tok.content))
        elif tok.type in ("fence", "code_block"):
            blocks.append(tok.content)
    return "\n\n".join(b.strip(" \n\t") for b in blocks
                         if b.strip(" \n\t\x1e") and not b.startswith("\x00") and b != FRONT + "{}")


# VuePress/markdown-it containers (::: tip 记忆口诀 … :::) and the titles their Chinese themes
# show when the container names none.
_ASIDES = {"tip": "提示", "warning": "注意", "info": "说明", "note": "注", "danger": "警告", "details": "详情"}


def _aside_title(info: str) -> str:
    """“ tip 记忆口诀” → 记忆口诀; “ warning” → 注意."""
    name, _, title = info.strip().partition(" ")
    return title.strip() or _ASIDES.get(name, "提示")


def front_matter(content: str) -> dict:
    """The fields of a YAML front matter that name the document's metadata. A date the header
    gives without an issuer (a blog repost's author and post time) is the page's, not the
    document's: it comes back as `page_date`, which the text's own dates outrank (meta.infer)."""
    import yaml

    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    out = {}
    for key, value in data.items():
        field = FRONT_KEYS.get(str(key).strip().lower())
        if field and isinstance(value, (str, int, float)) or (field and hasattr(value, "isoformat")):
            text = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
            if text:
                out[field] = text
    keys = {str(k).strip().lower() for k in data}
    if "date" in out and "issuer" not in out and not keys & _DOC_DATE_KEYS:
        out["page_date"] = out.pop("date")
    return out


def _inline_text(tok) -> str:
    parts = []
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append("\n")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "html_inline":
            continue
    return _soft_breaks("".join(parts)).strip()


def _soft_breaks(text: str) -> str:
    """A soft line break inside a Markdown paragraph: joined (no space) when it only wraps a
    Chinese sentence; kept when the line is complete on its own — it ends a sentence, the
    next line opens an item (一、（一）1. 第X条), or it is a short heading line (“四、评估计分规则”)."""
    lines = text.split("\n")
    out = lines[0]
    for prev, nxt in zip(lines, lines[1:]):
        p, n = prev.rstrip(), nxt.lstrip()
        complete = (p.endswith(_LINE_END) or bool(_ENUM.match(n))
                    or (len(p) <= HEADING_LINE and "，" not in p and "," not in p))
        ascii_pair = p[-1:].isascii() and n[:1].isascii() if p and n else True
        out += ("\n" if complete else (" " if ascii_pair else "")) + nxt
    return out


def _html_fragment_text(html: str) -> str:
    from lxml import html as lxml_html

    try:
        frag = lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception:  # not parseable as HTML: keep nothing of the markup
        return ""
    drop_hidden(frag)
    return re.sub(r"\s+", " ", frag.text_content()).strip()


# What a reader never sees: scripts, styles, templates, embedded frames and objects, and
# elements hidden by the `hidden` attribute, aria-hidden="true" or an inline style.
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n\r"
_STYLE = f"translate(@style, '{_UPPER}', 'abcdefghijklmnopqrstuvwxyz')"
HIDDEN_XPATH = (".//script|.//style|.//template|.//iframe|.//frame|.//noscript|.//object|.//embed|.//svg"
                "|.//*[@hidden]|.//*[translate(@aria-hidden, 'TRUE', 'true')='true']"
                f"|.//*[contains({_STYLE}, 'display:none') or contains({_STYLE}, 'visibility:hidden')]")


def drop_hidden(tree) -> None:
    """Remove, in place, every element of an lxml HTML tree whose text a reader never sees
    (its tail, the text after it, stays)."""
    for bad in tree.xpath(HIDDEN_XPATH):
        if bad.getparent() is not None:
            bad.drop_tree()


def docx_text(document) -> str:
    """Paragraphs of a python-docx Document, one per block. A heading style (标题 1 / Heading 1)
    or an outline level makes a heading line; automatic list numbering is written out as
    （一）/1. so the numbering the reader sees is in the text. Tables keep their rows."""
    counters: dict[tuple[str, int], int] = {}
    blocks: list[str] = []
    for p in document.paragraphs:
        text = p.text.strip()
        if not text:
            continue
        num = _numbering(p)
        if num is not None:
            key = num
            counters[key] = counters.get(key, 0) + 1
            for other in [k for k in counters if k[0] == key[0] and k[1] > key[1]]:
                del counters[other]  # a deeper level restarts under a new parent item
            text = _label(key[1], counters[key]) + text
        blocks.append(HEADING + text if _is_heading_style(p) else text)
    for table in document.tables:
        for row in table.rows:
            blocks.append("　".join(c.text.strip() for c in row.cells))
    return "\n\n".join(blocks)


def _is_heading_style(p) -> bool:
    name = (p.style.name if p.style is not None else "") or ""
    if name.lower().startswith(("heading", "title")) or name.startswith(("标题", "题目")):
        return True
    ppr = p._p.pPr
    lvl = ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl") if ppr is not None else None
    return lvl is not None


def _numbering(p) -> tuple[str, int] | None:
    """(list id, level) of an automatically numbered paragraph (its own numbering, or its
    style's: “List Number”), else None."""
    style = p.style
    for ppr in [p._p.pPr] + _style_pprs(style):
        num = getattr(ppr, "numPr", None) if ppr is not None else None
        if num is not None and num.numId is not None and num.numId.val:
            level = num.ilvl.val if num.ilvl is not None else 0
            return str(num.numId.val), int(level)
    return None


def _style_pprs(style) -> list:
    out = []
    while style is not None and len(out) < 8:  # a style inherits from its base style
        out.append(style.element.pPr)
        style = style.base_style
    return out


def _label(level: int, n: int) -> str:
    cn = int_to_cn(n) if n <= 10 else str(n)
    return [f"{cn}、", f"（{cn}）", f"{n}.", f"（{n}）"][min(level, 3)]
