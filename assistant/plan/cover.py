"""Which parts of the topic a draft's precedents speak of (cadre review s32: a rest-spot topic was drafted
from a rental-housing standard that shares only its name “城市建设者管理者之家”; a 城市体检 + 老旧小区 topic
from one planning clause, and the notices said only “先例较少”). A topic term counts as covered when a
measure's precedent passage says it (its text and own headings, never the document title); the rest
are named in a notice. When the topic quotes a name (“…”) and its other head terms are said by no
passage, the match is on the name alone: the draft is refused."""
from __future__ import annotations

import functools
import json
import re

from . import templates as T
from .articles import ARTICLE
from .model import PlanError, WorkPlan
from .precedents import in_article
from .spoken import DATA as SPOKEN
from .topic import DATA, Topic, _lists, _no_head, _not_heads

_FUNCTION = set("的地得和与及并或在为把将给对了让到向从于至、，")
_NAME = re.compile(r"[“\"《「『]([^”\"》」』]{2,})[”\"》」』]")


def names(text: str) -> list[str]:
    """The names a topic quotes (“城市建设者管理者之家”, 《…》)."""
    return [m.group(1).strip() for m in _NAME.finditer(text) if m.group(1).strip()]


def terms(t: Topic, cut) -> list[str]:
    """The topic's content terms: the words of its core (cut: the tokenizer's whole-word cut) less
    modifiers and generic words (topics.json), one-character words, the verbs a topic opens with or
    links its parts by, the complements of spoken verbs (cover_skip, spoken.json), spoken verbs with a
    measure word (配个), question words (谁来管: cover_ask) and adverbs (按期, 严格); a word inside a longer term is that
    term; a quoted name is left out."""
    verbs, modifiers, generic = _lists()[0], *_not_heads()
    core = t.core
    for n in [*names(t.written or t.text), *t.own]:  # the speaker's own unit and year: not what the plan is about
        core = core.replace(n, "，")
    toks = [w for w in cut(core) if w.strip()]
    out = []
    for i, w in enumerate(toks):
        if len(w) < 2 or _punct(w) or any(c.isdigit() for c in w) or w in verbs or w in _skip()[0] or _no_head(w, modifiers | generic) \
                or w.endswith("个") or any(q in w for q in _skip()[1]) or _adverb(w):
            continue
        out.append(w)
    out = list(dict.fromkeys(out))
    return [w for w in out if not any(w != x and w in x for x in out)]


def _adverb(w: str) -> bool:
    """How the work is done (按期, 严格, 快速), not what it is about: jieba's adverb tags."""
    from .practice import pos_tags

    return all(f in ("d", "ad") for _, f in pos_tags(w))


@functools.cache
def _skip() -> tuple[frozenset[str], tuple[str, ...]]:
    spoken, d = json.loads(SPOKEN.read_text(encoding="utf-8")), json.loads(DATA.read_text(encoding="utf-8"))
    return frozenset(d["cover_skip"] + d["cover_manner"] + spoken["complements"]), tuple(d["cover_ask"])


def _punct(w: str) -> bool:
    return not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", w)


def says(term: str, text: str, parts: list[str] = (), core: str = "") -> bool:
    """The text says the term, or a synonym of the topic's phrase holding it (红色 of 红色物业 by 物业党建:
    topics.json), or its characters in order within a short span (老人 in 老年人, 快递员 in 快递从业人员),
    or each of its parts (党建 … 引领 for 党建引领)."""
    if term in text or (parts and all(w in text for w in parts)):
        return True
    for group in _lists()[2]:
        if any(term in w and w in (core or term) for w in group) and any(w in text for w in group):
            return True
    gap = "".join(re.escape(c) + ".{0,3}?" for c in term[:-1]) + re.escape(term[-1])
    return len(term) >= 2 and re.search(gap, text) is not None


def passages(plan: WorkPlan, topical: set[str] = frozenset()) -> list[str]:
    """Each measure's precedent passages: quote and own headings (the section path less the document);
    the document title only for a statute's article or a document on the topic as a whole (topical:
    within.on_topic_documents, its title holds expand_title of the topic's words), never for other
    text (a name shared with the topic is no content)."""
    out = []
    for m in plan.measures:
        for n in m.citations:
            c = plan.citation(n)
            heads = c.section.split(" › ")[1:] if " › " in c.section else []
            title = c.title if ARTICLE.match(c.quote) or in_article(c.section) or c.doc_id in topical else ""  # a statute's article is about its title's matter
            out.append(" ".join(heads) + " " + title + " " + c.quote)
    return out


def coverage(plan: WorkPlan, t: Topic, tok, topical: set[str] = frozenset()) -> tuple[list[str], list[str]]:
    """(covered, uncovered) parts of the topic over the plan's precedent passages, each as the topic
    writes it (phrases())."""
    texts = passages(plan, topical)
    cut = tok.cut
    ts = terms(t, cut)
    parts = {w: [x for x in tok(w) if len(x) >= 2 and x != w] for w in ts}  # the search cut's parts
    covered = {w for w in ts if any(says(w, x, parts[w], t.core) for x in texts)}
    return phrases(t, cut, covered), phrases(t, cut, set(ts) - covered)


def phrases(t: Topic, cut, chosen: set[str]) -> list[str]:
    """The chosen terms as the topic writes them: terms next to each other joined (外卖小哥), a person
    suffix after one taken with it (快递 员: cover_suffixes), a modifier after a phrase taken with it when
    the phrase ends there (老旧小区 of 推进老旧小区，; not 盘活社区 of 盘活社区闲置空间)."""
    core, spans = t.core, []
    for w in chosen:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(w), core)]
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    modifiers = _not_heads()[0]
    suffixes = json.loads(DATA.read_text(encoding="utf-8"))["cover_suffixes"]
    for x in out:
        x[0] -= len(_prefix(core[:x[0]], cut))
        if core[x[1]:x[1] + 1] in suffixes:
            x[1] += 1
        m = next((w for w in sorted(modifiers, key=len, reverse=True) if core.startswith(w, x[1])), "")
        if m and (x[1] + len(m) == len(core) or core[x[1] + len(m)] in _FUNCTION):
            x[1] += len(m)
    return list(dict.fromkeys(core[a:b] for a, b in out))


def _prefix(before: str, cut) -> str:
    """A one-character adjective the phrase opens with (新 of 新就业群体): the tokenizer cuts it off
    and terms() drops it as too short, but the topic's noun phrase holds it."""
    from .practice import pos_tags

    toks = [w for w in cut(before) if w.strip()]
    if not toks or len(toks[-1]) != 1 or not before.endswith(toks[-1]):
        return ""
    return toks[-1] if pos_tags(before)[-1:] == ((toks[-1], "a"),) else ""


def name_only(plan: WorkPlan, t: Topic, covered: list[str], uncovered: list[str]) -> str:
    """The refusal when the topic quotes a name, the plan's documents carry it (title or text) and
    no passage says any of the topic's other terms; "" otherwise."""
    quoted = names(t.written or t.text)
    if not quoted or not uncovered or covered:
        return ""
    found = {c.title for c in plan.citations if any(n in c.title or n in c.quote for n in quoted)}
    if not found:
        return ""
    return T.NAME_ONLY.format(names="”“".join(quoted), docs="、".join(f"《{d}》" for d in sorted(found)),
                              items="”“".join(uncovered))


def check(plan: WorkPlan, t: Topic, tok, topical: set[str] = frozenset(), docs: dict | None = None) -> list[str]:
    """tok: the kb tokenizer (tok.cut whole words, tok(text) the search cut); docs: the library's documents.
    Raise PlanError on a name-only match; else the notice naming the uncovered terms ([] if none), and
    which documents do say them (cadre review 35: “没有找到关于‘保卫’的内容” while 组织法第十三条 says 治安保卫)."""
    covered, uncovered = coverage(plan, t, tok, topical)
    if msg := name_only(plan, t, covered, uncovered):
        raise PlanError(msg)
    if not uncovered:
        return []
    found = [w for w in uncovered if mentions(docs or {}, w)]
    words = terms(t, tok.cut)
    items, where = "”“".join(uncovered), cited_titles(docs or {}, found, covered + uncovered, words=words)
    if not covered:
        return [T.UNCOVERED_ALL.format(items=items)] + found_elsewhere(docs or {}, found, uncovered, words) \
            + shorter_words(docs or {}, [w for w in uncovered if w not in found], uncovered)
    if found:
        out = [T.UNCOVERED_FOUND.format(items=items, docs=where, found="”“".join(found), covered="”“".join(covered))]
    else:
        out = [T.UNCOVERED.format(items=items, covered="”“".join(covered))]
    return out + shorter_words(docs or {}, [w for w in uncovered if w not in found], covered + uncovered)


def shorter_words(docs: dict, absent: list[str], topic: list[str] = ()) -> list[str]:
    """NEAR_WORD for a term the library never says whose stem less a one-character suffix it does
    (楼组长 → 楼组, cadre review 35: 上海居委会条例第十条 says 楼组); never a modifier or generic stem."""
    modifiers, generic = _not_heads()
    out = []
    for w in absent:
        stem = w[:-1]
        if len(stem) >= 2 and not _no_head(stem, modifiers | generic) and mentions(docs, stem):
            out.append(T.NEAR_WORD.format(term=w, near=stem, docs=cited_titles(docs, [stem], topic)))
    return out


def found_elsewhere(docs: dict, items: list[str], topic: list[str] = (), words: list[str] = ()) -> list[str]:
    """FOUND_ELSEWHERE for the items the library's documents say as written, after a notice that no
    measure covers them (never leave “没有找到” standing for a word the library holds); [] if none."""
    found = [w for w in items if mentions(docs, w)]
    return [T.FOUND_ELSEWHERE.format(docs=cited_titles(docs, found, topic, words=words), found="”“".join(found))] if found else []


def mentions(docs: dict, term: str) -> list[str]:
    """The documents whose text says the term as written, most mentions first."""
    counts = {d: doc.text.count(term) for d, doc in docs.items()}
    return sorted((d for d, k in counts.items() if k), key=lambda d: -counts[d])


def cited_titles(docs: dict, terms: list[str], topic: list[str] = (), most: int = 2, words: list[str] = ()) -> str:
    """《A》《B》等 N 篇文档: the documents saying any of the terms, those saying more of the topic's
    parts (`topic`) first (组织法 saying 治安保卫委员会 and 群防群治 before a law saying 保卫 alone); only
    those saying a term in one paragraph with another of the topic's words (`words`, else `topic`), when any does."""
    ids = list(dict.fromkeys(d for w in terms for d in mentions(docs, w)))
    ids.sort(key=lambda d: -sum(w in docs[d].text for w in topic))
    others = [w for w in (words or topic) if not any(w in x or x in w for x in terms)]
    near = [d for d in ids if together(docs[d].text, terms, others)]
    ids = near or ids  # cadre review s36: 《北京市物业管理条例》 named for 协议签订 of an elderly-support topic
    names = "".join(f"《{docs[d].title}》" for d in ids[:most])
    return names + (f"等 {len(ids)} 篇文档" if len(ids) > most else "")


def together(text: str, terms: list[str], others: list[str]) -> bool:
    """One paragraph of the text says one of the terms and one of the topic's other words."""
    return bool(others) and any(any(w in p for w in terms) and any(o in p for o in others) for p in text.split("\n"))
