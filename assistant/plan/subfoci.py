"""The foci a topic states in its own words (…，重点是防养老诈骗和赡养纠纷): a draft with no measure
on one of them says so and what to add (cadre review 31: 防养老诈骗 was dropped without a word). Each
focus (--focus or stated) first seeds a measure from the passage that covers it (focus_groups)."""
from __future__ import annotations

from .precedents import Point, Scorer
from .spoken import written


def stated_foci(topic: str) -> list[str]:
    """The topic's stated sub-foci, in order (重点是A和B → [A, B]); [] when it states none. One parser
    for them: spoken.written, which also titles the request."""
    return list(written(topic).focus)


def uncovered(foci: list[str], texts: list[str], words, share: float) -> list[str]:
    """The foci no measure covers: fewer than `share` of a focus's words (words: a function, the
    plan's Scorer.words) in any one measure's text, title or precedent."""
    out = []
    for f in foci:
        fw = set(words(f))
        if fw and not any(len(fw & set(words(t))) / len(fw) >= share for t in texts):
            out.append(f)
    return out


def overlaps(p: Point, used: list[Point]) -> bool:
    """p shares text with a point already used (one precedent never opens two measures)."""
    return any(p.doc_id == q.doc_id and p.start < q.end and q.start < p.end for q in used)


def focus_groups(kb, focus: list[str], search) -> tuple[list[list[Point]], list[str]]:
    """A measure seeded for each focus (--focus, or the topic's 重点是…) from the passage that holds
    most of its words, and the foci nothing in the library covers."""
    scorer, docs = Scorer(kb), kb.documents
    groups, missing = [], []
    for f in focus:
        fw = scorer.words(f)
        best, best_cov = None, 0.0
        for p in search.gather(kb, f"{f} {search.topic.core}", k=8):
            text = p.section.split(" › ")[-1] + docs[p.doc_id].text[p.start:p.end]
            cov = scorer.coverage(fw, text)
            if cov >= 0.6 and (best is None or (cov, p.score) > (best_cov, best.score)):
                best, best_cov = p, cov
        if best is None:
            missing.append(f)
        elif not any(overlaps(best, g) for g in groups):
            best.focus = f
            groups.append([best])
    return groups, missing
