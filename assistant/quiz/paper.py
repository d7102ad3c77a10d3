"""Filling a paper: the best facts first, spread over documents, places and types within the
caps, each item verified and not a near duplicate of one already taken; 判断 truth balanced
and items shuffled within their type."""
from __future__ import annotations

import math
import random
import re
from collections import Counter

from . import facts as F
from .articles import PAPERWORK, list_kind
from .echo import blank_echo, echo
from .generate import SUPPORTS, make_item, province
from .holder import holder_rank
from .leaks import leaking
from .model import BLANK, FALSE, MULTI, SHORT, TRUE, TRUE_FALSE, QuizItem
from .overlap import key_rare, keys_of, near_dup, printed, repeats_national
from .paper_forms import figure_swap, item_form, next_truth, shown_wrong, shuffled, tf_form, wrong_options  # noqa: F401
from .review import guessable
from .verify import norm, verify_item

RIGHTS_DUTIES = ("权利", "义务")  # (list_kind of an article whose 多选 sets one against the other)
PASSES = 6  # fill passes: each hands the shortfall on to the types; caps hold in the first half


_NORM = re.compile(r"至少|不少于|不低于|不超过|不得|每[年月季周日天]|以上|以下|以内|日内|工作日|届|任期|应当|须")


UNDERSTANDING = ("procedure", "define")  # (procedure.py, distinction.py)


def _tier(f: F.Fact, docs) -> int:
    """0: what a trainee should learn (an article's duties or conditions, a method's parts, a
    section's measures); 1: a rule's figure (至少/不得/工作日… or any figure of a regulation);
    2: another figure; 3: a count of one or an example; -1: a procedure's steps or two kinds told apart, what a
    cadre applies (issue 13, trainer review 76), ahead of its document's other facts."""
    if f.kind in UNDERSTANDING:
        return -1
    if f.kind == "article":
        return 1 if list_kind(f.head) in PAPERWORK else 0
    if f.kind != "number":
        return 0
    if (f.num.value == 1 and not f.num.chinese) or f.extra.get("example"):
        return 3
    return 1 if _NORM.search(f.clause) or docs[f.doc_id].meta.get("doc_type") in ("规范", "法规") else 2


LOCAL_RANKS = 2  # with a region, a local text's facts queue behind a national text's of the same tier by this many


def ordered(material: list[F.Fact], docs, rng: random.Random, home: str | None = None,
            by_holder: bool = False) -> list[F.Fact]:
    """Best facts first, spread over documents (round robin within a quality tier); without a region
    (home None) every national fact before a local one (trainer review 15: 15 local items of 60 unusable
    for a class from several regions), with one (home "" or a place) the local ones by quality. by_holder:
    within a document's tier the community level's duties first, another body's last (holder.holder_rank;
    trainer review 76: the law's 居委会 clause, not its 医疗机构 one; the round robin over documents is kept)."""
    by_doc: dict[str, list[F.Fact]] = {}
    for f in material:
        by_doc.setdefault(f.doc_id, []).append(f)
    keyed = []
    for d in sorted(by_doc):
        fs = by_doc[d]
        rng.shuffle(fs)
        held = {f.fact_id: holder_rank(f, docs) if by_holder else 0 for f in fs}
        fs.sort(key=lambda f: (_tier(f, docs), held[f.fact_id]))
        local = LOCAL_RANKS if province(docs[d]) else 0  # (a national text holds for every trainee)
        keyed += [((bool(f.extra.get("last_resort")), bool(local) and home is None, rank + 3 * _tier(f, docs) + local,
                    rng.random()), f)
                  for rank, f in enumerate(fs)]  # (a last-resort fact after every other: filters.LAST_RESORT)
    keyed.sort(key=lambda x: x[0])
    return [f for _, f in keyed]


NOTICES = ("通知", "意见", "实施方案")  # one office's arrangements, capped per document


LOCAL_RESCUE = DEFER_RESCUE = 1  # the rescue passes, in order: local texts past local_share and deferred items,
ECHO_RESCUE, LAST_RESCUE, TOPIC_RESCUE = 2, 3, 4  # then items whose stem echoes the key (偏易, named in the
# advice) rather than more of a higher body's own work past last_resort_max, then topics past per_topic


def local_most(n: int, qs) -> int:
    """Most items of a paper without a region from local texts, all places together (before its
    rescue passes): local_share of it (0: national texts first, local ones only to fill the paper;
    trainer review 15 found every one of 15 local items unusable for a class from several regions)."""
    return math.floor(n * qs.local_share)


class Caps:
    """Spread over a paper: at most a share of the items from one document (never fewer than
    an even split over the documents in scope), at most a share of items whose key is a
    figure (that budget spread over the types that ask figures, by their quotas), one
    fact key (一次) at most `same_key` times per type, and one figure of one document once
    (特困人员认定办法's 15个工作日 of two stages would be asked twice). The last fill passes lift the caps
    but the key cap rather than leave the paper short."""

    def __init__(self, n: int, material: list[F.Fact], qs, quota: dict[str, int], documents: dict | None = None,
                 topics: dict[str, int] | None = None):
        ndocs = len({f.doc_id for f in material}) or 1
        self.per_doc = max(math.ceil(n * qs.doc_share), math.ceil(n / ndocs))
        self.topic_of = topics or {}  # doc_id -> topic cluster (topics.clusters)
        nclusters = len({self.topic_of.get(f.doc_id, f.doc_id) for f in material}) or 1
        self.per_topic = max(math.ceil(n * qs.topic_share), math.ceil(n / nclusters))
        self.topics: dict = {}
        self.rules_max = math.floor(n * qs.scenario_share)
        self.qs_overflow = qs.rules_overflow
        self.n_rules = 0
        self.last_max, self.n_last = qs.last_resort_max, 0
        self.topic_rescue = qs.topic_rescue
        self.rescue = 0  # last passes of a paper that would be short: 1 local texts past local_share and deferred items
        # (a higher body's who-blank, a sub-heading's 判断), 2 last-resort past last_max, 3 topics past per_topic (echoes)
        # the figure budget, spread over the types that ask figures by their quotas
        asking = {t: q for t, q in quota.items() if "number" in SUPPORTS[t]}
        total = sum(asking.values()) or 1
        self.numbers = {t: math.ceil(n * qs.number_share * q / total) for t, q in asking.items()}
        self.same_key = qs.same_key
        self.documents = documents or {}  # (place and genre of each document: its caps)
        self.per_place = max(1, math.floor(n * qs.place_share))
        self.per_local = local_most(n, qs)  # (every place's texts together, when no region is chosen)
        self.per_notice = qs.per_notice
        self.places: dict[str, int] = {}
        self.home = ""  # (a region's quiz: its own place is the trainees', not capped)
        self.docs: dict[str, int] = {}
        self.keys: dict[tuple[str, str], int] = {}
        self.n_numbers: dict[str, int] = {}
        self.lifted = False

    def allows(self, f: F.Fact, t: str) -> bool:
        if f.kind == "number" and self.keys.get((t, f.key), 0) >= self.same_key:
            return False  # never lifted: a key that recurs is guessed, not known
        doc = self.documents.get(f.doc_id)
        place = province(doc) if doc else ""
        if place and place != self.home and self.places.get(place, 0) >= self.per_place:
            return False  # never lifted: no class is taught one place's rules as the paper's bulk
        if place and place != self.home and self.rescue < LOCAL_RESCUE and not self.lifted and \
                sum(k for p, k in self.places.items() if p != self.home) >= self.per_local:
            return False  # (a mixed class: local rules a small share, unless the paper would be short; review 11)
        if place and doc.meta.get("doc_type") in NOTICES and self.docs.get(f.doc_id, 0) >= self.per_notice:
            return False  # (a local notice's subsidies and hotlines are one office's arrangements; a national
            # 意见's measures bind every trainee: the per-document cap holds them)
        if f.kind == "number" and (f.doc_id, f.key) in self.keys:
            return False  # never lifted: one document's figure twice is one rule asked twice (公示异议…15个工作日)
        if self.topics.get(self._topic(f.doc_id), 0) >= self.per_topic + (self.topic_rescue if self.rescue >= TOPIC_RESCUE else 0):
            return False  # (one subject through many documents is still one subject; a few more only to fill a paper)
        if f.kind == "rule" and (self.rescue or self.lifted) and self.n_rules >= self.rules_max + self.qs_overflow:
            return False  # (the rescue and lifted passes add no 情景 past their share's overflow: a stop 39 test paper took 21)
        if f.extra.get("last_resort") and self.n_last >= self.last_max and self.rescue < LAST_RESCUE:
            return False  # (a higher body's own work: a few per paper, review 9's 12 of 18 填空)
        if f.extra.get("last_resort") and f.kind == "rule" and self.n_rules >= self.rules_max + self.qs_overflow:
            return False  # (a higher body's duty filling a paper: not past the 情景 share by more than a few)
        if f.kind == "rule" and (not self.rules_max or self.n_rules >= self.rules_max and not self.lifted):
            return False  # 情景 items are a part of the paper, not its bulk (past their share only when it would be short)
        if self.lifted:
            return True
        return self.docs.get(f.doc_id, 0) < self.per_doc and \
            (f.kind != "number" or self.n_numbers.get(t, 0) < self.numbers.get(t, 0))

    def _topic(self, doc_id: str):
        return self.topic_of.get(doc_id, doc_id)

    def remove(self, item: QuizItem) -> None:
        """Give back the document, topic and place counts of an item dropped from the paper."""
        d = item.citation.doc_id
        self.docs[d] = self.docs.get(d, 1) - 1
        self.topics[self._topic(d)] = self.topics.get(self._topic(d), 1) - 1
        self.n_last -= bool(item.check.get("last_resort"))
        place = province(self.documents[d]) if d in self.documents else ""
        if place:
            self.places[place] = self.places.get(place, 1) - 1

    def add(self, f: F.Fact, t: str) -> None:
        place = province(self.documents[f.doc_id]) if f.doc_id in self.documents else ""
        if place:
            self.places[place] = self.places.get(place, 0) + 1
        self.docs[f.doc_id] = self.docs.get(f.doc_id, 0) + 1
        self.topics[self._topic(f.doc_id)] = self.topics.get(self._topic(f.doc_id), 0) + 1
        self.n_rules += f.kind == "rule"
        self.n_last += bool(f.extra.get("last_resort"))
        self.n_numbers[t] = self.n_numbers.get(t, 0) + (f.kind == "number")
        self.keys[(t, f.key)] = self.keys.get((t, f.key), 0) + 1
        self.keys[(f.doc_id, f.key)] = 1


class Filler:
    """Takes items type by type in turn, each type its best remaining fact, so no type eats
    the facts another type needs (a figure asked as 单选 leaves none for 判断)."""

    def __init__(self, order, ctx, corpus, qs, caps: Caps):
        self.order, self.ctx, self.corpus, self.qs, self.caps = order, ctx, corpus, qs, caps
        self.sections = {c.chunk_id: c.section for c in corpus.chunks.values()}
        self.items: list[QuizItem] = []
        self.used: set[str] = set()
        self.tried: set[tuple[str, str]] = set()
        self.deferred: set[tuple[str, str]] = set()  # (items marked "defer": taken only to fill a short paper)
        self.reasons: dict[str, int] = {}
        self.leaks = 0  # items not taken because another item prints their answer, or they print another's
        self.national = [norm(d.text) for d in ctx.docs.values()
                         if not province(d) and d.meta.get("doc_type") in ("法规", "规范")]

    def repeats(self, f: F.Fact) -> bool:
        """A local text restating a national one (河南's 实施办法 copying the 居民委员会组织法):
        ask the national text, whose rule holds for every trainee."""
        doc = self.ctx.docs[f.doc_id]
        return bool(province(doc)) and repeats_national(doc.text[f.start:f.end], self.national)

    def _true_room(self, f: F.Fact, lead: int = 1) -> bool:
        """Room for one more true 判断 of f's form: true ones lead by less than `lead`."""
        form = tf_form(f.kind)
        answers = [it.answer for it in self.items if it.type == TRUE_FALSE and form in ("rule", item_form(it))]
        return answers.count(TRUE) - answers.count(FALSE) < lead

    def swaps_full(self) -> bool:
        """The paper's false 判断 that change a figure are at swap_share of them (review 9: 5 of 6, a
        pattern a trainee learns); one is always allowed."""
        falses = [it for it in self.items if it.type == TRUE_FALSE and it.answer == FALSE]
        swaps = sum(figure_swap(it) for it in falses)
        return swaps >= 1 and swaps + 1 > self.qs.swap_share * (len(falses) + 1)

    def rights_full(self, f: F.Fact, t: str) -> bool:
        """A 多选 on one side of 权利 and 义务 when the paper has its share of them already (review 8:
        all 4 多选 asked which items are rights and which duties; one such is a real question)."""
        if t != MULTI or f.kind != "article" or list_kind(f.head) not in RIGHTS_DUTIES:
            return False
        return sum(bool(it.type == MULTI and it.check.get("rights")) for it in self.items) >= self.qs.multi_rights

    def take(self, t: str) -> bool:
        """Add the next item of type t from the best fact that yields one; False if none does."""
        for f in self.order:
            if f.fact_id in self.used or (f.fact_id, t) in self.tried or f.kind not in SUPPORTS[t]:
                continue
            if (f.fact_id, t) in self.deferred and self.caps.rescue < DEFER_RESCUE:
                continue
            if self.rights_full(f, t):
                continue
            if not self.caps.allows(f, t) or self.repeats(f):
                continue  # (a capped fact is tried again once the caps are lifted)
            self.tried.add((f.fact_id, t))
            if t == TRUE_FALSE:
                self.ctx.tf_next[0] = next_truth(self.items, tf_form(f.kind), self.ctx.rng)
                self.ctx.cache["swaps_full"] = self.swaps_full()  # (then a figure's false 判断 turns its limit, or is true)
            section = f.extra.get("section") or self.sections.get(f.chunk_id, "")  # (a part's measures: the part)
            item = make_item(f, t, self.ctx, section)
            if item is None and t == TRUE_FALSE and not self.ctx.tf_next[0] and self._true_room(f):
                self.ctx.tf_next[0] = True  # no false statement of it (no wrong item to swap in): a true one
                item = make_item(f, t, self.ctx, section)
            if item is None:
                continue
            if item.type == BLANK and not self.qs.weak_blank_fill and blank_echo(item):  # (never asked: review 14)
                self.ctx.cache.setdefault("echo_blanks", set()).add(f.fact_id)
                continue
            if echo(item):  # (the key picked by its words, reviews 10 and 11: only to fill a paper, named in its advice)
                item.check["echo"] = True
            if item.check.get("echo") and self.caps.rescue < ECHO_RESCUE or \
                    item.check.get("defer") and self.caps.rescue < DEFER_RESCUE:
                self.tried.discard((f.fact_id, t))  # (a higher body's duty, a part's sub-heading: reviews 10, 11)
                self.deferred.add((f.fact_id, t))
                continue
            if self.qs.guess_check and self.caps.rescue < DEFER_RESCUE and \
                    guessable(item, self.items, self.ctx.docs[f.doc_id].title, self.qs.guess_title):
                self.tried.discard((f.fact_id, t))  # (a guessable 填空: only to fill a short paper, review 71)
                self.deferred.add((f.fact_id, t))
                continue
            if item.type == BLANK:  # (a rarer name as key is told by any item on its document)
                item.check["key_rare"] = key_rare(item.answer, self.ctx.docs[f.doc_id].text, self.qs.giveaway_rate)
            problems = verify_item(item, self.corpus)
            for p in problems:
                key = re.sub(r"“[^”]*”", "“…”", p)
                self.reasons[key] = self.reasons.get(key, 0) + 1
            if self.qs.leak_check and not problems and leaking(item, self.items, self.qs):
                self.leaks += 1  # (named in a short paper's notice: never a silent shortfall)
                continue
            if problems or shown_wrong(item, self.ctx.cache) or near_dup(item, self.items, self.qs.near_dup, self.qs.same_rule, self.qs.giveaway_share,
                                         self.qs.giveaway_near):
                continue
            if t == MULTI and f.kind == "article" and list_kind(f.head) in RIGHTS_DUTIES:
                item.check["rights"] = True
            if f.extra.get("last_resort"):
                item.check["last_resort"] = True
            if self.caps.docs.get(f.doc_id, 0) >= self.caps.per_doc:
                item.check["doc_over"] = True  # (past its document's share, the caps lifted: named in the advice)
            self.items.append(item)
            self.ctx.cache.setdefault("keys_on_paper", set()).update(keys_of(item))
            self.ctx.cache.setdefault("wrong_on_paper", set()).update(wrong_options(item))
            if item.check.get("kind") != "number":  # (its passage lends no more wrong options)
                self.ctx.cache["on_paper"] = self.ctx.cache.get("on_paper", ()) + (norm(printed(item)),)  # (a procedure: its steps)
            if item.type == MULTI:  # (the next 多选 takes a key count the paper has used least)
                self.ctx.cache.setdefault("multi_counts", Counter())[len(item.answer)] += 1
            self.caps.add(f, t)
            self.used.add(f.fact_id)
            return True
        return False


def short_share(qs, difficulty: str) -> float:
    """The share of the marks 简答 may carry: short_share at 中, a step less at 易 and more at 难."""
    step = {"易": -1, "难": 1}.get(difficulty, 0) * qs.short_step
    return min(1.0, max(0.05, qs.short_share + step))


def short_excess(items: list[QuizItem], share: float) -> list[QuizItem]:
    """The 简答 to drop, last taken first, until they carry at most `share` of the marks."""
    shorts = [it for it in items if it.type == SHORT]
    total = sum(it.score for it in items)
    out = []
    while shorts and sum(it.score for it in shorts) > share * total:
        it = shorts.pop()
        out.append(it)
        total -= it.score
    return out


def fill(material, types, quota, n, ctx, corpus, rng, qs) -> tuple[list[QuizItem], dict]:
    caps = Caps(n, material, qs, quota, ctx.docs, ctx.cache.get("topics"))
    caps.home = ctx.cache.get("home", "")
    filler = Filler(ordered(material, ctx.docs, rng, ctx.cache.get("region"), qs.holder_order), ctx, corpus, qs, caps)
    _passes(filler, caps, types, dict(quota))
    share = short_share(qs, ctx.difficulty)
    for _ in range(2):  # 简答 past their share of the marks make way for objective items
        extra = short_excess(filler.items, share)
        objective = [t for t in types if t != SHORT]
        if not extra or not objective:
            break
        gone = {id(it) for it in extra}
        filler.items = [it for it in filler.items if id(it) not in gone]
        for it in extra:  # (their facts may still make objective items)
            filler.used.discard(it.fact_id)
            caps.remove(it)
        _passes(filler, caps, objective, _spread(types, objective, n - len(filler.items)))
    for level in (LOCAL_RESCUE, ECHO_RESCUE, LAST_RESCUE, TOPIC_RESCUE):  # more local rules and deferred items, a
        # higher body's own work, then a large subject's further items (and echoes), rather than a short paper
        if len(filler.items) < n:
            caps.rescue = level
            asked = [t for t in types if t != SHORT or not short_excess(filler.items + [_MARK], share)]
            _passes(filler, caps, asked, _spread(types, asked, n - len(filler.items)))
    stats = {"facts": len(material), "rejected": sum(filler.reasons.values()), "reject_reasons": filler.reasons,
             "leaks": filler.leaks,
             "caps_lifted": caps.lifted, "per_topic": caps.per_topic, "per_place": caps.per_place, "per_doc": caps.per_doc,
             "topics": len(set(caps.topics)),
             "last_resort": sorted({f.fact_id for f in material if f.extra.get("last_resort")} & filler.used),
             "deferred": sorted(it.fact_id for it in filler.items if it.check.get("defer")),
             "higher_who": len(ctx.cache.get("higher_who", set()) - filler.used),  # (refused 填空 whose fact no
             "echo_blanks": len(ctx.cache.get("echo_blanks", set()) - filler.used)}  # other item used: the notice's count
    return filler.items, stats


_MARK = QuizItem(SHORT, "", "", "", None, points=["", "", "", ""])  # (one more 简答 of usual marks: still within short_share?)


def _spread(types, asked, short: int) -> dict[str, int]:
    """A shortfall handed round the types `asked`, one item each in turn."""
    pending = {t: 0 for t in types}
    for i in range(short):
        pending[asked[i % len(asked)]] += 1
    return pending


def _passes(filler, caps, types, pending) -> None:
    """Fill passes; after PASSES they go on until the shortfall has gone round every type without
    adding an item (a type that ran dry must not leave the paper short while another type can
    still yield: a 2-item shortfall handed to 判断 and 简答 alone stopped a paper at 58)."""
    rnd, idle = 0, 0
    while True:
        caps.lifted = rnd >= PASSES // 2
        before = len(filler.items)
        live = [t for t in types if pending[t] > 0]
        while live:  # one item per type in turn
            live = [t for t in live if pending[t] > 0 and filler.take(t)]
            for t in live:
                pending[t] -= 1
        short = sum(max(0, v) for v in pending.values())
        idle = idle + 1 if len(filler.items) == before else 0
        if short == 0 or rnd >= PASSES and idle >= len(types):
            break  # (idle passes: the shortfall has started at every type, so none can still yield)
        pending = {t: 0 for t in types}  # hand the shortfall to the types that can still yield
        for i in range(short):  # (starting one type further each pass, so every type gets its turn)
            pending[types[(rnd + 1 + i) % len(types)]] += 1
        rnd += 1
