"""A question that names a document (“2021年那个基层治理意见”, “物业管理条例里…”): which one.

A question refers to a document only when it carries a cue (a genre word, 《…》, a year,
这份/那个…); then each document is scored by the share of its title's words the question
holds (IDF-weighted), plus its year, issuer and genre when the question names them.
"""
from __future__ import annotations

import re

from ..retrieve import rewrite_query
from .places import ADMIN
from .view import IndexView

_CUE = re.compile(r"《[^》]{2,}》|条例|办法|规定|细则|规则|意见|通知|方案|规划|标准|规范|指南|指引|文件|报告|总结|"
                  r"汇报|论文|文章|报道|组织法|[0-9]{4}\s*年|[这那]个|[这那]份|[这那]篇|[这那]部")
_GENRE_WORDS = re.compile(r"条例|办法|规定|细则|规则|意见|通知|方案|规划|标准|规范|指南|指引|报告|总结|汇报|法")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
EXTRA = 0.15  # each of year / issuer / genre named in the question and matching the document
TIE = 0.05  # documents this close to the best one stay in the set


def doc_score(question: str, doc, view: IndexView) -> float:
    title_words = [w for w in dict.fromkeys(view.content_words(doc.title)) if len(w) >= 2]
    total = sum(view.idf(w) for w in title_words)
    if not total:
        return 0.0
    share = sum(view.idf(w) for w in title_words if _named(w, question)) / total
    m = doc.meta
    years = set(_YEAR.findall(" ".join(str(m.get(k) or "") for k in ("date", "effective_date")) + doc.title))
    extra = EXTRA * bool(years & set(_YEAR.findall(question)))
    issuer = [w for w in view.content_words(str(m.get("issuer") or "")) if len(w) >= 2]
    extra += EXTRA * any(w in question for w in issuer)
    genre = _GENRE_WORDS.findall(doc.title[-6:])
    extra += EXTRA * any(g in question for g in genre)
    return share + extra if share > 0 else 0.0


def _named(word: str, question: str) -> bool:
    """A title word the question holds; a place may be named without its suffix (北京市 → 北京)."""
    bare = ADMIN.sub("", word)
    return word in question or (bare != word and len(bare) >= 2 and bare in question)


_TITLED = re.compile(r"《([^》]{4,40})》")
_TITLE_END = re.compile(r"(?:法|条例|办法|规定|细则|规则|意见|通知|方案|规划|标准|规范|指南|决定)$")
_STATE = "中华人民共和国"


def missing_title(question: str, view: IndexView, min_share: float) -> str | None:
    """A document title in 《》 that the library does not hold (“《上海市养老服务条例》对…”):
    no title shares `min_share` of its character bigrams."""
    return next((t for t, share in title_share(question, view) if share < min_share), None)


def title_share(question: str, view: IndexView) -> list[tuple[str, float]]:
    """Each 《title》 of the question with the largest share of its character bigrams that a
    library title holds (short forms read as full names: 《居委会组织法》 is the 居民委员会组织法)."""
    out = []
    for m in _TITLED.finditer(question):
        want = m.group(1)
        grams = _bigrams(rewrite_query(want).removeprefix(_STATE))
        if not _TITLE_END.search(want) or not grams:
            continue
        out.append((want, max((len(grams & _bigrams(rewrite_query(d.title).removeprefix(_STATE))) / len(grams)
                               for d in view.documents.values()), default=0.0)))
    return out


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def named_documents(question: str, view: IndexView, threshold: float) -> tuple[set[str], dict]:
    """The documents the question names (empty when it names none), and what was weighed."""
    if not _CUE.search(question):
        return set(), {"cue": False}
    q = rewrite_query(question)
    scores = {d.doc_id: doc_score(q, d, view) for d in view.documents.values()}
    best = max(scores.values(), default=0.0)
    top = {k: round(v, 3) for k, v in sorted(scores.items(), key=lambda kv: -kv[1])[:4]}
    if best < threshold:
        return set(), {"cue": True, "best": round(best, 3), "top": top}
    chosen = {d for d, s in scores.items() if s >= best - TIE}
    if len(chosen) > 3:  # the words fit many documents: the question names none of them
        return set(), {"cue": True, "best": round(best, 3), "top": top, "too_many": len(chosen)}
    return chosen, {"cue": True, "best": round(best, 3), "top": top}
