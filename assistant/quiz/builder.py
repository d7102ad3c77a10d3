"""build(): scope → facts → items of the requested mix → verified, de-duplicated quiz."""
from __future__ import annotations

import functools
import math
import random
import re
import time

from ..errors import ShequError
from ..library import view_of
from . import facts as F
from .articles import PAPERWORK, article_facts, list_kind, pool_of
from .filters import screen
from .generate import SUPPORTS, Context, core, make_item, province, short_title
from .lists import list_facts, section_facts, step_facts, trim_items
from .model import BLANK, DIFFICULTIES, FALSE, MULTI, SHORT, SINGLE, TRUE, TRUE_FALSE, TYPES, Quiz, QuizItem
from .verify import corpus_of, norm, per_index, verify_item

MAX_ITEMS = 200
WEIGHTS = {SINGLE: 0.3, MULTI: 0.15, TRUE_FALSE: 0.2, BLANK: 0.2, SHORT: 0.15}
ALIASES = {"单选": SINGLE, "多选": MULTI, "判断": TRUE_FALSE, "填空": BLANK, "简答": SHORT,
           "single": SINGLE, "multi": MULTI, "multiple": MULTI, "tf": TRUE_FALSE, "truefalse": TRUE_FALSE,
           "judge": TRUE_FALSE, "blank": BLANK, "fill": BLANK, "short": SHORT}
TOPIC_POOL_MAX = 100  # passages searched for a topic-scoped quiz
TOPIC_SHARE = 0.5  # a topic passage scores at least this share of the best one
PASSES = 6  # fill passes: each hands the shortfall on to the types; caps hold in the first half


class QuizError(ShequError, ValueError):
    """Bad quiz request; the message is user-facing Chinese."""


def parse_types(types) -> list[str]:
    """None = every type; an empty selection is an error (the user unticked every box)."""
    if types is None:
        return list(TYPES)
    if isinstance(types, str):
        types = re.split(r"[,，、\s]+", types)
    out, bad = [], []
    for t in types:
        t = str(t).strip()
        if not t:
            continue
        name = t if t in TYPES else ALIASES.get(t.rstrip("题"), ALIASES.get(t.lower()))
        (out if name else bad).append(name or t)
    if bad:
        raise QuizError(f"未知题型：{'、'.join(bad)}。可选题型：{'、'.join(TYPES)}。")
    if not out:
        raise QuizError(f"请至少指定一种题型：{'、'.join(TYPES)}。")
    return list(dict.fromkeys(out))


def check_request(n, difficulty: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        try:
            n = int(n)
        except (TypeError, ValueError):
            raise QuizError(f"题目数量必须是整数，当前为“{n}”。") from None
    if n <= 0 or n > MAX_ITEMS:
        raise QuizError(f"题目数量必须在 1 到 {MAX_ITEMS} 之间，当前为 {n}。")
    if difficulty not in DIFFICULTIES:
        raise QuizError(f"未知难度：{difficulty}。可选难度：{'、'.join(DIFFICULTIES)}。")
    return n


def quotas(n: int, types: list[str]) -> dict[str, int]:
    """Split n over the types by weight, at least one of each type when n allows."""
    w = {t: WEIGHTS[t] for t in types}
    total = sum(w.values())
    q = {t: int(n * w[t] / total) for t in types}
    for t in sorted(types, key=lambda t: -w[t]):
        if sum(q.values()) >= n:
            break
        if q[t] == 0 or sum(q.values()) < n:
            q[t] += 1
    while sum(q.values()) > n:
        t = max(q, key=lambda t: q[t])
        q[t] -= 1
    return q


def build(kb, docs=None, methods=None, topic=None, n: int = 20, types=None, difficulty: str = "中",
          seed: int = 0) -> Quiz:
    kb = view_of(kb)
    t0 = time.perf_counter()
    n = check_request(n, difficulty)
    types = parse_types(types)
    corpus = corpus_of(kb)
    qs = kb.settings.quiz
    scope, chunks = select_scope(kb, docs, methods, topic, n)
    dropped: dict[str, int] = {}
    material, filtered = screen(gather(kb, chunks, methods, qs, dropped), kb.documents, qs,
                                scoped=bool(docs or methods or topic))
    rng = random.Random(seed)
    lib = library(kb)
    ctx = Context(kb.documents, rng, difficulty, num_pool=lib["numbers"],
                  item_pool=lib["items"], is_true=corpus.is_true)
    ctx.tf_next[0] = rng.random() < 0.5
    ctx.cache["article_pool"] = lib["articles"]
    items, stats = fill(material, types, quotas(n, types), n, ctx, corpus, rng, qs)
    stats["filtered"] = {**dropped, **filtered}
    items = shuffled(items, rng)
    notice = ""
    if len(items) < n:
        notice = (f"所选范围内的资料只够生成 {len(items)} 道经核验的题目（要求 {n} 道），"
                  f"题目不会重复出现；可扩大资料范围或减少题量。")
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    return Quiz(items, n, types, difficulty, seed, scope, notice, stats)


def select_scope(kb, docs, methods, topic, n: int = 20) -> tuple[str, list]:
    chunks = list(kb.chunks)
    labels = []
    if docs:
        wanted = resolve_docs(kb, [docs] if isinstance(docs, str) else list(docs))
        chunks = [c for c in chunks if c.doc_id in wanted]
        labels.append("文档：" + "、".join(kb.documents[d].title for d in sorted(wanted)))
    if methods:
        names = [methods] if isinstance(methods, str) else list(methods)
        keys = [norm(core(m)).strip("“”\"") for m in names]
        chunks = _method_chunks(kb, chunks, keys)
        labels.append("方法：" + "、".join(names))
    if topic:
        idx = {c.chunk_id for c in chunks}
        # passages on the topic: enough of them for n items (most passages yield one or none)
        scored = kb.scored(str(topic), k=min(TOPIC_POOL_MAX, max(12, 4 * n)))
        top = max((s.score for s in scored), default=0.0)
        hits = [kb.chunks[s.idx] for s in scored if s.score >= TOPIC_SHARE * top]
        chunks = [c for c in hits if c.chunk_id in idx]
        labels.append(f"主题：{topic}")
    return ("；".join(labels) or "全部资料"), chunks


def _rechunk(f: F.Fact, chunks) -> F.Fact:
    """Cite the chunk that holds the start of the quote."""
    for c in chunks:
        if c.doc_id == f.doc_id and c.start <= f.start < c.end:
            f.chunk_id = c.chunk_id
            break
    return f


def _method_chunks(kb, chunks, keys: list[str]) -> list:
    """Chunks naming the method, plus those holding its components (from its card or its
    named list), in the same document."""
    keep = {c.chunk_id for c in chunks if any(k and k in norm(c.text) for k in keys)}
    sents = F.sentences(kb.documents, chunks)
    parts: list[tuple[str, str]] = [(f.doc_id, it) for f in list_facts(sents) if norm(core(f.head)) in keys
                                    for it in f.items]
    for card in kb.cards or []:
        if any(k in norm(card.get("full_name", "") + card.get("name", "")) for k in keys):
            keep.update(x.get("chunk_id") for x in card.get("components", []))
    for c in chunks:
        if any(d == c.doc_id and norm(it) in norm(c.text) for d, it in parts):
            keep.add(c.chunk_id)
    return [c for c in chunks if c.chunk_id in keep]


def resolve_docs(kb, refs: list[str]) -> set[str]:
    out, bad = set(), []
    for r in refs:
        r = str(r).strip()
        hits = [d for d, doc in kb.documents.items() if r == d or r in doc.title or d.startswith(r)]
        (out.update(hits) if hits else bad.append(r))
    if bad:
        raise QuizError(f"找不到文档：{'、'.join(bad)}。可用 `shequ search` 或文档列表查看文档编号。")
    return out


def _facts_of(kb, chunks, qs, dropped: dict[str, int]) -> list[F.Fact]:
    # an anonymized title ("&&&&社区…") cannot be named in a stem
    chunks = [c for c in chunks if not F.ANON.search(short_title(kb.documents[c.doc_id]))]
    sents = F.sentences(kb.documents, chunks)
    nums = F.number_facts(sents, qs.max_claim, context=qs.on("no_context"), dropped=dropped)
    return (nums + list_facts(sents) + step_facts(sents) + section_facts(kb.documents, chunks)
            + F.place_facts(kb.documents, sents) + article_facts(kb.documents, chunks))


def library(kb) -> dict:
    """Corpus-wide pools for distractors (all numbers, all named-list items), cached per index."""
    kb = view_of(kb)
    return per_index(kb.data, "library", _library)


def _library(data) -> dict:
    sents = F.sentences(data.documents, data.chunks)
    lists = list_facts(sents) + F.card_facts(data.cards or [], data.documents)
    lib = {"numbers": [f.num for f in F.number_facts(sents)],
           "items": [(f.head, it) for f in lists for it in f.items if F.PLAIN_ITEM.fullmatch(it)],
           "articles": pool_of(article_facts(data.documents, data.chunks) + step_facts(sents)
                               + section_facts(data.documents, data.chunks))}
    return lib


_NORM = re.compile(r"至少|不少于|不低于|不超过|不得|每[年月季周日天]|以上|以下|以内|日内|工作日|届|任期|应当|须")


def _tier(f: F.Fact, docs) -> int:
    """0: what a trainee should learn (an article's duties or conditions, a method's parts, a
    section's measures); 1: a rule's figure (至少/不得/工作日… or any figure of a regulation);
    2: another figure; 3: a count of one or an example."""
    if f.kind == "article":
        return 1 if list_kind(f.head) in PAPERWORK else 0
    if f.kind != "number":
        return 0
    if (f.num.value == 1 and not f.num.chinese) or f.extra.get("example"):
        return 3
    return 1 if _NORM.search(f.clause) or docs[f.doc_id].meta.get("doc_type") in ("规范", "法规") else 2


LOCAL_RANKS = 2  # a local text's facts queue behind a national text's of the same tier by this many


def ordered(material: list[F.Fact], docs, rng: random.Random) -> list[F.Fact]:
    """Best facts first, spread over documents (round robin within a quality tier)."""
    by_doc: dict[str, list[F.Fact]] = {}
    for f in material:
        by_doc.setdefault(f.doc_id, []).append(f)
    keyed = []
    for d in sorted(by_doc):
        fs = by_doc[d]
        rng.shuffle(fs)
        fs.sort(key=lambda f: _tier(f, docs))
        local = LOCAL_RANKS if province(docs[d]) else 0  # (a national text holds for every trainee)
        keyed += [((rank + 3 * _tier(f, docs) + local, rng.random()), f) for rank, f in enumerate(fs)]
    keyed.sort(key=lambda x: x[0])
    return [f for _, f in keyed]


def _bigrams(text: str) -> set[str]:
    t = norm(re.sub(r"^根据[^《，]{0,12}《[^》]*》，", "", text))
    return {t[i:i + 2] for i in range(len(t) - 1)}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _claim(item: QuizItem) -> str:
    """The rule an item states, whatever its type: its template, "{}" marking the figure
    (compared together with the key itself)."""
    check = item.check
    return check["template"] if check.get("kind") == "number" else ""


def _near_dup(item: QuizItem, items: list[QuizItem], near: float = 0.6, same_rule: float = 0.45) -> bool:
    """The same fact asked again: overlapping quotes, a near-identical quote or stem (another type
    of the same fact), the same named method twice in short answers, or a rule of the same
    shape stated by another document, whatever its figure (居民会议每年至少召开一次 in one
    place and 至少举行2次 in another: one paper must not teach both as the rule)."""
    b = _bigrams(item.stem)
    names = set(re.findall(r"[“‘]([^”’]{2,14})[”’]", item.stem))
    for o in items:
        if o.type == item.type == SHORT and names & set(re.findall(r"[“‘]([^”’]{2,14})[”’]", o.stem)):
            return True
        if o.citation.doc_id == item.citation.doc_id and o.citation.start < item.citation.end \
                and item.citation.start < o.citation.end:
            return True  # one passage (one sentence's three figures, an article's count and its items)
        if _overlap(_bigrams(o.citation.quote), _bigrams(item.citation.quote)) > near:
            return True
        if _overlap(_bigrams(o.stem), b) > near:
            return True
        if len({norm(x) for x in o.options} & {norm(x) for x in item.options}) >= 2:
            return True  # the same options twice: one item's keys shown as the other's distractors
        if _claim(item) and _claim(o) and _same_rule(_claim(o), _claim(item), same_rule):
            return True  # one rule twice, or two places' rules on one matter with different figures
        if gives_away(item, o):
            return True
    return False


def shown(item: QuizItem) -> list[str]:
    """What an item prints that a trainee reads as a fact of its source: its options, or the
    list items its statement names (判断 and 填空 name them in the stem)."""
    if item.check.get("kind") == "number":
        return []  # (a figure among options is not a fact of another passage)
    texts = list(item.options) + [x for x in item.check.get("key", []) + item.check.get("wrong", [])
                                  if isinstance(x, str)]
    return [t for t in dict.fromkeys(texts) if len(norm(t)) >= 4]


def gives_away(a: QuizItem, b: QuizItem) -> bool:
    """One item tells another's key: a text a prints (an option, a listed point) is quoted
    from b's source passage, or the other way round, and the two cite different passages
    (two neighbouring articles used as each other's distractors: the 单选 on 居民会议职权 shows
    the 判断 on 居民委员会任务 which of its items belongs where)."""
    if a.citation.quote == b.citation.quote or "number" in (a.check.get("kind"), b.check.get("kind")):
        return False  # (a figure's sentence printed beside a list tells nothing of the figure)
    qa, qb = norm(a.citation.quote), norm(b.citation.quote)
    return any(norm(t) in qb for t in shown(a)) or any(norm(t) in qa for t in shown(b))


def _key_clause(claim: str, key: str) -> str:
    return next((p for p in re.split(r"[，,；;]", claim) if key in p), claim)


def _same_rule(a: str, b: str, share: float, subject_chars: int = 6) -> bool:
    """Two statements of one rule with the same figure (业主大会定期会议…每年至少召开一次 and
    业主大会会议每年至少召开一次): their key clauses and their openings (the subject) overlap."""
    ka = _key_clause(a, "{}") if "{}" in a else a
    kb_ = _key_clause(b, "{}") if "{}" in b else b
    return _overlap(_bigrams(ka), _bigrams(kb_)) >= share and \
        _overlap(_bigrams(a[:subject_chars]), _bigrams(b[:subject_chars])) >= share / 2


NOTICES = ("通知", "意见", "实施方案")  # one office's arrangements, capped per document


def repeats_national(quote: str, national: list[str], share: float = 0.6, least: int = 6) -> bool:
    """Most clauses of a local passage (of `least` characters or more) occur word for word in
    one national text."""
    clauses = [_plain(c) for c in re.split(r"[，,；;。：:\n（）()]", quote) if len(_plain(c)) >= least]
    if not clauses:
        return False
    return any(sum(c in _plain_text(text) for c in clauses) >= share * len(clauses) for text in national)


@functools.lru_cache(maxsize=128)
def _plain_text(text: str) -> str:
    """_plain of a whole document, once per text."""
    return _plain(text)


def _plain(text: str) -> str:
    """Normalized text without its figures (2至3人 in one law is 二至三人 in the other)."""
    return re.sub(r"[\d一二两三四五六七八九十百千]+", "", norm(text))


class Caps:
    """Spread over a paper: at most a share of the items from one document (never fewer than
    an even split over the documents in scope), at most a share of items whose key is a
    figure (that budget spread over the types that ask figures, by their quotas), one
    fact key (一次) at most `same_key` times per type, and one figure of one document once
    (特困人员认定办法's 15个工作日 of two stages would be asked twice). The last fill passes lift the caps
    but the key cap rather than leave the paper short."""

    def __init__(self, n: int, material: list[F.Fact], qs, quota: dict[str, int], documents: dict | None = None):
        ndocs = len({f.doc_id for f in material}) or 1
        self.per_doc = max(math.ceil(n * qs.doc_share), math.ceil(n / ndocs))
        # the figure budget, spread over the types that ask figures by their quotas
        asking = {t: q for t, q in quota.items() if "number" in SUPPORTS[t]}
        total = sum(asking.values()) or 1
        self.numbers = {t: math.ceil(n * qs.number_share * q / total) for t, q in asking.items()}
        self.same_key = qs.same_key
        self.documents = documents or {}  # (place and genre of each document: its caps)
        self.per_place = max(1, math.floor(n * qs.place_share))
        self.per_notice = qs.per_notice
        self.places: dict[str, int] = {}
        self.docs: dict[str, int] = {}
        self.keys: dict[tuple[str, str], int] = {}
        self.n_numbers: dict[str, int] = {}
        self.lifted = False

    def allows(self, f: F.Fact, t: str) -> bool:
        if f.kind == "number" and self.keys.get((t, f.key), 0) >= self.same_key:
            return False  # never lifted: a key that recurs is guessed, not known
        doc = self.documents.get(f.doc_id)
        place = province(doc) if doc else ""
        if place and self.places.get(place, 0) >= self.per_place:
            return False  # never lifted: no class is taught one place's rules as the paper's bulk
        if doc and doc.meta.get("doc_type") in NOTICES and self.docs.get(f.doc_id, 0) >= self.per_notice:
            return False  # (one notice's subsidies and hotlines are one office's arrangements)
        if f.kind == "number" and (f.doc_id, f.key) in self.keys:
            return False  # never lifted: one document's figure twice is one rule asked twice (公示异议…15个工作日)
        if self.lifted:
            return True
        return self.docs.get(f.doc_id, 0) < self.per_doc and \
            (f.kind != "number" or self.n_numbers.get(t, 0) < self.numbers.get(t, 0))

    def remove(self, item: QuizItem) -> None:
        """Give back the document and place counts of an item dropped from the paper."""
        d = item.citation.doc_id
        self.docs[d] = self.docs.get(d, 1) - 1
        place = province(self.documents[d]) if d in self.documents else ""
        if place:
            self.places[place] = self.places.get(place, 1) - 1

    def add(self, f: F.Fact, t: str) -> None:
        place = province(self.documents[f.doc_id]) if f.doc_id in self.documents else ""
        if place:
            self.places[place] = self.places.get(place, 0) + 1
        self.docs[f.doc_id] = self.docs.get(f.doc_id, 0) + 1
        self.n_numbers[t] = self.n_numbers.get(t, 0) + (f.kind == "number")
        self.keys[(t, f.key)] = self.keys.get((t, f.key), 0) + 1
        self.keys[(f.doc_id, f.key)] = 1


def next_truth(items: list[QuizItem], number: bool, rng: random.Random) -> bool:
    """Whether the next 判断 states a truth: the side short among the 判断 of its kind (a
    figure or not) so that either kind is half true, a seeded coin when they are even (a fixed
    alternation is a pattern a trainee learns; so is every changed figure being 错误)."""
    answers = [it.answer for it in items if it.type == TRUE_FALSE and (it.check.get("kind") == "number") == number]
    if answers.count(TRUE) != answers.count(FALSE):
        return answers.count(TRUE) < answers.count(FALSE)
    return rng.random() < 0.5


def shuffled(items: list[QuizItem], rng: random.Random) -> list[QuizItem]:
    """Items grouped by type in TYPES order, in a seeded random order within each type (the
    order they were taken in follows the fill's turns)."""
    out = []
    for t in TYPES:
        group = [it for it in items if it.type == t]
        rng.shuffle(group)
        out += group
    return out


class Filler:
    """Takes items type by type in turn, each type its best remaining fact, so no type eats
    the facts another type needs (a figure asked as 单选 leaves none for 判断)."""

    def __init__(self, order, ctx, corpus, qs, caps: Caps):
        self.order, self.ctx, self.corpus, self.qs, self.caps = order, ctx, corpus, qs, caps
        self.sections = {c.chunk_id: c.section for c in corpus.chunks.values()}
        self.items: list[QuizItem] = []
        self.used: set[str] = set()
        self.tried: set[tuple[str, str]] = set()
        self.reasons: dict[str, int] = {}
        self.national = [norm(d.text) for d in ctx.docs.values()
                         if not province(d) and d.meta.get("doc_type") in ("法规", "规范")]

    def repeats(self, f: F.Fact) -> bool:
        """A local text restating a national one (河南's 实施办法 copying the 居民委员会组织法):
        ask the national text, whose rule holds for every trainee."""
        doc = self.ctx.docs[f.doc_id]
        return bool(province(doc)) and repeats_national(doc.text[f.start:f.end], self.national)

    def _true_room(self, f: F.Fact, lead: int = 2) -> bool:
        """Room for one more true 判断 of f's kind (figure or not): true ones lead by less than `lead`."""
        answers = [it.answer for it in self.items
                   if it.type == TRUE_FALSE and (it.check.get("kind") == "number") == (f.kind == "number")]
        return answers.count(TRUE) - answers.count(FALSE) < lead

    def take(self, t: str) -> bool:
        """Add the next item of type t from the best fact that yields one; False if none does."""
        for f in self.order:
            if f.fact_id in self.used or (f.fact_id, t) in self.tried or f.kind not in SUPPORTS[t]:
                continue
            if not self.caps.allows(f, t) or self.repeats(f):
                continue  # (a capped fact is tried again once the caps are lifted)
            self.tried.add((f.fact_id, t))
            if t == TRUE_FALSE:
                self.ctx.tf_next[0] = next_truth(self.items, f.kind == "number", self.ctx.rng)
            item = make_item(f, t, self.ctx, self.sections.get(f.chunk_id, ""))
            if item is None and t == TRUE_FALSE and not self.ctx.tf_next[0] and self._true_room(f):
                self.ctx.tf_next[0] = True  # no false statement of it (no wrong item to swap in): a true one
                item = make_item(f, t, self.ctx, self.sections.get(f.chunk_id, ""))
            if item is None:
                continue
            problems = verify_item(item, self.corpus)
            for p in problems:
                key = re.sub(r"“[^”]*”", "“…”", p)
                self.reasons[key] = self.reasons.get(key, 0) + 1
            if problems or _near_dup(item, self.items, self.qs.near_dup, self.qs.same_rule):
                continue
            self.items.append(item)
            if item.check.get("denied"):
                denied = self.ctx.cache.setdefault("denied", {})
                denied[item.answer] = denied.get(item.answer, 0) + 1
            if item.check.get("kind") != "number":  # (its passage lends no more wrong options)
                self.ctx.cache["on_paper"] = self.ctx.cache.get("on_paper", ()) + (norm(item.citation.quote),)
            self.caps.add(f, t)
            self.used.add(f.fact_id)
            return True
        return False


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
    caps = Caps(n, material, qs, quota, ctx.docs)
    filler = Filler(ordered(material, ctx.docs, rng), ctx, corpus, qs, caps)
    _passes(filler, caps, types, dict(quota))
    for _ in range(2):  # 简答 past their share of the marks make way for objective items
        extra = short_excess(filler.items, qs.short_share)
        objective = [t for t in types if t != SHORT]
        if not extra or not objective:
            break
        gone = {id(it) for it in extra}
        filler.items = [it for it in filler.items if id(it) not in gone]
        for it in extra:  # (their facts may still make objective items)
            filler.used.discard(it.fact_id)
            caps.remove(it)
        pending = {t: 0 for t in types}
        for i in range(n - len(filler.items)):
            pending[objective[i % len(objective)]] += 1
        _passes(filler, caps, objective, pending)
    stats = {"facts": len(material), "rejected": sum(filler.reasons.values()), "reject_reasons": filler.reasons,
             "caps_lifted": caps.lifted}
    return filler.items, stats


def _passes(filler, caps, types, pending) -> None:
    """Fill passes; after PASSES they go on while a pass still adds items (a type that ran
    dry must not leave the paper short while another type can still yield)."""
    rnd = 0
    while True:
        caps.lifted = rnd >= PASSES // 2
        before = len(filler.items)
        live = [t for t in types if pending[t] > 0]
        while live:  # one item per type in turn
            live = [t for t in live if pending[t] > 0 and filler.take(t)]
            for t in live:
                pending[t] -= 1
        short = sum(max(0, v) for v in pending.values())
        if short == 0 or rnd >= PASSES and len(filler.items) == before:
            break
        pending = {t: 0 for t in types}  # hand the shortfall to the types that can still yield
        for i in range(short):  # (starting one type further each pass, so every type gets its turn)
            pending[types[(rnd + 1 + i) % len(types)]] += 1
        rnd += 1


def gather(kb, chunks, methods, qs, dropped: dict[str, int]) -> list[F.Fact]:
    facts = _facts_of(kb, chunks, qs, dropped)
    ids = {c.chunk_id for c in chunks}
    cards = [c for c in (kb.cards or []) if any(x.get("chunk_id") in ids for x in c.get("components", []))]
    if methods:
        keys = [norm(core(m)) for m in ([methods] if isinstance(methods, str) else methods)]
        cards = [c for c in cards if any(k in norm(c.get("full_name", "") + c.get("name", "")) for k in keys)]
    from_cards = [_rechunk(f, kb.chunks) for f in F.card_facts(cards, kb.documents)]
    for f in from_cards:
        f.items = trim_items(f.items)
        f.key = "、".join(f.items)
    named = {core(f.head) for f in from_cards}
    return from_cards + [f for f in facts if not (f.kind == "list" and core(f.head) in named)]
