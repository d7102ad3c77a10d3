"""Per document, where its quiz material goes (stop 39, issue 13: ten national texts gave no item on a
trainer's paper). For each document, national first:

  parts     a document part's sub-sections (（一）X…（n）Z) found as groups / asked as a part's measures, and
            why the others are not (count, name_chars, head_chars, anonymised, gap: lists.part_groups)
  figures   figures in its sentences / taken as number facts (no_context: the stem would lack its subject)
  facts     the facts extracted, by kind
  funnel    what is left after each filter that removed any of them, in filters.FILTERS order (a fact is
            counted under the first filter that rejects it; LAST_RESORT ones are kept, asked last)
  alone     kept facts that give a verified item of some type when asked on an empty paper (not a deferred one:
            a 判断 on a part's sub-heading, taken only by a short paper)
  asked     distinct facts asked, and items, on 60-item papers of the seeds named
  note      "facility" when every removed fact is a building, staffing or service figure
            (facility_size, operational_spec, service_standard): a community cadre does not want those

    python -m evals.quiz_funnel                 # material only (no paper built)
    python -m evals.quiz_funnel 1-40            # and items on the papers of seeds 1-40
    python -m evals.quiz_funnel 1-40 --all      # local documents too
    python -m evals.quiz_funnel --facts 专项行动  # every fact of the documents whose title holds the word
"""
from __future__ import annotations

import random
import sys
from collections import Counter
from datetime import date

from assistant.library import view_of
from assistant.quiz import build
from assistant.quiz import facts as F
from assistant.quiz.builder import context, gather, select_scope
from assistant.quiz.filters import FILTERS, LAST_RESORT, is_local
from assistant.quiz.generate import SUPPORTS, make_item
from assistant.quiz.lists import part_groups
from assistant.quiz.model import TRUE_FALSE, TYPES
from assistant.quiz.verify import corpus_of, verify_item

from .quiz_counts import _seeds

FACILITY = {"facility_size", "operational_spec", "service_standard"}  # not wanted by a community cadre


def _first_filter(f, doc, qs, today) -> str:
    return next((n for n, fn in FILTERS.items() if qs.on(n) and fn(f, doc, today)), "")


def _alone(f, ctx, corpus) -> bool:
    """Some type makes a verified item of the fact on an empty paper."""
    for t in TYPES:
        for truth in ((True, False) if t == TRUE_FALSE else (True,)):
            ctx.tf_next[0] = truth  # (a 判断 is true or false by the paper's turn: either will do here)
            item = make_item(f, t, ctx, "") if f.kind in SUPPORTS[t] else None
            if item is not None and not item.check.get("defer") and not verify_item(item, corpus):
                return True  # (a deferred item, a part's sub-heading as a 判断, is taken only by a short paper)
    return False


def funnel(kb) -> dict[str, dict]:
    """doc_id -> parts, figures, facts by kind, filter steps, kept facts and facts alone-buildable."""
    view = view_of(kb)
    docs, qs, today = view.documents, view.settings.quiz, date.today()
    _, chunks = select_scope(view, None, None, None)
    corpus = corpus_of(view)
    ctx = context(view, qs, random.Random(0), "中", corpus)
    out = {d: {"parts": Counter(), "figures": [0, 0], "kinds": Counter(), "removed": Counter(), "kept": [],
               "alone": 0} for d in docs}
    for doc_id, _, cs, why in part_groups(docs, chunks, qs.part_chars, tuple(qs.part_count)):
        out[doc_id]["parts"][why or "asked"] += 1
    for s in F.sentences(docs, chunks):
        row = out[s.doc_id]["figures"]
        row[0] += sum(n.value is not None for n in F.numbers.find(s.text))
        row[1] += len(F.number_facts([s], qs.max_claim, context=qs.on("no_context")))
    for f in gather(view, chunks, None, qs, {}):
        row = out[f.doc_id]
        row["kinds"][f.kind] += 1
        hit = _first_filter(f, docs[f.doc_id], qs, today)
        if hit:
            row["removed"][hit] += 1
        if not hit or hit in LAST_RESORT:
            row["kept"].append(f)
            row["alone"] += _alone(f, ctx, corpus)
    return out


def _steps(r: dict) -> str:
    """facts →filter n→ … → kept, in FILTERS order."""
    left, said = sum(r["kinds"].values()), [str(sum(r["kinds"].values()))]
    for name in FILTERS:
        if r["removed"][name] and name not in LAST_RESORT:
            left -= r["removed"][name]
            said.append(f"-{name} {r['removed'][name]}→{left}")
    return " ".join(said)


def _note(r: dict) -> str:
    if r["kept"] or not r["removed"]:
        return "" if r["kinds"] else "no material"
    return "facility" if set(r["removed"]) <= FACILITY else ""


def main() -> None:
    from assistant import Assistant

    args = sys.argv[1:]
    kb = Assistant.open()
    docs = view_of(kb).documents
    if "--facts" in args:
        word = args[args.index("--facts") + 1]
        _facts(kb, [d for d in docs if word in docs[d].title])
        return
    rows = funnel(kb)
    seeds = _seeds([a for a in args if not a.startswith("--")])
    items: Counter = Counter()
    asked: dict[str, set] = {d: set() for d in docs}
    for seed in seeds:
        for it in build(kb, n=60, seed=seed).items:
            items[it.citation.doc_id] += 1
            asked[it.citation.doc_id].add(it.fact_id)
    wanted = [d for d in docs if "--all" in args or not is_local(docs[d])]
    print("where  parts  figures  facts(kinds)  funnel  alone  asked/items  note  title")
    for d in sorted(wanted, key=lambda d: (is_local(docs[d]), -items[d], -len(rows[d]["kept"]))):
        r = rows[d]
        print("local" if is_local(docs[d]) else "national", dict(r["parts"]) or "-", "%d/%d" % tuple(r["figures"]),
              dict(r["kinds"]) or "-", _steps(r), r["alone"], f"{len(asked[d])}/{items[d]}" if seeds else "",
              _note(r), docs[d].title[:30], sep="  ")
    national = [d for d in docs if not is_local(docs[d])]
    print(f"national documents {len(national)}: with kept facts {sum(bool(rows[d]['kept']) for d in national)}, "
          f"with a fact alone-buildable {sum(rows[d]['alone'] > 0 for d in national)}"
          + (f", giving an item on some paper {sum(items[d] > 0 for d in national)}; national items {sum(items[d] for d in national)}"
             if seeds else ""))


def _facts(kb, doc_ids: list[str]) -> None:
    """Every fact of the documents: its kind, the filter that removes it (or kept) and its text."""
    view = view_of(kb)
    docs, qs, today = view.documents, view.settings.quiz, date.today()
    _, chunks = select_scope(view, None, None, None)
    chunks = [c for c in chunks if c.doc_id in doc_ids]
    for doc_id, parent, cs, why in part_groups(docs, chunks, qs.part_chars, tuple(qs.part_count)):
        print("part", doc_id, parent.rpartition(" › ")[2], len(cs), why or "asked")
    for f in gather(view, chunks, None, qs, {}):
        hit = _first_filter(f, docs[f.doc_id], qs, today) or "kept"
        print(f.kind, hit, (f.head + "｜" if f.head else "") + (f.clause or f.key)[:90], sep="  ")


if __name__ == "__main__":
    main()
