"""The forms an enumerating article (or a document part's measures) takes besides 简答: 多选 and
单选 whose options' surface tells nothing, 判断 that only ever say 包括, and 填空 with one short
item blank. article_item (articles.py) picks the form."""
from __future__ import annotations

from .articles import concrete, distractors, source_name
from .blank_alts import alternatives
from .facts import Fact
from .model import BLANK, FALSE, LETTERS, MULTI, SINGLE, TRUE, TRUE_FALSE, QuizItem
from .scenario_checks import covered_by

BLANK_ITEMS = (3, 8)  # an article shown whole in a 填空 stem: this many concrete items
BLANK_ITEM_CHARS = (4, 12)  # the blanked item: a short term, not a clause to copy out
SHOWN_ITEM_CHARS = 20  # every item the stem shows stays a phrase (the stem stays readable)


def blank_item(fact: Fact, ctx, cite, check: dict) -> QuizItem | None:
    """填空: the article with one short item left blank (特困人员生活自理能力…：自主吃饭；______；…);
    it needs no wrong option, so an article whose neighbours are on the paper still gives one."""
    from .generate import BLANK_MARK, explain

    doc = ctx.docs[fact.doc_id]
    items = concrete(fact.items)
    if not BLANK_ITEMS[0] <= len(items) <= BLANK_ITEMS[1] or any(len(it) > SHOWN_ITEM_CHARS for it in items):
        return None
    can = blank_choices(items)
    if not can:
        return None
    whole, k = ctx.rng.choice(can)
    phrases = whole.split("，")
    key = phrases[k]
    blanked = "，".join(BLANK_MARK if j == k else p for j, p in enumerate(phrases))
    shown = [blanked if it == whole else it for it in items] + [it for it in fact.items if it not in items]
    stem = f"{source_name(doc, fact)}规定：“{fact.head}" + "；".join(shown) + "。”"
    wordings = alternatives("", key, ctx.docs)[1:] if ctx.cache.get("blank_alternatives") else []  # (short forms)
    return QuizItem(BLANK, stem, key, explain(doc, cite.quote, f"故空白处应填“{key}”。"), cite,
                    check={**check, "key": [key], "blank": key, "wordings": wordings}, accepted=[key])


BLANK_ECHO = 0.6  # share of a blank's character pairs another shown item may hold before it tells the blank


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def blank_choices(items: list[str]) -> list[tuple[str, int]]:
    """(item, phrase) a 填空 may leave blank: one phrase of an item (严格规范，高效便民 blanks one of
    its two: a blank of two phrases has no clear marking), a short term no other shown text
    contains or echoes (具备成立业主大会条件，但是… shown tells the blank 不具备成立业主大会条件)."""
    lo, hi = BLANK_ITEM_CHARS
    out = []
    for it in items:
        phrases = it.split("，")
        for k, ph in enumerate(phrases):
            others = [o for o in items if o != it] + [p for j, p in enumerate(phrases) if j != k]
            pairs = _pairs(ph)
            echoed = any(len(pairs & _pairs(o)) >= BLANK_ECHO * len(pairs) for o in others)
            if lo <= len(ph) <= hi and not any(ph in o for o in others) and not echoed:
                out.append((it, k))
    return out


TRIES = 8  # draws of keys and wrong options for a choice item whose options' form tells no key


def choice_item(fact: Fact, kind: str, ctx, words: tuple[str, str, str], cite, check: dict, pool,
                 shown) -> QuizItem | None:
    """多选 (which are listed) or 单选 (which one is not): keys and wrong options drawn again, up to
    TRIES times, while every option of one side shares a word the other side lacks (all keys say
    业主大会, the wrong ones a member's own situation): such a paper is answered by its surface."""
    from .generate import _choice, explain
    from .keys import multi_shape
    from .verify import form_giveaway

    doc, rng = ctx.docs[fact.doc_id], ctx.rng
    lead, called, listed = words
    n_right = {"易": 2, "中": 3, "难": 4}[ctx.difficulty] if kind == MULTI else 3
    n_wrong = (1 if ctx.difficulty == "易" else 2) if kind == MULTI else 1
    if len(shown) < (2 if kind == MULTI else 3):
        return None
    wrongs = distractors(fact, pool, n_wrong + 4, rng, doc.text)
    if len(wrongs) < n_wrong:
        return None  # (three keys and one wrong option: the odd one out is seen, not known)
    if kind == MULTI:
        shape = multi_shape(ctx, n_right, n_wrong, len(shown), len(wrongs))
        if shape is None:
            return None
        n_right, n_wrong = shape
    item = None
    for _ in range(TRIES):
        right = rng.sample(shown, min(len(shown), n_right))
        wrong = rng.sample(wrongs, min(len(wrongs), n_wrong))
        opts, ans = _choice(ctx, right, wrong) if kind == MULTI else _choice(ctx, right + wrong, [])
        if kind == MULTI:
            item = QuizItem(MULTI, f"{lead}下列各项中，属于{called}的有哪些？", ans,
                            explain(doc, cite.quote, f"{listed}故选{ans}。"), cite, opts,
                            check={**check, "key": right, "wrong": wrong})
        else:
            ans = LETTERS[opts.index(wrong[0])]
            item = QuizItem(SINGLE, f"{lead}下列哪一项不属于{called}？", ans,
                            explain(doc, cite.quote, f"{listed}不包括“{wrong[0]}”，故选{ans}。"), cite, opts,
                            check={**check, "key": right, "wrong": wrong, "negative": True})
        if not form_giveaway(item):
            return item
    return item  # (the verifier refuses it: its form tells the key)


def statement_item(fact: Fact, ctx, lead: str, called: str, listed: str, cite, check: dict, pool, shown) -> QuizItem | None:
    """判断: "该条所列内容包括“X”", X one of its items (正确) or another article's item on another
    subject (错误). Never "不包括“X”": its false form is a double negative a trainee misreads, and
    its true form made 不包括 always 正确, a pattern learnt in place of the law."""
    from .generate import _next_truth, explain

    doc, rng = ctx.docs[fact.doc_id], ctx.rng
    truth = _next_truth(ctx)
    wrong = [] if truth else [w for w in (distractors(fact, pool, 4, rng, doc.text)
                                          or distractors(fact, pool, 4, rng, doc.text, any_kind=True))
                              if not covered_by(w, fact.items)][:1]  # (租赁…集体财产 beside 集体资产…租赁: a quibble)
    if not shown or not (truth or wrong):
        ctx.tf_next[0] = truth  # the next statement takes this one's turn
        return None
    said = rng.choice(shown) if truth else wrong[0]
    check.update(key=[said] if truth else [], wrong=[] if truth else [said])
    why = f"{listed}表述与原文一致。" if truth else f"{listed}不包括“{said}”，故表述错误。"  # (the list, whole:
    # a quote cut at its first part did not show the fourth part the statement named)
    return QuizItem(TRUE_FALSE, f"{lead}{called}包括“{said}”。", TRUE if truth else FALSE,
                    explain(doc, cite.quote, why), cite, check=check)
