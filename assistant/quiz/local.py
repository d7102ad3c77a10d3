"""Whether a local text's figure or slogan is a rule a trainee elsewhere also meets.

A province's or city's number (北京 业委会至少每两个月开一次会, 河南 居民10人以上联合提名) or
slogan (上海 “两升一降”) is one place's arrangement: a trainee from elsewhere learns nothing
from it, and where another document states the same rule with another figure (河南 居民会议
每年至少举行2次, 上海 每年至少召开一次) the paper would teach one place's figure as the rule.
`agreement()` marks each local figure fact "same" when another document states the rule
with the same figure, "differs" when another document states it with another figure (then
the figure is dropped even if a third agrees), and "" when no other document states it;
each local named list "same" when another document names it too. The filter
`local_figure` (filters.py) keeps only the "same" ones.

Two statements are one rule when they share their subject (the claim's first characters)
and most of the words around the figure, words weighted by how rare they are in the corpus
(每年至少召开 is in many rules; 居民会议 tells which rule it is).
"""
from __future__ import annotations

import math
import re
from collections import Counter

from . import numbers
from .facts import Fact, sentences, strip_lead
from .generate import core, province
from .verify import norm, per_index

FIGURE = re.compile(r"[\d一二两三四五六七八九十百千]+")
PUNCT = re.compile(r"[\s“”‘’，,。；;、：:（）()《》]")
UNIT = {"天": "日", "工作日": "个工作日"}  # spellings of one unit
SAME, DIFFERS = "same", "differs"


def _bigrams(text: str) -> set[str]:
    t = FIGURE.sub("#", PUNCT.sub("", text))
    return {t[i:i + 2] for i in range(len(t) - 1) if "#" not in t[i:i + 2]}


def _values(num: numbers.Num) -> set[tuple[str, float]]:
    return {(UNIT.get(num.unit, num.unit), v) for v in numbers.flat_values(num)}


class Statements:
    """Every sentence of the corpus that states a figure: its document, text, (unit, value)
    pairs and character pairs, with the corpus frequency of each character pair."""

    def __init__(self, data):
        self.rows = []
        df: Counter = Counter()
        sents = sentences(data.documents, data.chunks)
        for s in sents:
            grams = _bigrams(s.text)
            df.update(grams)
            vals = {v for n in numbers.find(s.text) if n.value is not None for v in _values(n)}
            if vals:
                self.rows.append((s.doc_id, norm(s.text), vals, grams))
        self.df, self.n = df, len(sents)
        self.texts = {d: norm(doc.text) for d, doc in data.documents.items()}

    def weight(self, gram: str) -> float:
        return math.log((1 + self.n) / (1 + self.df[gram]))


def statements(kb) -> Statements:
    return per_index(kb.data, "statements", Statements)


def window(f: Fact, before: int) -> str:
    """The figure's clause from `before` characters ahead of the figure to the clause's end."""
    c, k = f.clause, f.key_pos
    end = k + re.search(r"[，,；;。]|$", c[k:]).start()
    return c[max(0, k - before):end]


def figure_agreement(f: Fact, st: Statements, share: float, subject_chars: int, before: int) -> str:
    """SAME, DIFFERS or "" for a local figure fact against the other documents' statements."""
    mine = _values(f.num)
    units = {u for u, _ in mine}
    subject = norm(strip_lead(f.clause))[:subject_chars]
    grams = _bigrams(window(f, before))
    total = sum(st.weight(g) for g in grams) or 1.0
    verdict = ""
    for doc_id, text, vals, sgrams in st.rows:
        if doc_id == f.doc_id or subject not in text or not any(u in units for u, _ in vals):
            continue
        if sum(st.weight(g) for g in grams & sgrams) / total < share:
            continue
        if vals & mine:
            verdict = verdict or SAME
        else:
            return DIFFERS  # another place's figure for the same rule: neither is "the" rule
    return verdict


def list_agreement(f: Fact, st: Statements) -> str:
    """SAME when another document names the list too (“三所联动” in two texts), else ""."""
    name = norm(core(f.head))
    return SAME if any(d != f.doc_id and name in t for d, t in st.texts.items()) else ""


def mark(facts: list[Fact], docs: dict, st: Statements, qs) -> None:
    """Set extra["elsewhere"] on every local figure and named list of `facts`."""
    for f in facts:
        doc = docs.get(f.doc_id)
        if doc is None or not province(doc):
            continue
        if f.kind == "number" and f.num is not None:
            f.extra["elsewhere"] = figure_agreement(f, st, qs.local_agree, qs.local_subject, qs.local_window)
        elif f.kind == "list":
            f.extra["elsewhere"] = list_agreement(f, st)
