"""The eval question sets are usable: every answer key and evidence span is in its document."""
from __future__ import annotations

from collections import Counter

from evals.metrics import norm, overlaps
from evals.run import load_questions


def test_question_sets_point_into_the_corpus(kb):
    qs = load_questions()
    assert len({q["id"] for q in qs}) == len(qs)
    splits = Counter(q["split"] for q in qs)
    assert splits["dev"] >= 60 and splits["holdout"] >= 40
    for split in splits:
        assert sum(q["type"] == "out_of_scope" for q in qs if q["split"] == split) >= 2
    for q in qs:
        if q["type"] == "out_of_scope":
            assert not q["docs"] and not q["answer_keys"], q["id"]
            continue
        texts = [norm(kb.document(d).text) for d in q["docs"]]
        for key in q["answer_keys"]:
            assert any(norm(key) in t for t in texts), (q["id"], key)
        for ev in q["evidence"]:
            assert any(overlaps(ev, t) for t in texts), (q["id"], ev)
