"""资料库 tab: the document table, uploads with incremental ingest, and deletion."""
from __future__ import annotations

from pathlib import Path

import gradio as gr

from assistant.errors import ShequError

from . import render
from .uploads import ALLOWED, save_uploads

HEADERS = ["标题", "地点", "日期", "类型", "发布机关", "段落数", "文档编号"]
STAGES = {"load": "读取文档", "embed": "计算向量"}


def doc_rows(kb) -> list[list]:
    data = kb.data  # one snapshot
    counts: dict[str, int] = {}
    for c in data.chunks:
        counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
    rows = []
    # The user's own uploads first (they are what was just added), then the bundled library.
    for d in sorted(data.documents.values(), key=lambda d: not _in_library(kb, d.source)):
        m = d.meta or {}
        guessed = set(m.get("inferred", ()))

        def show(key, value, empty=""):  # fields read off the text are marked *
            return f"{value}*" if value and key in guessed else (value or empty)

        rows.append([d.title, show("place", render.place_str(m.get("place"))), show("date", m.get("date", "")),
                     show("doc_type", m.get("doc_type", ""), "（未标注）"), show("issuer", m.get("issuer", "")),
                     counts.get(d.doc_id, 0), d.doc_id])
    return rows


def doc_choices(kb) -> list[tuple[str, str]]:
    return [(f"{d.title}（{d.doc_id}）", d.doc_id) for d in kb.documents()]


def _in_library(kb, source: str) -> bool:
    lib = kb.settings.library_dir.resolve()
    return bool(source) and lib in Path(source).resolve().parents


def _taken_names(kb) -> set[str]:
    """File names of documents that did not come from the upload library."""
    return {Path(d.source).name for d in kb.documents() if not _in_library(kb, d.source)}


def _file_outcome(name: str, report) -> tuple[str, str]:
    """(status, detail) for one stored file name, from the IngestReport."""
    for e in report.errors:
        if Path(str(e.path)).name == name:
            return "未导入", e.reason
    mine = lambda ids: [i for i in ids if i == name or i.startswith(name + "#")]  # noqa: E731
    for ids, status in ((report.added, "已添加"), (report.updated, "已更新")):
        if mine(ids):
            return status, f"{len(mine(ids))} 篇文档"
    if mine(report.unchanged):
        return "未变化", "资料库中已有相同内容"
    return "未导入", "没有读出任何文档"


def result_table(rows: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f'<tr class="{"ok" if st in ("已添加", "已更新", "未变化") else "bad"}"><td>{render.esc(n)}</td>'
        f"<td>{render.esc(st)}</td><td>{render.esc(d)}</td></tr>" for n, st, d in rows)
    return ('<table class="upload-result"><thead><tr><th>文件</th><th>结果</th><th>说明</th></tr>'
            f"</thead><tbody>{body}</tbody></table>")


def upload(kb, files: list, progress=None) -> list[tuple[str, str, str]]:
    """Store and ingest the uploaded files; one (file, status, detail) row per file."""
    if not files:
        return [("（无）", "未导入", "请先选择要上传的文件")]
    max_bytes = int(kb.settings.max_file_mb * 1048576)
    saved = save_uploads([_path_of(f) for f in files], kb.settings.library_dir, max_bytes,
                         _taken_names(kb))
    rows = [(s.original, "未导入", s.reason) for s in saved.saved if s.path is None]
    if not saved.paths:
        return rows

    def step(stage: str, done: int, total: int, detail: str = "") -> None:
        if progress is not None and total:
            progress((done, total), desc=f"{STAGES.get(stage, stage)} {done}/{total}")

    report = kb.ingest(saved.paths, progress=step)
    for s in saved.saved:
        if s.path is not None:
            status, detail = _file_outcome(s.path.name, report)
            if s.path.name != s.original:
                detail += f"（保存为 {s.path.name}）"
            if status == "未导入":
                s.path.unlink(missing_ok=True)  # don't keep a file that will never load
            rows.append((s.original, status, detail))
    return rows


def _path_of(f) -> str:
    """Gradio passes file paths (str) or objects with .name/.path, depending on version."""
    return str(getattr(f, "path", None) or getattr(f, "name", None) or f)


def delete(kb, doc_id: str) -> str:
    """Remove one document from the index (and its stored upload). Returns a message."""
    doc = kb.document(doc_id) if doc_id else None
    if doc is None:
        return "请先选择要删除的文档。"
    remover = getattr(kb, "remove", None)
    if remover is not None:
        remover([doc_id])
    else:  # older Assistant: sync the (possibly empty) library folder with a removal
        kb.settings.library_dir.mkdir(parents=True, exist_ok=True)
        kb.ingest([kb.settings.library_dir], remove=[doc_id])
    src = doc.source
    if _in_library(kb, src) and not any(d.source == src for d in kb.documents()):
        Path(src).unlink(missing_ok=True)
    return f"已删除《{doc.title}》，它的段落不会再出现在回答中。"


def build(kb) -> dict:
    """Lay out the tab; returns components other tabs may refresh."""
    gr.Markdown("上传的文件保存在本机资料目录，导入后即可在“问答”中检索和引用。"
                f"支持 {' '.join(sorted(set(ALLOWED) - {'.htm'}))}，单个文件不超过 "
                f"{kb.settings.max_file_mb:g} MB。带 * 的地点、日期、类型和发布机关由正文推断；如需更正，"
                "在资料目录的 metadata.json 中写明该文件的字段后重新导入，更正在每次导入后都保留。")
    table = gr.Dataframe(doc_rows(kb), headers=HEADERS, interactive=False, wrap=True,
                         label="文档列表", elem_id="doc-table", max_height=420,
                         column_widths=["30%", "15%", "10%", "8%", "14%", "6%", "17%"])
    with gr.Row(equal_height=False):
        with gr.Column():
            # No file_types filter: Gradio would refuse the whole batch with an English
            # error; each unsupported file is rejected below with a Chinese reason instead.
            files = gr.File(label="上传文件（可多选：.txt .md .html .docx .pdf）",
                            file_count="multiple", elem_id="upload-files")
            go = gr.Button("导入到资料库", variant="primary", elem_id="upload-btn")
            result = gr.HTML("", elem_id="upload-result")
        with gr.Column():
            pick = gr.Dropdown(doc_choices(kb), label="选择要删除的文档", elem_id="delete-pick")
            ask_del = gr.Button("删除文档…", variant="secondary", elem_id="delete-btn")
            with gr.Group(visible=False) as confirm_box:
                warn = gr.Markdown("")
                with gr.Row():
                    yes = gr.Button("确认删除", variant="stop", elem_id="delete-yes")
                    no = gr.Button("取消", elem_id="delete-no")
            del_msg = gr.Markdown("", elem_id="delete-msg")

    def refresh():
        return doc_rows(kb), gr.update(choices=doc_choices(kb), value=None)

    def on_upload(fs, progress=gr.Progress()):
        try:
            html = result_table(upload(kb, fs or [], progress))
        except ShequError as e:
            html = result_table([("（全部）", "未导入", str(e))])
        return (html, *refresh(), None)

    def on_ask_delete(doc_id):
        doc = kb.document(doc_id) if doc_id else None
        if doc is None:
            return gr.update(visible=False), "", "请先选择要删除的文档。"
        text = (f"确定要删除《{render.esc_md(doc.title)}》吗？删除后，它的段落和方法卡"
                "将立即从回答中消失。上传的文件副本也会一并删除。")
        return gr.update(visible=True), text, ""

    def on_delete(doc_id):
        try:
            msg = delete(kb, doc_id)
        except ShequError as e:
            msg = str(e)
        return (gr.update(visible=False), render.esc_md(msg), *refresh())

    go.click(on_upload, files, [result, table, pick, files], api_name="upload", concurrency_limit=1,
             concurrency_id="ingest")
    ask_del.click(on_ask_delete, pick, [confirm_box, warn, del_msg], api_visibility="private")
    yes.click(on_delete, pick, [confirm_box, del_msg, table, pick], api_name="delete",
              concurrency_limit=1, concurrency_id="ingest")
    no.click(lambda: (gr.update(visible=False), "已取消。"), None, [confirm_box, del_msg],
             api_visibility="private")
    return {"table": table, "pick": pick, "refresh": refresh}
