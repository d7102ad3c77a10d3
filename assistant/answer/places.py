"""Questions about several places: documents grouped by the places named, or by the top hits
of a survey question; each group gives its own best sentence."""
from __future__ import annotations

import re

from ..retrieve import Scored, rewrite_query
from ..settings import AnswerSettings
from .intent import is_quantity
from .sentences import Sent, best_sentences, candidate_sentences
from .view import IndexView

ADMIN = re.compile(r"(?:街道|社区|新区|区|市|省|县|镇|乡)$")
_ALIASES: list = [None, {}]  # (docs object, {alias: (place, doc ids)}) for the live index


def place_aliases(docs) -> dict[str, tuple[str, frozenset[str]]]:
    """Each place name, and the name without its admin suffix (东山街道 → 东山), mapped to
    (place, its documents). Built once per index (held with the docs object it describes)."""
    if _ALIASES[0] is not docs:
        groups: dict[str, set[str]] = {}
        for d in docs.values():
            place = d.meta.get("place") or {}
            for v in (place.values() if isinstance(place, dict) else [place]):
                if str(v or "").strip():
                    groups.setdefault(str(v).strip(), set()).add(d.doc_id)
        aliases = {}
        for v, ids in groups.items():
            for alias in {v, ADMIN.sub("", v)}:
                if len(alias) >= 2:
                    aliases[alias] = (v, frozenset(ids))
        _ALIASES[:] = [docs, aliases]
    return _ALIASES[1]


def place_groups(question: str, docs) -> tuple[list[set[str]], set[str]]:
    """Doc-id groups for each place the question names (“东山和文化路…”); plus the names matched."""
    groups: dict[str, set[str]] = {}
    names: set[str] = set()
    for alias, (place, ids) in place_aliases(docs).items():
        if alias in question:
            groups[place] = set(ids)
            names.add(alias)
    uniq = [g for g in groups.values() if g != set(docs)]
    return [g for g in uniq if not any(g < h for h in uniq)], names


def survey_groups(hits: list[Scored], view: IndexView, cfg: AnswerSettings) -> list[set[str]]:
    """“各地都有哪些做法”: one group per document among the top hits (scoring at least
    survey_min of the best), so each document contributes its own best sentence."""
    out: list[set[str]] = []
    for h in hits:
        doc_id = view.chunks[h.idx].doc_id
        if h.score >= cfg.survey_min * hits[0].score and {doc_id} not in out:
            out.append({doc_id})
    return out[:cfg.survey_docs]


def per_place(question: str, words: list[str], view: IndexView, cfg: AnswerSettings,
              groups: list[set[str]], names: set[str]) -> list[Sent]:
    """A cross-place question gets the best supported sentence from each named place,
    scored on the topic alone (the place names only choose the documents)."""
    topic = question
    for n in sorted(names, key=len, reverse=True):
        topic = topic.replace(n, " ")
    words = [w for w in words if not any(w in n or n in w for n in names)]
    hits = view.scored(rewrite_query(topic), k=min(60, len(view.chunks)))
    top = max((h.score for h in hits), default=1.0) or 1.0
    quantity = is_quantity(question)
    out: list[Sent] = []
    for g in groups:
        mine = [h for h in hits if view.chunks[h.idx].doc_id in g][:2]
        cands = candidate_sentences(view, [(r, view.chunks[h.idx], h.score / top) for r, h in enumerate(mine)],
                                    words, cfg, quantity)
        out += best_sentences(cands, 1, cfg.keep_ratio)
    return out
