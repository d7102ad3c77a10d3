"""方法库 tab: searchable method cards, a card view, and a 2–4 card comparison."""
from __future__ import annotations

import gradio as gr

from assistant.errors import ShequError

from . import render

HEADERS = ["名称", "类型", "地点", "年份", "组成部分", "完整", "编号"]
KINDS = {"本地做法": "local", "文中提到的全国性提法": "national"}


def _cards(kb) -> list[dict]:
    return list(kb.methods())


def card_rows(kb, query: str = "", kind: str = "本地做法") -> list[list]:
    """Rows of one kind of card: the documents' own methods (default view), or the national or
    general terms they mention, each in its own list."""
    q = (query or "").strip()
    want = KINDS.get(kind, "local")
    rows = []
    for c in _cards(kb):
        if c.get("kind", "local") != want:
            continue
        hay = " ".join(str(c.get(k, "")) for k in ("name", "full_name", "place", "org", "title", "purpose"))
        hay += " ".join(p.get("name", "") for p in c.get("components", []))
        if q and q not in hay:
            continue
        n = len(c.get("components", []))
        exp = c.get("expected_count")
        parts = "未找到组成部分" if not n else f"{n}/{exp}" if exp else str(n)
        rows.append([c.get("full_name") or c.get("name", ""), c.get("type", ""), c.get("place", ""),
                     c.get("year", ""), parts, "是" if c.get("complete") else "否", c.get("card_id", "")])
    return rows


def _desc(p: dict) -> str:
    """The description, without repeating the component name it often starts with."""
    d, name = p.get("description", ""), p.get("name", "")
    if d.startswith(name):
        d = d[len(name):].lstrip("：:，, ")
    return f"：{render.esc(d)}" if d else ""


def _quote_link(item: dict, doc_id: str) -> str:
    if not item.get("quote"):
        return ""
    url = render.doc_url(doc_id, item.get("start"), item.get("end"))
    return (f'<div class="quote">“{render.esc(item["quote"])}” '
            f'<a href="{render.esc(url)}" target="_blank" rel="noopener">原文↗</a></div>')


def card_html(card: dict) -> str:
    """One card: components, place, year, outcomes and sources, all escaped."""
    e, doc_id = render.esc, card.get("doc_id", "")
    comps = "".join(f"<li><b>{e(p.get('name', ''))}</b>" + _desc(p) + _quote_link(p, doc_id) + "</li>"
                    for p in card.get("components", []))
    outs = "".join(f"<li>{e(o.get('text', ''))}{_quote_link(o, doc_id)}</li>"
                   for o in card.get("outcomes", []))
    exp = card.get("expected_count")
    state = "" if card.get("complete") else '<div class="incomplete">未找到组成部分：原文中没有找到这个方法的各个组成部分，本卡不用于回答和出题。</div>' \
        if not card.get("components") else (
        f'<div class="incomplete">未找全：名称表明应有 {e(exp)} 项，原文中找到 '
        f'{len(card.get("components", []))} 项（只列出找到的，不作补充）。</div>' if exp else
        '<div class="incomplete">组成部分可能不完整。</div>')
    bits = [card.get("type", ""), card.get("place", "") or "地点未注明", card.get("org", ""),
            card.get("year", "") or "年份未注明"]
    mention = card.get("mention") or {}
    src = render.doc_url(doc_id, mention.get("start"), mention.get("end")) if mention else render.doc_url(doc_id)
    return (f'<div class="card-view"><h3>{e(card.get("full_name") or card.get("name", ""))}</h3>'
            f'<div class="muted">{e(" · ".join(b for b in bits if b))}</div>'
            + (f"<p>{e(card['purpose'])}</p>" if card.get("purpose") else "")
            + state + (f"<h4>组成部分</h4><ol>{comps}</ol>" if comps else "")
            + (f"<h4>成效</h4><ul>{outs}</ul>" if outs else "")
            + f'<h4>来源</h4><p><a href="{e(src)}" target="_blank" rel="noopener">'
            f'{e(card.get("title", ""))}</a></p></div>')


def _cell(key: str, value) -> str:
    e = render.esc
    if key == "sources":
        return "<br>".join(f'<a href="{e(render.doc_url(v["doc_id"], v.get("start"), v.get("end")))}" '
                           f'target="_blank" rel="noopener">{e(v.get("title", ""))}</a>' for v in value or [])
    if key == "components":
        return "<ol>" + "".join(f"<li>{e(v)}</li>" for v in value or []) + "</ol>"
    if isinstance(value, list):
        return "<br>".join(e(v) for v in value)
    return e(value if value not in (None, "") else "—")


def compare_html(result: dict) -> str:
    """kb.compare's table ({"columns", "headers", "rows", "missing", "suggestions"}) with one
    column per method, everything escaped."""
    e, rows = render.esc, result.get("rows", [])
    notes = "".join(f"<p>没有找到“{e(m)}”"
                    + (f"，相近的有：{e('、'.join(result.get('suggestions', {}).get(m, [])))}"
                       if result.get("suggestions", {}).get(m) else "") + "。</p>"
                    for m in result.get("missing", []))
    if not rows:
        return notes or "<p>没有可对比的方法。</p>"
    pairs = [(c, h) for c, h in zip(result["columns"], result["headers"]) if c != "name"]
    head = "".join(f"<th>{e(r.get('name', ''))}</th>" for r in rows)
    body = "".join(f"<tr><th>{e(h)}</th>" + "".join(f"<td>{_cell(c, r.get(c))}</td>" for r in rows)
                   + "</tr>" for c, h in pairs)
    return (f'<table class="shequ-table compare"><thead><tr><th></th>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{notes}")


def show_card(kb, card_id: str) -> str:
    card = next((c for c in _cards(kb) if c.get("card_id") == card_id), None)
    return card_html(card) if card else "<p>没有找到这张方法卡。</p>"


def compare(kb, names: list[str]) -> str:
    names = list(dict.fromkeys(names or []))
    if not 2 <= len(names) <= 4:
        return "<p>请选择 2–4 个方法进行对比。</p>"
    try:
        return compare_html(kb.compare(names))
    except ShequError as err:
        return f"<p>{render.esc(str(err))}</p>"


def build(kb) -> dict:
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            query = gr.Textbox(label="搜索方法（名称、地点或组成部分）", placeholder="例如：4+1、网格、协商",
                               elem_id="method-search")
            kind = gr.Radio(list(KINDS), value="本地做法", label="类别", elem_id="method-kind")
            table = gr.Dataframe(card_rows(kb), headers=HEADERS, interactive=False, wrap=True,
                                 label="方法卡列表（点击一行查看详情）", max_height=460, elem_id="method-table",
                                 column_widths=["27%", "9%", "24%", "7%", "10%", "7%", "16%"])
            picks = gr.Dropdown(_names(kb), multiselect=True, max_choices=4, elem_id="compare-pick",
                                label="选择 2–4 个方法进行对比")
            go = gr.Button("对比所选方法", variant="primary", elem_id="compare-btn")
        with gr.Column(scale=2):
            view = gr.HTML('<p class="muted">点击方法卡列表中的一行，在这里查看方法卡。</p>', elem_id="card-view")
    cmp_out = gr.HTML("", elem_id="compare-view")

    def on_select(rows, evt: gr.SelectData):
        row = evt.row_value if getattr(evt, "row_value", None) else rows.values.tolist()[evt.index[0]]
        return show_card(kb, row[-1])

    def lookup(name: str) -> str:
        """Look a method up by (fuzzy) name, as the CLI does."""
        res = kb.method(name)  # {"found", "card", "suggestions", ...}
        if res.get("found") and res.get("card"):
            return card_html(res["card"])
        sugg = res.get("suggestions")
        return "<p>没有找到这个方法。" + (f"相近的有：{render.esc('、'.join(sugg))}" if sugg else "") + "</p>"

    query.change(lambda q, k: card_rows(kb, q, k), [query, kind], table, api_visibility="private")
    kind.change(lambda q, k: card_rows(kb, q, k), [query, kind], table, api_visibility="private")
    table.select(on_select, table, view, api_visibility="private")
    def on_compare(names: list[str]) -> str:
        return compare(kb, names)

    go.click(on_compare, picks, cmp_out, api_name="compare")
    gr.api(lookup, api_name="method")

    def refresh(q: str = "", k: str = "本地做法", chosen: list[str] | None = None):
        names = _names(kb)
        return card_rows(kb, q, k), gr.update(choices=names, value=[n for n in chosen or [] if n in names])
    return {"refresh": refresh, "inputs": [query, kind, picks], "outputs": [table, picks]}


def _names(kb) -> list[str]:
    return list(dict.fromkeys(c.get("name", "") for c in _cards(kb) if c.get("name")))
