"""The eval question sets are usable: every answer key and evidence span is in its document,
and the sets over real documents have the size and mix the project promises."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from evals.metrics import norm, overlaps
from evals.run import library, load_questions
from ingest.pipeline import load_paths

REPO_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    loaded = load_paths(library(REPO_CORPUS), 50 << 20)
    assert not loaded.errors, [(e.path, e.reason) for e in loaded.errors]
    return {d.doc_id: norm(d.text) for d in loaded.documents}


def test_question_sets_point_into_their_documents(texts):
    qs = load_questions(sealed=True)
    assert len({q["id"] for q in qs}) == len(qs)
    splits = Counter(q["split"] for q in qs)
    assert splits["dev"] >= 60 and splits["holdout"] >= 40 and splits["sealed"] >= 60
    for split in splits:
        assert sum(q["type"] == "out_of_scope" for q in qs if q["split"] == split) >= 2
    for q in qs:
        if q["type"] == "out_of_scope":
            assert not q["docs"] and not q["answer_keys"], q["id"]
            continue
        docs = [texts[d] for d in q["docs"]]
        for key in q["answer_keys"]:
            assert any(norm(key) in t for t in docs), (q["id"], key)
        for ev in q["evidence"]:
            assert any(overlaps(ev, t) for t in docs), (q["id"], ev)


def test_the_sets_over_real_documents_are_large_and_mixed():
    qs = [q for q in load_questions(sealed=True) if q["split"] in ("new-dev", "new-test")]
    assert len(qs) >= 200
    assert sum(q["type"] == "out_of_scope" for q in qs) >= 0.15 * len(qs)
    assert {"number", "norm", "procedure", "enumeration", "named_doc", "cross_doc"} <= {q["type"] for q in qs}
    dev_docs = {d for q in qs if q["split"] == "new-dev" for d in q["docs"][:1]}
    test_docs = {d for q in qs if q["split"] == "new-test" for d in q["docs"][:1]}
    assert not dev_docs & test_docs  # split by document: test documents are unseen while tuning
    sealed = [q for q in load_questions(sealed=True) if q["split"] == "sealed"]
    sealed_docs = {d for q in sealed for d in q["docs"]}
    assert len(sealed_docs) >= 10 and not sealed_docs & (dev_docs | test_docs)
