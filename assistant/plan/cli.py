"""`shequ plan TOPIC`: draft a 实施方案 and print it or write .docx / .md / .json."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from ..output import OutputError, add_out_arguments
from ..output import check_output as _check
from .model import UngroundedPlan

FORMATS = (".docx", ".md", ".json")


def register(subparsers) -> dict:
    s = subparsers.add_parser("plan", help="起草实施方案（每条措施注明先例出处）")
    s.add_argument("topic", nargs="*", help="工作主题，例如：推进社区协商")
    s.add_argument("--unit", default="", help="单位名称，例如：XX社区党委")
    s.add_argument("--from", dest="start", default="", help="开始时间，例如 2025-03")
    s.add_argument("--to", dest="end", default="", help="结束时间，例如 2025-12")
    s.add_argument("--focus", action="append", default=[], help="工作重点（可多次使用，或用顿号分隔）")
    s.add_argument("--doc", action="append", default=[], help="只参考这些文档（文档编号或标题中的词）")
    s.add_argument("--place", action="append", default=[], help="只参考这些地区的先例")
    add_out_arguments(s, "输出文件：.docx、.md 或 .json（按扩展名决定格式）")
    s.add_argument("--docx", action="store_true",
                   help="导出 Word 文件：写到 --out 给出的文件名（扩展名改为 .docx），未给 --out 时写到“主题.docx”")
    s.add_argument("--json", action="store_true", help="在标准输出打印 JSON")
    return {"plan": cmd_plan}


def check_output(out: str, force: bool) -> Path | None:
    return _check(out, force, FORMATS)


def docx_target(out: str, topic: str) -> str:
    """Where --docx writes: --out with the .docx suffix, or the topic's name in the current folder."""
    if out:
        return str(Path(out).with_suffix(".docx"))
    name = re.sub(r'[\\/:*?"<>|\s]+', "", topic)[:40] or "实施方案"
    return f"{name}.docx"


def write(plan, path: Path) -> None:
    from . import to_docx, to_markdown

    try:
        if path.suffix.lower() == ".docx":
            to_docx(plan, path)
        elif path.suffix.lower() == ".md":
            path.write_text(to_markdown(plan), encoding="utf-8")
        else:
            path.write_text(json.dumps(plan.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as e:
        raise OutputError(f"无法写入 {path}：{e.strerror or e}") from e


def cmd_plan(args, kb_factory) -> int:
    from . import to_markdown

    topic = " ".join(args.topic)
    path = check_output(docx_target(args.out, topic) if args.docx else args.out, args.force)
    kb = kb_factory()
    try:
        # kb.plan: with an LLM endpoint configured, the measures are reworded and re-verified
        plan = kb.plan(topic, unit=args.unit, start=args.start, end=args.end, focus=args.focus,
                       docs=args.doc or None, places=args.place or None)
    except UngroundedPlan as e:
        print(f"错误：{e}", file=sys.stderr)
        for p in e.plan.problems:
            print(f"  - {p}", file=sys.stderr)
        return 4
    if path is not None:
        write(plan, path)
        print(f"已写入 {path}（{len(plan.measures)} 条措施，引用 {len(plan.citations)} 处，"
              f"来自 {len(plan.documents())} 篇文档）", file=sys.stderr)
    if args.json:
        print(json.dumps(plan.to_dict(), ensure_ascii=False, indent=1))
    elif path is None:
        print(to_markdown(plan))
    for notice in plan.notices:
        print(f"提示：{notice}", file=sys.stderr)
    return 0
