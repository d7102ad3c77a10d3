"""build(): scope → facts → items of the requested mix → verified, de-duplicated quiz."""
from __future__ import annotations

import math
import random
import re
import time

from ..errors import ShequError
from ..library import view_of
from . import facts as F
from . import region as regions
from .articles import article_facts, pool_of
from .distinction import distinction_facts
from .filters import screen
from .generate import Context, core, short_title
from .keys import balance_keys
from .lists import list_facts, section_facts, step_facts, trim_items
from .local import mark, statements
from .model import BLANK, DIFFICULTIES, MULTI, SHORT, SINGLE, TRUE_FALSE, TYPES, Quiz
from .paper import fill, local_most, shuffled
from .procedure import procedure_facts
from .scenarios import rule_facts
from .topics import clusters
from .verify import corpus_of, norm, per_index

MAX_ITEMS = 200
WEIGHTS = {SINGLE: 0.3, MULTI: 0.15, TRUE_FALSE: 0.2, BLANK: 0.2, SHORT: 0.15}
ALIASES = {"单选": SINGLE, "多选": MULTI, "判断": TRUE_FALSE, "填空": BLANK, "简答": SHORT,
           "single": SINGLE, "multi": MULTI, "multiple": MULTI, "tf": TRUE_FALSE, "truefalse": TRUE_FALSE,
           "judge": TRUE_FALSE, "blank": BLANK, "fill": BLANK, "short": SHORT}
TOPIC_POOL_MAX = 100  # passages searched for a topic-scoped quiz
TOPIC_SHARE = 0.5  # a topic passage scores at least this share of the best one


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
          seed: int = 0, region: str | None = None) -> Quiz:
    """region: 北京 (national texts and 北京's), 全国 (national texts only); None: every text, each
    place's share capped (settings.quiz.place_share) and the local items counted in the advice."""
    kb = view_of(kb)
    t0 = time.perf_counter()
    n = check_request(n, difficulty)
    types = parse_types(types)
    corpus = corpus_of(kb)
    qs = kb.settings.quiz
    try:
        home = regions.resolve(region, kb.documents)
    except ValueError as e:
        raise QuizError(str(e)) from None
    scope, chunks = select_scope(kb, docs, methods, topic, n)
    if home is not None:
        chunks = [c for c in chunks if regions.keeps(kb.documents[c.doc_id], home)]
        scope = regions.label(home) if scope == "全部资料" else f"{scope}；{regions.label(home)}"
    dropped: dict[str, int] = {}
    material, filtered = screen(gather(kb, chunks, methods, qs, dropped), kb.documents, qs,
                                scoped=bool(docs or methods or topic))
    rng = random.Random(seed)
    ctx = context(kb, qs, rng, difficulty, corpus, home)
    items, stats = fill(material, types, quotas(n, types), n, ctx, corpus, rng, qs)
    stats["filtered"] = {**dropped, **filtered}
    stats["region"] = home
    stats["exam_minutes"] = math.ceil(sum(it.score for it in items) * qs.minutes_per_mark / 10) * 10
    items = balance_keys(shuffled(items, rng), rng)
    if home is None:  # (a class from several places: a local item says whose rule it is)
        regions.tag_local(items, kb.documents)
    notice = short_notice(len(items), n, stats)
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    advice = last_resort_notice(items, stats) + doc_notice(items, kb.documents, stats) + (regions.local_advice(items, kb.documents, local_most(n, qs) if qs.local_share < 1 else None) if home is None else "")
    return Quiz(items, n, types, difficulty, seed, scope, notice, stats, advice)


def context(kb, qs, rng: random.Random, difficulty: str, corpus, home: str | None = None) -> Context:
    """What every item maker reads besides its fact: the library's pools, the settings that shape
    items and the paper's region (home None: no region asked, national facts first)."""
    lib = library(kb)
    ctx = Context(kb.documents, rng, difficulty, num_pool=lib["numbers"],
                  item_pool=lib["items"], is_true=corpus.is_true)
    ctx.tf_next[0] = rng.random() < 0.5
    ctx.cache["article_pool"] = lib["articles"]
    ctx.cache["rule_pool"] = lib["rules"]
    ctx.cache["sentences"] = corpus.sents  # (a 情景's wrong options are checked against every passage)
    ctx.cache["heading_key"] = (qs.heading_chars, qs.gloss_chars)  # (a 简答 of short headings: keyed by them)
    ctx.cache["weak_blank_fill"] = qs.weak_blank_fill  # (a higher body's who-blank: deferred, or never asked)
    ctx.cache["duty_blank"] = qs.duty_blank  # (another body's duty: its object blanked, not its name)
    ctx.cache["flat_key"] = (qs.giveaway_rate, qs.flat_share) if qs.flat_check else None  # (a duty blank's key: its own words)
    ctx.cache["shared_multi"] = qs.shared_multi  # (a duty several bodies share: a 多选 on which carry it)
    ctx.cache["synonym_swap"] = qs.synonym_check  # (a false 判断 never swaps a body for its other name)
    ctx.cache["near_head"] = qs.near_head  # (nor for a body of the same head: 医疗保障部门 / 医疗保险经办机构)
    ctx.cache.update({k: getattr(qs, k) for k in ("scene_variants", "scene_sources", "blank_alternatives", "blank_parallel")})
    ctx.cache["home"] = home or ""  # (the trainees' own place: its share is not capped)
    ctx.cache["region"] = home  # (None: no region asked, national facts first)
    ctx.cache["topics"] = per_index(kb.data, f"topics:{qs.topic_link}", lambda d: clusters(d.documents, qs.topic_link))
    return ctx


def last_resort_notice(items: list, stats: dict) -> str:
    """Which items ask a higher body's own work (filters.LAST_RESORT, a who-blank keyed by one) or a
    part's sub-heading, taken only because nothing else filled the paper: the trainer may swap them."""
    last = set(stats.get("last_resort", ())) | set(stats.get("deferred", ()))
    nums = [str(i) for i, it in enumerate(items, 1) if it.fact_id in last]
    echoed = [str(i) for i, it in enumerate(items, 1) if it.check.get("echo")]
    said = (f"第 {'、'.join(echoed)} 题偏易（题干与答案用词相近，或干扰项与情景关系不大），因资料中其他可出的题目已用完才补入，可酌情修改。"
            if echoed else "")
    if not nums:
        return said
    return said + (f"第 {'、'.join(nums)} 题考的是上级机关自身的工作职责或文件的小标题，因资料中其他可出的题目已用完才补入，"
            "对社区学员用处不大，可酌情替换。")


def doc_notice(items: list, docs: dict, stats: dict) -> str:
    """Which documents give more items than their share (settings.quiz.doc_share), taken only because
    the other documents could not fill the paper (trainer review 16: 6 of 60 from one law)."""
    over = {it.citation.doc_id for it in items if it.check.get("doc_over")}
    if not over:
        return ""
    said = "；".join(f"《{short_title(docs[d])}》{sum(it.citation.doc_id == d for it in items)} 道（第 "
                    f"{'、'.join(str(i) for i, it in enumerate(items, 1) if it.citation.doc_id == d)} 题）"
                    for d in sorted(over))
    return (f"为保持各文件均衡，每份文件一般最多出 {stats['per_doc']} 题；本卷{said}超过此数，"
            "因其他文件可出的题不够才补入，可酌情替换。")


def short_notice(made: int, n: int, stats: dict) -> str:
    """Why a quiz is shorter than requested, in the trainer's words ("" when it is not)."""
    if made >= n:
        return ""
    if made == 0 and not stats["facts"]:  # nothing to ask about: what to change, not the mechanics of a short paper
        return (f"没有生成题目：所选范围内的资料只够生成 0 道题目（要求 {n} 道），其中没有找到可以出题的知识点。"
                "请换一个主题、指定文档或方法卡，或先在“资料库”页（命令行 shequ ingest）加入相关文件。")
    return (f"所选范围内的资料只够生成 {made} 道经核验的题目（要求 {n} 道）。原因：可出题的知识点共 {stats['facts']} 条，"
            f"每条只出一题；其中 {stats['rejected']} 次出题未通过核验（答案须有原文依据、干扰项不得在资料中成立）；"
            f"为保持题目均衡，同一主题的文件最多出 {stats['per_topic']} 题，{_place_reason(stats)}。{_unasked(stats)}"
            "可扩大资料范围、补充其他主题的资料，或减少题量。")


def _unasked(stats: dict) -> str:
    """The 填空 a paper never asks, however short it comes out (trainer review 14)."""
    parts = [f"{stats['higher_who']} 条只能出成考上级机关职责（哪个机关负责什么）的填空题，对社区学员用处不大"
             if stats.get("higher_who") else "",
             f"{stats['echo_blanks']} 条出成填空题时题干已暗示答案，没有区分度" if stats.get("echo_blanks") else "",
             f"{stats['leaks']} 道题的答案已出现在本卷其他题的题干或选项中（或其题干、选项说出了其他题的答案），为免互相泄露未采用"
             if stats.get("leaks") else ""]
    said = "；".join(p for p in parts if p)
    return f"另有知识点未采用：{said}。" if said else ""


def _place_reason(stats: dict) -> str:
    """The place part of a short paper's reasons: the per-place cap, or the region asked."""
    home = stats.get("region")
    if home is None:
        return f"同一省市的地方文件最多出 {stats['per_place']} 题"
    return f"按地区只用全国性文件和{home}的文件" if home else "按地区只用全国性文件"


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
    parts = step_facts(sents, qs.point_chars, qs.point_cover, qs.point_whole) + \
        section_facts(kb.documents, chunks, qs.point_chars, qs.point_cover, qs.point_whole, qs.part_chars,
                      tuple(qs.part_count))
    kinds = (procedure_facts(kb.documents, chunks) if qs.procedures else []) + \
        (distinction_facts(kb.documents, chunks) if qs.distinctions else [])  # (issue 13: steps, kinds told apart)
    return nums + list_facts(sents) + parts + F.place_facts(kb.documents, sents) + \
        article_facts(kb.documents, chunks) + rule_facts(kb.documents, sents) + kinds


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
                               + section_facts(data.documents, data.chunks)),
           "rules": rule_facts(data.documents, sents)}
    return lib


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
    out = from_cards + [f for f in facts if not (f.kind == "list" and core(f.head) in named)]
    mark(out, kb.documents, statements(kb), qs)  # (which local figures and slogans other texts share)
    return out
