"""One measure of a plan from its group of points: the title, the instructions said from each
precedent, and the citations they carry."""
from __future__ import annotations

from ingest.model import Document

from ..types import Citation
from .compose import joined, measure_text, place_of
from .lists import whole_lists
from .measure_titles import measure_title
from .model import Measure
from .precedents import Point, strip_ordinal


def cite(p: Point, doc: Document, citations: list[Citation]) -> int:
    for c in citations:
        if (c.doc_id, c.start, c.end) == (p.doc_id, p.start, p.end):
            return c.n
    meta = {"place": place_of(doc), "date": doc.meta.get("date", ""), "issuer": doc.meta.get("issuer", ""),
            "effective_date": doc.meta.get("effective_date", ""),
            "doc_type": doc.meta.get("doc_type", ""), "source": doc.meta.get("source", ""),
            "compilation": doc.meta.get("compilation", "")}
    n = len(citations) + 1
    citations.append(Citation(n, p.chunk_id, doc.doc_id, doc.title, p.section,
                              doc.text[p.start:p.end], p.start, p.end, meta))
    return n


def unnumbered(text: str, span: tuple[int, int]) -> bool:
    """An unnumbered sentence (实行“双向进入、交叉任职”。), not a heading (（一）推行网格化…)."""
    s = text[span[0]:span[1]].strip()
    return s.endswith(("。", "；", ";")) and strip_ordinal(s) == s


def measure_of(group: list[Point], docs: dict[str, Document], citations: list[Citation],
             unit: int | None, list_cap: int = 0, better=None) -> Measure:
    """Instructions to the user's unit (动宾), each sentence marked with the precedent it
    comes from; the precedents themselves go to the appendix."""
    lead = group[0]
    title = measure_title(lead, docs[lead.doc_id], unit)
    texts, marks, ns = [], [], []  # the measure's sentences, their citation marks, the citation numbers
    for i, p in enumerate(group):
        n = cite(p, docs[p.doc_id], citations)
        ns.append(n)
        said = measure_text(p, docs[p.doc_id], 2 if i else 3, unit, list_cap, better).split("；")
        if not i:  # a heading is not said again under itself; a sentence taken as title stays in the body
            drop = said[0] == title and len(said) > 1 and not unnumbered(docs[p.doc_id].text, p.body[0])
            k, said = 2 + (said[0] == title), said[1:] if drop else said
            said = whole_lists(said, k, list_cap) if list_cap else said[:k]
        text = joined(said)  # a list lead takes ：
        j = next((j for j, t in enumerate(texts) if text in t), None)
        if j is None:
            texts.append(text)
            marks.append(f"[{n}]")
        else:  # the same words in another document (a compilation and its part): cited, not repeated
            marks[j] += f"[{n}]"
    return Measure(title=title,
                   text="。".join(t + m for t, m in zip(texts, marks)) + "。", citations=ns, focus=lead.focus)
