"""Wrong options a 情景 can offer for the same situation (trainer review 75, issue 13): a trainer found the
distractors “从不相干的条款里拼来的，有的还取自北京、上海的文件”, so that only the key fitted the situation.

Two sources besides the other conditional rules of the stem's own document:
- the key itself with one part changed, as a trainee who half knows the rule answers: the same act by
  another body the document names (应当事先告知物业服务企业 → …告知业主委员会), or the right body with another
  time limit of its unit's usual values (五日内 → 十日内); never a change the library states for this body
  or this act (a sentence with the new body and the act, or the changed clause itself);
- another document's conditional rules only when they are on the situation's matter (echo.related), and
  never one place's text for a national stem, nor another place's for a local one (a 北京 rule beside the
  national 物业管理条例 is guessed away by its source, and may well be right where the trainee works).
"""
from __future__ import annotations

import dataclasses
import re

from .facts import Fact
from .filters import higher_body, is_local
from .numbers import FAR, find, on_ladder, synthetic, values_of
from .verify import norm

VARIANTS = 2  # key variants an item takes at most (one alone beside the key marks the pair: the key is one of two)
MODAL = re.compile(r"^(?:应当|应|可以|可|须|必须|要|及时|予以)")
PROBE = 4  # characters of the act (beside the swapped body) a passage must not state of the new body


def place_of(doc) -> str:
    """The place one local text binds ("" for a national one)."""
    from .generate import rule_place

    return rule_place(doc) if is_local(doc) else ""


def allowed_source(fact: Fact, other: Fact, docs: dict) -> bool:
    """Another rule may lend a wrong option: its own document, or on the situation's matter a national text or (for
    a local stem) a text of the stem's own place; never a local text beside a national stem."""
    from .echo import related

    if other.doc_id == fact.doc_id:
        return True
    if not related(fact.head, fact.key, other.head, other.key):
        return False  # (another text's rule on another matter is guessed away)
    mine, theirs = docs[fact.doc_id], docs[other.doc_id]
    if not is_local(theirs):
        return True
    return is_local(mine) and place_of(mine) == place_of(theirs)


def _variant(fact: Fact, text: str, kind: str, was: str, now: str) -> Fact:
    return dataclasses.replace(fact, key=text, clause=f"{fact.head}，{text}",
                               extra={**fact.extra, "variant": kind, "was": was, "now": now})


def body_variants(fact: Fact, bodies: list[str], ctx) -> list[Fact]:
    """The key with a body it names (not the situation's own person) replaced by another body of the
    document, when no passage has that body do the act and the corpus does not tie the changed clause
    to the situation."""
    from .echo import synonyms
    from .scenarios import NEAR_NAME, _overlap, same_head

    key, head = fact.key, fact.head or ""
    found = sorted((b for b in bodies if b in key and b not in head), key=len, reverse=True)
    if not found:
        return []
    was = found[0]
    at = key.index(was)
    act = max(MODAL.sub("", norm(key[at + len(was):])), MODAL.sub("", norm(key[:at])), key=len)
    probe = act[:PROBE] if len(act) >= PROBE else ""
    sents = ctx.cache.get("sentences", [])
    out = []
    for now in bodies:
        if now in key or now in head or was in now or now in was or _overlap(now, was) >= NEAR_NAME \
                or now in synonyms(was) or same_head(now, was, ctx.cache.get("near_head", 0)) \
                or (higher_body(now) and not higher_body(was)):
            continue  # (引导国务院民政部门…开展志愿服务活动 for 志愿服务组织 is guessed away by its level)
        text = key[:at] + now + key[at + len(was):]
        if not probe or ctx.is_true(head, text) or ctx.is_true("", text) or \
                any(now in s and probe in s for s in sents):
            continue  # (another passage has this body do it: the option may be right)
        out.append(_variant(fact, text, "body", was, now))
    ctx.rng.shuffle(out)
    return out


def figure_variants(fact: Fact, ctx) -> list[Fact]:
    """The key with its time limit or count changed to another usual value of its unit (within FAR of it),
    when the corpus states no such clause."""
    nums = [n for n in find(fact.key) if n.value]
    if not nums:
        return []
    n = nums[0]
    key = values_of(n)
    out = []
    for v in synthetic(n, 1 / FAR, FAR):
        if not on_ladder(n, v) or v == key:
            continue
        now = n.render(v)
        text = fact.key[:n.start] + now + fact.key[n.end:]
        if now in fact.key or ctx.is_true("", text) or ctx.is_true(fact.head or "", text):
            continue
        out.append(_variant(fact, text, "figure", n.text, now))
    ctx.rng.shuffle(out)
    return out


def doc_bodies(fact: Fact, ctx) -> list[str]:
    """The bodies fact's document names as actors (the rules' named actors), longest first."""
    from .scenarios import named_actor

    names = {named_actor(f) for f in ctx.cache.get("rule_pool", []) if f.doc_id == fact.doc_id}
    return sorted((n for n in names if n), key=len, reverse=True)


def key_variants(fact: Fact, ctx) -> list[Fact]:
    """Up to VARIANTS changed keys, a body's and a figure's first; none when only one is found."""
    bodies = body_variants(fact, doc_bodies(fact, ctx), ctx)
    figures = figure_variants(fact, ctx)
    mixed = [v for pair in zip(bodies, figures) for v in pair] + bodies[len(figures):] + figures[len(bodies):]
    return mixed[:VARIANTS] if len(mixed) >= VARIANTS else []


def compose(clauses: list[Fact], variants: list[Fact]) -> list[Fact]:
    """The wrong options in the order they are tried: the key's variants with the best other rules on the
    situation's matter (clauses come ranked), else the rules alone."""
    return variants + clauses if variants else clauses


def note(other: Fact, docs: dict) -> str:
    """The 解析's word on a wrong option: where another rule comes from, or what a variant changed."""
    from .scenario_checks import source_of

    if other.extra.get("variant"):
        return f"“{other.key}”把原文的“{other.extra['was']}”换成了“{other.extra['now']}”"
    return f"“{other.key}”是{source_of(other, docs)}"
