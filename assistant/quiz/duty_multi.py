"""A 多选 on a duty several bodies share (issue 13: a trainer's paper had one 多选 in 60 items and 12 of 14
简答 reciting lists). “居民委员会、村民委员会应当协助…” asks which bodies carry it: the bodies the clause names
are the keys, other bodies the same document names as actors the wrong options (居民委员会、村民委员会 →
业主委员会, 县级人民政府民政部门), never one that any passage of the corpus has do the same (the duty's
opening words beside that body's name): the key must hold against every other clause."""
from __future__ import annotations

import dataclasses
import random
import re
import zlib
from itertools import combinations, islice

from .duty_blank import BODIES, JOINS, MEMBER
from .echo import GENERIC, WORDS, synonyms
from .model import MULTI, QuizItem
from .verify import form_giveaway, norm

VAGUE = tuple(WORDS["vague_openers"])  # (其他组织, 有关单位: no body a trainee can tick)
OPEN_SET = re.compile(r"等|" + "|".join(VAGUE))  # (村民委员会等组织, 和其他组织: the set is open, a wrong option may belong)
SWAP_PROBE = 10  # leading characters of the duty (after its bodies) another passage must not state of a wrong option
NOT_NAMED = ("其", "有关", "相关", "当地", "全", "各", "本", "所有", "经", "按照", "依照", "根据", "由", "对")  # (named_actor's, and 所有单位, 经县级…: no body's name)
WIDER = re.compile(r"以上|地方")  # (a level's name that takes in the level named without it)
COMBOS = 120  # sets of wrong options tried for one whose form tells nothing (verify.form_giveaway)


def named_parts(bodies: str) -> tuple[str, list[str]]:
    """(what the first body's name is qualified by, the named bodies): 物业所在地的街道办事处、乡镇人民政府 →
    (物业所在地的, [街道办事处, 乡镇人民政府]); none when the set is open (和其他组织, 等组织) or a member is
    qualified (有条件的居民委员会: only some carry it) or cut inside a name (区住房和城乡建设…部门 split at 和)."""
    parts = [p for p in JOINS.split(bodies) if p]
    lead = parts[0][:parts[0].rfind("的") + 1] if parts else ""
    if parts:
        parts[0] = parts[0][len(lead):]
    if OPEN_SET.search(bodies) or any("的" in p or not MEMBER.search(p) for p in parts):
        return lead, []
    return lead, list(dict.fromkeys(parts))


def _alike(a: str, b: str) -> bool:
    """One body's name holds the other's, or is another name of it (乡镇人民政府（街道办事处） / 街道办事处)."""
    return a in b or b in a or b in synonyms(a) or a in synonyms(b)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} - GENERIC


def does_it(body: str, rest: str, doc_text: str, probe: str, ctx) -> bool:
    """Some passage has `body` do this duty too: a corpus sentence with the duty's opening words and its name,
    or a sentence of the document naming it that holds most of the duty's words (ALIKE, as for one rule:
    应急知识宣传普及活动和必要的应急演练 is the county's duty as well as the committees')."""
    from .scenarios import ALIKE

    names = {body, WIDER.sub("", body)}  # (县级以上人民政府 holds 县级人民政府: the county's duty is its own)
    if any(ctx.is_true(probe, n) for n in names):
        return True
    mine = _bigrams(norm(rest))
    return bool(mine) and any(any(n in s for n in names) and len(mine & _bigrams(norm(s))) / len(mine) >= ALIKE
                              for s in re.split(r"[。；]", doc_text))


def doc_bodies(fact, bodies: str, ctx) -> list[str]:
    """The bodies fact's document has act (a clause opening with a body's name and a modal, as scenarios.ACTOR
    reads one, and named_actor would keep), other than those of the duty; the rules' own actors first."""
    from .scenarios import ACTOR, OPEN, VAGUE_ACTOR, other_bodies
    from .scenarios import BODY as ACTOR_BODY

    named = other_bodies(fact, bodies, ctx)
    found = {m.group(1) for c in re.split(r"[。；，：\n]", ctx.docs[fact.doc_id].text) if (m := ACTOR.match(OPEN.sub("", c.strip())))}
    more = sorted(b for b in found - set(named) if b not in fact.key and ACTOR_BODY.search(b) and "的" not in b
                  and not VAGUE_ACTOR.search(b) and not OPEN_SET.search(b) and not b.startswith(NOT_NAMED))
    ctx.rng.shuffle(more)
    return named + more


def _wrongs(fact, bodies: str, keys: list[str], rest: str, ctx) -> list[str]:
    """Other bodies of the document that no passage has do this duty, none like a key or another wrong option."""
    from .scenarios import NEAR_NAME, _overlap

    text, probe = ctx.docs[fact.doc_id].text, norm(rest)[:SWAP_PROBE]
    out = []
    for other in doc_bodies(fact, bodies, ctx):
        if any(_alike(other, k) for k in keys) or any(_alike(other, w) or _overlap(other, w) >= NEAR_NAME for w in out):
            continue  # (县级以上人民政府 beside 县级人民政府: one is guessed from the other)
        if not does_it(other, rest, text, probe, ctx):
            out.append(other)
    return out


def _own_rng(fact, ctx) -> random.Random:
    """A generator seeded by the paper's (read, not drawn from) and the fact's id."""
    return random.Random(hash(ctx.rng.getstate()[1]) ^ zlib.crc32(fact.fact_id.encode()))


def shared_multi(fact, ctx, doc, cite, check: dict) -> QuizItem | None:
    """“根据《X》，下列哪些主体应当……？”: the named bodies of a shared duty as keys; None when fewer than two are
    named, the duty goes on to another body's (，居民委员会…应当予以配合), or no set of the document's other
    bodies leaves the options' form silent."""
    from .generate import _choice, explain, ref
    from .keys import multi_shape

    bodies = fact.extra.get("bodies", "")
    lead, keys = named_parts(bodies)
    if keys:  # (its own draws: a 多选 tried and dropped leaves the paper's other items as they were)
        ctx = dataclasses.replace(ctx, rng=_own_rng(fact, ctx))
    rest = fact.key[len(bodies):]
    if len(keys) < 2 or any(k in rest for k in keys) or any(BODIES.match(c) for c in rest.split("，")[1:]):
        return None  # (one named body is no 多选; a duty naming a key again, or a second holder's, tells it)
    cands = _wrongs(fact, bodies, keys, rest, ctx)
    n_wrong = 1 if ctx.difficulty == "易" else 2
    shape = multi_shape(ctx, min(len(keys), {"易": 2, "中": 3, "难": 4}[ctx.difficulty]), n_wrong, len(keys), len(cands))
    if shape is None:
        return None
    right = ctx.rng.sample(keys, shape[0])
    for wrong in islice(combinations(cands, shape[1]), COMBOS):
        opts, ans = _choice(ctx, right, list(wrong))
        why = f"。该条规定由{'、'.join(keys)}承担这一职责，故选{ans}；{'、'.join(wrong)}不是该条规定的主体。"
        item = QuizItem(MULTI, f"{ref(doc)}{lead}下列哪些主体{rest}？", ans, explain(doc, cite.quote, why), cite, opts,
                        check={**check, "head": norm(rest)[:SWAP_PROBE], "key": right, "wrong": list(wrong), "shared": True})
        if not form_giveaway(item):
            return item
    return None
