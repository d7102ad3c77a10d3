"""A topic the library cannot ask about gives no paper: a Chinese notice saying what to change,
no empty .docx written (CLI) or offered for download (web), and no word about local items."""
from __future__ import annotations

import pytest

from assistant.cli import main

OFF = "航天飞机发射窗口"


@pytest.fixture
def cli_env(kb, monkeypatch):
    monkeypatch.setenv("SHEQU_HOME", str(kb.settings.home))
    monkeypatch.setenv("SHEQU_CACHE", str(kb.settings.cache_dir))
    return kb


def test_cli_writes_no_empty_paper(cli_env, capsys, tmp_path):
    out = tmp_path / "卷.docx"
    assert main(["quiz", "--topic", OFF, "-n", "10", "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert not out.exists()
    assert "没有生成题目" in err and "未写入" in err and "地方性文件" not in err


def test_web_offers_no_files_for_an_empty_paper(kb):
    from ui.tab_quiz import make_quiz

    plain, keyed, files = make_quiz(kb, OFF, [], [], 10, ["单选题", "判断题"], "中", 1)
    assert files is None
    assert "没有生成题目" in plain and "地方性文件" not in keyed
