"""出题 tab: a form, a preview with keys hidden or shown, and .docx/.xlsx/.csv downloads."""
from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant.errors import ShequError
from assistant.quiz import region as regions
from assistant.quiz import to_csv, to_docx, to_xlsx
from assistant.quiz.export import student_path

from . import render

TYPES = ["单选题", "多选题", "判断题", "填空题", "简答题"]
LEVELS = ["易", "中", "难"]
LETTERS = "ABCDEF"


def item_html(i: int, it, show_key: bool) -> str:
    e = render.esc
    opts = "".join(f"<div>{LETTERS[j]}. {e(o)}</div>" for j, o in enumerate(it.options))
    key = ""
    if show_key:
        c = it.citation
        url = render.doc_url(c.doc_id, c.start, c.end)
        points = "".join(f"<li>{e(p)}</li>" for p in getattr(it, "points", []) or [])
        key = (f'<div class="quiz-key"><b>答案：</b>{e(it.answer)}</div>'
               + (f"<div><b>评分要点：</b><ul>{points}</ul></div>" if points else "")
               + f'<div class="muted"><b>解析：</b>{e(it.explanation)}</div>'
               f'<div class="muted">出处：<a href="{e(url)}" target="_blank" rel="noopener">'
               f"《{e(c.title)}》</a></div>")
    return (f'<div class="quiz-item"><div><b>{i}.</b> <span class="muted">[{e(it.type)} · '
            f'{e(it.difficulty)}]</span> {e(it.stem)}</div>{opts}{key}</div>')


def quiz_html(quiz, show_key: bool) -> str:
    e = render.esc
    counts = "、".join(f"{t} {n} 道" for t, n in quiz.type_counts().items()) if hasattr(quiz, "type_counts") else ""
    head = (f'<p class="muted">范围：{e(quiz.scope)}；共 {len(quiz.items)} 道{e(f"（{counts}）" if counts else "")}；'
            f"随机种子 {e(quiz.seed)}</p>")
    notice = f'<p class="incomplete">{e(quiz.notice)}</p>' if quiz.notice else ""
    if getattr(quiz, "advice", ""):  # (shown here, not printed in the paper: trainer review 58)
        notice += f'<p class="muted quiz-advice">出题提示：{e(quiz.advice.replace(regions.HOW, regions.ON_WEB))}</p>'
    items = "".join(item_html(i, it, show_key) for i, it in enumerate(quiz.items, 1))
    return head + notice + (items or ("" if quiz.notice else "<p>没有生成题目。</p>"))


def export(quiz) -> list[str]:
    """The quiz as .docx (teacher's copy, and the student paper alone to hand out), .xlsx and .csv
    in a fresh temp folder."""
    folder = Path(tempfile.mkdtemp(prefix="shequ-quiz-"))
    whole = folder / "培训测验.docx"
    paths = [str(to_docx(quiz, whole)), str(to_docx(quiz, student_path(whole), student_only=True))]
    paths += [str(fn(quiz, folder / f"培训测验.{ext}")) for fn, ext in ((to_xlsx, "xlsx"), (to_csv, "csv"))]
    return [p for p in paths if Path(p).exists()]


ANY_REGION, NATIONAL_ONLY = "不限（全国性文件优先，不够时用地方性文件补足）", "全国（只用全国性文件）"  # (labels of region.resolve's None and 全国)


def region_choices(kb) -> list[str]:
    return [ANY_REGION, NATIONAL_ONLY, *regions.places(kb.data.documents)]


def make_quiz(kb, topic: str, docs: list[str], methods: list[str], n: float, types: list[str],
              difficulty: str, seed: float, region: str | None = None):
    """(preview without keys, preview with keys, file paths)."""
    gone = [d for d in docs or [] if kb.document(d) is None]
    if gone:
        msg = ('<div class="ans-error">所选文档已从资料库删除：'
               f"{render.esc('、'.join(gone))}。请在“指定文档”中重新选择。</div>")
        return msg, msg, None
    try:
        quiz = kb.quiz(topic=(topic or "").strip() or None, docs=docs or None, methods=methods or None,
                       n=int(n or 0), types=list(types or []), difficulty=difficulty or None,
                       seed=int(seed or 0),
                       region=None if region in (None, "", ANY_REGION) else regions.NATIONAL[0] if region == NATIONAL_ONLY else region)
    except (ShequError, ValueError) as err:
        msg = f'<div class="ans-error">{render.esc(render.web_text(str(err)))}</div>'
        return msg, msg, None
    return quiz_html(quiz, False), quiz_html(quiz, True), (export(quiz) or None) if quiz.items else None


def build(kb) -> dict:
    method_names = list(dict.fromkeys(c.get("name", "") for c in kb.methods() if c.get("name")))
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=300):
            gr.Markdown("**出题范围**（都不填则从全部资料出题）")
            topic = gr.Textbox(label="主题", placeholder="例如：网格化管理", elem_id="quiz-topic")
            # allow_custom_value: a document uploaded in another browser tab is accepted, and
            # one deleted meanwhile gets our Chinese message rather than Gradio's English one.
            docs = gr.Dropdown(doc_choices(kb), multiselect=True, label="指定文档",
                               allow_custom_value=True, elem_id="quiz-docs")
            methods = gr.Dropdown(method_names, multiselect=True, label="指定方法卡",
                                  visible=bool(method_names), allow_custom_value=True)
            n = gr.Slider(1, 200, value=10, step=1, label="题目数量")
            types = gr.CheckboxGroup(TYPES, value=TYPES, label="题型")
            level = gr.Radio(LEVELS, value="中", label="难度")
            region = gr.Dropdown(region_choices(kb), value=ANY_REGION, label="适用地区（地方性法规只出本地区的题）",
                                 elem_id="quiz-region")
            seed = gr.Number(value=1, precision=0, label="随机种子（相同设置和种子得到相同试卷）")
            go = gr.Button("生成试题", variant="primary", elem_id="quiz-btn")
            files = gr.File(label="下载（教师卷 .docx、学生卷 .docx、.xlsx、.csv）", file_count="multiple",
                            interactive=False, elem_id="quiz-files")
        with gr.Column(scale=3):
            show = gr.Checkbox(False, label="显示答案和解析", elem_id="quiz-show")
            preview = gr.HTML('<p class="muted">设置好出题范围后点击“生成试题”。</p>', elem_id="quiz-preview")
    hidden, shown = gr.State(""), gr.State("")

    def on_quiz(topic: str, docs: list[str], methods: list[str], n: float, types: list[str],
                difficulty: str, seed: float, show_key: bool, place: str):
        plain, keyed, paths = make_quiz(kb, topic, docs, methods, n, types, difficulty, seed, place)
        return (keyed if show_key else plain), plain, keyed, paths

    go.click(on_quiz, [topic, docs, methods, n, types, level, seed, show, region],
             [preview, hidden, shown, files], api_name="quiz", concurrency_limit=2)
    show.change(lambda s, a, b: b if s else a, [show, hidden, shown], preview, api_visibility="private")

    def refresh(chosen, place):
        ids, places = {d.doc_id for d in kb.documents()}, region_choices(kb)
        return (gr.update(choices=doc_choices(kb), value=[d for d in chosen or [] if d in ids]),
                gr.update(choices=places, value=place if place in places else ANY_REGION))
    return {"refresh": refresh, "inputs": [docs, region], "outputs": [docs, region]}


def doc_choices(kb) -> list[tuple[str, str]]:
    return [(d.title, d.doc_id) for d in kb.documents()]
