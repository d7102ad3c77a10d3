"""A reviewer's listing of one quiz: every item with its options, key, scoring points,
解析, source (title, article, character span, passage) and the whole source passage.

    python -m evals.quiz_listing 60 11 /work/review/quiz_items_s23b.md --docx /work/review/quiz_s23b_seed11.docx
"""
from __future__ import annotations

import argparse

from assistant.quiz import build
from assistant.quiz.export import citation_text, student_path, to_docx, total_score
from assistant.quiz.model import LETTERS, SHORT, Quiz


def listing(quiz: Quiz, command: str, note: str = "") -> str:
    head = (f"# 测验题目清单（shequ quiz -n {quiz.requested} --seed {quiz.seed}，{quiz.scope}，难度 {quiz.difficulty}，"
            f"{len(quiz.type_counts())}种题型）")
    made = f"要求 {quiz.requested} 题，生成 {len(quiz.items)} 题" + "".join(f"（程序提示：{x}）" for x in (quiz.notice, quiz.advice) if x)
    lines = [head, "", f"{made}，满分 {total_score(quiz)} 分。每题列出题干、选项、答案（填空题含其他可接受写法）、"
             "简答题评分要点、解析、出处（文档、条款/小节、字符位置、段落编号）和出处原文全文。",
             f"生成：{command}" + (f"。{note}" if note else ""), ""]
    for i, it in enumerate(quiz.items, 1):
        lines += [f"## 第{i}题（{it.type}，{it.score} 分）", it.stem]
        lines += [f"   {ch}. {o}" for ch, o in zip(LETTERS, it.options)]
        lines.append(f"答案：{it.answer_text() if it.type != SHORT else it.answer}")
        if it.type == SHORT:
            lines.append(it.marking())
        c = it.citation
        lines += ["", f"解析：{it.explanation}", f"出处：{citation_text(it)[:-1]}，文档 {c.doc_id}）",
                  f"原文：“{c.quote}”", ""]
    return "\n".join(lines)


def main() -> None:
    from assistant import Assistant

    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("seed", type=int)
    ap.add_argument("out")
    ap.add_argument("--docx")
    ap.add_argument("--note", default="")
    a = ap.parse_args()
    quiz = build(Assistant.open(), n=a.n, seed=a.seed)
    cmd = f"`SHEQU_HOME=/tmp/quiz-home shequ quiz -n {a.n} --seed {a.seed} --out {a.docx or 'quiz.docx'}`"
    if a.docx:
        to_docx(quiz, a.docx)
        to_docx(quiz, student_path(a.docx), student_only=True)
        cmd += f"（Word 版：{a.docx}；学生卷：{student_path(a.docx)}）"
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(listing(quiz, cmd, a.note))
    print(f"{len(quiz.items)} items -> {a.out}")


if __name__ == "__main__":
    main()
