"""`shequ quiz`: build a verified quiz and print it or write .docx/.xlsx/.csv/.json."""
from __future__ import annotations

import json
import sys

from ..output import add_out_arguments, check_output
from .export import student_path, to_csv, to_docx, to_json, to_md, to_xlsx
from .model import LETTERS, SHORT, Quiz

WRITERS = {".docx": to_docx, ".xlsx": to_xlsx, ".csv": to_csv, ".json": to_json, ".md": to_md}


def register(sub) -> dict:
    p = sub.add_parser("quiz", help="生成带答案、解析和出处的测验题")
    p.add_argument("--docs", nargs="+", metavar="DOC", help="限定文档（编号或标题片段）")
    p.add_argument("--methods", nargs="+", metavar="NAME", help="限定工作方法，如 4+1 五化五提升")
    p.add_argument("--topic", help="按主题检索出题范围，如“网格化管理”")
    p.add_argument("--region", help="学员所在地区，如 北京、上海：只用全国性文件和该地区的地方性文件；"
                   "“全国”只用全国性文件；缺省先用全国性文件，不够时才用地方性文件补足（每个地区的题最多占 place_share）")
    p.add_argument("-n", type=int, default=20, help="题目数量（1–200），默认 20")
    p.add_argument("--types", nargs="+", metavar="TYPE",
                   help="题型：单选题 多选题 判断题 填空题 简答题（默认全部）")
    p.add_argument("--difficulty", default="中", help="难度：易/中/难，默认 中")
    p.add_argument("--seed", type=int, default=0, help="随机种子：相同请求 + 相同种子 = 相同试卷")
    add_out_arguments(p, "输出文件：.docx（试卷+答案）、.xlsx、.csv、.json、.md（审阅用）；缺省打印到屏幕")
    p.add_argument("--student-paper", action="store_true",
                   help="输出 .docx 时另存一份只含试题的学生卷（文件名加“_学生卷”），便于单独印发")
    p.add_argument("--json", action="store_true", help="以 JSON 打印到屏幕")
    return {"quiz": cmd_quiz}


def cmd_quiz(args, kb_factory) -> int:
    from .builder import build

    out = check_output(args.out, args.force, tuple(WRITERS))
    kb = kb_factory()
    quiz = build(kb, docs=args.docs, methods=args.methods, topic=args.topic, n=args.n,
                 types=args.types, difficulty=args.difficulty, seed=args.seed,
                 region=args.region)
    for note in (quiz.notice, quiz.advice):
        if note:
            print(f"提示：{note}", file=sys.stderr)
    if out is not None and not quiz.items:  # an empty paper is no file (the notice says why)
        print(f"未写入 {out}：没有可出的题目", file=sys.stderr)
    elif out is not None:
        WRITERS[out.suffix.lower()](quiz, out)
        if args.student_paper and out.suffix.lower() == ".docx":
            to_docx(quiz, student_path(out), student_only=True)
            print(f"学生卷另存为 {student_path(out)}")
        counts = "，".join(f"{t} {c} 道" for t, c in quiz.type_counts().items())
        print(f"已生成 {len(quiz.items)} 道题（{counts}），写入 {out}")
        if out.suffix.lower() == ".docx" and not args.student_paper:  # review 57 took it for the only copy
            print("这是含答案的教师用卷；要发给学员的学生卷（只含试题）请加 --student-paper 再生成一次")
    elif args.json:
        print(json.dumps(quiz.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(render(quiz))
    return 0 if quiz.items else 3


def render(quiz: Quiz) -> str:
    lines = [f"范围：{quiz.scope}  题量：{len(quiz.items)}  难度：{quiz.difficulty}  种子：{quiz.seed}", ""]
    for i, it in enumerate(quiz.items, 1):
        lines.append(f"{i}. 【{it.type}】{it.stem}")
        lines += [f"   {ch}. {o}" for ch, o in zip(LETTERS, it.options)]
        lines.append(f"   答案：{it.answer_text()}")
        if it.type == SHORT:
            lines.append("   评分要点：" + "；".join(it.points))
        lines.append(f"   解析：{it.explanation}")
        lines.append("")
    return "\n".join(lines)
