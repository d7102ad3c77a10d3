"""Topic understanding: what a cadre types (“进一步加强社区协商议事工作”) → the core topic and
its variants to search with. The word lists are data (topics.json), not code."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from .spoken import written
from .titling import formal

DATA = Path(__file__).with_name("topics.json")
_JOINERS = {"和", "与", "及", "并", "、"}


@functools.cache
def _lists() -> tuple[frozenset[str], tuple[str, ...], tuple[tuple[str, ...], ...]]:
    d = json.loads(DATA.read_text(encoding="utf-8"))
    suffixes = tuple(sorted(d["suffixes"], key=len, reverse=True))
    return frozenset(d["verbs"]), suffixes, tuple(tuple(g) for g in d["synonyms"])


@dataclass(frozen=True)
class Topic:
    text: str  # as the user gave it
    core: str  # without leading verbs and trailing 工作: what is searched for
    variants: tuple[str, ...]  # core first, then core with each synonym swapped in
    written: str = ""  # a spoken request said as a written topic (spoken.py): the plan's title uses it
    focus: tuple[str, ...] = ()  # the foci the request names (…，重点是A和B)
    own: tuple[str, ...] = ()  # the speaker's own unit and year (spoken.py): in the title, not a term to cover
    named: str = ""  # the core as the plan's fixed sections name it: short forms written out (titling.formal)


@functools.cache
def _colloquial() -> dict[str, tuple[str, ...]]:
    d = json.loads(DATA.read_text(encoding="utf-8"))["colloquial"]
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in d.items()}


def plain(text: str, cut) -> str:
    """A spoken topic said as the work it names (把小区里的邻里纠纷化解在家门口 → 小区邻里纠纷): a topic
    ending in a place phrase after its verb loses it and its fillers, and in a 把/将 sentence keeps
    the object without the verb that ends it. Other topics as given."""
    c = _colloquial()
    out = text
    for w in c["locatives"]:
        if out.endswith(w) and len(out) - len(w) >= 4:
            out = out[: -len(w)]  # 化解在家门口: where the verb acts (in mid-topic it may say what: 在家门口养老)
            break
    else:
        return text
    for w in c["fillers"]:
        out = out.replace(w, "的" if w.endswith("的") and not w.startswith("里") and w != "身边的" else "")
    out = out.replace("的的", "的")
    if out.startswith(c["disposal"]) and not out.endswith(_lists()[1]):  # 把…搞起来: a suffix, stripped later
        from .practice import pos_tags  # part of speech: the verb that ends a 把 sentence

        toks = [t for t in pos_tags(out[1:]) if t[0].strip()]
        if len(toks) >= 2 and toks[-1][1] == "v" and len(toks[-1][0]) >= 2:
            out = out[1:len(out) - len(toks[-1][0])]
    out = out.strip("的 ")
    return out if len(out) >= 2 and out != text else text


def strip_verbs(text: str, cut) -> str:
    """Leading verbs (加强/推进/进一步…) and trailing 工作/方案 removed, by whole words; a spoken
    topic's framing removed (plain)."""
    verbs, suffixes, _ = _lists()
    text = plain(text, cut)
    toks = [t for t in cut(text) if t.strip()]
    i = 0
    while i < len(toks) - 1 and (toks[i] in verbs or (i and toks[i] in _JOINERS and toks[i - 1] in verbs)):
        i += 1
    core = "".join(toks[i:]).strip("“”\"' ")
    for s in suffixes:
        if core.endswith(s) and len(core) - len(s) >= 2:
            core = core[: -len(s)].rstrip("的")
            break
    return core.replace("“", "").replace("”", "") or text


def variants(core: str) -> tuple[str, ...]:
    """The core and, per synonym group that occurs in it, the core with each other member."""
    out = [core]
    for group in _lists()[2]:
        hit = next((w for w in sorted(group, key=len, reverse=True) if w in core), None)
        if hit:
            out += [core.replace(hit, w) for w in group if w != hit]
    return tuple(dict.fromkeys(out))


def understand(text: str, cut) -> Topic:
    w = written(text)
    own = w.search or w.topic
    for part in w.own:  # the speaker's own unit and year are titled, not searched nor said as the work
        own = own.replace(part, "")
    core = strip_verbs(own or w.search or w.topic, cut)
    found = variants(core)
    if w.context:  # the complaint's subject searches too (居委会台账报表 + 为社区减负增效), second after the core
        found = (found[0], w.context + core, *found[1:])
    return Topic(text, core, found, w.topic, w.focus, w.own, formal(core) if w.search else core)



@functools.cache
def _not_heads() -> tuple[frozenset[str], frozenset[str]]:
    d = json.loads(DATA.read_text(encoding="utf-8"))
    return frozenset(d["modifiers"]), frozenset(d["generic"])


def _no_head(w: str, plain: frozenset[str]) -> bool:
    """A modifier or generic word, or two of them as one word (社区服务)."""
    return w in plain or any(w[:i] in plain and w[i:] in plain for i in range(1, len(w)))


def _fragment(w: str, words: list[str], plain: frozenset[str]) -> bool:
    """A search-mode piece of a modifier or generic word of the same wording (范化 of 规范化):
    every passage with 规范化 holds it, so it says nothing of what the topic is about."""
    return any(w != x and w in x and _no_head(x, plain) for x in words)


def _heads_of(words: list[str]) -> list[str]:
    """One wording's head words: its words less modifiers and generic words; a head word followed
    by a modifier is one phrase with it (完整社区, 困难群众: the modifier says which, not where)."""
    modifiers, generic = _not_heads()
    out: list[str] = []
    for i, w in enumerate(words):
        if _no_head(w, modifiers | generic) or _fragment(w, words, modifiers | generic):
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        out.append(w + nxt if nxt in modifiers else w)
    return out


def heads(words: list[list[str]]) -> list[list[str]]:
    """Per wording of the topic (its words in order), what a measure must be about (小区邻里纠纷 →
    邻里, 纠纷). A wording left with none is dropped (it gates nothing)."""
    return [h for h in (_heads_of(ws) for ws in words) if h]


def about(heads_: list[list[str]], text: str, tokens: set[str]) -> bool:
    """The text holds a head word of some wording of the topic as a word (调解 is not in 协调解决)
    or a head phrase as written; or the topic has no head."""
    return not heads_ or any(w in tokens or (len(w) >= 4 and w in text) for h in heads_ for w in h)


def point_about(kb, heads_: list[list[str]], p) -> bool:
    """The practice (its text, headings and document title; in a regulation, its whole article:
    第十二条's 联席会议 paragraph is about the 网格化 one after it) is about the topic's head."""
    from .precedents import in_article

    doc = kb.documents[p.doc_id]
    text = doc.title + " " + p.section + " " + p.head + " " + doc.text[p.start:p.end]
    if in_article(p.section):
        text += " ".join(doc.text[c.start:c.end] for c in kb.chunks_of(p.doc_id) if c.chunk_id == p.chunk_id)
    return about(heads_, text, set(kb.tokenizer(text)))


def generic_part(wording: str, heads_: list[str]) -> str:
    """The wording less its head words (社区退役军人服务站规范化建设 → 社区服务规范化建设): what a
    passage shares with the topic when it shares only its kind of work."""
    for w in sorted(heads_, key=len, reverse=True):
        wording = wording.replace(w, "")
    return wording
