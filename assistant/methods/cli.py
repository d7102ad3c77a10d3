"""`shequ methods`, `shequ method NAME`, `shequ compare NAME NAME...`."""
from __future__ import annotations

import json


def register(sub) -> dict:
    s = sub.add_parser("methods", help="列出所有工作法/机制卡片")
    s.add_argument("--json", action="store_true", help="输出 JSON")
    s = sub.add_parser("method", help="查看一个工作法的卡片（组成部分、成效、出处）")
    s.add_argument("name", nargs="+", help="名称，如 4+1、四加一、五里桥的工作法")
    s.add_argument("--json", action="store_true", help="输出 JSON")
    s = sub.add_parser("compare", help="并列比较几个工作法，或按主题比较各地做法")
    s.add_argument("names", nargs="+", help="名称（两个以上），或一个主题如 网格化管理")
    fmt = s.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="输出 JSON")
    fmt.add_argument("--markdown", action="store_true", help="输出 Markdown 表格")
    return {"methods": cmd_methods, "method": cmd_method, "compare": cmd_compare}


def _dump(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=1))


def cmd_methods(args, kb_factory) -> int:
    cards = kb_factory().methods()
    if args.json:
        _dump(cards)
        return 0
    if not cards:
        print("索引中没有工作法卡片。请先运行 shequ ingest。")
        return 0
    local = [c for c in cards if c.get("kind", "local") == "local"]
    national = [c for c in cards if c.get("kind", "local") != "local"]
    for c in local:
        print(f"{c['full_name']}\t{c['type']}\t{c['place'] or '—'}\t{parts_state(c)}\t{c['title']}")
    if national:
        print("\n文件提及的全国性或通用提法（不是本地做法）：")
        for c in national:
            print(f"{c['full_name']}\t{c['title']}")
    print(f"共 {len(local)} 张本地工作法卡片" + (f"，另有 {len(national)} 个全国性或通用提法。" if national else "。"))
    return 0


def parts_state(c: dict) -> str:
    """完整 with its count, 不完整 found/expected, or 未找到组成部分 (no counts: nothing was found)."""
    if not c["components"]:
        return "未找到组成部分"
    state = "完整" if c["complete"] else "不完整"
    return f"{len(c['components'])}/{c['expected_count'] or '?'} {state}"


def cmd_method(args, kb_factory) -> int:
    res = kb_factory().method(" ".join(args.name))
    if args.json:
        _dump(res)
        return 0 if res["found"] else 3
    if not res["found"]:
        sug = "、".join(res["suggestions"])
        print(f"没有找到“{res['query']}”。" + (f"您是不是要找：{sug}" if sug else ""))
        return 3
    print(format_card(res["card"]))
    others = [c for c in res["cards"][1:]]
    if others:
        print("\n其他文档中的同名卡片：" + "；".join(f"{c['full_name']}（{c['title']}）" for c in others))
    return 0


def format_card(c: dict) -> str:
    kind = "" if c.get("kind", "local") == "local" else "  （全国性或通用提法，不是本文件的本地做法）"
    lines = [f"{c['full_name']}  [{c['type']}]{kind}",
             f"地点：{c['place'] or '—'}    单位：{c['org'] or '—'}    年份：{c['year'] or '—'}",
             f"出处：{c['title']}"]
    if c["purpose"]:
        lines.append(f"目的：{c['purpose']}")
    n, exp = len(c["components"]), c["expected_count"]
    if not n:
        lines.append("组成部分：未找到组成部分（原文中没有找到各个组成部分，本卡不用于回答和出题）")
    elif c["complete"]:
        lines.append(f"组成部分（{n}项）：")
    else:
        lines.append(f"组成部分（不完整：找到{n}项" + (f"，按名称应有{exp}项" if exp else "") + "）：")
    for i, comp in enumerate(c["components"], 1):
        lines.append(f"  {i}. {comp['name']}\n     “{comp['quote']}”")
    if c["outcomes"]:
        lines.append("成效：")
        lines += [f"  - {o['text']}" for o in c["outcomes"]]
    lines.append(f"原文：“{c['mention']['quote']}”")
    return "\n".join(lines)


def cmd_compare(args, kb_factory) -> int:
    from .compare import to_markdown  # numpy and the embedder: only when a command runs

    table = kb_factory().compare(args.names)
    if args.json:
        _dump(table)
    elif args.markdown:
        print(to_markdown(table))
    else:
        print(to_markdown(table))
    return 0 if table["rows"] else 3
