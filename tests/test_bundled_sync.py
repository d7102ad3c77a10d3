"""An index built by an earlier release gains the documents bundled since, on open; documents
the user deleted stay deleted; a library built from the user's own folders is left alone."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.bundled import recorded

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

FIRST = ("000_3a74469a4d6c4f69.txt", "003_f97dfd424ead4bbd.txt")
LATER = "reg_jumin_weiyuanhui.md"


@pytest.fixture
def release(tmp_path, settings):
    """A bundled corpus folder of an 'earlier release' (two seed files) and a home built from it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in FIRST:
        shutil.copy(CORPUS / name, corpus / name)
    s = settings.model_copy(update={"home": tmp_path / "home", "cache": settings.cache_dir, "corpus": corpus})
    return s, corpus


def _names(kb: Assistant) -> set[str]:
    return {d.doc_id.split("#")[0] for d in kb.documents()}


def test_upgrade_brings_newly_bundled_documents(release, embedder):
    s, corpus = release
    assert _names(Assistant.open(settings=s, embedder=embedder)) == set(FIRST)
    assert recorded(s) is not None
    shutil.copy(CORPUS / LATER, corpus / LATER)  # the next release ships one more document
    assert _names(Assistant.open(settings=s, embedder=embedder)) == set(FIRST) | {LATER}


def test_a_home_without_a_record_is_synced_once_without_a_new_version(release, embedder):
    s, _ = release
    Assistant.open(settings=s, embedder=embedder)
    (s.home / "bundled.json").unlink()  # as a home written before the record existed
    before = (s.home / "index" / "CURRENT").read_text()
    kb = Assistant.open(settings=s, embedder=embedder)
    assert _names(kb) == set(FIRST) and recorded(s) is not None
    assert (s.home / "index" / "CURRENT").read_text() == before  # nothing changed: nothing committed


def test_deleted_bundled_documents_stay_deleted_after_an_upgrade(release, embedder):
    s, corpus = release
    kb = Assistant.open(settings=s, embedder=embedder)
    gone = next(d.doc_id for d in kb.documents() if d.doc_id.startswith(FIRST[0]))
    kb.remove([gone])
    shutil.copy(CORPUS / LATER, corpus / LATER)
    assert _names(Assistant.open(settings=s, embedder=embedder)) == {FIRST[1], LATER}


def test_a_library_of_the_users_own_folder_is_not_given_bundled_documents(release, small_corpus, embedder):
    s, corpus = release
    from assistant.build import ingest

    ingest([small_corpus], s, embedder=embedder)  # built from the user's folder, not the bundled one
    shutil.copy(CORPUS / LATER, corpus / LATER)
    kb = Assistant.open(settings=s, embedder=embedder)
    assert _names(kb) == set(FIRST)  # the user's copies of the two seeds, nothing bundled
    assert all("docs" in d.source for d in kb.documents())
