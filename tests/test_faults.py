"""Fault injection on real files: damaged index files, same-name files, a full disk, a
read-only home, kept versions. Each case asserts that no user document is lost and the exact
message a user sees. (A running Assistant following another process: test_follow.py.)"""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from index_files import index_file

from assistant import Assistant
from assistant import segments as segments_mod
from assistant.build import ingest
from assistant.cli import main
from assistant.errors import REPAIR, EnvironmentFailure, IndexCorrupt
from assistant.index import IndexStore
from assistant.integrity import MARKER
from assistant.settings import Settings

USER_DOC = "楼道议事会每周三晚上在三号楼一楼召开，居民可以当面提出意见。\n"
INDEX_FILES = ["manifest.json", "documents.jsonl", "chunks.jsonl", "vectors.faiss", "terms.json",
               "cards.json", "lex/tf.npy", "lex/vocab.json"]  # the version's own, then its segment's
FULL = "磁盘空间不足，无法写入 {}；请清理磁盘空间后重新运行（原有索引和文档未受影响）"


@pytest.fixture
def library(small_home, small_corpus, embedder, tmp_path, monkeypatch):
    """The two seed documents plus a user's own file in another folder, ingested; the CLI
    pointed at the same home (no bundled corpus: the seeds stand in for it)."""
    user = tmp_path / "mine" / "议事会.txt"
    user.parent.mkdir()
    user.write_text(USER_DOC, encoding="utf-8")
    ingest([small_corpus, user.parent], small_home, embedder=embedder)
    for k, v in {"SHEQU_HOME": small_home.home, "SHEQU_CACHE": small_home.cache_dir, "SHEQU_CORPUS": small_corpus}.items():
        monkeypatch.setenv(k, str(v))
    store = IndexStore(small_home.index_root)
    return store, set(store.open().documents), user


def last_line(err: str) -> str:
    assert "Traceback" not in err, err
    return err.strip().split("\n")[-1].split("\r")[-1]


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# ---- item 2: same name, different folders ----------------------------------------------------
def test_same_name_in_two_folders_both_indexed(small_home, embedder, tmp_path):
    for sub, text in (("a", "甲社区的报告：加装电梯十二部。"), ("b", "乙社区的报告：新建口袋公园两处。")):
        (tmp_path / "docs" / sub).mkdir(parents=True)
        (tmp_path / "docs" / sub / "报告.txt").write_text(text + "\n", encoding="utf-8")
    report = ingest([tmp_path / "docs"], small_home, embedder=embedder)
    assert sorted(report.added) == ["a/报告.txt", "b/报告.txt"] and not report.notes
    docs = IndexStore(small_home.index_root).open().documents
    assert "加装电梯" in docs["a/报告.txt"].text and "口袋公园" in docs["b/报告.txt"].text
    assert docs["a/报告.txt"].title != "a/报告.txt"  # titles come from the text, not the path
    assert not ingest([tmp_path / "docs"], small_home, embedder=embedder).changed  # ids are stable


def test_same_name_from_two_roots_is_reported_and_both_kept(library, capsys, tmp_path):
    store, before, user = library
    other = tmp_path / "theirs" / "议事会.txt"
    other.parent.mkdir()
    other.write_text("另一个小区的议事会每月第一个周六召开。\n", encoding="utf-8")
    code, out, err = cli(capsys, "ingest", str(other))
    assert code == 0 and "新增 1 篇" in out
    assert last_line(err) == (f"注意：文件 {other.resolve()} 与已导入的 {user.resolve()} 编号相同，"
                              "已改用编号“theirs/议事会.txt”，两篇都已导入")
    docs = store.open().documents
    assert set(docs) == before | {"theirs/议事会.txt"} and "三号楼" in docs["议事会.txt"].text


# ---- items 5-6, integrity: every index file damaged in turn -----------------------------------
@pytest.mark.parametrize("name", INDEX_FILES)
def test_an_emptied_index_file_is_named_and_the_next_ingest_rebuilds(library, name, capsys, small_home,
                                                                      small_corpus, embedder):
    store, before, user = library
    path = index_file(store, name)
    size = path.stat().st_size
    path.write_bytes(b"")
    code, _, err = cli(capsys, "search", "议事会")
    why = "文件为空" if name == "manifest.json" else f"大小应为 {size} 字节，实为 0 字节"
    assert code == 4 and last_line(err) == f"错误：索引文件 {path} 已损坏（{why}）；{REPAIR}"
    with pytest.raises(IndexCorrupt):
        Assistant.open(settings=small_home, embedder=embedder)  # never a silent rebuild
    report = ingest([small_corpus], small_home, embedder=embedder)
    assert report.notes == [f"索引文件 {path} 已损坏（{why}）；{REPAIR}。正在用保存的文档和原文件重建索引"]
    data = store.open(hashes=True)
    assert set(data.documents) == before and "三号楼" in data.documents["议事会.txt"].text


@pytest.mark.parametrize("name", INDEX_FILES[1:])
def test_a_garbled_index_file_fails_verify_and_is_repaired(library, name, capsys, small_home,
                                                           small_corpus, embedder):
    store, before, user = library
    path = index_file(store, name)
    raw = bytearray(path.read_bytes())
    mid = len(raw) // 2
    raw[mid:mid + 4] = b"7+1\x00" if raw[mid:mid + 4] != b"7+1\x00" else b"4+1\x00"  # same size
    path.write_bytes(bytes(raw))
    code, out, err = cli(capsys, "index", "verify")
    assert code == 4 and last_line(err) == f"错误：索引文件 {path} 已损坏（内容与清单中的校验和不符）；{REPAIR}"
    report = ingest([small_corpus], small_home, embedder=embedder)  # not "未变": rebuilt
    assert report.notes and report.notes[0].startswith(f"索引文件 {path} 已损坏")
    assert set(store.open(hashes=True).documents) == before
    code, out, _ = cli(capsys, "index", "verify")
    assert code == 0 and "均与清单一致" in out


def test_after_a_crash_hashes_are_checked_at_open(library, small_home, embedder):
    store, before, _ = library
    path = index_file(store, "chunks.jsonl")
    path.write_bytes(path.read_bytes().replace("三号楼".encode(), "五号楼".encode()))  # same size
    assert set(Assistant.open(settings=small_home, embedder=embedder).data.documents) == before  # sizes only
    (store.root / MARKER).touch()  # a commit that never finished
    with pytest.raises(IndexCorrupt, match="内容与清单中的校验和不符"):
        Assistant.open(settings=small_home, embedder=embedder)


def test_lost_documents_jsonl_is_rebuilt_from_the_sources(library, small_home, small_corpus, embedder):
    """No older version and no documents.jsonl: the manifest's sources are read again."""
    store, before, user = library
    index_file(store, "documents.jsonl").write_text("{}\n", encoding="utf-8")
    report = ingest([], small_home, embedder=embedder)  # not even the seed folder named
    assert set(store.open(hashes=True).documents) == before and len(report.notes) == 1
    user.unlink()  # now damage it again with a source gone: that one is named, not hidden
    index_file(store, "documents.jsonl").write_text("{}\n", encoding="utf-8")
    report = ingest([small_corpus], small_home, embedder=embedder)
    assert report.notes[-1] == "以下文档在损坏的索引中且原文件已不存在，无法恢复，请重新导入：议事会.txt"


# ---- item 7: full disk, read-only home ---------------------------------------------------------
def test_full_disk_during_commit(library, capsys, monkeypatch, tmp_path):
    store, before, _ = library
    live = store.current_dir()

    def full(path, rows):
        path.write_bytes(b"{\"doc")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(segments_mod, "_write_jsonl", full)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "新.txt").write_text("社区食堂每天中午供应老年餐。\n", encoding="utf-8")
    code, out, err = cli(capsys, "ingest", str(tmp_path / "new"))
    assert code == 4 and last_line(err) == "错误：" + FULL.format(store.root)
    assert not list(store.root.glob(".tmp-*")) and not (store.root / MARKER).exists()
    assert not list((store.root / "segments").glob(".tmp-*"))
    assert store.current_dir() == live and set(store.open(hashes=True).documents) == before


def test_full_disk_on_remove_leaves_no_empty_temp_file(library, capsys, monkeypatch, small_home):
    store, before, _ = library
    write_text = Path.write_text

    def full(self, *a, **kw):
        if self.name.startswith(".excluded"):
            self.touch()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return write_text(self, *a, **kw)

    monkeypatch.setattr(Path, "write_text", full)
    code, _, err = cli(capsys, "ingest", "--remove", "003_f97dfd424ead4bbd.txt")
    assert code == 4 and last_line(err) == "错误：" + FULL.format(small_home.home)
    assert not list(small_home.home.glob(".excluded*")) and set(store.open().documents) == before


@contextmanager
def mounted(target: Path, *options: str):
    """A real mount (root only): skip where mounting is not allowed."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount")
    r = subprocess.run(["mount", *options, str(target)], capture_output=True)
    if r.returncode:
        pytest.skip(f"mount refused: {r.stderr.decode(errors='replace')[:80]}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def test_full_tmpfs(small_home, small_corpus, embedder, tmp_path):
    home = tmp_path / "home"  # small_home's home, on a 4 MB tmpfs
    home.mkdir()
    with mounted(home, "-t", "tmpfs", "-o", "size=4m", "tmpfs"):
        ingest([small_corpus], small_home, embedder=embedder)
        store = IndexStore(small_home.index_root)
        live, before = store.current_dir(), set(store.open().documents)
        filler = home / "filler"
        with filler.open("wb") as f:
            try:
                while True:
                    f.write(b"\0" * 65536)
            except OSError as e:
                assert e.errno == errno.ENOSPC
        (small_corpus / "新.txt").write_text("社区食堂每天中午供应老年餐。\n", encoding="utf-8")
        with pytest.raises(EnvironmentFailure) as e:
            ingest([small_corpus], small_home, embedder=embedder)
        assert str(e.value) == FULL.format(small_home.index_root)
        assert not list(store.root.glob(".tmp-*")) and store.current_dir() == live
        assert set(store.open(hashes=True).documents) == before
        filler.unlink()
        assert ingest([small_corpus], small_home, embedder=embedder).added == ["新.txt"]


def test_read_only_home(library, capsys, small_home, tmp_path):
    store, before, _ = library
    (tmp_path / "new.txt").write_text("社区食堂每天中午供应老年餐。\n", encoding="utf-8")
    home = small_home.home
    if os.geteuid() == 0:
        ctx = mounted(home, "--bind", "-o", "ro", str(home))
        why = "文件系统为只读"
    else:
        ctx, why = _chmod_ro(home), "没有写入权限"
    with ctx:
        if os.geteuid() == 0:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(home)], check=True)
        code, _, err = cli(capsys, "ingest", str(tmp_path / "new.txt"))
        assert code == 4 and last_line(err) == (f"错误：{why}，无法写入 {store.root / '.write.lock'}；"
                                                "请检查该目录的权限，或用环境变量 SHEQU_HOME 指定一个可写的目录")
        code, out, err = cli(capsys, "search", "议事会")  # reading still works
        assert code == 0 and "三号楼" in out
    assert set(store.open(hashes=True).documents) == before


@contextmanager
def _chmod_ro(home: Path):
    dirs = [home, *[p for p in home.rglob("*") if p.is_dir()]]
    for d in dirs:
        d.chmod(0o555)
    try:
        yield
    finally:
        for d in dirs:
            d.chmod(0o755)


# ---- kept versions, rollback -----------------------------------------------------------------
def test_versions_are_kept_listed_and_rolled_back(library, capsys, small_home, small_corpus, embedder):
    store, before, _ = library
    for i in range(3):
        (small_corpus / f"新{i}.txt").write_text(f"第{i}号楼的加装电梯已经完工。\n", encoding="utf-8")
        ingest([small_corpus], small_home, embedder=embedder)
    kept = store.versions()
    assert len(kept) == small_home.keep_versions == 3 and kept[0] == store.current_dir()
    code, out, _ = cli(capsys, "index", "versions")
    lines = out.strip().split("\n")
    assert code == 0 and lines[0].startswith(f"* {kept[0].name}") and "文档 6 篇" in lines[0]
    assert lines[1].startswith(f"  {kept[1].name}") and "文档 5 篇" in lines[1] and len(lines) == 4
    code, out, _ = cli(capsys, "index", "rollback")
    assert code == 0 and out.startswith(f"已切换到索引版本 {kept[1].name}（") and "文档 5 篇" in out
    assert store.current_dir() == kept[1] and "新2.txt" not in store.open().documents
    code, _, err = cli(capsys, "index", "rollback", "v-nope")
    assert code == 2 and last_line(err).startswith("错误：索引版本“v-nope”不存在；可用的版本：")
    code, out, _ = cli(capsys, "index", "rollback", kept[0].name)
    assert code == 0 and set(store.open().documents) == before | {"新0.txt", "新1.txt", "新2.txt"}


def test_keep_versions_is_a_checked_setting(small_home, small_corpus, embedder):
    with pytest.raises(ValueError, match="设置项“keep_version”不存在（参数），是否想写“keep_versions”？"):
        Settings.load(keep_version=2)
    home = small_home.model_copy(update={"keep_versions": 1})
    for i in range(2):
        (small_corpus / f"新{i}.txt").write_text(f"第{i}号楼的加装电梯已经完工。\n", encoding="utf-8")
        ingest([small_corpus], home, embedder=embedder)
    assert len(IndexStore(home.index_root).versions()) == 1
