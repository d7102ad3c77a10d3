"""Where a paper's national material comes from (stop 38, issue 13): per document, national first, the facts
extracted from it, those every filter keeps, the filters that removed the rest, and how many items it gave on
60-item papers of the seeds named. A national text that gives no item has no material (the filters took
it, or nothing of it is an enumeration, a figure, a rule or a part's measures), or its facts failed as items.

    python -m evals.quiz_supply            # facts only (no paper built)
    python -m evals.quiz_supply 1-5        # and items per document over seeds 1-5
"""
from __future__ import annotations

import sys
from collections import Counter
from datetime import date

from assistant.library import view_of
from assistant.quiz import build
from assistant.quiz.builder import gather, select_scope
from assistant.quiz.filters import FILTERS, is_local

from .quiz_counts import _seeds


def supply(kb) -> dict[str, dict]:
    """doc_id -> {"facts": extracted, "kept": kinds of the kept facts, "removed": filter counts}."""
    view = view_of(kb)
    docs, qs = view.documents, view.settings.quiz
    _, chunks = select_scope(view, None, None, None)
    out = {d: {"facts": 0, "kept": Counter(), "removed": Counter()} for d in docs}
    today = date.today()
    for f in gather(view, chunks, None, qs, {}):
        row, doc = out[f.doc_id], docs[f.doc_id]
        row["facts"] += 1
        hit = next((n for n, fn in FILTERS.items() if qs.on(n) and fn(f, doc, today)), None)
        if hit:
            row["removed"][hit] += 1
        else:
            row["kept"][f.kind] += 1
    return out


def main() -> None:
    from assistant import Assistant

    kb = Assistant.open()
    docs = view_of(kb).documents
    rows = supply(kb)
    seeds = _seeds(sys.argv[1:])
    items: Counter = Counter()
    for seed in seeds:
        items.update(it.citation.doc_id for it in build(kb, n=60, seed=seed).items)
    for d in sorted(docs, key=lambda d: (is_local(docs[d]), -items[d], -rows[d]["facts"])):
        r = rows[d]
        print("local" if is_local(docs[d]) else "national", f"items {items[d]}" if seeds else "",
              f"facts {r['facts']}", "kept", dict(r["kept"]), "removed", dict(r["removed"]), docs[d].title[:40])
    if seeds:
        national = [d for d in docs if not is_local(docs[d])]
        print(f"national documents with material: {sum(bool(rows[d]['kept']) for d in national)} of {len(national)}; "
              f"giving an item on some paper: {sum(items[d] > 0 for d in national)}")


if __name__ == "__main__":
    main()
