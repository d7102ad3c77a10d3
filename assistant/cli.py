"""`shequ` command line: a thin dispatcher over the Assistant API."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ShequError, os_failure
from .methods import cli as methods_cli
from .plan import cli as plan_cli
from .quiz import cli as quiz_cli
from .safe_text import strip_controls


def _progress_printer(stream=sys.stderr):
    state = {"stage": None}

    def progress(stage: str, done: int, total: int, detail: str = "") -> None:
        label = {"load": "读取文档", "embed": "计算向量", "wait": "等待", "sync": "同步"}.get(stage, stage)
        end = "\n" if done >= total else ""
        stream.write(f"\r{label} {done}/{total} {strip_controls(detail)[:40]:<40}{end}")
        stream.flush()
        state["stage"] = stage

    return progress


def _read_question(args) -> str:
    q = " ".join(args.question) if args.question else ""
    if (not q or q == "-") and not sys.stdin.isatty():
        q = _read_stdin()
    return q


def _read_stdin(limit: int = 1 << 20) -> str:
    """At most `limit` bytes of stdin (longer is rejected as too long anyway), decoded as
    UTF-8 or, failing that, GBK — a Windows console pipes GBK."""
    buf = getattr(sys.stdin, "buffer", None)
    if buf is None:
        return sys.stdin.read(limit)
    data = buf.read(limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def cmd_ingest(args, kb_factory) -> int:
    from .build import ingest
    from .settings import Settings

    settings = Settings.load()
    paths = [Path(p) for p in args.paths] or _default_sources(settings)
    report = ingest(paths, settings, rebuild=args.rebuild, remove=args.remove,
                    progress=_progress_printer())
    from ingest.pipeline import display_name

    for e in report.errors:  # one line per file, even for names with newlines or bad bytes
        print(f"✗ {display_name(e.path)}：{e.reason}", file=sys.stderr)
    for note in report.notes:
        print(f"注意：{note}", file=sys.stderr)
    print(f"新增 {len(report.added)} 篇，更新 {len(report.updated)} 篇，删除 {len(report.removed)} 篇，"
          f"未变 {len(report.unchanged)} 篇；共 {report.n_chunks} 个段落，本次计算向量 {report.embedded} 个。")
    return 1 if report.errors else 0


def _default_sources(settings) -> list[Path]:
    from .api import Assistant
    return Assistant.default_sources(settings)


def cmd_index(args, kb_factory) -> int:
    """`shequ index versions | verify | rollback [VERSION]` over the kept index versions."""
    from .index import IndexStore, load
    from .integrity import check_files, read_manifest
    from .settings import Settings

    store = IndexStore(Settings.load().index_root)
    if args.action == "rollback":
        target = store.rollback(args.version)
        m = read_manifest(target)
        print(f"已切换到索引版本 {target.name}（{m.get('created', '')}，文档 {len(m.get('documents', {}))} 篇，"
              f"段落 {m.get('n_chunks', 0)} 个）")
        return 0
    live = store.current_dir()
    if live is None:
        print(f"{store.root} 中还没有索引；运行 shequ ingest 建立")
        return 0
    if args.action == "verify":
        load(live, hashes=True)  # every hash, and every file parsed
        m = read_manifest(live)
        n = check_files(live, m) + sum(check_files(store.root / "segments" / s["id"], s) for s in m.get("segments", []))
        print(f"索引版本 {live.name}：{n} 个文件的大小和校验和均与清单一致" if n else
              f"索引版本 {live.name} 可以读取，但建立时还没有校验和；运行 shequ ingest --rebuild 可补上")
        return 0
    for v in store.versions():
        m = read_manifest(v)
        print(f"{'*' if v == live else ' '} {v.name}  {m.get('created', '')}  "
              f"文档 {len(m.get('documents', {}))} 篇  段落 {m.get('n_chunks', 0)} 个")
    print("（* 为当前版本；回退：shequ index rollback [版本名]）")
    return 0


def cmd_docs(args, kb_factory) -> int:
    """The library's documents with their metadata (inferred fields marked with *)."""
    from ingest.model import place_label

    kb = kb_factory()
    docs = sorted(kb.documents(), key=lambda d: d.doc_id)
    if args.json:
        print(json.dumps([{"doc_id": d.doc_id, "title": d.title, **{k: v for k, v in d.meta.items()
                                                                  if k not in ("title", "headings")}}
                          for d in docs], ensure_ascii=False, indent=1))
        return 0
    for d in docs:
        m, guessed = d.meta, set(d.meta.get("inferred", ()))

        def f(key, value):
            return f"{value}{'*' if key in guessed else ''}" if value else "—"

        print(f"{d.doc_id}\n    {d.title}\n    类型 {f('doc_type', m.get('doc_type'))}｜发布 "
              f"{f('issuer', m.get('issuer'))}｜日期 {f('date', m.get('date'))}｜施行 "
              f"{f('effective_date', m.get('effective_date'))}｜地区 {f('place', place_label(m.get('place')))}")
    print(f"\n共 {len(docs)} 篇。带 * 的字段由正文推断；如需更正，在文件所在文件夹的 metadata.json 中写明"
          "（例如 {\"文件名.docx\": {\"issuer\": \"某某街道办事处\"}}），再运行 shequ ingest。")
    return 0


def cmd_search(args, kb_factory) -> int:
    kb = kb_factory()
    hits = kb.search(_read_question(args), k=args.k)
    if args.json:
        print(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=1))
        return 0
    for i, h in enumerate(hits, 1):
        print(f"[{i}] {h.title} › {h.section.split(' › ', 1)[-1] if ' › ' in h.section else ''}  ({h.score:.3f})")
        print(f"    {h.text[:160]}{'…' if len(h.text) > 160 else ''}")
    return 0


def cmd_ask(args, kb_factory) -> int:
    kb = kb_factory()
    if not args.json and (kb.settings.llm_base_url or "").strip():
        return _ask_streaming(kb, _read_question(args))
    ans = kb.ask(_read_question(args))
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=1))
        return 0
    print(ans.text)
    code = _print_sources(ans)
    if getattr(args, "explain", False):
        print("\n" + explain(ans.trace))
    return code


def explain(trace: dict) -> str:
    """Where an answer came from: the strategy, its reason, filters, abstention, candidates."""
    lines = [f"策略：{trace.get('strategy') or '（无）'} — {trace.get('reason', '')}",
             f"设置：{trace.get('settings_hash', '')}"]
    for f in trace.get("filters", []):
        lines.append(f"范围：{f['name']} → {', '.join(f['docs'])}（命中段落 {f['passages']}）")
    words = trace.get("words")
    if words:
        lines.append(f"问题词：选句用 {'、'.join(words['scoring'])}；拒答判断用 {'、'.join(words['abstention'])}")
    ab = trace.get("abstain")
    if ab:
        signals = "，".join(f"{k} {v}" for k, v in ab.items() if k not in ("answered", "min_coverage"))
        said = {True: "回答", False: "拒答"}.get(ab.get("answered"), "未判定（策略未给出候选，原因见“策略”一行）")
        lines.append(f"拒答判断：{signals} → {said}")
    for k in trace.get("asked_kind", []):  # the kind of fact an ask wants (answer/kinds.py)
        lines.append(f"所问事实类型：{k['kind']}（{k['ask']}）→ 候选句中说到的 {k['stating']} 句")
    chosen = {(c["doc_id"], c["start"]) for c in trace.get("chosen", [])}
    for c in trace.get("candidates", []):
        mark = "✓" if (c["doc_id"], c["start"]) in chosen else " "
        lines.append(f" {mark} {c['score']:.3f} [{c['kind']}] {c['doc_id']}@{c['start']}  {c['text']}")
    return "\n".join(lines)


def _print_sources(ans) -> int:
    """The numbered sources under an answer; the exit code (3 = no basis found)."""
    if ans.citations:
        print("\n来源：")
    for c in ans.citations:
        print(f"[{c.n}] {c.section or c.title}")
        print(f"    “{c.quote}”")
    return 0 if ans.found else 3


def _ask_streaming(kb, question: str) -> int:
    """Print a generative answer sentence by sentence, as each one is verified."""
    shown, ans = "", None
    for ev in kb.ask_stream(question):
        ans = ev.answer
        if ev.kind == "sentence" and ev.status == "dropped":
            print(f"\n（已删除一句无法被资料证实的内容：{ev.sentence}）", file=sys.stderr)
        elif ev.kind == "sentence" and ans.text.startswith(shown):
            sys.stdout.write(ans.text[len(shown):])
            sys.stdout.flush()
            shown = ans.text
    if ans.mode != "llm" or not ans.text.startswith(shown):  # fell back: the whole answer
        print(("\n" if shown else "") + ans.text)
    else:
        print(ans.text[len(shown):])
    if ans.notice:
        print(f"提示：{ans.notice}", file=sys.stderr)
    return _print_sources(ans)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="shequ", description="社区治理知识助手")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("ingest", help="导入文档并更新索引")
    s.add_argument("paths", nargs="*", help="文件或文件夹；缺省为自带语料和上传目录")
    s.add_argument("--rebuild", action="store_true", help="丢弃旧索引，重新建立")
    s.add_argument("--remove", action="append", default=[], metavar="DOC_ID", help="从索引中删除文档")
    for name, helptext in (("search", "检索相关段落"), ("ask", "提问，返回带引用的回答")):
        s = sub.add_parser(name, help=helptext)
        s.add_argument("question", nargs="*", help="问题；缺省或 - 时从标准输入读取")
        s.add_argument("--json", action="store_true", help="输出 JSON")
        if name == "ask":
            s.add_argument("--explain", action="store_true", help="说明回答从何而来：策略、候选句及得分")
        if name == "search":
            s.add_argument("-k", type=int, default=5, help="返回条数")
    s = sub.add_parser("docs", help="列出资料库中的文档及其元数据（标题、类型、发布机关、日期、地区）")
    s.add_argument("--json", action="store_true", help="输出 JSON")
    s = sub.add_parser("index", help="索引版本：列出、校验、回退")
    s.add_argument("action", choices=("versions", "verify", "rollback"),
                   help="versions 列出保留的版本；verify 校验当前版本的每个文件；rollback 回退")
    s.add_argument("version", nargs="?", help="rollback 的目标版本；缺省为上一个版本")
    commands = register_commands(sub)  # the features add their subparsers here
    s = sub.add_parser("ui", help="启动网页界面")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=7860)
    for name, handler in commands.items():
        sub.choices[name].set_defaults(handler=handler)
    return p


def register_commands(sub) -> dict:
    """Every subcommand's handler(args, kb_factory) -> exit code, in one place. The core
    commands' parsers are built in build_parser; each feature's `cli.register(subparsers)`
    adds its own and returns {command name: handler}."""
    commands = {"ingest": cmd_ingest, "search": cmd_search, "ask": cmd_ask, "docs": cmd_docs,
                "index": cmd_index, "ui": cmd_ui}
    for feature in (methods_cli, plan_cli, quiz_cli):
        commands.update(feature.register(sub))
    return commands


def cmd_ui(args, kb_factory) -> int:
    from ui.app import main as ui_main
    return ui_main(host=args.host, port=args.port)


class SafeStream:
    """sys.stdout / sys.stderr while a command runs: everything printed, whatever command
    printed it (answers, dropped sentences, notices, titles, errors), loses control
    characters and terminal escape sequences (safe_text.strip_controls)."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(strip_controls(text))

    def writelines(self, lines) -> None:
        self._stream.writelines(strip_controls(x) for x in lines)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)

    def kb_factory():
        from .api import Assistant
        return Assistant.open(progress=_progress_printer())

    try:
        return args.handler(args, kb_factory)
    except ShequError as e:  # 2: bad question or settings; 4: disk, permissions, damaged index
        print(f"错误：{e}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:  # `shequ … | head`
        sys.stderr.close()
        return 0
    except OSError as e:  # a write outside the index (caches, the library): the same one line
        print(f"错误：{os_failure(e, None)}", file=sys.stderr)
        return 4
    except ValueError as e:  # bad settings or arguments
        print(f"错误：{e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
