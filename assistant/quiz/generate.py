"""Turn facts into quiz items of each type. Pure functions of (fact, context)."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from ingest.model import Document, place_label

from ..types import Citation
from . import numbers
from .facts import Fact
from .keys import multi_shape
from .lists import gloss, heading_key, informative
from .model import BLANK, FALSE, LETTERS, MULTI, SHORT, SINGLE, TRUE, TRUE_FALSE, QuizItem

BLANK_MARK = "______"
SUPPORTS = {
    SINGLE: ("number", "list", "place", "article", "steps", "rule", "procedure"),
    MULTI: ("list", "article", "steps", "rule"),
    TRUE_FALSE: ("number", "list", "place", "article", "steps", "rule"),
    BLANK: ("number", "list", "article", "rule"),
    SHORT: ("list", "steps", "article", "procedure", "define"),
}


@dataclass
class Context:
    docs: dict[str, Document]
    rng: random.Random
    difficulty: str
    num_pool: list[numbers.Num]
    item_pool: list[tuple[str, str]]  # (head, item) of every named list
    is_true: callable  # is_true(head_core, text) -> the corpus ties text to that head
    tf_next: list[bool] = field(default_factory=lambda: [True])
    cache: dict = field(default_factory=dict)


def core(head: str) -> str:
    """The quoted part of a name: “4+1”工作法 → 4+1."""
    m = re.search(r"“([^”]+)”", head)
    return m.group(1) if m else head


def short_title(doc: Document) -> str:
    parts = [p.strip(" —-") for p in re.split(r"—{2,}|-{3,}", doc.title) if p.strip(" —-")]
    quoted = [p for p in parts if "“" in p]
    return (quoted or sorted(parts, key=len, reverse=True) or [doc.title])[0]


ISSUED = re.compile(r"(?:关于印发|转发[^《]*)《(.+)》的(?:通知|函)$")
PLACE_PREFIX = re.compile(r"^(.{2,8}?(?:自治区|省|市|自治州|州|盟|区|县|镇|乡))")
NATIONAL = re.compile(r"^(?:国务院|全国|中共中央|中华人民共和国|民政部|国家|中央)")


def doc_name(doc: Document) -> str:
    """What a stem calls a document: the issued text itself for a 关于印发《…》的通知, titles
    nested in it marked 〈〉."""
    m = ISSUED.search(doc.title)
    name = m.group(1) if m else short_title(doc)
    return name.replace("《", "〈").replace("》", "〉")


def rule_place(doc: Document) -> str:
    """Where a local rule holds: its local issuer ("上海市房屋管理局") or its province and
    city ("上海市"); empty for a national text or a case report (its title names its street)."""
    if doc.meta.get("doc_type") in ("案例", "汇报材料", "研究"):
        return ""
    p = doc.meta.get("place") or {}
    where = place_label({"province": p.get("province", ""), "city": p.get("city", "")})
    issuer = str(doc.meta.get("issuer") or "")
    if issuer and not NATIONAL.match(issuer) and PLACE_PREFIX.match(issuer):
        return issuer  # 上海市房屋管理局: the issuing body names the place
    return where


def province(doc: Document) -> str:
    """The province (or municipality) a local text belongs to; "" for a national text."""
    return str((doc.meta.get("place") or {}).get("province") or "")


def ref(doc: Document) -> str:
    """"根据《…》，", naming the place first when the rule is local and its name does not
    (two places' rules on one matter differ, 每年至少两次 in one and 一次 in another)."""
    name, where = doc_name(doc), rule_place(doc)
    m = PLACE_PREFIX.match(where)
    core = re.sub(r"(?:自治区|省|市|自治州|州|盟|区|县|镇|乡)$", "", m.group(1) if m else where)
    return f"根据{where}《{name}》，" if where and core not in name else f"根据《{name}》，"


def citation(fact: Fact, doc: Document, section: str = "") -> Citation:
    return Citation(1, fact.chunk_id, fact.doc_id, doc.title, section, doc.text[fact.start:fact.end],
                    fact.start, fact.end)


SENTENCE_RUN = 80  # characters a figure's quoted clause may run on to its sentence's end in the 解析


def whole_sentence(doc: Document, cite: Citation) -> str:
    """The cited clause run on to the end of its sentence when that is near (…30个工作日之内
    完成；特殊情况下，可以延长至45个工作日。): a 解析 that stops at the ；drops the rule's exception."""
    if cite.quote.endswith("。"):
        return cite.quote
    stop = doc.text.find("。", cite.end - 1, cite.end + SENTENCE_RUN)
    return doc.text[cite.start:stop + 1] if stop >= 0 and "\n" not in doc.text[cite.end:stop] else cite.quote


SHORT_NEED = 4  # points a 简答 asks for (any of them when the source lists more)
QUOTE_CHARS = {SHORT: 800}  # a 简答's 解析 shows the source of every point; others a sentence or two


def explain(doc: Document, quote: str, conclusion: str, limit: int = 240) -> str:
    q = quote if len(quote) <= limit else quote[:limit - 2] + "……"
    return f"出自《{doc_name(doc)}》，原文：“{q}”{conclusion}"


def _choice(ctx: Context, correct: list[str], wrong: list[str]) -> tuple[list[str], str]:
    opts = correct + wrong
    ctx.rng.shuffle(opts)
    return opts, "".join(sorted(LETTERS[opts.index(c)] for c in correct))


# ---- number facts --------------------------------------------------------------------
def _doc_figures(fact: Fact, ctx: Context) -> set[tuple[str, float]]:
    """(unit, value) of every figure in the fact's document, cached per document."""
    key = "figures:" + fact.doc_id
    if key not in ctx.cache:
        ctx.cache[key] = {(n.unit, v) for n in numbers.find(ctx.docs[fact.doc_id].text)
                          for v in numbers.flat_values(n)}
    return ctx.cache[key]


NEAR_SPARE = 12  # candidate figures beyond k drawn for a key, of which the nearest are taken


def _number_alts(fact: Fact, ctx: Context, k: int) -> list[str]:
    """Other values for the key: never one the corpus states in this clause, nor any figure of
    the same unit the source document states elsewhere (45个工作日 is the same rule's
    extended limit: as a distractor or a false statement it would confuse, not test), nor a key on the paper."""
    alts = numbers.alternatives(fact.num, ctx.num_pool, ctx.rng, k + NEAR_SPARE, ctx.difficulty)
    tmpl, figures = fact.template(), _doc_figures(fact, ctx)
    unit, shown = fact.num.unit, ctx.cache.get("keys_on_paper", set()) | ctx.cache.get("wrong_on_paper", set())
    out = [a for a in alts if not ctx.is_true("", tmpl.format(a)) and a not in shown
           and not any((unit, v) in figures for v in numbers.values_in(a))]
    return numbers.near_key(out, numbers.values_in(fact.key), k, ctx.rng)


# a statement pointing at a list or a rule it does not show (符合下列条件之一的…, 前款规定的…)
DANGLING = re.compile(r"下列|如下|上述|前款|前述|以下(?:条件|情形|事项|规定|要求|内容|几|各)|本条")


LIMIT_FLIP_SHARE = 0.5  # false 判断 on a figure with a limit word (至少/不低于…) that turn the limit, not the figure


def number_item(fact: Fact, kind: str, ctx: Context, section: str) -> QuizItem | None:
    doc = ctx.docs[fact.doc_id]
    cite = citation(fact, doc, section)
    n, tmpl = fact.num, fact.template()
    if DANGLING.search(tmpl):
        return None  # the stem would ask about conditions the paper does not print
    check = {"kind": "number", "template": tmpl, "key": [fact.key], "wrong": []}
    if kind == SINGLE:
        alts = _number_alts(fact, ctx, 3)
        if len(alts) < 3:
            return None
        opts, ans = _choice(ctx, [fact.key], alts)
        check["wrong"] = alts
        return QuizItem(SINGLE, ref(doc) + tmpl.format(n.slot) + "？", ans,
                        explain(doc, whole_sentence(doc, cite), f"故正确答案为{fact.key}。"), cite, opts, check=check)
    if kind == TRUE_FALSE:
        return _number_statement(fact, ctx, doc, cite, check)
    if kind == BLANK:
        blanked = tmpl.format(n.pre + BLANK_MARK + n.mid + n.unit) if not n.chinese else \
            tmpl.format(BLANK_MARK + n.unit)
        check["blank"] = n.number
        accepted = numbers.spellings(n.number)
        also = f"（写作“{accepted[1]}”等亦可）" if len(accepted) > 2 else f"（写作“{accepted[1]}”亦可）" \
            if len(accepted) > 1 else ""  # (every spelling listed ran to 10 in one 解析; the paper states the rule once)
        return QuizItem(BLANK, ref(doc) + blanked + "。", n.number,
                        explain(doc, whole_sentence(doc, cite), f"故空白处应填“{n.number}”{also}。"), cite, check=check,
                        accepted=accepted)
    return None


def _number_statement(fact: Fact, ctx: Context, doc: Document, cite: Citation, check: dict) -> QuizItem | None:
    """判断 on a figure: true as written or with its limit in other words (不得少于2人 → 至少2人);
    false with another figure or with its limit turned (至少召开一次 → 至多召开一次), a seeded
    LIMIT_FLIP_SHARE of the statements that have a limit word."""
    truth, key, tmpl = _next_truth(ctx), fact.key, check["template"]
    variant = numbers.flip_limit(tmpl, key, same=truth)
    said = key
    full = bool(ctx.cache.get("swaps_full")) and not truth  # (the paper has its share of changed figures)
    if variant and (ctx.rng.random() < LIMIT_FLIP_SHARE or full):
        tmpl, key, alts = variant[0], variant[1], [] if truth else [variant[2]]
        said = variant[2] if truth else key
        check.update(template=tmpl, key=[key], swap="limit")
    else:
        alts = [] if truth or full else _number_alts(fact, ctx, 1)
    if not truth and not alts:
        return None
    check["wrong"] = alts
    stmt = ref(doc) + tmpl.format(said if truth else alts[0]) + "。"
    why = (f"原文为“{key}”，与“{said}”意思相同，表述正确。" if said != key else "表述与原文一致。") if truth \
        else f"原文为“{key}”，不是“{alts[0]}”，故表述错误。"
    return QuizItem(TRUE_FALSE, stmt, TRUE if truth else FALSE, explain(doc, whole_sentence(doc, cite), why), cite,
                    check=check)


def _next_truth(ctx: Context) -> bool:
    """Alternate true and false statements so a quiz has both."""
    t = ctx.tf_next[0]
    ctx.tf_next[0] = not t
    return t


# ---- named lists ---------------------------------------------------------------------
def _alike(a: str, b: str) -> bool:
    """Two items a trainee would read as the same point (one character added or changed)."""
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.75


def _list_distractors(fact: Fact, ctx: Context, k: int) -> list[str]:
    head = core(fact.head)
    mine = set(fact.items)
    last = {i[-1] for i in fact.items}
    avg = sum(map(len, fact.items)) / len(fact.items)
    lo, hi = min(map(len, mine)), max(map(len, mine))
    chars = set("".join(mine))
    cands = []
    for h, it in ctx.item_pool:
        if core(h) == head or it in mine or any(it in m or m in it or _alike(it, m) for m in mine):
            continue  # (群众性评议 for 群众评议 is the same point reworded: it would make a false key)
        same_end = it[-1] in last
        same_shape = abs(len(it) - avg) <= 1 and bool(set(it) & chars)
        if len(last) == 1 and not same_end or not lo - 1 <= len(it) <= hi + 1:
            continue  # keys all “…所” or all “…强”: an option of another form gives itself away
        if not (same_end or same_shape) or ctx.is_true(head, it):
            continue  # off-kind options are giveaways; true ones are wrong
        cands.append((2 * same_end + same_shape, ctx.rng.random(), it))
    cands.sort(reverse=True)
    return list(dict.fromkeys(c[2] for c in cands))[:k]


def _head_phrase(fact: Fact) -> str:
    """“四化驱动” as is; an unnamed counted list ("五个专门委员会") is referred to the text."""
    return fact.head if "“" in fact.head else f"文中提到的{fact.head}"


def list_item(fact: Fact, kind: str, ctx: Context, section: str) -> QuizItem | None:
    doc = ctx.docs[fact.doc_id]
    cite = citation(fact, doc, section)
    items, head = list(fact.items), _head_phrase(fact)
    check = {"kind": "list", "head": core(fact.head), "key": [], "wrong": [], "all": items}
    rng, diff = ctx.rng, ctx.difficulty
    if kind == SHORT and fact.kind == "steps":
        return short_item(fact, ctx, section)  # a section's measures: asked by their heading
    if "“" not in fact.head and kind != BLANK:
        return None  # unnamed counted lists ("五个专门委员会") only make fill-in items
    if kind == MULTI:
        n_wrong = 1 if diff == "易" else 2
        wrong = _list_distractors(fact, ctx, n_wrong + 1)
        shape = multi_shape(ctx, min(len(items), {"易": 3, "中": 4, "难": 4}[diff]), min(n_wrong, len(wrong)),
                            len(items), len(wrong))
        if not wrong or shape is None:
            return None
        right, wrong = rng.sample(items, shape[0]), wrong[:shape[1]]
        opts, ans = _choice(ctx, right, wrong)
        check.update(key=right, wrong=wrong)
        return QuizItem(MULTI, ref(doc) + f"下列各项中，属于{head}内容的有哪些？", ans,
                        explain(doc, cite.quote, f"{head}包括{'、'.join(items)}，故选{ans}。"),
                        cite, opts, check=check)
    if kind == SINGLE:
        if diff == "难" and len(items) >= 3:
            wrong = _list_distractors(fact, ctx, 1)
            right = rng.sample(items, 3)
            if not wrong:
                return None
            opts, _ = _choice(ctx, right + wrong, [])
            ans = LETTERS[opts.index(wrong[0])]
            check.update(key=right, wrong=wrong, negative=True)
            return QuizItem(SINGLE, ref(doc) + f"下列哪一项不属于{head}的内容？", ans,
                            explain(doc, cite.quote, f"{head}包括{'、'.join(items)}，不包括“{wrong[0]}”。"),
                            cite, opts, check=check)
        wrong = _list_distractors(fact, ctx, 3)
        if len(wrong) < 3:
            return None
        right = [rng.choice(items)]
        opts, ans = _choice(ctx, right, wrong)
        check.update(key=right, wrong=wrong)
        return QuizItem(SINGLE, ref(doc) + f"下列哪一项属于{head}的内容？", ans,
                        explain(doc, cite.quote, f"{head}包括{'、'.join(items)}，故选{ans}。"),
                        cite, opts, check=check)
    if kind == TRUE_FALSE:
        truth = _next_truth(ctx)
        shown = list(items)
        if not truth:
            wrong = _list_distractors(fact, ctx, 1)
            if not wrong:
                return None
            i = rng.randrange(len(shown))
            check["wrong"], check["replaced"] = wrong, shown[i]
            shown[i] = wrong[0]
        check["key"] = [x for x in shown if x in items]
        stmt = ref(doc) + f"{head}包括{'、'.join(shown)}。"
        why = "表述与原文一致。" if truth else f"原文中是“{check['replaced']}”，不是“{check['wrong'][0]}”，故表述错误。"
        return QuizItem(TRUE_FALSE, stmt, TRUE if truth else FALSE, explain(doc, cite.quote, why), cite,
                        check=check)
    if kind == BLANK:
        i = rng.randrange(len(items))
        shown = items[:i] + [BLANK_MARK] + items[i + 1:]
        check.update(key=[items[i]], blank=items[i])
        return QuizItem(BLANK, ref(doc) + f"{head}包括{'、'.join(shown)}。", items[i],
                        explain(doc, cite.quote, f"故空白处应填“{items[i]}”。"), cite, check=check)
    if kind == SHORT:
        return short_item(fact, ctx, section)
    return None


def short_item(fact: Fact, ctx: Context, section: str) -> QuizItem | None:
    doc = ctx.docs[fact.doc_id]
    cite = citation(fact, doc, section)
    items = list(fact.items)
    if len(items) < 3 or sum(map(len, items)) / len(items) < 4 or "“" not in fact.head + "“" * (fact.kind == "steps"):
        return None  # one-word lists make trivial short-answer questions
    n = len(items)
    count = f"（共{n}个方面，答出其中任意{SHORT_NEED}个即可）" if n > SHORT_NEED else f"（共{n}个方面）"
    if fact.kind == "steps":
        head = fact.head.replace("“", "‘").replace("”", "’")
        stem = ref(doc) + f"关于“{head}”，文中主要提出了哪几个方面？{count}请简要回答。"
    else:
        stem = ref(doc) + f"请简述{fact.head}的主要内容{count}。"
    details = [d.strip().rstrip("。；;") for d in (fact.details or [])]
    heading_chars, gloss_chars = ctx.cache.get("heading_key") or heading_key()
    by_heading = all(len(it) <= heading_chars for it in items)
    if fact.extra.get("cut") and not by_heading:  # (a key of headings, one-line glosses, claims no whole explanation)
        return None  # a 要义 that leaves out a sentence of its point is no complete key (lists.whole_point)
    if len(details) != len(items) or not all(d and informative(d, it) for it, d in zip(items, details)):
        return None  # the key must give the source's explanation of every point
    if by_heading:  # (the key names short headings, a one-line gloss each; review 16: 700-character keys)
        glosses = [gloss(d, gloss_chars) for d in details]
        glosses = glosses if all(glosses) and not fact.extra.get("cut") else [""] * len(glosses)  # (all or none; a cut
        # 要义's first clause scored as its content misleads: trainer review 76, 低保边缘家庭 without its 1.5 倍 condition)
        answer = "；".join(f"{i + 1}. {it}" + (f"：{g}" if g else "") for i, (it, g) in enumerate(zip(items, glosses)))
        points = [f"答出“{it}”" for it in items]
    else:
        answer = "；".join(f"{i + 1}. {it}：{d}" for i, (it, d) in enumerate(zip(items, details)))
        points = [f"答出“{it}”及其要义" for it in items]  # 分值 per point: QuizItem.point_scores()
    answer += "。"
    check = {"kind": "list", "head": core(fact.head) if fact.kind == "list" else "", "key": items, "wrong": []}
    return QuizItem(SHORT, stem, answer, explain(doc, cite.quote, "参考答案据此归纳。", QUOTE_CHARS[SHORT]), cite,
                    points=points, check=check, need=min(len(items), SHORT_NEED))


# ---- places --------------------------------------------------------------------------
def place_item(fact: Fact, kind: str, ctx: Context, section: str) -> QuizItem | None:
    doc = ctx.docs[fact.doc_id]
    cite = citation(fact, doc, section)
    others = [p for p in fact.extra["others"] if not ctx.is_true(core(fact.head), p[1])]
    check = {"kind": "place", "head": core(fact.head), "key": [fact.extra["core"]], "wrong": []}
    if kind == SINGLE:
        if len(others) < 3:
            return None
        wrong = ctx.rng.sample(others, 3)
        opts, ans = _choice(ctx, [fact.key], [w[0] for w in wrong])
        check["wrong"] = [w[1] for w in wrong]
        return QuizItem(SINGLE, f"{fact.head}是下列哪个地方探索形成的做法？", ans,
                        explain(doc, cite.quote, f"故正确答案为{fact.key}。"), cite, opts, check=check)
    if kind == TRUE_FALSE:
        truth = _next_truth(ctx)
        if not truth and not others:
            return None
        place = fact.key if truth else ctx.rng.choice(others)[0]
        if not truth:
            check["wrong"] = [p[1] for p in others if p[0] == place]
        why = "表述与原文一致。" if truth else f"该做法来自{fact.key}，不是{place}，故表述错误。"
        return QuizItem(TRUE_FALSE, f"{fact.head}是{place}探索形成的做法。", TRUE if truth else FALSE,
                        explain(doc, cite.quote, why), cite, check=check)
    return None


def make_item(fact: Fact, kind: str, ctx: Context, section: str = "") -> QuizItem | None:
    if fact.kind not in SUPPORTS[kind]:
        return None
    from .articles import article_item  # (articles and scenarios build on this module's helpers)
    from .distinction import distinction_item
    from .procedure import procedure_item
    from .scenarios import rule_item
    from .verify import undefine

    maker = {"number": number_item, "list": list_item, "steps": list_item if kind == SHORT else article_item,
             "place": place_item, "article": article_item, "rule": rule_item, "procedure": procedure_item,
             "define": distinction_item}[fact.kind]
    item = maker(fact, kind, ctx, section)
    if item is not None and not undefine(item):
        return None  # (its blank sits in a drafting definition)
    if item is not None:
        item.difficulty = ctx.difficulty
        item.fact_id = fact.fact_id
    return item

