"""Hostile-input campaign (issue 8): every case has one clear outcome.

A refused file gets one Chinese line naming it and the reason; the other files are still
ingested; the existing index stays intact; nothing raises. Real files, real model, real index.
Symlinks that leave the ingested folder (or dangle) are refused, not followed: a library
folder must not pull in files from elsewhere on the machine.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_files import CASES, MB, TEXT, gbk_name, plain

from assistant import Assistant, BadQuestion
from assistant.api import validate_question
from assistant.build import chunk_all, ingest
from assistant.cli import main
from assistant.index import IndexStore
from ingest.chunk import ChunkConfig
from ingest.pipeline import load_paths
from ui.uploads import _save_one

REPO = Path(__file__).resolve().parent.parent
SEEDS = ("000_3a74469a4d6c4f69.txt", "003_f97dfd424ead4bbd.txt")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _home(settings, path: Path):
    return settings.model_copy(update={"home": path, "cache": settings.cache_dir})


@pytest.fixture(scope="module")
def base(tmp_path_factory, settings, embedder):
    """Two real seed documents indexed once; each test starts from a copy of that index."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "docs").mkdir()
    for name in SEEDS:
        shutil.copy(REPO / "corpus" / name, root / "docs" / name)
    home = _home(settings, root / "home")
    assert not ingest([root / "docs"], home, embedder=embedder).errors
    return root, {c.chunk_id for c in IndexStore(home.index_root).open().chunks}


@dataclass
class Lib:
    docs: Path
    extra: Path  # hostile files go here
    home: object
    embedder: object
    seed_ids: set
    version: Path | None = None  # the index version before the test's ingest

    def ingest(self):
        return ingest([self.docs, self.extra], self.home, embedder=self.embedder)

    def data(self):
        return IndexStore(self.home.index_root).open()


@pytest.fixture
def lib(base, tmp_path, settings, embedder) -> Lib:
    root, seed_ids = base
    shutil.copytree(root / "home", tmp_path / "home")
    (tmp_path / "in").mkdir()
    home = _home(settings, tmp_path / "home")
    return Lib(root / "docs", tmp_path / "in", home, embedder, seed_ids,
               IndexStore(home.index_root).current_dir())


def assert_intact(lib: Lib, report) -> None:
    """The seed documents are untouched and the index opens and is whole; an index left
    unchanged is the very same version, a rebuilt one answers."""
    assert set(SEEDS) <= set(report.unchanged)
    data = lib.data()
    assert data.vectors.ntotal == len(data.chunks) == data.lexical.n_docs
    assert lib.seed_ids <= {c.chunk_id for c in data.chunks}
    if not report.changed:
        assert IndexStore(lib.home.index_root).current_dir() == lib.version
        return
    hits = Assistant(lib.home, data, lib.embedder).search("五里桥的4+1工作法", k=3)
    assert hits and hits[0].doc_id == SEEDS[0]


def assert_outcome(lib: Lib, report, name: str, expected) -> None:
    kind, what = expected
    errors = [e for e in report.errors if e.path == name]
    data = lib.data()
    if kind == "refused":
        assert len(errors) == 1 and len(report.errors) == 1, report.errors
        reason = errors[0].reason
        assert what in reason and "\n" not in reason and CJK.search(reason), reason
        assert name not in data.documents and not report.changed
    else:
        assert not report.errors and report.added == [name], report
        doc = data.documents[name]
        assert what(doc.text), doc.text[:300]
        chunks = [c for c in data.chunks if c.doc_id == name]
        assert chunks and all(doc.text[c.start:c.end] == c.text for c in chunks)
        assert all(len(c.text) <= lib.home.chunk_max_chars for c in chunks)
    assert_intact(lib, report)


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file(lib, name):
    builder, expected = CASES[name]
    builder(lib.extra / name)
    t = time.perf_counter()
    report = lib.ingest()
    assert time.perf_counter() - t < 60
    assert_outcome(lib, report, name, expected)


def _bytes_read() -> int:
    with open("/proc/self/io") as f:
        return int(next(line for line in f if line.startswith("rchar")).split()[1])


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc")
def test_200mb_file_is_refused_without_reading_it(lib):
    builder, expected = CASES["huge.txt"]
    builder(lib.extra / "huge.txt")
    before = _bytes_read()
    report = lib.ingest()
    assert _bytes_read() - before < 20 * MB  # the index and seeds, not the 200 MB
    assert_outcome(lib, report, "huge.txt", expected)


def test_file_name_in_gbk_bytes_is_refused_with_a_readable_guess(lib):
    path = gbk_name(lib.extra)
    report = lib.ingest()
    (err,) = report.errors
    assert "文件名不是 UTF-8 编码" in err.reason and "社区报告.txt" in err.reason
    assert err.path.encode("utf-8")  # printable: no lone surrogates
    assert path.exists()  # refused, not touched
    assert_intact(lib, report)


def test_symlinks_leaving_the_folder_are_refused(lib, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    plain(outside / "secret.txt")
    plain(lib.extra / "inside.txt")
    (lib.extra / "link-out.txt").symlink_to(outside / "secret.txt")
    (lib.extra / "dir-out").symlink_to(outside)
    (lib.extra / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (lib.extra / "loop.txt").symlink_to(lib.extra / "loop.txt")
    (lib.extra / "link-in.txt").symlink_to(lib.extra / "inside.txt")
    report = lib.ingest()
    reasons = {e.path: e.reason for e in report.errors}
    assert set(reasons) == {"link-out.txt", "dir-out", "dangling.txt", "loop.txt"}
    assert "目录之外" in reasons["link-out.txt"] and "目录之外" in reasons["dir-out"]
    assert "符号链接无效" in reasons["dangling.txt"] and "符号链接无效" in reasons["loop.txt"]
    docs = lib.data().documents
    assert "inside.txt" in docs and "secret.txt" not in docs
    # a link inside the folder is followed, not refused; being the same text, it is no second document
    assert "link-in.txt" not in docs and any("link-in.txt" in n and "内容相同" in n for n in report.notes)
    assert not any(str(outside) in d.source for d in docs.values())
    assert_intact(lib, report)


@pytest.mark.parametrize("wrapped", [False, True], ids=["one-line", "hard-wrapped"])
def test_10mb_single_paragraph_chunks_in_linear_time(tmp_path, wrapped):
    sentence = "社区网格员每天走访居民，及时收集诉求并分类办理，做到小事不出网格"
    para = "".join(f"{sentence}{i % 97}，" if i % 5 else f"{sentence}。" for i in range(330_000))
    text = "\n".join(para[i:i + 80] for i in range(0, len(para), 80)) if wrapped else para
    (tmp_path / "big.txt").write_text("长段落\n" + text, encoding="utf-8")
    assert (tmp_path / "big.txt").stat().st_size > 10 * MB
    t = time.perf_counter()
    loaded = load_paths([tmp_path], 50 * MB)
    cfg = ChunkConfig(400, 150)
    chunks = chunk_all(loaded.documents, cfg)
    assert time.perf_counter() - t < 30  # quadratic joins/splits took minutes here
    (doc,) = loaded.documents
    # broken lines are joined back (a wrap right after "。" stays a paragraph break, and a
    # break between two ASCII digits becomes a space, as in English); no text is lost
    assert re.sub(r"\s", "", doc.text) == "长段落" + para
    assert wrapped or doc.text == "长段落\n" + para
    assert all(doc.text[c.start:c.end] == c.text and len(c.text) <= cfg.max_chars for c in chunks)
    assert re.sub(r"\s", "", "".join(c.text for c in chunks)) == para


def test_uploaded_file_names_cannot_escape_or_break_the_library(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "f.txt").write_text(TEXT, encoding="utf-8")
    lib_dir = tmp_path / "library"
    lib_dir.mkdir()
    names = ["../../etc/passwd.txt", "/etc/cron.d/x.txt", "C:\\Windows\\System32\\evil.txt",
             "..\\..\\a.txt", "CON.txt", "nul.TXT", "LPT1.md", "📄社区🎉报告.docx", "🎉.pdf",
             "社" * 200 + ".txt", "a\nb\x00c.txt", "....", ".hidden"]
    saved = []
    for n in names:  # Gradio hands over a temp file that carries the user's name
        up = tmp_path / "up" / str(len(saved))
        up.mkdir(parents=True)
        target = up / "x"
        shutil.copy(src / "f.txt", target)
        saved.append(_save_one(target, n, lib_dir.resolve(), MB, set()))
    stored = {s.original: s.path.name for s in saved if s.path}
    assert stored["../../etc/passwd.txt"] == "passwd.txt" and stored["CON.txt"] == "_CON.txt"
    assert stored["nul.TXT"] == "_nul.txt" and stored["LPT1.md"] == "_LPT1.md"
    assert stored["📄社区🎉报告.docx"] == "社区_报告.docx" and stored["🎉.pdf"] == "未命名.pdf"
    assert len(stored["社" * 200 + ".txt"].encode()) <= 255
    assert {"....", ".hidden"} == {s.original for s in saved if not s.path}
    assert all(s.reason == "文件名无效" for s in saved if not s.path)
    assert all(p.parent == lib_dir.resolve() for p in lib_dir.iterdir())
    assert len(list(lib_dir.iterdir())) == len(stored)


@pytest.mark.parametrize("question,message", [
    ("\x00\x01\x1b\x7f", "不能为空"),
    ("\u200b\u202e\u2066", "不能为空"),
    ("网格化\x00管理\x1b[31m怎么做\x07", None),
    ("社" * 100_000, "问题太长"),
    ("\x00" * 100_000, "问题太长"),
])
def test_hostile_questions_get_a_clear_error(kb, question, message):
    if message is None:  # control characters are dropped and the question still works
        assert validate_question(question, 2000) == "网格化管理[31m怎么做"
        assert kb.search(question, k=3)
        return
    for call in (kb.ask, kb.search, lambda q: validate_question(q, 2000)):
        with pytest.raises(BadQuestion, match=message):
            call(question)


@pytest.mark.parametrize("stdin,code,text", [
    ("社区两委\x00\x1b成员配几个人？".encode(), 0, "来源："),
    ("社".encode() * 100_000, 2, "问题太长"),
    ("社区两委成员配几个人？".encode("gbk"), 0, "来源："),  # a Windows console pipes GBK
    (b"\xff\xfe\x00\x00\xc3", 2, "错误："),
])
def test_cli_questions_from_stdin_never_traceback(kb, monkeypatch, capsys, stdin, code, text):
    monkeypatch.setenv("SHEQU_HOME", str(kb.settings.home))
    monkeypatch.setenv("SHEQU_CACHE", str(kb.settings.cache_dir))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    assert main(["ask"]) == code
    out = capsys.readouterr()
    assert text in out.out + out.err and "Traceback" not in out.err
    if code:
        assert len(out.err.strip().splitlines()) == 1


def test_cli_campaign_reports_one_line_per_bad_file(lib, tmp_path):
    """All hostile files at once through the real `shequ ingest` process."""
    for name, (builder, _) in CASES.items():
        builder(lib.extra / name)
    gbk_name(lib.extra)
    (lib.extra / "link-out.txt").symlink_to(REPO / "README.md")
    env = {**os.environ, "SHEQU_HOME": str(lib.home.home), "SHEQU_CACHE": str(lib.home.cache_dir),
           "SHEQU_EMBED_THREADS": "1", "OMP_NUM_THREADS": "1"}
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(lib.docs), str(lib.extra)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr[-2000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("✗ ")]
    refused = {n for n, (_, (kind, _)) in CASES.items() if kind == "refused"}
    for name in refused | {"link-out.txt"}:
        mine = [ln for ln in lines if ln.startswith(f"✗ {name}：")]
        assert len(mine) == 1 and CJK.search(mine[0].split("：", 1)[1]), (name, lines)
    assert len(lines) == len(refused) + 2  # + the GBK-named file
    ingested = {n for n in CASES if n not in refused}
    # files with the text of one ingested before them are named in a note, not imported twice
    copies = {n for n in ingested if f"注意：文件 {n} 与已导入的" in proc.stderr}
    assert f"新增 {len(ingested) - len(copies)} 篇" in proc.stdout and "未变 2 篇" in proc.stdout
    assert ingested - copies <= set(lib.data().documents) and len(copies) < len(ingested) / 2
