"""资料库 tab: the document table, uploads with incremental ingest, and deletion."""
from __future__ import annotations

import json
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import gradio as gr

from assistant import feedback
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
            progress((done, total), desc=STAGES.get(stage, "导入"), unit="项")

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


def delete(kb, doc_id: str) -> tuple[str, dict | None]:
    """Remove one document from the index. An uploaded file is first copied to the trash
    folder, so `restore` can bring it back without a new upload. Returns (message, undo
    record or None)."""
    doc = kb.document(doc_id) if doc_id else None
    if doc is None:
        return "请先选择要删除的文档。", None
    undo = {"doc_id": doc.doc_id, "title": doc.title, "source": doc.source, "trash": ""}
    src = Path(doc.source)
    _empty_trash(kb.settings.home / "trash", kb.settings.trash_days)
    if _in_library(kb, doc.source) and src.is_file():
        trash = kb.settings.home / "trash" / uuid.uuid4().hex
        trash.mkdir(parents=True, exist_ok=True)
        undo["trash"] = str(shutil.copy2(src, trash / src.name))
    kb.remove([doc_id])
    if _in_library(kb, doc.source) and not any(d.source == doc.source for d in kb.documents()):
        src.unlink(missing_ok=True)
    return f"已删除《{doc.title}》，它的段落不会再出现在回答中。", undo


def _empty_trash(folder: Path, days: float) -> None:
    """Drop deleted uploads kept longer than `days`."""
    cutoff = time.time() - days * 86400
    for d in folder.glob("*") if folder.is_dir() else []:
        if d.is_dir() and d.stat().st_mtime < cutoff:
            shutil.rmtree(d, ignore_errors=True)


def restore(kb, undo: dict | None) -> str:
    """Undo a deletion: put an uploaded file back into the library (or name a bundled
    document's own file again) and ingest it."""
    if not undo:
        return "没有可以撤销的删除。"
    if kb.document(undo["doc_id"]) is not None:
        return f"《{undo['title']}》已在资料库中。"
    src = Path(undo["source"])
    if undo.get("trash"):
        kept = Path(undo["trash"])
        if not kept.is_file():
            return f"回收站中已没有《{undo['title']}》的文件，请重新上传。"
        src.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(kept, src)
    elif not src.is_file():
        return f"《{undo['title']}》的原文件已不存在，无法恢复。"
    report = kb.ingest([src])
    if kb.document(undo["doc_id"]) is None and not (report.added or report.updated):
        return f"没能恢复《{undo['title']}》。"
    if undo.get("trash"):
        shutil.rmtree(Path(undo["trash"]).parent, ignore_errors=True)
    return f"已恢复《{undo['title']}》。"


def matching_docs(kb, query: str = "") -> list[tuple[str, str]]:
    """(label, doc_id) of the documents whose title or id contains every word of `query`."""
    words = (query or "").split()
    return [(label, i) for label, i in doc_choices(kb) if all(w.lower() in label.lower() for w in words)]


def build(kb) -> dict:
    """Lay out the tab; returns its refresh function, inputs and outputs."""
    gr.Markdown("上传的文件保存在本机资料目录，导入后即可在“问答”中检索和引用。"
                f"支持 {' '.join(sorted(set(ALLOWED) - {'.htm'}))}，单个文件不超过 "
                f"{kb.settings.max_file_mb:g} MB。带 * 的地点、日期、类型和发布机关由正文推断；如需更正，"
                "在资料目录的 metadata.json 中写明该文件的字段后重新导入，更正在每次导入后都保留。")
    table = gr.Dataframe(doc_rows(kb), headers=HEADERS, interactive=False, wrap=True,
                         label="文档列表", elem_id="doc-table", max_height=420,
                         column_widths=["30%", "15%", "10%", "8%", "14%", "6%", "17%"])
    with gr.Row(equal_height=False):
        with gr.Column(min_width=300):
            # No file_types filter: Gradio would refuse the whole batch with an English
            # error; each unsupported file is rejected below with a Chinese reason instead.
            files = gr.File(label="上传文件（可多选：.txt .md .html .docx .pdf）",
                            file_count="multiple", elem_id="upload-files")
            go = gr.Button("导入到资料库", variant="primary", elem_id="upload-btn")
            result = gr.HTML("", elem_id="upload-result")
        with gr.Column(min_width=300):
            gr.Markdown("**删除文档**（删除后可以撤销）")
            # A textbox filters on committed text, so words typed through an input method work.
            query = gr.Textbox(label="查找要删除的文档", placeholder="输入标题或编号中的字，例如：幸福",
                               elem_id="delete-search")
            pick = gr.Radio(matching_docs(kb), value=None, label="选择要删除的文档",
                            elem_id="delete-pick", elem_classes=["doc-pick"])
            ask_del = gr.Button("删除所选文档…", variant="secondary", elem_id="delete-btn")
            with gr.Group(visible=False) as confirm_box:
                warn = gr.Markdown("", elem_id="delete-warn")
                with gr.Row():
                    yes = gr.Button("确认删除", variant="stop", elem_id="delete-yes")
                    no = gr.Button("取消", elem_id="delete-no")
            del_msg = gr.Markdown("", elem_id="delete-msg")
            undo_btn = gr.Button("撤销删除", visible=False, elem_id="delete-undo")
    with gr.Row(equal_height=False):
        fb_btn = gr.Button("导出“有用/没用”反馈记录", elem_id="feedback-export")
        fb_file = gr.File(label="反馈记录（每行一条：问题、回答、引用、回答过程、评价）", interactive=False,
                          elem_id="feedback-file")
    fb_msg = gr.Markdown("", elem_id="feedback-msg")
    chosen, last = gr.State(""), gr.State(None)

    def pick_update(q: str):
        return gr.update(choices=matching_docs(kb, q), value=None)

    def refresh(q: str = ""):
        return doc_rows(kb), pick_update(q)

    def on_upload(fs, progress=gr.Progress()):
        try:
            html = result_table(upload(kb, fs or [], progress))
        except ShequError as e:
            html = result_table([("（全部）", "未导入", render.web_text(str(e)))])
        # The table is current when the result shows; the delete search starts afresh.
        return (html, *refresh(""), "", None)

    def on_ask_delete(doc_id):
        doc = kb.document(doc_id) if doc_id else None
        if doc is None:
            return gr.update(visible=False), "", "请先在上面的列表中选择要删除的文档。", ""
        text = (f"确定要删除《{render.esc_md(doc.title)}》（{render.esc_md(doc.doc_id)}）吗？"
                "删除后，它的段落和方法卡将立即从回答中消失；删除后可以点“撤销删除”恢复。")
        return gr.update(visible=True), text, "", doc.doc_id

    def on_delete(doc_id, q):
        try:
            msg, undo = delete(kb, doc_id)
        except ShequError as e:
            msg, undo = render.web_text(str(e)), None
        label = f"撤销删除《{undo['title']}》" if undo else "撤销删除"
        return (gr.update(visible=False), render.esc_md(msg), undo,
                gr.update(visible=bool(undo), value=label), *refresh(q))

    def on_undo(undo, q):
        try:
            msg = restore(kb, undo)
        except ShequError as e:
            msg = render.web_text(str(e))
        return (render.esc_md(msg), None, gr.update(visible=False), *refresh(q))

    query.change(pick_update, query, pick, api_visibility="private", queue=False)
    up = go.click(on_upload, files, [result, table, pick, query, files], api_name="upload", concurrency_limit=1,
                  concurrency_id="ingest")
    ask_del.click(on_ask_delete, pick, [confirm_box, warn, del_msg, chosen], api_visibility="private")
    dele = yes.click(on_delete, [chosen, query], [confirm_box, del_msg, last, undo_btn, table, pick],
                     api_visibility="private", concurrency_limit=1, concurrency_id="ingest")
    no.click(lambda: (gr.update(visible=False), "已取消，没有删除任何文档。"), None, [confirm_box, del_msg],
             api_visibility="private")
    und = undo_btn.click(on_undo, [last, query], [del_msg, last, undo_btn, table, pick], api_visibility="private",
                         concurrency_limit=1, concurrency_id="ingest")

    def on_export():
        """A copy of $SHEQU_HOME/feedback.jsonl to download, with a count."""
        rows = feedback.read(kb.settings.home)
        if not rows:
            return None, "还没有反馈记录：在“问答”页的回答下点“有用”或“没用”即可留下记录。"
        folder = Path(tempfile.mkdtemp(prefix="shequ-feedback-"))
        out = folder / f"反馈记录_{time.strftime('%Y%m%d')}.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        useful = sum(bool(r.get("useful")) for r in rows)
        return str(out), f"共 {len(rows)} 条反馈：有用 {useful} 条，没用 {len(rows) - useful} 条。"

    fb_btn.click(on_export, None, [fb_file, fb_msg], api_name="export_feedback")

    def delete_api(doc_id: str) -> dict:
        """Delete one document by id (any document in the index, however recent)."""
        msg, undo = delete(kb, (doc_id or "").strip())
        return {"deleted": undo is not None, "message": msg}

    gr.api(delete_api, api_name="delete", concurrency_limit=1, concurrency_id="ingest")
    return {"refresh": refresh, "inputs": [query], "outputs": [table, pick], "changed": [up, dele, und]}
